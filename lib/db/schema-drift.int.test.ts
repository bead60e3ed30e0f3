// Fails when prisma/schema.prisma and prisma/migrations disagree: the database the migrations
// build must match, table by table and index by index, the database Prisma's own SQL for the
// schema builds.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffCatalogs, readCatalog } from "@/test/catalog";
import { databaseUrlFor, dropDatabase, ensureDatabase } from "./embedded";
import { applyMigrations } from "./migrate";
import { diffSchemas, readSchema } from "./prisma-diff";

const adminUrl = () => process.env.TEST_ADMIN_DATABASE_URL!;
const stamp = `${process.pid}_${Date.now()}`;
const names = { migrated: `cp_drift_migrated_${stamp}`, expected: `cp_drift_expected_${stamp}` };
const urls = { migrated: "", expected: "" };

async function exec(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  for (const key of ["migrated", "expected"] as const) {
    await ensureDatabase(adminUrl(), names[key]);
    urls[key] = databaseUrlFor(adminUrl(), names[key]);
  }
  await applyMigrations(urls.migrated);
  await exec(urls.expected, diffSchemas(null, readSchema(), urls.expected));
}, 180_000);

afterAll(async () => {
  for (const name of Object.values(names)) await dropDatabase(adminUrl(), name);
});

describe("schema drift", () => {
  it("the migrations build exactly the schema that schema.prisma describes", async () => {
    const differences = diffCatalogs(await readCatalog(urls.migrated), await readCatalog(urls.expected));
    expect(differences, "run `npm run db:migration -- <name>` to draft the missing migration").toEqual([]);
  });

  it("notices a difference (a column, an index, an enum value) when there is one", async () => {
    const name = `cp_drift_changed_${stamp}`;
    await ensureDatabase(adminUrl(), name);
    try {
      const url = databaseUrlFor(adminUrl(), name);
      await applyMigrations(url);
      await exec(
        url,
        `ALTER TABLE "Agency" ADD COLUMN "nickname" text;
         DROP INDEX "Agency_stage_idx";
         ALTER TYPE "Measure" ADD VALUE 'GHQ_12';`,
      );
      const differences = diffCatalogs(await readCatalog(url), await readCatalog(urls.expected));
      expect(differences).toEqual(
        expect.arrayContaining([
          "only in the migrations: Agency.nickname text",
          'only in schema.prisma: CREATE INDEX "Agency_stage_idx" ON public."Agency" USING btree (stage)',
          "only in the migrations: Measure: RESOURCE_GENERATOR_UK, WEMWBS, SCOPE, EQ_5D, GHQ_12",
        ]),
      );
    } finally {
      await dropDatabase(adminUrl(), name);
    }
  });
});
