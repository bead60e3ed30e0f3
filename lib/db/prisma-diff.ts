// Prisma's own answer to "what SQL turns schema A into schema B", computed offline.
// Prisma 7's CLI needs a native engine this project cannot download; Prisma 6.19's CLI in its
// JS-engine mode (installed as the dev dependency `prisma6`) diffs two schema files with the
// WebAssembly engine and a driver adapter instead. Used by the schema drift test and by
// `npm run db:migration` to draft a new migration. See docs/decisions/001-migrations.md.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);

/** Rewrites a Prisma 7 schema into one Prisma 6 accepts: a datasource url, no v7 generator. */
function toPrisma6Schema(schema: string) {
  return (
    schema
      .replace(/generator\s+\w+\s*\{[^}]*\}/g, "")
      .replace(
        /datasource\s+db\s*\{[^}]*\}/,
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}',
      ) + '\ngenerator client {\n  provider = "prisma-client-js"\n}\n'
  );
}

const EMPTY_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

/**
 * The SQL script that takes a database shaped like `fromSchema` (null = empty) to `toSchema`.
 * Both are schema texts. `databaseUrl` must reach a PostgreSQL (the JS engine insists on one).
 */
export function diffSchemas(fromSchema: string | null, toSchema: string, databaseUrl: string): string {
  const work = mkdtempSync(join(tmpdir(), "prisma-diff-"));
  try {
    const from = join(work, "from.prisma");
    const to = join(work, "to.prisma");
    writeFileSync(from, toPrisma6Schema(fromSchema ?? EMPTY_SCHEMA));
    writeFileSync(to, toPrisma6Schema(toSchema));
    const adapter = require.resolve("prisma6-adapter-pg");
    const config = join(work, "prisma.config.mjs");
    writeFileSync(
      config,
      `import { PrismaPg } from ${JSON.stringify(adapter)};
export default {
  engine: "js",
  experimental: { adapter: true },
  schema: ${JSON.stringify(to)},
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
};
`,
    );
    // The JS engine never loads these; Prisma only checks that the files exist.
    const placeholder = join(work, "placeholder");
    writeFileSync(placeholder, "");
    const cli = require.resolve("prisma6/build/index.js");
    const result = spawnSync(
      process.execPath,
      [
        cli,
        "migrate",
        "diff",
        "--config",
        config,
        "--from-schema-datamodel",
        from,
        "--to-schema-datamodel",
        to,
        "--script",
      ],
      {
        cwd: work,
        encoding: "utf8",
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
          PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
        timeout: 120_000,
      },
    );
    if (result.status !== 0) {
      throw new Error(`prisma migrate diff failed (${result.status}): ${result.stderr || result.stdout}`);
    }
    return result.stdout;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function readSchema(path = "prisma/schema.prisma") {
  return readFileSync(path, "utf8");
}
