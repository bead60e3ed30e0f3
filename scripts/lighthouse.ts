// `npm run bench:lighthouse`: Lighthouse's accessibility and performance scores of the main pages,
// signed in as the right person. It starts its own embedded PostgreSQL (.data/lighthouse) holding
// the demo study, builds the app for production into .next-lighthouse and serves it with
// `next start` on 127.0.0.1, signs in through the real sign-in as the demo researcher and the demo
// recruiter, and runs Lighthouse on each page twice: with the desktop preset and with the mobile
// default (a mid-range phone on a slow 4G network, simulated). Lighthouse is not a dependency of the
// project: the pinned version runs through `npx --yes lighthouse@12.8.2`, against the system
// Chromium. It prints a table and writes bench/lighthouse.md, and puts the same table into
// bench/results.md between the lighthouse markers, leaving the rest of that file as it is.
// Targets: accessibility 100 and performance at least 95 on every page and form factor.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { freePort, PostgresStartError, startEmbeddedPostgres } from "@/lib/db/embedded";
import { loadOrCreateSecrets } from "@/lib/db/local";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { prepareDatabase } from "./lib/prepare-database";
import { fail, nextBin, root, run, stopEverythingOnShutdown, track, waitForHttp } from "./lib/process";

export const LIGHTHOUSE_VERSION = "12.8.2";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const DIST_DIR = ".next-lighthouse";
const DATABASE = "connecting_people_lighthouse";
const dataDir = join(root, ".data", "lighthouse");
const reportsDir = join(dataDir, "reports");
const resultsFile = join(root, "bench", "results.md");
const lighthouseFile = join(root, "bench", "lighthouse.md");
const START = "<!-- lighthouse:start -->";
const END = "<!-- lighthouse:end -->";
/** One Lighthouse run may take this long before it is given up (a busy 2-core machine, mobile throttling). */
const RUN_TIMEOUT_MS = 150_000;

type Person = "signed out" | "researcher" | "recruiter";
const LOGINS: Record<Exclude<Person, "signed out">, string> = {
  researcher: "researcher@example.org",
  recruiter: "recruiter@example.org",
};
const PAGES: { path: string; as: Person }[] = [
  { path: "/", as: "signed out" },
  { path: "/signin", as: "signed out" },
  { path: "/researcher", as: "researcher" },
  { path: "/researcher/selection", as: "researcher" },
  { path: "/researcher/participants", as: "researcher" },
  { path: "/researcher/training", as: "researcher" },
  { path: "/agency", as: "recruiter" },
  { path: "/agency/participants", as: "recruiter" },
];
type FormFactor = "desktop" | "mobile";
const FORM_FACTORS: FormFactor[] = ["desktop", "mobile"];
const TARGETS = { accessibility: 100, performance: 95 };

type Score = {
  path: string;
  as: Person;
  formFactor: FormFactor;
  accessibility: number | null;
  performance: number | null;
  /** Accessibility audits that did not pass: id and title, with how many elements. */
  failedAudits: string[];
  metrics: string;
  error?: string;
};

const runStarted = performance.now();
const step = (text: string) =>
  console.log(`[${((performance.now() - runStarted) / 1000).toFixed(0).padStart(3)} s] ${text}`);

const shutdown = stopEverythingOnShutdown();
const { stopEverything, failAndStop } = shutdown;

if (!existsSync(CHROMIUM)) {
  fail(`Lighthouse needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`);
}
console.log(
  [
    `Lighthouse ${LIGHTHOUSE_VERSION}, run with "npx --yes lighthouse@${LIGHTHOUSE_VERSION}" (not a dependency of the project),`,
    `against the system Chromium ${CHROMIUM} (${CHROME_FLAGS.slice(0, 2).join(" ")}).`,
    "",
  ].join("\n"),
);

// ---------------------------------------------------------------------------------------------
// The database, the build and the server

mkdirSync(reportsDir, { recursive: true });
const secrets = loadOrCreateSecrets(dataDir);
step("Starting the embedded PostgreSQL in .data/lighthouse/postgres…");
let databaseUrl: string;
try {
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dataDir, "postgres"),
    database: DATABASE,
    password: secrets.POSTGRES_PASSWORD,
  });
  shutdown.stopDatabaseWith(postgres.stop);
  databaseUrl = postgres.url();
  await prepareDatabase(databaseUrl);
} catch (error) {
  if (error instanceof PostgresStartError) await failAndStop(error.message, error.detail);
  await failAndStop(`The database could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
}

const port = await freePort();
const baseUrl = `http://localhost:${port}`;
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_DIST_DIR: DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl!,
  NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: secrets.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
  NEXTAUTH_URL: baseUrl,
};

step(`Building the app for production into ${DIST_DIR} (next build; output in .data/lighthouse/build.log)…`);
{
  // `next build` adds its folder's type files to tsconfig.json; put the file back as it was.
  const tsconfig = join(root, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  const log = openSync(join(dataDir, "build.log"), "w");
  const code = await run(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: ["ignore", log, log] });
  closeSync(log);
  if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
  if (code !== 0) await failAndStop(`The build failed (exit ${code}): run "npx next build" to see why.`);
}

step(`Starting the app at ${baseUrl} (next start)…`);
const server = track(
  spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  }),
);
if (!(await waitForHttp(`${baseUrl}/`, server))) await failAndStop("The app did not start.");

