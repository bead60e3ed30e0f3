// Database tests run against a throwaway PostgreSQL: an embedded one in a temporary folder, or the
// server at TEST_DATABASE_URL (which needs the right to create databases). Either way they get a
// fresh database with the migrations applied, dropped at the end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { databaseUrlFor, dropDatabase, ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let cleanup = async () => {};
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), "cp-test-pg-"));
    const postgres = await startEmbeddedPostgres({ dataDir, database: "postgres", password: "test" });
    adminUrl = postgres.url("postgres");
    cleanup = async () => {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const name = `cp_test_${process.pid}_${Date.now()}`;
  await ensureDatabase(adminUrl, name);
  const databaseUrl = databaseUrlFor(adminUrl, name);
  await applyMigrations(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    await dropDatabase(adminUrl, name).catch(() => undefined);
    await cleanup();
  };
}
