// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native schema
// engine (which this project cannot download; see docs/decisions/001-migrations.md):
// - the same `_prisma_migrations` table and rows, so `prisma migrate status` elsewhere agrees;
// - under Prisma's advisory lock, so two processes (or Prisma itself) never migrate at once;
// - one transaction per migration: a failing migration leaves nothing behind.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";

/** The advisory lock key Prisma Migrate holds while it migrates. */
export const PRISMA_MIGRATE_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = resolve(process.cwd(), "prisma/migrations");

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export type MigrationFile = { name: string; sql: string; checksum: string };

export type MigrationResult = {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied before this call. */
  alreadyApplied: string[];
};

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** Lowercase hex SHA-256 of the migration file, as Prisma records it. */
export function checksumOf(sql: string) {
  return createHash("sha256").update(sql).digest("hex");
}

/** The migrations on disk, in the order Prisma applies them (by folder name). */
export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}.`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function applyMigrations(
  connectionString: string,
  { dir = DEFAULT_MIGRATIONS_DIR, log = (_line: string) => {} } = {},
): Promise<MigrationResult> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString, application_name: "migrate" });
  await client.connect();
  try {
    // Session-level lock: a second process waits here until the first has finished.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<Row>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed) {
        throw new MigrationError(
          `Migration ${failed.migration_name} failed earlier and was never resolved; fix it and mark it rolled back before migrating again.`,
        );
      }
      const done = new Map(
        rows
          .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
          .map((row) => [row.migration_name, row]),
      );
      const onDisk = new Set(migrations.map((migration) => migration.name));
      const missing = [...done.keys()].filter((name) => !onDisk.has(name));
      if (missing.length > 0) {
        throw new MigrationError(
          `The database has migrations that are not in prisma/migrations (${missing.join(", ")}); it was migrated by a newer version of the app.`,
        );
      }

      const result: MigrationResult = { applied: [], alreadyApplied: [] };
      for (const migration of migrations) {
        const previous = done.get(migration.name);
        if (previous) {
          if (previous.checksum !== migration.checksum) {
            throw new MigrationError(
              `Migration ${migration.name} was changed after it was applied; add a new migration instead of editing an applied one.`,
            );
          }
          result.alreadyApplied.push(migration.name);
          continue;
        }
        await applyOne(client, migration);
        log(`applied migration ${migration.name}`);
        result.applied.push(migration.name);
      }
      return result;
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile) {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`);
  }
}
