// `npm run security:sqlmap`: sqlmap (Debian's package) against the sign-in and the main endpoints of a
// production build, and the results written to bench/security.md.
//
// Installs sqlmap with apt-get when it is missing; builds the app into .next-sqlmap; starts it on a
// free port of 127.0.0.1 with an embedded PostgreSQL of its own (a temporary data directory, the
// demo study seeded); signs in as the demo researcher and as the lead of a recruiting agency; then
// runs sqlmap --batch against each target in turn, each bounded in time, and stops everything.
// Every request goes to 127.0.0.1. Wrap it as the browser tests are: `flock /tmp/e2e.lock npm run
// security:sqlmap`. SQLMAP_LEVEL, SQLMAP_RISK and SQLMAP_SECONDS_PER_PARAMETER change the depth.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { APP_DATABASE } from "@/lib/db/local";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { prepareDatabase } from "./lib/prepare-database";
import { buildApp } from "./bench/server";
import { nextBin, root, run, stopEverythingOnShutdown, track, waitForHttp } from "./lib/process";

const LEVEL = Number(process.env.SQLMAP_LEVEL ?? 2);
const RISK = Number(process.env.SQLMAP_RISK ?? 1);
/** The most one parameter may take (a target gets this for each of its parameters): with 27
 * parameters sqlmap runs at most about 8 minutes, after a build of 2-4 minutes. */
const SECONDS_PER_PARAMETER = Number(process.env.SQLMAP_SECONDS_PER_PARAMETER ?? 15);
const DIST_DIR = ".next-sqlmap";
const RESEARCHER = "researcher@example.org";
/** The lead of Mersey Fields, a recruiting agency in the demo study. */
const RECRUITING_LEAD = "lead.mersey-fields@example.org";

/** A failure to explain in one sentence; the run stops, and everything it started is stopped. */
class Failure extends Error {}

function fail(sentence: string): never {
  throw new Failure(sentence);
}

// ---------------------------------------------------------------------------------------------
// sqlmap itself

function sqlmapVersion(): string | null {
  const result = spawnSync("sqlmap", ["--version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return null;
  // "1.7.2#stable", then perhaps a warning that it is old (worked out from its date, offline).
  return result.stdout.match(/^\d+\.\d+[^\s]*/m)?.[0] ?? null;
}

async function ensureSqlmap(): Promise<string> {
  const found = sqlmapVersion();
  if (found) return found;
  if (process.getuid?.() !== 0) fail("sqlmap is not installed: install it with `sudo apt-get install -y sqlmap`.");
  console.log("Installing sqlmap (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["update"], { env })) !== 0) fail("apt-get update failed; the messages above say why.");
  if ((await run("apt-get", ["install", "-y", "--no-install-recommends", "sqlmap"], { env })) !== 0) {
    fail("apt-get install sqlmap failed; the messages above say why.");
  }
  return sqlmapVersion() ?? fail("sqlmap was installed but does not run.");
}

// ---------------------------------------------------------------------------------------------
// Signing in as a browser does (next-auth's credentials flow)

type Jar = Map<string, string>;

function keepCookies(response: Response, jar: Jar) {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const equals = pair.indexOf("=");
    if (equals > 0) jar.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
  }
}

const cookieHeader = (jar: Jar) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** A CSRF token and the cookie that goes with it, from GET /api/auth/csrf. */
async function csrf(baseUrl: string): Promise<{ token: string; cookie: string }> {
  const jar: Jar = new Map();
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  keepCookies(response, jar);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: cookieHeader(jar) };
}

/** The session cookie ("next-auth.session-token=…") of a signed-in person. */
async function signIn(baseUrl: string, email: string): Promise<string> {
  const jar: Jar = new Map();
  const { token, cookie } = await csrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({
      csrfToken: token,
      email,
      password: DEMO_PASSWORD,
      callbackUrl: `${baseUrl}/`,
      json: "true",
    }),
  });
  keepCookies(response, jar);
  const session = [...jar].filter(([name]) => name.includes("session-token"));
  if (session.length === 0) fail(`Signing in as ${email} gave no session cookie (${response.status}).`);
  return cookieHeader(new Map(session));
}

