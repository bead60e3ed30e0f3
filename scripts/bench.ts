// `npm run bench`: proof that the app is fast at national scale. It starts its own embedded
// PostgreSQL (.data/bench), fills it with a national-scale data set made from a seed (reused by the
// next run), builds the app for production into .next-bench and serves it with `next start`, signs
// in through the real sign-in as a researcher and as a supervisor, and measures in one run: the
// ceiling (GET /api/health, a route that does nothing), the researchers' pipeline, dashboard and
// training matrix, one agency's participant list, the participants export (time and the server's
// memory) and the first-load JavaScript of each page. It prints a table and writes
// bench/results.md. Ctrl-C stops the server and PostgreSQL. `npm run bench -- --help` lists the options.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { format, resolveConfig } from "prettier";
import { hashPassword } from "@/lib/auth/password";
import { ensureDatabase, freePort, PostgresStartError, startEmbeddedPostgres } from "@/lib/db/embedded";
import { loadOrCreateSecrets } from "@/lib/db/local";
import { ukToday } from "@/lib/recruitment/rules";
import { ArgsError, parseArgs, USAGE } from "./bench/args";
import { refreshSession, signIn, type Session } from "./bench/auth";
import { msText, readMarker, schemaHash, writeDataset, type DatasetMarker } from "./bench/dataset";
import { measureDownload } from "./bench/download";
import { measureFirstLoad } from "./bench/first-load";
import { runLoad, type LoadResult } from "./bench/load";
import { machineInfo } from "./bench/machine";
import { BENCH_PASSWORD, PLAN_VERSION, planDataset, RESEARCHER_EMAIL, SUPERVISOR_EMAIL } from "./bench/plan";
import { consoleSummary, renderResults, type BenchReport, type ExportRun, type PageResult } from "./bench/report";
import {
  BENCH_DIST_DIR,
  buildApp,
  cpuMsOfTree,
  measureExportLiveMemory,
  postmasterPid,
  startServer,
} from "./bench/server";
import { judgePage, liveMemoryVerdict } from "./bench/stats";
import { fail, root, stopEverythingOnShutdown, waitForHttp } from "./lib/process";

const BENCH_DATABASE = "connecting_people_bench";
const benchDir = join(root, ".data", "bench");
const resultsFile = join(root, "bench", "results.md");

let options: ReturnType<typeof parseArgs>;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  if (error instanceof ArgsError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const runStarted = performance.now();
const step = (text: string) =>
  console.log(`\n[${((performance.now() - runStarted) / 1000).toFixed(0).padStart(3)} s] ${text}`);
const notes: string[] = [];

const shutdown = stopEverythingOnShutdown();
const { stopEverything, failAndStop } = shutdown;

// ---------------------------------------------------------------------------------------------
// PostgreSQL and the data set

mkdirSync(benchDir, { recursive: true });
const secrets = loadOrCreateSecrets(benchDir);
step("Starting the benchmark's embedded PostgreSQL in .data/bench/postgres…");
const postgres = await startEmbeddedPostgres({
  dataDir: join(benchDir, "postgres"),
  database: "postgres",
  password: secrets.POSTGRES_PASSWORD,
}).catch((error: unknown) => {
  if (error instanceof PostgresStartError) fail(error.message, error.detail);
  throw error;
});
shutdown.stopDatabaseWith(postgres.stop);
const adminUrl = postgres.url("postgres");
const databaseUrl = postgres.url(BENCH_DATABASE);
await ensureDatabase(adminUrl, BENCH_DATABASE);

const today = options.today ?? ukToday(new Date());
const existing = await readMarker(databaseUrl);
const wanted = { seed: options.seed, planVersion: PLAN_VERSION, schemaHash: schemaHash() };
const whyRebuild = options.fresh
  ? "--fresh was given"
  : !existing
    ? "there is none yet"
    : existing.seed !== wanted.seed
      ? `it was made with seed ${existing.seed}`
      : existing.planVersion !== wanted.planVersion
        ? "the generator has changed since"
        : existing.schemaHash !== wanted.schemaHash
          ? "the migrations have changed since"
          : options.today !== null && existing.today !== options.today
            ? `it is told from ${existing.today}`
            : null;

let marker: DatasetMarker;
if (whyRebuild === null && existing) {
  marker = existing;
  step(
    `Reusing the data set of seed ${marker.seed} (told from ${marker.today}, generated in ${msText(marker.generationMs)}); --fresh builds it again.`,
  );
} else {
  step(`Generating the national-scale data set (seed ${options.seed}, told from ${today}), because ${whyRebuild}…`);
  const started = performance.now();
  // One hash for every account: argon2id is slow on purpose.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const plan = planDataset({ seed: options.seed, today, passwordHash });
  console.log(`  planned in memory in ${msText(performance.now() - started)}`);
  marker = await writeDataset(adminUrl, BENCH_DATABASE, databaseUrl, plan, { started });
  console.log(`  generated in ${msText(marker.generationMs)} (plan, inserts and commit; VACUUM ANALYZE after)`);
}
// ---------------------------------------------------------------------------------------------
// Build and serve

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_DIST_DIR: BENCH_DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: baseUrl,
  // New for every run: sessions of an earlier run are worthless.
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  // No outbox sender, training reminders or follow-up notifier (instrumentation.ts): the
  // benchmark measures the pages, not a first catch-up of 100,000 participants' emails.
  BACKGROUND_JOBS: "off",
};
delete serverEnv.SMTP_URL;

