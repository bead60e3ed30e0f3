import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { databaseUrlFor, dropDatabase, ensureDatabase } from "./embedded";
import {
  applyMigrations,
  checksumOf,
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  PRISMA_MIGRATE_LOCK,
  readMigrations,
} from "./migrate";

const adminUrl = () => process.env.TEST_ADMIN_DATABASE_URL!;
const created: string[] = [];
const folders: string[] = [];

async function freshDatabase() {
  const name = `cp_migrate_${created.length}_${process.pid}_${Date.now()}`;
  await ensureDatabase(adminUrl(), name);
  created.push(name);
  return databaseUrlFor(adminUrl(), name);
}

/** A copy of the real migrations, plus any extra ones, in a folder the test may change. */
function migrationsFolder(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "cp-migrations-"));
  folders.push(dir);
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  for (const name of created.splice(0)) await dropDatabase(adminUrl(), name);
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  it("applies every migration to a fresh database and records it exactly as Prisma does", async () => {
    const url = await freshDatabase();
    const onDisk = readMigrations();
    const result = await applyMigrations(url);
    expect(result.applied).toEqual(onDisk.map((migration) => migration.name));

    const rows = await query<{
      id: string;
      checksum: string;
      finished_at: Date | null;
      migration_name: string;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
      applied_steps_count: number;
    }>(url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at`);
    expect(rows.map((row) => row.migration_name)).toEqual(onDisk.map((migration) => migration.name));
    for (const [index, row] of rows.entries()) {
      const sql = readFileSync(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(checksumOf(sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.migration_name).toBe(onDisk[index]!.name);
    }
    // The column types Prisma's own table uses.
    const columns = await query<{ column_name: string; data_type: string; max: number | null; is_nullable: string }>(
      url,
      `SELECT column_name, data_type, character_maximum_length AS max, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}${c.max ? `(${c.max})` : ""} ${c.is_nullable}`)).toEqual([
      "id character varying(36) NO",
      "checksum character varying(64) NO",
      "finished_at timestamp with time zone YES",
      "migration_name character varying(255) NO",
      "logs text YES",
      "rolled_back_at timestamp with time zone YES",
      "started_at timestamp with time zone NO",
      "applied_steps_count integer NO",
    ]);
  });

  it("does nothing the second time", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const again = await applyMigrations(url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(readMigrations().map((migration) => migration.name));
    const rows = await query<{ count: string }>(url, `SELECT count(*) FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.count)).toBe(readMigrations().length);
  });

  it("applies each migration once when two processes migrate at the same moment", async () => {
    const url = await freshDatabase();
    const dir = migrationsFolder({ "29990101000000_slow": `SELECT pg_sleep(0.5); CREATE TABLE "SlowOne" (id int);` });
    const run = () =>
      promisify(execFile)(
        process.execPath,
        [join("node_modules", "tsx", "dist", "cli.mjs"), "test/fixtures/migrate-cli.ts", url, dir],
        {
          env: process.env,
        },
      ).then(({ stdout }) => JSON.parse(stdout) as { applied: string[] });
    const [first, second] = await Promise.all([run(), run()]);
    const all = readMigrations(dir).map((migration) => migration.name);
    // Exactly one process applied everything; the other waited for the lock and found nothing to do.
    expect([first.applied, second.applied].sort((a, b) => a.length - b.length)).toEqual([[], all]);
    const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((row) => row.migration_name).sort()).toEqual(all);
  });

  it("waits while Prisma's advisory lock is held by someone else", async () => {
    const url = await freshDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    let finished = false;
    const migrating = applyMigrations(url).then((result) => {
      finished = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(finished).toBe(false);
    await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    await holder.end();
    expect((await migrating).applied.length).toBe(readMigrations().length);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const url = await freshDatabase();
    const dir = migrationsFolder({
      "29990101000000_broken": `CREATE TABLE "HalfDone" (id int); INSERT INTO "NoSuchTable" VALUES (1);`,
    });
    const error = await applyMigrations(url, { dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/29990101000000_broken failed and was rolled back: .*NoSuchTable/);
    const tables = await query<{ exists: boolean }>(url, `SELECT to_regclass('"HalfDone"') IS NOT NULL AS exists`);
    expect(tables[0]!.exists).toBe(false);
    const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((row) => row.migration_name)).not.toContain("29990101000000_broken");
    // The migrations before it stay applied, and a fixed migration goes through afterwards.
    expect(rows.length).toBe(readMigrations().length);
    writeFileSync(join(dir, "29990101000000_broken", "migration.sql"), `CREATE TABLE "HalfDone" (id int);`);
    expect((await applyMigrations(url, { dir })).applied).toEqual(["29990101000000_broken"]);
  });

  it("refuses to go on when an applied migration was edited afterwards", async () => {
    const url = await freshDatabase();
    const dir = migrationsFolder();
    await applyMigrations(url, { dir });
    const [first] = readMigrations(dir);
    writeFileSync(join(dir, first!.name, "migration.sql"), first!.sql + "\n-- edited\n");
    await expect(applyMigrations(url, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuses a database migrated by a newer version of the app", async () => {
    const url = await freshDatabase();
    const dir = migrationsFolder({ "29990101000000_newer": `CREATE TABLE "Newer" (id int);` });
    await applyMigrations(url, { dir });
    await expect(applyMigrations(url)).rejects.toThrow(/not in prisma\/migrations \(29990101000000_newer\)/);
  });
});