/** Whether this cookie still opens `path` (not sent to the sign-in page). */
async function stillSignedIn(baseUrl: string, path: string, cookie: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: "manual" });
  await response.text();
  return response.status === 200;
}

// ---------------------------------------------------------------------------------------------
// Server actions: sqlmap posts to them as the browser does (a Next-Action header naming the action)

/**
 * The id Next gave a server action and the page that posts to it, from the build's
 * server-reference manifest ("app/(public)/register/page" → "/register").
 */
function serverAction(name: string): { id: string; path: string } {
  const manifest = JSON.parse(
    readFileSync(join(root, DIST_DIR, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string; workers?: Record<string, unknown> }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  const page = Object.keys(found?.[1].workers ?? {}).find((worker) => worker.endsWith("/page"));
  if (!found || !page) fail(`The build has no server action called ${name} on any page.`);
  const path = page
    .split("/")
    .slice(1, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .join("/");
  return { id: found[0], path: `/${path}` };
}

// ---------------------------------------------------------------------------------------------
// Targets

type Target = {
  name: string;
  /** What the parameters reach, for the report. */
  reaches: string;
  url: string;
  /** The parameters sqlmap tests (-p), or, with `*` markers in the data or headers, those points. */
  params: string[];
  args: string[];
  /** A page that must still open with the cookie afterwards (the scan ran signed in). */
  signedInCheck?: { path: string; cookie: string };
};

function targets(
  baseUrl: string,
  cookies: { researcher: string; lead: string },
  signInCsrf: { token: string; cookie: string },
): Target[] {
  const page = (
    name: string,
    path: string,
    query: Record<string, string>,
    reaches: string,
    cookie = cookies.researcher,
  ): Target => ({
    name,
    reaches,
    url: `${baseUrl}${path}?${new URLSearchParams(query)}`,
    params: Object.keys(query),
    args: ["-p", Object.keys(query).join(","), "--cookie", cookie],
    signedInCheck: { path, cookie },
  });
  const action = (name: string, action: string, payload: Record<string, string>, reaches: string): Target => {
    const { id, path } = serverAction(action);
    return {
      name,
      reaches,
      url: `${baseUrl}${path}`,
      params: Object.entries(payload)
        .filter(([, value]) => value.endsWith("*"))
        .map(([key]) => key),
      args: [
        "--method",
        "POST",
        "--data",
        JSON.stringify([payload]),
        "-H",
        `Next-Action: ${id}`,
        "-H",
        "Content-Type: text/plain;charset=UTF-8",
        "-H",
        "Accept: text/x-component",
        "-H",
        `Origin: ${baseUrl}`,
      ],
    };
  };
  return [
    {
      name: "Sign-in (next-auth credentials)",
      reaches: "email: Prisma findUnique and the sign-in limiter's SQL (tagged template); password: argon2 only",
      url: `${baseUrl}/api/auth/callback/credentials`,
      params: ["email", "password"],
      args: [
        "--method",
        "POST",
        "--data",
        new URLSearchParams({
          csrfToken: signInCsrf.token,
          email: "researcher@example.org",
          password: "wrong-password",
          callbackUrl: `${baseUrl}/`,
          json: "true",
        }).toString(),
        "-p",
        "email,password",
        "--cookie",
        signInCsrf.cookie,
        // Each request from a new address, so that the per-address limit on failed sign-ins does
        // not answer every later payload the same way.
        "--tamper",
        "xforwardedfor",
      ],
    },
    {
      name: "Sign-in: client address (X-Forwarded-For)",
      reaches: "the sign-in limiter's key, in raw SQL (tagged template)",
      url: `${baseUrl}/api/auth/callback/credentials`,
      params: ["X-Forwarded-For (header)"],
      args: [
        "--method",
        "POST",
        "--data",
        new URLSearchParams({
          csrfToken: signInCsrf.token,
          email: `nobody.${randomBytes(3).toString("hex")}@example.org`,
          password: "wrong-password",
          callbackUrl: `${baseUrl}/`,
          json: "true",
        }).toString(),
        "-H",
        "X-Forwarded-For: 203.0.113.7*",
        "--cookie",
        signInCsrf.cookie,
      ],
    },
    action(
      "Registration (registerAgencyAction)",
      "registerAgencyAction",
      {
        organisation: "Test Trust*",
        teamName: "Test Team*",
        name: "Test Lead*",
        email: "sqlmap.registration@example.org*",
        password: "river-lantern-oak-71",
        confirmPassword: "river-lantern-oak-71",
      },
      "Prisma findUnique on the email, then Prisma creates in one transaction",
    ),
    action(
      "Password reset request (requestPasswordResetAction)",
      "requestPasswordResetAction",
      { email: "researcher@example.org*" },
      "zod, then Prisma after the answer has gone",
    ),
    page(
      "Researcher: participants",
      "/researcher/participants",
      { status: "CONSENTED", agency: "", subgroup: "ADULT_MENTAL_HEALTH", q: "CP-01-0001", page: "1" },
      "zod, then Prisma where-clauses and a raw count (tagged template)",
    ),
    page(
      "Researcher: selection",
      "/researcher/selection",
      {
        q: "Trust",
        stage: "SUBMITTED",
        clientGroup: "LEARNING_DISABILITY",
        region: "LONDON",
        sort: "mean",
      },
      "zod, then raw SQL (tagged template) for scores and sorting",
    ),
    page(
      "Researcher: audit trail",
      "/researcher/audit",
      {
        action: "agency.stage_changed",
        entity: "Agency",
        entityId: "x",
        actorEmail: "researcher@example.org",
        from: "2026-01-01",
      },
      "zod, then Prisma where-clauses",
    ),
    page(
      "Researcher: follow-up",
      "/researcher/participants/follow-up",
      { agency: "00000000-0000-0000-0000-000000000000" },
      "zod uuid, then raw SQL (tagged template)",
    ),
    page(
      "Researcher: CONSORT download",
      "/researcher/export/consort",
      { agency: "00000000-0000-0000-0000-000000000000" },
      "zod uuid, then raw SQL (tagged template)",
    ),
    page(
      "Agency lead: participants",
      "/agency/participants",
      { status: "REFERRED", page: "1" },
      "zod, then Prisma scoped to the lead's agency",
      cookies.lead,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Running sqlmap and reading what it said

type Verdict = { parameter: string; result: string };
type Outcome = {
  target: Target;
  verdicts: Verdict[];
  requests: number;
  /** How the app answered sqlmap's requests, e.g. "200×143, 303×2". */
  answers: string;
  seconds: number;
  timedOut: boolean;
  log: string;
  /** sqlmap's own lines about what it found (its verdicts, criticals and heuristics), as it wrote them. */
  summary: string[];
};

/** The lines of sqlmap's output that say what it found. */
function summaryLines(text: string): string[] {
  const wanted =
    /injectable|injection point|heuristic|\[CRITICAL\]|\[ERROR\]|user aborted|might not be injectable|is vulnerable|back-end DBMS/i;
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => wanted.test(line) && !/^\[INFO\] testing /.test(line)),
    ),
  ];
}

const limitSeconds = (target: Target) => target.params.length * SECONDS_PER_PARAMETER + 10;

function runSqlmap(target: Target, outputDir: string): Promise<Outcome> {
  const logFile = join(outputDir, `${target.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.log`);
  const trafficFile = `${logFile}.traffic`;
  const args = [
    "-u",
    target.url,
    ...target.args,
    "--batch",
    `--level=${LEVEL}`,
    `--risk=${RISK}`,
    "--dbms=PostgreSQL",
    "--time-sec=2",
    "--timeout=15",
    "--retries=1",
    "--drop-set-cookie",
    // A refused sign-in is a 401 (next-auth), a refused page a 404: answers to compare, not reasons to stop.
    "--ignore-code=401,404",
    "--flush-session",
    "--disable-coloring",
    "--output-dir",
    outputDir,
    "-t",
    trafficFile,
  ];
  const started = Date.now();
  return new Promise((resolve) => {
    const log = createWriteStream(logFile);
    log.write(`$ sqlmap ${args.map((arg) => (/[\s"';&]/.test(arg) ? JSON.stringify(arg) : arg)).join(" ")}\n\n`);
    const child = track(spawn("sqlmap", args, { stdio: ["ignore", "pipe", "pipe"] }));
    let text = "";
    const collect = (chunk: Buffer) => {
      text += chunk.toString();
      log.write(chunk);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill("SIGINT");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      },
      limitSeconds(target) * 1000,
    );
    child.on("exit", () => {
      clearTimeout(timer);
      log.end();
      const traffic = existsSync(trafficFile) ? readFileSync(trafficFile, "utf8") : "";
      const requests = (traffic.match(/^HTTP request \[#\d+\]:/gm) ?? []).length;
      const statuses = new Map<string, number>();
      for (const [, status] of traffic.matchAll(/^HTTP response \[#\d+\] \((\d{3})/gm)) {
        statuses.set(status!, (statuses.get(status!) ?? 0) + 1);
      }
      // next-auth sends a request whose CSRF token it refused back to the sign-in page.
      const csrfRefused = (traffic.match(/csrf=true/g) ?? []).length;
      const answers = [
        ...[...statuses].sort().map(([status, count]) => `${status}×${count}`),
        ...(csrfRefused > 0 ? [`CSRF refused ×${csrfRefused}`] : []),
      ].join(", ");
      resolve({
        target,
        verdicts: readVerdicts(target, text, timedOut),
        requests,
        answers,
        seconds: Math.round((Date.now() - started) / 1000),
        timedOut,
        log: logFile,
        summary: summaryLines(text),
      });
    });
  });
}

/**
 * Each parameter's result as sqlmap reported it. sqlmap names a parameter by its name, or a point
 * marked with `*` by its number ("#2*"), in the order the markers appear.
 */
function readVerdicts(target: Target, text: string, timedOut: boolean): Verdict[] {
  const said = (name: string, what: string) =>
    [...text.matchAll(/parameter '([^']+)' (.*)$/gm)].some(([, parameter, rest]) => {
      const base = parameter!.replace(/ \(.*\)$/, "");
      return (base === name || base.endsWith(name)) && new RegExp(what, "i").test(rest!);
    });
  const identified = /sqlmap identified the following injection point/.test(text);
  return target.params.map((parameter, index) => {
    const names = [parameter.replace(/ \(header\)$/, ""), `#${index + 1}*`];
    if (names.some((name) => said(name, "(appears to be|is) .*injectable") && !said(name, "not"))) {
      const lines = text.split("\n").filter((line) => /Type: |Title: |Payload: /.test(line));
      return { parameter, result: `INJECTABLE? ${lines.slice(0, 3).join(" / ").trim() || "see the log"}` };
    }
    if (names.some((name) => said(name, "does not seem to be injectable")))
      return { parameter, result: "not injectable" };
    if (identified) return { parameter, result: "not reported (another parameter was; see the log)" };
    if (/all tested parameters do not appear to be injectable/.test(text))
      return { parameter, result: "not injectable" };
    return { parameter, result: timedOut ? "not finished (time limit)" : "not tested (see the log)" };
  });
}

// ---------------------------------------------------------------------------------------------
// The report

function gitCommit(): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" }).stdout.trim();
  return head ? `${head}${dirty ? " (with uncommitted changes)" : ""}` : "unknown";
}

function writeReport(
  version: string,
  outcomes: Outcome[],
  signedIn: Map<string, boolean>,
  startedAt: Date,
  minutes: number,
) {
  const rows = outcomes.flatMap((outcome) =>
    outcome.verdicts.map(
      (verdict) =>
        `| ${outcome.target.name} | \`${verdict.parameter}\` | ${verdict.result} | ${outcome.requests} (${outcome.answers || "none"}) | ${outcome.seconds} s${
          outcome.timedOut ? " (limit)" : ""
        }${signedIn.get(outcome.target.name) === false ? "; session lost" : ""} |`,
    ),
  );
  const findings = outcomes.flatMap((outcome) =>
    outcome.verdicts
      .filter((verdict) => verdict.result.startsWith("INJECTABLE"))
      .map((verdict) => `${outcome.target.name}: ${verdict.parameter}`),
  );
  const crashed = outcomes
    .filter((outcome) => /\b5\d\d×/.test(outcome.answers))
    .map((outcome) => `${outcome.target.name} (${outcome.answers})`);
  const targetsTable = outcomes.map(
    (outcome) =>
      `| ${outcome.target.name} | \`${outcome.target.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, "")}\` | ${outcome.target.reaches} |`,
  );
  const text = `# Security: SQL injection (sqlmap)

Written by \`npm run security:sqlmap\` (scripts/sqlmap.ts). Run it again after changing a query,
a route or a server action: \`flock /tmp/e2e.lock npm run security:sqlmap\`.

- **Date:** ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC (${minutes} minutes)
- **Commit:** ${gitCommit()}
- **sqlmap:** ${version} (Debian's package)
- **Against:** a production build (\`next start\`) on 127.0.0.1 with its own embedded PostgreSQL,
  seeded with the demo study; signed in as the demo researcher (${RESEARCHER}) and as the lead of a
  recruiting agency (${RECRUITING_LEAD}) where a page needs it. No traffic left the machine.
- **Options:** \`--batch --level=${LEVEL} --risk=${RISK} --dbms=PostgreSQL --time-sec=2 --timeout=15
  --retries=1 --drop-set-cookie --flush-session\`, each target stopped after ${SECONDS_PER_PARAMETER} s per
  parameter and 10 s more; \`-p\` names the parameters of each GET page and of the sign-in; server actions are posted as the browser does
  (\`Next-Action\` header, the arguments as JSON) with \`*\` marking each value tested; the sign-in
  sends next-auth's CSRF token and cookie with every request, and (\`--tamper=xforwardedfor\`) each
  from a new client address, so the limit on failed sign-ins does not make every answer alike.

## Result

${findings.length === 0 ? "**No parameter was found injectable.**" : `**Findings:** ${findings.join("; ")}. Read the logs and fix before release.`}

${
  crashed.length === 0
    ? "No request was answered with a 5xx."
    : `**Answered with a 5xx** (not an injection, but a crash on bad input; the server's log says why): ${crashed.join("; ")}.`
}

| Target | Parameter | Result | Requests (answers) | Time |
| --- | --- | --- | --- | --- |
${rows.join("\n")}

"Not finished (time limit)" means sqlmap was still trying payloads when its time ran out; none it
tried had worked. Raise \`SQLMAP_SECONDS_PER_PARAMETER\` (and \`SQLMAP_LEVEL\`, \`SQLMAP_RISK\`) for a deeper run.

## sqlmap's own words

What sqlmap said about each target, line for line as it printed them (the whole logs are in
\`test-results/sqlmap/\` after a run):

${outcomes
  .map(
    (outcome) =>
      `### ${outcome.target.name}\n\n\`\`\`text\n${outcome.summary.join("\n") || "(nothing: see the log)"}\n\`\`\``,
  )
  .join("\n\n")}

## What was tested

| Target | Address | What the input reaches |
| --- | --- | --- |
${targetsTable.join("\n")}

## Why nothing is injectable

- **Prisma parameterises every query.** Values from a form or an address reach PostgreSQL as bound
  parameters (\`$1\`, \`$2\`, …), never as SQL text, whatever characters they hold.
- **Raw SQL is written as tagged templates** (\`$queryRaw\`\` … \${value} … \`\`, \`$executeRaw\`\`…\`\`),
  which Prisma also turns into bound parameters; the code has no \`$queryRawUnsafe\` or string-built SQL
  with user input (the only \`Unsafe\` calls, in tests and the migration applier, take no input).
- **Input is parsed before it is used.** Every server action, page and download checks its input
  with zod first (ids must be uuids, statuses and stages one of a list, dates real dates); a value
  that fails is answered with a message and never reaches a query.
- **Passwords never reach SQL**: they are checked with argon2 against the stored hash.

## Malformed input

sqlmap looks for one kind of flaw. The database tests \`lib/auth/actions-fuzz.int.test.ts\` and
\`lib/auth/routes-fuzz.int.test.ts\` (part of \`npm test\`) throw thousands of malformed payloads
(wrong types, missing and extra fields, 100,000-character strings, unicode, NUL bytes, SQL and
script fragments, numbers and dates out of range, deep nesting, ids of nobody's records) at every
server action and every GET route handler, from a fixed seed, and check that each answers with a
message (never a 5xx or a throw) and writes no row unless it accepted a valid payload. Run them with
\`npx vitest run --project db lib/auth/actions-fuzz.int.test.ts lib/auth/routes-fuzz.int.test.ts\`;
\`FUZZ_SEED\` and \`FUZZ_RUNS\` explore further.
`;
  mkdirSync(join(root, "bench"), { recursive: true });
  writeFileSync(join(root, "bench", "security.md"), text);
}

// ---------------------------------------------------------------------------------------------
// The run

const startedAt = new Date();
const workDir = mkdtempSync(join(tmpdir(), "cp-sqlmap-"));
// As root, PostgreSQL runs as the user "postgres", who must be able to enter this folder.
chmodSync(workDir, 0o755);
const shutdown = stopEverythingOnShutdown(() => rmSync(workDir, { recursive: true, force: true }));

/** The whole run; resolves with the exit code (1 when sqlmap found something). */
async function main(): Promise<number> {
  const version = await ensureSqlmap();
  console.log(`sqlmap ${version}`);

  console.log("Starting an embedded PostgreSQL of its own…");
  const postgres = await startEmbeddedPostgres({
    dataDir: join(workDir, "postgres"),
    database: APP_DATABASE,
    password: randomBytes(12).toString("hex"),
  });
  shutdown.stopDatabaseWith(postgres.stop);
  await prepareDatabase(postgres.url());

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: postgres.url(),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const buildLog = join(workDir, "build.log");
  if (process.env.SQLMAP_REUSE_BUILD === "1" && existsSync(join(root, DIST_DIR, "BUILD_ID"))) {
    console.log(`Reusing the build in ${DIST_DIR} (SQLMAP_REUSE_BUILD=1).`);
  } else {
    console.log(`Building the app into ${DIST_DIR} (next build)…`);
    // buildApp puts tsconfig.json back when next build adds this folder's types to its "include".
    if ((await buildApp(env, buildLog)).code !== 0) {
      console.error(readFileSync(buildLog, "utf8").slice(-4000));
      fail("The build failed; its last messages are above.");
    }
  }

  const server = track(
    spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  server.stdout?.on("data", () => {});
  if (!(await waitForHttp(`${baseUrl}/api/health`, server, 90_000))) fail("The production server did not start.");

  const cookies = { researcher: await signIn(baseUrl, RESEARCHER), lead: await signIn(baseUrl, RECRUITING_LEAD) };
  const signInCsrf = await csrf(baseUrl);
  const outputDir = join(workDir, "sqlmap");
  mkdirSync(outputDir, { recursive: true });
  const outcomes: Outcome[] = [];
  const signedIn = new Map<string, boolean>();
  for (const target of targets(baseUrl, cookies, signInCsrf)) {
    console.log(`\n=== ${target.name}: ${target.params.join(", ")} ===`);
    const outcome = await runSqlmap(target, outputDir);
    outcomes.push(outcome);
    if (target.signedInCheck) {
      signedIn.set(target.name, await stillSignedIn(baseUrl, target.signedInCheck.path, target.signedInCheck.cookie));
    }
    for (const verdict of outcome.verdicts) console.log(`  ${verdict.parameter}: ${verdict.result}`);
    console.log(
      `  ${outcome.requests} requests (${outcome.answers}) in ${outcome.seconds} s${outcome.timedOut ? " (time limit)" : ""}`,
    );
  }

  const minutes = Math.round((Date.now() - startedAt.getTime()) / 60_000);
  writeReport(version, outcomes, signedIn, startedAt, minutes);
  const logsDir = join(root, "test-results", "sqlmap");
  rmSync(logsDir, { recursive: true, force: true });
  mkdirSync(logsDir, { recursive: true });
  for (const outcome of outcomes) writeFileSync(join(logsDir, basename(outcome.log)), readFileSync(outcome.log));
  console.log(`\nWrote bench/security.md (sqlmap's logs in test-results/sqlmap/). ${minutes} minutes.`);
  const findings = outcomes.some((outcome) =>
    outcome.verdicts.some((verdict) => verdict.result.startsWith("INJECTABLE")),
  );
  return findings ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof Failure ? `\n${error.message}` : error);
} finally {
  await shutdown.stopEverything();
}
process.exit(code);
