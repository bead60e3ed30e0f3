// A comparable description of a PostgreSQL schema, read from the system catalogs: what the drift
// test compares between "the migrations applied" and "the SQL Prisma writes for schema.prisma".
// CHECK constraints, partial indexes (CREATE INDEX … WHERE), functions and triggers are left out:
// Prisma's schema cannot express them, so the migrations add them by hand and their own tests cover
// them.
import pg from "pg";

export type Catalog = Record<string, string[]>;

const QUERIES: Record<string, string> = {
  enums: `
    SELECT t.typname || ': ' || string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`,
  columns: `
    SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
      || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
      || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
      || CASE WHEN a.attidentity <> '' THEN ' IDENTITY' ELSE '' END
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname <> '_prisma_migrations'`,
  indexes: `
    SELECT indexdef FROM pg_indexes
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %'`,
  constraints: `
    SELECT c.relname || ': ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f') AND c.relname <> '_prisma_migrations'`,
  sequences: `
    SELECT sequencename || ' ' || data_type FROM pg_sequences WHERE schemaname = 'public'`,
};

export async function readCatalog(connectionString: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const catalog: Catalog = {};
    for (const [name, sql] of Object.entries(QUERIES)) {
      const { rows } = await client.query<{ [key: string]: string }>(sql);
      catalog[name] = rows.map((row) => Object.values(row)[0]!).sort();
    }
    return catalog;
  } finally {
    await client.end();
  }
}

/** Lines present in one catalog and not the other, labelled by side. */
export function diffCatalogs(fromMigrations: Catalog, fromSchema: Catalog): string[] {
  const differences: string[] = [];
  for (const kind of Object.keys(QUERIES)) {
    const a = new Set(fromMigrations[kind] ?? []);
    const b = new Set(fromSchema[kind] ?? []);
    for (const line of a) if (!b.has(line)) differences.push(`only in the migrations: ${line}`);
    for (const line of b) if (!a.has(line)) differences.push(`only in schema.prisma: ${line}`);
  }
  return differences;
}
