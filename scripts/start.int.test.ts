// `npm start` as a person uses it: first start on empty data, the address and demo logins printed,
// the demo study served, Ctrl-C leaving nothing behind; a second start reusing the data; a taken
// port refused in one sentence.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, onTestFailed } from "vitest";
import { freePort } from "@/lib/db/embedded";

const dataDir = mkdtempSync(join(tmpdir(), "cp-start-"));
chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
// The folder `npm test` builds the browser tests into, so that tsconfig.json already lists it.
const distDir = ".next-test";
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Started = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function start(port: number, env: Record<string, string> = {}): Started {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, [join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    env: { ...rest, PORT: String(port), DATA_DIR: dataDir, NEXT_DIST_DIR: distDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (chunk) => (text += chunk));
  child.stderr!.on("data", (chunk) => (text += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function waitFor(started: Started, pattern: RegExp, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(started.output())) {
    if (started.child.exitCode !== null) throw new Error(`start exited early:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Processes started for this data folder (postgres -D …) or this port (next start --port …). */
function leftovers(port: number) {
  const lines = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).split("\n");
  return lines.filter((line) => line.includes(dataDir) || line.includes(`--port ${port}`));
}

async function refusesConnections(port: number) {
  try {
    await fetch(`http://127.0.0.1:${port}/`);
    return false;
  } catch {
    return true;
  }
}

describe("npm start", () => {
  it("serves the demo study, prints the address and demo logins, and stops everything on Ctrl-C", async () => {
    const port = await freePort();
    const first = start(port);
    // The first start builds the app: minutes on a busy 2-core machine. If it fails, stop it, so the
    // next test does not find its PostgreSQL still holding the data folder.
    onTestFailed(async () => {
      if (first.child.exitCode === null) {
        first.child.kill("SIGINT");
        await first.exited;
      }
    });
    await waitFor(first, /is running at http:\/\/localhost:\d+/, 480_000);
    const output = first.output();
    expect(output).toContain("Seeding the demo study (first run only)");
    expect(output).toContain(`is running at http://localhost:${port}`);
    for (const email of ["researcher@", "lead@", "supervisor@", "worker@", "recruiter@"]) {
      expect(output).toContain(`${email}example.org`);
    }
    expect(output).toContain("password: connecting-people");

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Connecting People pilot");

    first.child.kill("SIGINT");
    await first.exited;
    expect(first.output()).toContain("Stopping (SIGINT)");
    expect(first.output()).not.toMatch(/unexpectedly|Error/);
    expect(await refusesConnections(port)).toBe(true);
    expect(leftovers(port)).toEqual([]);
  }, 560_000);

  it("reuses the data on a second start, and Ctrl-C during the build still leaves nothing behind", async () => {
    const port = await freePort();
    const second = start(port);
    await waitFor(second, /Building the app/, 60_000);
    expect(second.output()).toContain("Database schema is up to date.");
    expect(second.output()).not.toContain("Seeding");
    second.child.kill("SIGTERM");
    await second.exited;
    expect(leftovers(port)).toEqual([]);
  }, 120_000);

  it("refuses a port that is already taken, in one plain sentence", async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, resolve));
    try {
      const refused = start(port);
      expect(await refused.exited).toBe(1);
      expect(refused.output().trim().split("\n").at(-1)).toBe(
        `Port ${port} is already in use: stop whatever is using it, or start on another port with PORT=${port + 1} npm start.`,
      );
    } finally {
      blocker.close();
    }
  }, 60_000);
});
