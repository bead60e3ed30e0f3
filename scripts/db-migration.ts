// `npm run db:migration -- <name>`: drafts prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL Prisma itself would write to take the committed schema (git HEAD) to the working copy's
// prisma/schema.prisma. Review the file, add any hand-written rules, then commit both together.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { diffSchemas, readSchema } from "@/lib/db/prisma-diff";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Give the migration a name in lower case with underscores: npm run db:migration -- add_login_attempts");
  process.exit(2);
}
const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
const dataDir = mkdtempSync(join(tmpdir(), "cp-migration-"));
const postgres = await startEmbeddedPostgres({ dataDir, database: "diff", password: "diff" });
try {
  const sql = diffSchemas(committed, readSchema(), postgres.url());
  if (sql.trim() === "" || /^-- This is an empty migration\.\s*$/.test(sql.trim())) {
    console.log("prisma/schema.prisma matches the committed schema: no migration needed.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = join("prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql — review it before committing.`);
  }
} finally {
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
