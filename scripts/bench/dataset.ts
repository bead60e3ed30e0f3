// Writes the benchmark's data set (plan.ts) into its own database with bulk inserts: each table
// goes in as a few INSERT … SELECT FROM unnest(arrays) statements of up to 20,000 rows, inside one
// transaction together with a marker row (schema "bench", table "dataset") that names the seed, the
// plan version and the migrations it was made with. The next run finds the marker and reuses the
// data set; a different seed, plan or schema (or --fresh) builds it again from an empty database.
import { createHash } from "node:crypto";
import pg from "pg";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import type { DatasetPlan, TablePlan } from "./plan";
import { PLAN_VERSION } from "./plan";

const CHUNK_ROWS = 20_000;

/** One hash of every migration on disk: a data set is reused only with the same schema. */
export function schemaHash(): string {
  const hash = createHash("sha256");
  for (const migration of readMigrations()) hash.update(`${migration.name}:${migration.checksum}\n`);
  return hash.digest("hex").slice(0, 16);
}

export type DatasetMarker = {
  seed: number;
  planVersion: number;
  schemaHash: string;
  today: string;
  generatedAt: Date;
  generationMs: number;
  rows: Record<string, number>;
  supervisorAgency: DatasetPlan["supervisorAgency"];
  statusCounts: Record<string, number>;
  stageCounts: Record<string, number>;
};

/** The marker of the data set in the database at `url`, or null when there is none. */
export async function readMarker(url: string): Promise<DatasetMarker | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ marker: DatasetMarker }>(
      `SELECT to_jsonb(d) - 'id' AS marker FROM bench.dataset d ORDER BY id DESC LIMIT 1`,
    );
    const marker = rows[0]?.marker;
    return marker ? { ...marker, generatedAt: new Date(marker.generatedAt) } : null;
  } catch (error) {
    if ((error as { code?: string }).code === "3F000" || (error as { code?: string }).code === "42P01") return null;
    throw error;
  } finally {
    await client.end();
  }
}

/** The INSERT … SELECT FROM unnest(…) statement for rows [from, to) of a table. */
export function insertStatement(table: TablePlan, from: number, to: number): { text: string; values: unknown[] } {
  const names = Object.keys(table.columns);
  const params = names.map((name, index) => `$${index + 1}::${table.columns[name]!.param}[]`);
  const aliases = names.map((_, index) => `c${index}`);
  const selected = names.map((name, index) => {
    const cast = table.columns[name]!.cast;
    return cast ? `c${index}::${cast}` : `c${index}`;
  });
  return {
    text: `INSERT INTO "${table.name}" (${names.map((name) => `"${name}"`).join(", ")}) SELECT ${selected.join(", ")} FROM unnest(${params.join(", ")}) AS t(${aliases.join(", ")})`,
    values: names.map((name) => table.values[name]!.slice(from, to)),
  };
}

/**
 * Drops and recreates `database`, applies the migrations and writes the plan, all rows and the
 * marker in one transaction (a failure leaves no half-made data set to reuse), then VACUUM ANALYZE
 * so that the planner knows the tables as a long-running database would. Returns the marker.
 */
export async function writeDataset(
  adminUrl: string,
  database: string,
  url: string,
  plan: DatasetPlan,
  {
    log = console.log,
    started = performance.now(),
  }: {
    log?: (line: string) => void;
    /** When the generation began (planning included), for its time. */ started?: number;
  } = {},
): Promise<DatasetMarker> {
  await dropDatabase(adminUrl, database);
  await ensureDatabase(adminUrl, database);
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url, application_name: "bench-dataset" });
  await client.connect();
  try {
    await client.query("BEGIN");
    // The audit trail's triggers do not fire on inserts; nothing else here needs to be switched off.
    const rows: Record<string, number> = {};
    for (const table of plan.tables) {
      const tableStarted = performance.now();
      for (let from = 0; from < table.rows; from += CHUNK_ROWS) {
        const statement = insertStatement(table, from, Math.min(table.rows, from + CHUNK_ROWS));
        await client.query(statement);
      }
      rows[table.name] = table.rows;
      log(
        `  ${table.name.padEnd(22)} ${String(table.rows).padStart(7)} rows  ${msText(performance.now() - tableStarted)}`,
      );
    }
    // Agency codes were given explicitly: the next agency registered gets the next number.
    await client.query(`SELECT setval(pg_get_serial_sequence('"Agency"', 'code'), (SELECT max("code") FROM "Agency"))`);
    const generationMs = Math.round(performance.now() - started);
    const marker: DatasetMarker = {
      seed: plan.seed,
      planVersion: PLAN_VERSION,
      schemaHash: schemaHash(),
      today: plan.today,
      generatedAt: new Date(),
      generationMs,
      rows,
      supervisorAgency: plan.supervisorAgency,
      statusCounts: plan.statusCounts,
      stageCounts: plan.stageCounts,
    };
    await client.query(`CREATE SCHEMA bench`);
    await client.query(`CREATE TABLE bench.dataset (
      id serial PRIMARY KEY, "seed" int NOT NULL, "planVersion" int NOT NULL, "schemaHash" text NOT NULL,
      "today" text NOT NULL, "generatedAt" timestamptz NOT NULL, "generationMs" int NOT NULL, "rows" jsonb NOT NULL,
      "supervisorAgency" jsonb NOT NULL, "statusCounts" jsonb NOT NULL, "stageCounts" jsonb NOT NULL)`);
    await client.query(
      `INSERT INTO bench.dataset ("seed", "planVersion", "schemaHash", "today", "generatedAt", "generationMs", "rows",
        "supervisorAgency", "statusCounts", "stageCounts") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        marker.seed,
        marker.planVersion,
        marker.schemaHash,
        marker.today,
        marker.generatedAt,
        marker.generationMs,
        JSON.stringify(marker.rows),
        JSON.stringify(marker.supervisorAgency),
        JSON.stringify(marker.statusCounts),
        JSON.stringify(marker.stageCounts),
      ],
    );
    await client.query("COMMIT");
    const vacuumStarted = performance.now();
    await client.query("VACUUM ANALYZE");
    log(`  VACUUM ANALYZE                 ${msText(performance.now() - vacuumStarted)}`);
    return marker;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export function msText(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
