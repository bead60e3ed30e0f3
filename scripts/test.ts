// `npm test`: type-check, lint and format check; unit and database tests (vitest) against a
// throwaway PostgreSQL; then browser tests (Playwright, system Chromium) against a production
// build. Ends with one line "N passed, N failed" totalling every suite; exits non-zero on any
// failure. `npm test -- unit db e2e checks` runs only the named parts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient } from "@/lib/db";
import { databaseUrlFor, dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { nextBin, onShutdown, root, run, stopChildren, track, waitForHttp } from "./lib/process";

type Tally = { suite: string; passed: number; failed: number; skipped: number };
const tallies: Tally[] = [];
const bin = (name: string) => join(root, "node_modules", ".bin", name);
// Words name parts to run; paths (containing "/" or ".spec") pick browser test files.
const args = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const specFiles = args.filter((arg) => arg.includes("/") || arg.includes(".spec"));
const parts = new Set(args.filter((arg) => !specFiles.includes(arg)));
if (specFiles.length > 0) parts.add("e2e");
const wants = (part: string) => parts.size === 0 || parts.has(part);
const resultsDir = join(root, "test-results");
mkdirSync(resultsDir, { recursive: true });

const cleanups: (() => Promise<void>)[] = [];
const cleanUp = async () => {
  await stopChildren();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  cleanups.length = 0;
};
onShutdown(cleanUp);

function heading(text: string) {
  console.log(`\n=== ${text} ===`);
}

async function check(suite: string, command: string, args: string[]) {
  heading(suite);
  const code = await run(command, args, { cwd: root });
  tallies.push({ suite, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

if (wants("checks")) {
  await check("type-check (tsc)", bin("tsc"), ["--noEmit"]);
  await check("lint (eslint)", bin("eslint"), ["--max-warnings", "0", "."]);
  await check("format (prettier)", bin("prettier"), ["--check", "--log-level", "warn", "."]);
}

// One throwaway PostgreSQL for the database and browser tests, unless TEST_DATABASE_URL is given.
let adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl && (wants("db") || wants("e2e"))) {
  const dataDir = mkdtempSync(join(tmpdir(), "cp-test-pg-"));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const postgres = await startEmbeddedPostgres({
    dataDir,
    database: "postgres",
    password: randomBytes(9).toString("hex"),
  });
  cleanups.push(postgres.stop);
  adminUrl = postgres.url("postgres");
}

const vitestProjects = ["unit", "db"].filter(wants);
if (vitestProjects.length > 0) {
  heading(`unit and database tests (vitest: ${vitestProjects.join(", ")})`);
  const report = join(resultsDir, "vitest.json");
  rmSync(report, { force: true });
  const code = await run(
    bin("vitest"),
    [
      "run",
      ...vitestProjects.flatMap((project) => ["--project", project]),
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { cwd: root, env: { ...process.env, TEST_DATABASE_URL: adminUrl } },
  );
  const json = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(report);
  if (json) {
    // A suite that fails to load counts as a failure even when no test inside it ran.
    const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
    tallies.push({
      suite: "vitest",
      passed: json.numPassedTests,
      failed,
      skipped: json.numPendingTests + json.numTodoTests,
    });
  } else {
    tallies.push({ suite: "vitest", passed: 0, failed: 1, skipped: 0 });
  }
}

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (wants("e2e") && !existsSync(chromium)) {
  console.error(
    `\nThe browser tests need Chromium at ${chromium}: install it with "apt-get install -y chromium" (as .ci/run does) or set CHROMIUM_PATH.`,
  );
  tallies.push({ suite: "e2e", passed: 0, failed: 1, skipped: 0 });
} else if (wants("e2e")) {
  heading("production build for the browser tests (next build)");
  const distDir = ".next-test";
  const buildEnv = { ...process.env, NODE_ENV: "production" as const, NEXT_DIST_DIR: distDir };
  const built = await run(process.execPath, [nextBin, "build"], { cwd: root, env: buildEnv });
  if (built !== 0) {
    tallies.push({ suite: "e2e", passed: 0, failed: 1, skipped: 0 });
  } else {
    const name = `cp_e2e_${process.pid}_${Date.now()}`;
    await ensureDatabase(adminUrl!, name);
    cleanups.push(() => dropDatabase(adminUrl!, name));
    const databaseUrl = databaseUrlFor(adminUrl!, name);
    await applyMigrations(databaseUrl);
    // Every browser test shares this one study, open for expressions of interest until 2099. The
    // specs run side by side (desktop and phone) and select agencies they never clear, so the study
    // has room for 100: no spec finds the places filled by the others.
    const e2eDb = createPrismaClient(databaseUrl);
    await e2eDb.study.create({
      data: {
        id: 1,
        name: "Connecting People pilot",
        questionnaireDeadline: new Date("2099-03-16T17:00:00Z"),
        agenciesToSelect: 100,
      },
    });
    await e2eDb.$disconnect();
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const serverEnv = {
      ...buildEnv,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: baseUrl,
    };
    const server = track(
      spawn(process.execPath, [nextBin, "start", "--port", String(port)], {
        cwd: root,
        env: serverEnv,
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    server.stdout?.on("data", () => {}); // keep the pipe drained; the server's banner is noise here
    heading("browser tests (playwright)");
    if (!(await waitForHttp(`${baseUrl}/`, server, 60_000))) {
      console.error("The production server did not start for the browser tests.");
      tallies.push({ suite: "e2e", passed: 0, failed: 1, skipped: 0 });
    } else {
      const report = join(resultsDir, "playwright.json");
      rmSync(report, { force: true });
      const code = await run(bin("playwright"), ["test", "--reporter=list,json", ...specFiles], {
        cwd: root,
        env: {
          ...process.env,
          E2E_BASE_URL: baseUrl,
          DATABASE_URL: databaseUrl,
          NEXT_DIST_DIR: distDir,
          PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        },
      });
      const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
        report,
      );
      if (json) {
        const { expected, unexpected, flaky, skipped } = json.stats;
        if (flaky > 0) console.log(`${flaky} browser test(s) passed only on retry (flaky).`);
        const failed = unexpected + (code !== 0 && unexpected === 0 ? 1 : 0);
        tallies.push({ suite: "e2e", passed: expected + flaky, failed, skipped });
      } else {
        tallies.push({ suite: "e2e", passed: 0, failed: 1, skipped: 0 });
      }
    }
  }
}

await cleanUp();

heading("summary");
for (const tally of tallies) {
  // Worded differently from the closing line, which CI reads as the run's totals.
  console.log(
    `  ${tally.suite.padEnd(22)} ok ${tally.passed} / failing ${tally.failed}${tally.skipped ? ` / skipped ${tally.skipped}` : ""}`,
  );
}
const passed = tallies.reduce((sum, tally) => sum + tally.passed, 0);
const failed = tallies.reduce((sum, tally) => sum + tally.failed, 0);
const skipped = tallies.reduce((sum, tally) => sum + tally.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || tallies.length === 0 ? 1 : 0);
