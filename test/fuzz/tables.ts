// "No row written": a fingerprint of every table in the database (row count and a digest of the
// rows' text), read from the catalog so that a table added later is covered without anyone
// remembering to list it. Comparing two fingerprints names the tables that changed.
import type { Db } from "@/lib/db";

export type TableState = { rows: number; digest: string };
export type Fingerprint = Map<string, TableState>;

/** Every ordinary and partitioned table in the public schema, _prisma_migrations included. */
export async function allTables(client: Db): Promise<string[]> {
  const rows = await client.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`;
  return rows.map((row) => row.name);
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One statement: each table's row count and an md5 of its rows in a fixed order. */
export async function fingerprint(client: Db, tables: readonly string[]): Promise<Fingerprint> {
  const sql = tables
    .map(
      (table) =>
        `SELECT ${`'${table.replaceAll("'", "''")}'`}::text AS "table", count(*)::int AS "rows",
                md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS "digest"
         FROM ${quoted(table)} t`,
    )
    .join("\nUNION ALL\n");
  const rows = await client.$queryRawUnsafe<{ table: string; rows: number; digest: string }[]>(sql);
  return new Map(rows.map((row) => [row.table, { rows: row.rows, digest: row.digest }]));
}

/** "Booking: 1 → 2 rows", "Agency: changed (3 rows)", … for each table that differs. */
export function changes(before: Fingerprint, after: Fingerprint): string[] {
  const lines: string[] = [];
  for (const [table, was] of before) {
    const now = after.get(table);
    if (!now) lines.push(`${table}: gone`);
    else if (now.rows !== was.rows) lines.push(`${table}: ${was.rows} → ${now.rows} rows`);
    else if (now.digest !== was.digest) lines.push(`${table}: rows changed (${now.rows} rows)`);
  }
  for (const table of after.keys()) if (!before.has(table)) lines.push(`${table}: new table`);
  return lines;
}