// ---------------------------------------------------------------------------------------------
// Signing in: next-auth's credentials flow, as the sign-in form does it

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const equals = pair.indexOf("=");
    if (equals > 0) jar.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
  }
}

async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  cookiesOf(csrf, jar);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${baseUrl}/`, json: "true" }),
  });
  cookiesOf(response, jar);
  const session = [...jar].filter(([name]) => name.includes("session-token"));
  if (session.length === 0) throw new Error(`signing in as ${email} gave no session cookie (${response.status})`);
  return session.map(([name, value]) => `${name}=${value}`).join("; ");
}

const cookies: Record<Person, string | null> = { "signed out": null, researcher: null, recruiter: null };
try {
  for (const [person, email] of Object.entries(LOGINS) as [keyof typeof LOGINS, string][]) {
    step(`Signing in as the demo ${person} (${email})…`);
    cookies[person] = await signIn(email);
  }
} catch (error) {
  await failAndStop(`Could not sign in: ${error instanceof Error ? error.message : String(error)}.`);
}

// Every page once before measuring, so that no score pays for the server's first request, and a
// check that each opens as its person (not the sign-in page, not "not found").
for (const { path, as } of PAGES) {
  const cookie = cookies[as];
  const response = await fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  await response.text();
  if (response.status !== 200) {
    await failAndStop(`${path} answered ${response.status} ${response.headers.get("location") ?? ""} as the ${as}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

type LighthouseResult = {
  lighthouseVersion: string;
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    {
      id: string;
      title: string;
      score: number | null;
      scoreDisplayMode: string;
      displayValue?: string;
      details?: { items?: unknown[] };
    }
  >;
};

/** `pid` and every process below it, parents first (from /proc). */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let index = 0; index < all.length; index += 1) {
    try {
      const children = readFileSync(`/proc/${all[index]}/task/${all[index]}/children`, "utf8");
      all.push(...children.split(" ").filter(Boolean).map(Number));
    } catch {
      // the process has ended
    }
  }
  return all;
}

function runLighthouse(url: string, formFactor: FormFactor, cookie: string | null, output: string) {
  const args = [
    "--yes",
    `lighthouse@${LIGHTHOUSE_VERSION}`,
    url,
    "--only-categories=accessibility,performance",
    "--output=json",
    `--output-path=${output}`,
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
    "--quiet",
    ...(formFactor === "desktop" ? ["--preset=desktop"] : []),
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    const child = track(
      spawn("npx", args, {
        cwd: root,
        env: { ...process.env, CHROME_PATH: CHROMIUM },
        stdio: ["ignore", "ignore", "pipe"],
      }),
    );
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    // npx → lighthouse → Chromium: on a hang, end the whole tree, not only npx.
    const timer = setTimeout(() => {
      for (const pid of processTree(child.pid!).reverse()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }, RUN_TIMEOUT_MS);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stderr });
    });
  });
}

const percent = (score: number | null | undefined) => (score == null ? null : Math.round(score * 100));

function scoreOf(result: LighthouseResult): Omit<Score, "path" | "as" | "formFactor"> {
  const failedAudits = result.categories
    .accessibility!.auditRefs.filter((ref) => ref.weight > 0)
    .map((ref) => result.audits[ref.id]!)
    .filter((audit) => audit.scoreDisplayMode === "binary" && audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.title}; ${audit.details?.items?.length ?? 0} elements)`);
  const metric = (id: string) => result.audits[id]?.displayValue?.replace(/\u00a0/g, " ") ?? "–";
  return {
    accessibility: percent(result.categories.accessibility?.score),
    performance: percent(result.categories.performance?.score),
    failedAudits,
    metrics: `FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`,
  };
}

const scores: Score[] = [];
// The machine's load while measuring: Lighthouse times the page on this machine (total blocking
// time above all), so a busy machine lowers the performance scores; accessibility does not move.
const loadAtStart = loadavg()[0]!;
let version = LIGHTHOUSE_VERSION;
for (const formFactor of FORM_FACTORS) {
  for (const { path, as } of PAGES) {
    const name = `${formFactor}${path.replace(/\//g, "_") || "_"}.json`;
    const output = join(reportsDir, name);
    step(`Lighthouse ${formFactor} ${path} (${as})…`);
    const { code, stderr } = await runLighthouse(`${baseUrl}${path}`, formFactor, cookies[as], output);
    if (code !== 0 || !existsSync(output)) {
      const error = `Lighthouse failed (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`;
      console.error(`  ${error}`);
      scores.push({
        path,
        as,
        formFactor,
        accessibility: null,
        performance: null,
        failedAudits: [],
        metrics: "",
        error,
      });
      continue;
    }
    const result = JSON.parse(readFileSync(output, "utf8")) as LighthouseResult;
    version = result.lighthouseVersion;
    const score = { path, as, formFactor, ...scoreOf(result) };
    scores.push(score);
    console.log(`  accessibility ${score.accessibility}, performance ${score.performance} (${score.metrics})`);
    for (const audit of score.failedAudits) console.log(`  failed: ${audit}`);
  }
}
const loadAtEnd = loadavg()[0]!;
await stopEverything();