let buildMs: number | null = null;
if (options.reuseBuild && existsSync(join(root, BENCH_DIST_DIR, "BUILD_ID"))) {
  step(`Reusing the production build in ${BENCH_DIST_DIR} (--reuse-build).`);
} else {
  step(`Building the app for production into ${BENCH_DIST_DIR} (next build; output in .data/bench/build.log)…`);
  const started = performance.now();
  const buildLog = join(benchDir, "build.log");
  const { code, restoredTsconfig } = await buildApp(serverEnv, buildLog);
  buildMs = performance.now() - started;
  if (restoredTsconfig) {
    notes.push(
      `next build adds ${BENCH_DIST_DIR}/types to tsconfig.json's "include" when it is missing; the benchmark put tsconfig.json back as it was. Adding "${BENCH_DIST_DIR}/types/**/*.ts" and "${BENCH_DIST_DIR}/dev/types/**/*.ts" there (as for .next-test) ends this.`,
    );
  }
  if (code !== 0) {
    const tail = readFileSync(buildLog, "utf8").split("\n").slice(-40).join("\n");
    await failAndStop(`The build failed (exit ${code}); the end of .data/bench/build.log is above.`, tail);
  }
  console.log(`  built in ${msText(buildMs)}`);
}

step(`Starting the server (next start) at ${baseUrl}; its log is .data/bench/server.log…`);
const server: ChildProcess = startServer(serverEnv, port, join(benchDir, "server.log"));
server.on("exit", (code, signal) => {
  if (shutdown.stopping) return;
  void failAndStop(`The server stopped unexpectedly (exit ${code ?? signal}); see .data/bench/server.log.`);
});
if (!(await waitForHttp(`${baseUrl}/api/health`, server, 90_000))) {
  await failAndStop("The server did not answer within 90 s; see .data/bench/server.log.");
}
const health = await fetch(`${baseUrl}/api/health`);
if (health.status !== 200 || (await health.text()) !== "ok") {
  await failAndStop(`GET /api/health answered ${health.status}, not 200 "ok": app/api/health/route.ts is needed.`);
}

// ---------------------------------------------------------------------------------------------
// Sign in and check the pages

step("Signing in through /api/auth/callback/credentials as a researcher and as a supervisor…");
let researcher: Session;
let supervisor: Session;
try {
  researcher = await signIn(baseUrl, RESEARCHER_EMAIL, BENCH_PASSWORD);
  supervisor = await signIn(baseUrl, SUPERVISOR_EMAIL, BENCH_PASSWORD);
} catch (error) {
  await failAndStop(`Signing in failed: ${error instanceof Error ? error.message : String(error)}`);
}
console.log(
  `  ${researcher!.user.email} (${researcher!.user.role}); ${supervisor!.user.email} (${supervisor!.user.agencyRole})`,
);

/** A page body is the page asked for: its own marker is there and the error page is not. */
const pageCheck = (marker: string) => (body: string) =>
  body.includes(marker) && !body.includes("Sorry, something went wrong");

type Target = { label: string; path: string; role: string; session?: Session; verify: (body: string) => boolean };
const ceilingTarget: Target = {
  label: "Ceiling",
  path: "/api/health",
  role: "nobody",
  verify: (body) => body === "ok",
};
// Not a target: the app's smallest page, for what every page costs before its own work.
const smallestTarget: Target = {
  label: "Smallest page",
  path: "/signin",
  role: "nobody",
  verify: pageCheck("Sign in</h1>"),
};
// In the order they are measured: the training matrix last, because requests that the load test
// cuts off when its time is up go on rendering in the server, and those of the matrix take longest.
const pageTargets: Target[] = [
  {
    label: "Agency participants",
    path: "/agency/participants",
    role: "supervisor",
    session: supervisor!,
    verify: pageCheck('id="list-heading"'),
  },
  {
    label: "Researcher pipeline",
    path: "/researcher/selection",
    role: "researcher",
    session: researcher!,
    verify: pageCheck('id="pipeline-heading"'),
  },
  {
    label: "Dashboard",
    path: "/researcher",
    role: "researcher",
    session: researcher!,
    verify: pageCheck('id="by-stage"'),
  },
  {
    label: "Training matrix",
    path: "/researcher/training/matrix",
    role: "researcher",
    session: researcher!,
    verify: pageCheck("Training matrix</h1>"),
  },
];
const matrixTarget = pageTargets[pageTargets.length - 1]!;

