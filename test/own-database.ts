// A database of its own for a test file (or one describe block) whose code reads every row of a
// table: places counted over all agencies, a drain of the whole outbox, reminders for every
// booking. In the database the other tests share, their rows would change the answers. Call
// ownDatabase at the top of the file or block: it creates the database with the migrations
// applied before the tests, and disconnects and drops it after them.
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { databaseUrlFor, dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

export type OwnDatabase = {
  /** A client of the database; it connects on its first query, once the database exists. */
  client: Db;
  /** Another client of the same database (a second server process, say), disconnected at the end. */
  connect: () => Db;
  url: string;
};

/** `prefix` names the database (with this process and the time): e.g. "cp_selection_moves". */
export function ownDatabase(prefix: string): OwnDatabase {
  // Set by test/db-setup.ts before any test file is loaded.
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const url = databaseUrlFor(adminUrl, name);
  const clients: Db[] = [];
  const connect = () => {
    const client = createPrismaClient(url);
    clients.push(client);
    return client;
  };
  const client = connect();

  beforeAll(async () => {
    await ensureDatabase(adminUrl, name);
    await applyMigrations(url);
  });

  afterAll(async () => {
    await Promise.all(clients.map((each) => each.$disconnect()));
    await dropDatabase(adminUrl, name);
  });

  return { client, connect, url };
}
