// The data set goes into a real database: every CHECK constraint, key and foreign key of the
// migrations holds for the rows the plan makes (a twentieth of the national scale), the marker lets
// the next run reuse it.
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import { databaseUrlFor, dropDatabase } from "@/lib/db/embedded";
import { readMarker, schemaHash, writeDataset } from "./dataset";
import { ukToday } from "@/lib/recruitment/rules";
import { planDataset, PLAN_VERSION, SMALL_SIZES } from "./plan";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;
const name = `cp_bench_dataset_${process.pid}_${Date.now()}`;
const url = databaseUrlFor(adminUrl, name);
const db = createPrismaClient(url);

afterAll(async () => {
  await db.$disconnect();
  await dropDatabase(adminUrl, name);
});

describe("writeDataset", () => {
  it("writes every row under the migrations' constraints, with a marker for the next run", async () => {
    // Told from today, so that sessions in the next two days and follow-up windows opening now exist.
    const today = ukToday(new Date());
    const plan = planDataset({ seed: 3, today, passwordHash: "hash", sizes: SMALL_SIZES });
    const marker = await writeDataset(adminUrl, name, url, plan, { log: () => {} });
    expect(marker).toMatchObject({ seed: 3, planVersion: PLAN_VERSION, schemaHash: schemaHash(), today });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const table of plan.tables) {
        const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM "${table.name}"`);
        expect(Number(rows[0]!.count), table.name).toBe(table.rows);
      }
      // The next agency registered gets the next code, not one already taken.
      const { rows } = await client.query<{ code: number }>(
        `INSERT INTO "Agency" ("organisation", "teamName", "updatedAt") VALUES ('o', 't', now()) RETURNING "code"`,
      );
      expect(rows[0]!.code).toBe(SMALL_SIZES.agencies + 1);
    } finally {
      await client.end();
    }

    const found = await readMarker(url);
    expect(found).toMatchObject({ seed: 3, rows: marker.rows, supervisorAgency: plan.supervisorAgency });
  });

  it("says there is no data set in a database without a marker", async () => {
    expect(await readMarker(databaseUrlFor(adminUrl, new URL(process.env.DATABASE_URL!).pathname.slice(1)))).toBeNull();
  });
});
