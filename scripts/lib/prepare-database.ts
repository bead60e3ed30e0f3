import { createPrismaClient } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { isSeeded, seedDemoStudy } from "@/prisma/seed";

/** Applies pending migrations and seeds the demo study when the database has no study yet. */
export async function prepareDatabase(databaseUrl: string, { seed = true } = {}) {
  const { applied } = await applyMigrations(databaseUrl, { log: (line) => console.log(line) });
  if (applied.length === 0) console.log("Database schema is up to date.");
  if (!seed) return;
  const db = createPrismaClient(databaseUrl);
  try {
    if (!(await isSeeded(db))) {
      console.log("Seeding the demo study (first run only)…");
      await seedDemoStudy(db);
    }
  } finally {
    await db.$disconnect();
  }
}