/** The time of one request on its own; the page must answer 200 with itself, or nothing here means anything. */
async function timeAlone(target: Target): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${target.path}`, {
    headers: target.session ? { cookie: target.session.cookie } : {},
    redirect: "manual",
  });
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200 || !target.verify(body)) {
    await failAndStop(
      `${target.path}${target.session ? ` as the ${target.role}` : ""} answered ${response.status} without the page (${body.length} bytes; see .data/bench/server.log): the measurement would not mean anything.`,
    );
  }
  return { ms: elapsed, bytes: Buffer.byteLength(body) };
}

// Twice each: the first request of a page also loads and compiles its code.
const alone = new Map<Target, { ms: number; bytes: number }>();
for (const target of [ceilingTarget, smallestTarget, ...pageTargets]) {
  await timeAlone(target);
  const timed = await timeAlone(target);
  alone.set(target, timed);
  console.log(
    `  ${target.path.padEnd(30)} 200, ${(timed.bytes / 1000).toFixed(0)} kB in ${msText(timed.ms)} on its own`,
  );
}

// ---------------------------------------------------------------------------------------------
// Load

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server answers the ceiling about as fast as it did on its own again: requests
 * that a load test cut off when its time was up may still be running. At most a minute.
 */
async function settle() {
  const quickMs = Math.max(20, 3 * (alone.get(ceilingTarget)?.ms ?? 0));
  const deadline = Date.now() + 60_000;
  let quick = 0;
  while (Date.now() < deadline && quick < 3) {
    const started = performance.now();
    await fetch(`${baseUrl}/api/health`).then((response) => response.text());
    quick = performance.now() - started <= quickMs ? quick + 1 : 0;
    await pause(200);
  }
}

async function measure(target: Target): Promise<PageResult & { load: LoadResult }> {
  const load = (durationS: number) =>
    runLoad({
      url: `${baseUrl}${target.path}`,
      cookie: target.session?.cookie,
      connections: options.connections,
      durationS,
      verify: target.verify,
    });
  await settle();
  // A page that takes a second or more on its own was warmed by the two requests that timed it; a
  // warm-up at full load would only leave a queue of cut-off requests behind for the measurement.
  const warmUp = options.warmupS > 0 && alone.get(target)!.ms < 1000;
  if (warmUp) {
    if (target.session) await refreshSession(baseUrl, target.session);
    await load(options.warmupS);
    await settle();
  }
  if (target.session) await refreshSession(baseUrl, target.session);
  const postmaster = postmasterPid(join(benchDir, "postgres"));
  const cpuBefore = { server: cpuMsOfTree(server.pid!), database: postmaster ? cpuMsOfTree(postmaster) : 0 };
  const result = await load(options.durationS);
  const cpuPerAnswer =
    postmaster && result.responses > 0
      ? {
          serverMs: (cpuMsOfTree(server.pid!) - cpuBefore.server) / result.responses,
          databaseMs: (cpuMsOfTree(postmaster) - cpuBefore.database) / result.responses,
        }
      : null;
  console.log(
    `  ${target.label.padEnd(20)} ${result.rps.toFixed(1).padStart(7)} req/s  p50 ${result.latency.p50.toFixed(1)} ms  p95 ${result.latency.p95.toFixed(1)} ms  p99 ${result.latency.p99.toFixed(1)} ms  (${result.responses} answers, ${result.errors + result.non200 + result.mismatches} wrong)`,
  );
  return {
    label: target.label,
    path: target.path,
    role: target.role,
    aloneMs: alone.get(target)!.ms,
    pageBytes: alone.get(target)!.bytes,
    rps: result.rps,
    latency: result.latency,
    responses: result.responses,
    errors: result.errors,
    non200: result.non200,
    mismatches: result.mismatches,
    cpuPerAnswer,
    verdict: null,
    load: result,
  };
}

step(
  `Measuring with autocannon: ${options.connections} connections, ${options.warmupS} s warm-up and ${options.durationS} s per target…`,
);
const ceilingBefore = await measure(ceilingTarget);
const smallest: PageResult = await measure(smallestTarget);
const measuredPages: PageResult[] = [];
for (const target of pageTargets.filter((each) => each !== matrixTarget)) measuredPages.push(await measure(target));

// ---------------------------------------------------------------------------------------------
// The participants export

step(`Downloading the participants export ${options.downloads} times, sampling the server's memory every 50 ms…`);
const exportRuns: ExportRun[] = [];
for (let index = 0; index < options.downloads; index += 1) {
  await settle();
  await refreshSession(baseUrl, researcher!);
  const run = await measureDownload(`${baseUrl}/researcher/export/participants`, researcher!.cookie, server.pid!);
  if (run.status !== 200 || !run.contentType.startsWith("text/csv")) {
    await failAndStop(`The participants export answered ${run.status} (${run.contentType}), not a CSV file.`);
  }
  exportRuns.push(run);
  console.log(
    `  ${index + 1}: ${run.rows} rows, ${(run.bytes / 1024 / 1024).toFixed(1)} MiB, first byte ${run.firstByteMs.toFixed(0)} ms, last byte ${run.lastByteMs.toFixed(0)} ms, memory ${(run.memory.growthBytes / 1024 / 1024).toFixed(1)} MiB above the start at peak`,
  );
}

