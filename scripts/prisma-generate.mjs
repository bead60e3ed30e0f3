// Generates the Prisma client offline (run by `postinstall`, and by scripts/bootstrap.mjs with
// --if-changed whenever prisma/schema.prisma changed). Prisma 7's CLI wants to download its native
// schema engine first, which this machine (and CI) cannot reach; `generate` does not use that
// engine, so any existing executable satisfies the check (see ../shared/ENVIRONMENT.md).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, "lib", "generated", ".schema-hash");
const schemaHash = () => {
  const hash = createHash("sha256");
  for (const file of ["prisma/schema.prisma", "package-lock.json"]) {
    const path = join(root, file);
    hash.update(existsSync(path) ? readFileSync(path) : "");
  }
  return hash.digest("hex");
};

const wanted = schemaHash();
if (process.argv.includes("--if-changed") && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted)
  process.exit(0);

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  console.log("prisma-generate: the prisma CLI is not installed; skipping.");
  process.exit(0);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
const result = spawnSync(process.execPath, [cli, "generate"], { cwd: root, stdio: "inherit", env });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, wanted);