// ---------------------------------------------------------------------------------------------
// The report

const passes = (score: Score) =>
  score.accessibility !== null &&
  score.performance !== null &&
  score.accessibility >= TARGETS.accessibility &&
  score.performance >= TARGETS.performance;

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}
const commit = git(["rev-parse", "--short", "HEAD"]) || "unknown";
const dirty = git(["status", "--porcelain"]) !== "";
const machine = `${cpus()[0]?.model.trim() ?? "unknown"}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}, Linux ${release()}`;
const chromiumVersion = (() => {
  try {
    return execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return CHROMIUM;
  }
})();

const table = [
  `Lighthouse ${version} (\`npx --yes lighthouse@${LIGHTHOUSE_VERSION}\`, not a dependency) with ${chromiumVersion} ` +
    `(\`${CHROME_FLAGS.slice(0, 2).join(" ")}\`), ${new Date().toISOString().slice(0, 10)}, commit ${commit}${dirty ? " (with uncommitted changes)" : ""}. ` +
    `Targets: accessibility ${TARGETS.accessibility}, performance ≥ ${TARGETS.performance}. ` +
    `Desktop: Lighthouse's desktop preset; mobile: its default (a mid-range phone on slow 4G, simulated). ` +
    `Load average (1 minute) of the machine, ${cpus().length} cores: ${loadAtStart.toFixed(1)} when the runs began, ` +
    `${loadAtEnd.toFixed(1)} when they ended${Math.max(loadAtStart, loadAtEnd) > cpus().length ? " (busy: the performance scores are lower than on an idle machine)" : ""}.`,
  "",
  "| Page | Signed in as | Form factor | Accessibility | Performance | Result |",
  "| ---- | ------------ | ----------- | ------------: | ----------: | ------ |",
  ...scores.map(
    (score) =>
      `| \`${score.path}\` | ${score.as} | ${score.formFactor} | ${score.accessibility ?? "–"} | ${score.performance ?? "–"} | ${
        score.error ? "failed to run" : passes(score) ? "pass" : "FAIL"
      } |`,
  ),
  "",
  `${scores.filter(passes).length} of ${scores.length} page runs meet both targets.`,
].join("\n");

const failures = scores.filter((score) => score.failedAudits.length > 0 || score.error);
const details = [
  "## What fell short",
  "",
  ...(failures.length === 0
    ? ["Every accessibility audit passed on every page and form factor."]
    : failures.map(
        (score) =>
          `- \`${score.path}\` (${score.formFactor}): ${score.error ?? `accessibility audits failed: ${score.failedAudits.join("; ")}`}`,
      )),
  "",
  "## Metrics",
  "",
  "| Page | Form factor | Metrics |",
  "| ---- | ----------- | ------- |",
  ...scores.map((score) => `| \`${score.path}\` | ${score.formFactor} | ${score.metrics || "–"} |`),
].join("\n");

/** Markdown as `npm run format` would write it, so that `prettier --check .` passes on what is written here. */
async function formatted(markdown: string, file: string): Promise<string> {
  const options = (await resolveConfig(file)) ?? {};
  return format(markdown, { ...options, plugins: [], filepath: file, parser: "markdown" });
}

mkdirSync(join(root, "bench"), { recursive: true });
writeFileSync(
  lighthouseFile,
  await formatted(
    [
      "# Lighthouse: accessibility and performance of the main pages",
      "",
      "Written by `npm run bench:lighthouse` (scripts/lighthouse.ts): a production build served by `next start` on this machine,",
      "with the demo study in an embedded PostgreSQL of its own, signed in as the demo researcher (`researcher@example.org`)",
      "or the demo recruiter (`recruiter@example.org`) by sending their session cookie with `--extra-headers`.",
      "Each page's full Lighthouse report (JSON) is in `.data/lighthouse/reports/`.",
      "",
      `Machine: ${machine}.`,
      "",
      table,
      "",
      details,
      "",
    ].join("\n"),
    lighthouseFile,
  ),
);

// The same table in bench/results.md, between the markers; the rest of the file stays as it is.
const section = await formatted(`## Lighthouse\n\n${table}\n\nDetails: [lighthouse.md](lighthouse.md).\n`, resultsFile);
const block = `${START}\n${section.trimEnd()}\n${END}`;
const existing = existsSync(resultsFile) ? readFileSync(resultsFile, "utf8") : "";
const start = existing.indexOf(START);
const end = existing.indexOf(END);
const updated =
  start >= 0 && end > start
    ? existing.slice(0, start) + block + existing.slice(end + END.length)
    : existing === ""
      ? `${block}\n`
      : `${existing.replace(/\n*$/, "\n\n")}${block}\n`;
writeFileSync(resultsFile, updated);

console.log(`\n${table}\n\nWritten to bench/lighthouse.md and bench/results.md (between ${START} and ${END}).`);
process.exit(scores.every(passes) ? 0 : 1);