step("The export again in a process of its own, with the garbage collector forced every 10,000 rows…");
const liveSamples = await measureExportLiveMemory(databaseUrl, (line) => console.log(`  ${line}`));
const exportLiveMemory = liveSamples ? liveMemoryVerdict(liveSamples.rows, liveSamples.samples) : null;
if (exportLiveMemory) {
  console.log(
    `  ${exportLiveMemory.rows} rows; in use after collection ${(exportLiveMemory.lowestBytes / 1024 / 1024).toFixed(1)}–${(exportLiveMemory.highestBytes / 1024 / 1024).toFixed(1)} MiB, ${((exportLiveMemory.perTenThousandRowsBytes ?? Number.NaN) / 1024 / 1024).toFixed(2)} MiB per 10,000 rows`,
  );
}

step("The ceiling again, then the training matrix…");
const ceilingAfter = await measure(ceilingTarget);
measuredPages.push(await measure(matrixTarget));
const ceilingRps = (ceilingBefore.rps + ceilingAfter.rps) / 2;
for (const page of [smallest, ...measuredPages])
  page.verdict = judgePage({ ...page, p95: page.latency.p95 }, ceilingRps);
if (Math.abs(ceilingBefore.rps - ceilingAfter.rps) / ceilingRps > 0.2) {
  notes.push(
    `The ceiling moved by more than 20 % during the run (${ceilingBefore.rps.toFixed(0)} → ${ceilingAfter.rps.toFixed(0)} req/s): something else was using the machine, so the ratios are rough.`,
  );
}

// ---------------------------------------------------------------------------------------------
// First-load JavaScript, then the report

step("Working out the first-load JavaScript of each page from the build's manifests…");
const allPages = measureFirstLoad(join(root, BENCH_DIST_DIR));
const firstLoad = pageTargets.map((target) => {
  const page = allPages.find((each) => each.route === target.path);
  if (!page) throw new Error(`The build has no page ${target.path}.`);
  return { ...page, label: target.label };
});

await stopEverything();

const report: BenchReport = {
  machine: machineInfo(),
  settings: {
    connections: options.connections,
    durationS: options.durationS,
    warmupS: options.warmupS,
    seed: marker.seed,
  },
  dataset: {
    today: marker.today,
    reused: whyRebuild === null,
    generatedAt: marker.generatedAt.toISOString(),
    generationMs: marker.generationMs,
    rows: marker.rows,
    statusCounts: marker.statusCounts,
    stageCounts: marker.stageCounts,
    supervisorAgency: marker.supervisorAgency,
  },
  buildMs,
  ceiling: { before: ceilingBefore, after: ceilingAfter, rps: ceilingRps },
  smallest,
  pages: measuredPages,
  exportRuns,
  exportLiveMemory,
  expectedRows: marker.rows.Participant ?? 0,
  firstLoad: { measured: firstLoad, all: allPages },
  notes,
};

const previous = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : null;
mkdirSync(join(root, "bench"), { recursive: true });
// As `npm run format` would write it, so that the format check of `npm test` passes on the new file.
const prettierOptions = (await resolveConfig(resultsFile)) ?? {};
writeFileSync(
  resultsFile,
  await format(renderResults(report, previous), { ...prettierOptions, filepath: resultsFile, parser: "markdown" }),
);

console.log(`\n${consoleSummary(report)}`);
console.log(`\nWritten to bench/results.md in ${((performance.now() - runStarted) / 1000).toFixed(0)} s.`);
process.exit(0);
