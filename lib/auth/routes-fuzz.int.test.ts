// Junk in the address of every route handler (the downloads, the calendar, the CONSORT diagram,
// the page after sign-in, and any GET route added later; next-auth's own excepted), called as the
// person each is for: the parameters the handler reads, and others, given huge strings, unicode,
// NUL bytes, SQL and script fragments, broken percent-escapes, repeated keys and ids that belong to
// nobody. Every answer must be an answer: never a 5xx, never a throw (a redirect is an answer when
// it stays on this site); a 4xx says what happened in plain text; a 200 is the file. A GET writes
// nothing: every table is compared before and after. fast-check runs from a fixed seed; a failure
// shows the smallest address, the seed and the path.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { authOptions, authorizeCredentials } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_IN_WINDOW_MS } from "@/lib/auth/rate-limit";
import { TOO_MANY_SIGN_INS } from "@/lib/auth/sign-in-messages";
import { describeValue } from "@/test/fuzz/describe";
import { junkEmail, junkString, junkUuid, junkValue, SQL_FRAGMENTS } from "@/test/fuzz/junk";
import { listRouteFiles, loadRouteHandlers, routeMethods, type RouteHandler } from "@/test/fuzz/routes";
import { digestOf } from "@/test/fuzz/server-actions";
import { allTables, changes, fingerprint } from "@/test/fuzz/tables";
import { seedWorld, sessionOf, type World } from "@/test/fuzz/world";
import { ownDatabase } from "@/test/own-database";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
// Who next-auth says is signed in; everything after it is real.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));

/** The seed of every run; another one explores other addresses: `FUZZ_SEED=123 npx vitest run --project db …`. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
/** Runs per route; raise it to search deeper: `FUZZ_RUNS=400 …`. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 60);
const ORIGIN = "http://localhost:3000";

// A database of this file's own (the exports read whole tables); `db` reads DATABASE_URL on first use.
const own = ownDatabase("cp_fuzz_routes");
process.env.DATABASE_URL = own.url;

type Role = "nobody" | "researcher" | "lead";

/** Who each route is for, by its address; a route outside both areas is called by anyone. */
function rolesFor(path: string): Role[] {
  if (path.startsWith("/researcher/") || path === "/researcher") return ["researcher"];
  if (path.startsWith("/agency/") || path === "/agency") return ["lead"];
  return ["nobody", "researcher", "lead"];
}

/** Raw pieces of a query string, put in as they are (not encoded). */
const RAW_QUERY = [
  "%",
  "%zz",
  "%00",
  "%E0%A4%A",
  "%C0%AF",
  "%F0%9F%98",
  "&&&",
  "=",
  "a=b=c",
  "x[]=1&x[]=2",
  "__proto__[admin]=1",
  "agency",
  "agency=",
  `callbackUrl=${encodeURIComponent("//evil.example/")}`,
  "callbackUrl=%2F%2Fevil.example",
  "callbackUrl=/\\evil.example",
  `callbackUrl=${encodeURIComponent("https://evil.example/researcher")}`,
  `callbackUrl=${encodeURIComponent("/researcher/../agency")}`,
  `q=${"a".repeat(100_000)}`,
] as const;

const KEYS = ["agency", "callbackUrl", "page", "status", "q", "id", "format", "__proto__", "constructor"];

function queryArbitrary(handler: RouteHandler, world: World): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 3, arbitrary: handler.params.length > 0 ? fc.constantFrom(...handler.params) : fc.constantFrom(...KEYS) },
    { weight: 2, arbitrary: fc.constantFrom(...KEYS) },
    { weight: 1, arbitrary: junkString },
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: junkString },
    {
      weight: 2,
      arbitrary: junkUuid(world.ids).map((id) => (typeof id === "string" ? id : (JSON.stringify(id) ?? ""))),
    },
    { weight: 1, arbitrary: fc.constantFrom(...SQL_FRAGMENTS) },
  );
  const encoded = fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs).toString());
  const raw = fc.array(fc.constantFrom(...RAW_QUERY), { minLength: 1, maxLength: 3 }).map((pieces) => pieces.join("&"));
  return fc.oneof(
    { weight: 3, arbitrary: encoded },
    { weight: 1, arbitrary: raw },
    {
      weight: 1,
      arbitrary: fc.tuple(encoded, raw).map(([one, two]) => [one, two].filter(Boolean).join("&")),
    },
  );
}

/** A fixed sweep: each parameter the route reads meets each kind of junk once. */
function sweepQueries(handler: RouteHandler, world: World): string[] {
  const values = [
    "a".repeat(100_000),
    "a\u0000b",
    "\u202Eevil\u202C 👩‍👩‍👧 e\u0301\u0302",
    "' OR 1=1 --",
    '\'; DROP TABLE "User"; --',
    "<script>alert(1)</script>",
    "0000-00-00",
    "9999-12-31",
    "2026-02-30",
    "NaN",
    "-0",
    "1e308",
    "00000000-0000-0000-0000-000000000000",
    "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    world.agencyId,
    world.otherAgencyId,
    world.participantId,
    " ",
    "",
  ];
  const params = handler.params.length > 0 ? handler.params : ["q"];
  return [
    ...params.flatMap((param) => values.map((value) => new URLSearchParams([[param, value]]).toString())),
    ...params.map((param) => new URLSearchParams(values.slice(0, 6).map((value) => [param, value])).toString()),
    ...RAW_QUERY,
  ];
}

const INTERNALS =
  /prisma|postgres|\bsql\b|syntax error|violates|constraint|stack|\bat \/|TypeError|Error:|undefined|NaN|\[object Object\]/i;

/** A redirect target that stays on this site. */
function staysOnSite(location: string): boolean {
  try {
    const url = new URL(location, ORIGIN);
    return url.origin === ORIGIN && !location.startsWith("//") && !location.includes("\\");
  } catch {
    return false;
  }
}

/** Where redirect() sends: its digest is "NEXT_REDIRECT;<type>;<url>;<status>;". */
function redirectTarget(digest: string): string {
  return digest.split(";").slice(2, -2).join(";");
}

/** What is wrong with the answer to one request, or null. */
async function problemWith(handler: RouteHandler, role: Role, query: string): Promise<string | null> {
  const request = new NextRequest(`${ORIGIN}${handler.path}?${query}`);
  session.current =
    role === "researcher" ? sessionOf(world.researcher) : role === "lead" ? sessionOf(world.lead) : null;
  let response: Response;
  try {
    response = await handler.GET(request);
  } catch (error) {
    const digest = digestOf(error);
    if (digest?.startsWith("NEXT_REDIRECT")) {
      const target = redirectTarget(digest);
      return staysOnSite(target) ? null : `redirected off the site, to ${target}`;
    }
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return null;
    const thrown = error as Error;
    return `threw ${thrown?.name ?? "a value"}: ${String(thrown?.message ?? error)
      .replace(/\s+/g, " ")
      .slice(0, 400)}`;
  }
  counted.statuses.set(response.status, (counted.statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500) return `answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location") ?? "";
    return staysOnSite(location) ? null : `redirected off the site, to ${location || "nowhere"}`;
  }
  const body = await response.text();
  if (response.status >= 400) {
    if (!(response.headers.get("content-type") ?? "").startsWith("text/plain")) {
      return `answered ${response.status} as ${response.headers.get("content-type")}, not a plain message`;
    }
    if (body.trim().length === 0) return `answered ${response.status} with no message`;
    if (INTERNALS.test(body)) return `answered ${response.status} with the program's insides: ${body.slice(0, 300)}`;
    return null;
  }
  if (response.status !== 200) return `answered ${response.status}`;
  if (body.length === 0) return "answered 200 with nothing in it";
  const disposition = response.headers.get("content-disposition") ?? "";
  if (/^\/(researcher|agency)\//.test(handler.path) && !disposition.startsWith("attachment")) {
    return `answered 200 without a file (Content-Disposition: ${disposition || "none"})`;
  }
  return null;
}

let world: World;
let handlers: RouteHandler[];
let tables: string[];
const counted = { requests: 0, statuses: new Map<number, number>() };

beforeAll(async () => {
  const [connected] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  expect(own.url.endsWith(`/${connected?.name}`)).toBe(true);
  world = await seedWorld(own.client);
  tables = await allTables(own.client);
  handlers = await loadRouteHandlers();
});

afterAll(async () => {
  await db.$disconnect();
});

describe("route handlers given junk in the address", () => {
  it("has only GET route handlers besides next-auth's: another method would need fuzzing here", () => {
    // A POST (or PUT, PATCH, DELETE) handler takes a body: add a property for it to this file
    // before adding it to this list.
    expect(routeMethods().filter(({ methods }) => methods.join(",") !== "GET")).toEqual([]);
  });

  it("finds the app's route handlers", () => {
    expect(handlers.map((handler) => handler.path)).toEqual(
      expect.arrayContaining([
        "/after-signin",
        "/agency/training/calendar",
        "/researcher/export/consort",
        "/researcher/export/participants",
        "/researcher/export/bookings",
        "/researcher/export/agencies",
      ]),
    );
    expect(handlers.find((handler) => handler.path === "/researcher/export/consort")?.params).toEqual(["agency"]);
  });

  // One test per route handler file, so a new route joins without anyone listing it here.
  for (const handler of listRouteFiles()) {
    it(`${handler.path} never answers 5xx or throws, and writes nothing`, { timeout: 120_000 }, async () => {
      const loaded = handlers.find((candidate) => candidate.file === handler.file);
      if (!loaded) throw new Error(`${handler.file} has no GET handler any more.`);
      const roles = rolesFor(loaded.path);
      const before = await fingerprint(own.client, tables);
      const report: string[] = [];

      for (const query of sweepQueries(loaded, world)) {
        for (const role of roles) {
          counted.requests += 1;
          const problem = await problemWith(loaded, role, query);
          if (problem) report.push(`GET ${loaded.path}?${describeValue(query).slice(1, -1)} as ${role}\n  ${problem}`);
        }
      }

      const property = fc.asyncProperty(
        fc.constantFrom(...roles),
        queryArbitrary(loaded, world),
        async (role, query) => {
          counted.requests += 1;
          const problem = await problemWith(loaded, role, query);
          if (problem) throw new Error(problem);
        },
      );
      const details = await fc.check(property, { seed: SEED, numRuns: RUNS_PER_ROUTE });
      if (details.failed) {
        const [role, query] = details.counterexample ?? ["?", "?"];
        report.push(
          `Random addresses: failed after ${details.numRuns} (seed ${details.seed}, path "${details.counterexamplePath}"; ` +
            `repeat with FUZZ_SEED=${details.seed}). Smallest:\nGET ${loaded.path}?${describeValue(query).slice(1, -1)} as ${role}\n  ${
              (details.errorInstance as Error | null)?.message
            }`,
        );
      }

      const written = changes(before, await fingerprint(own.client, tables));
      if (written.length > 0) report.push(`GET ${loaded.path} wrote rows: ${written.join("; ")}`);
      if (report.length > 0) expect.fail(`${report.length} problem(s):\n${report.slice(0, 12).join("\n")}`);
    });
  }

  it("sent hundreds of addresses, and got more than one kind of answer", () => {
    console.log(
      `Route fuzzing: ${counted.requests} requests (seed ${SEED}); statuses ${[...counted.statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(", ")}.`,
    );
    expect(counted.requests).toBeGreaterThanOrEqual(300);
    // Both files and refusals were seen, or the checks on each would have proved nothing.
    expect(counted.statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(counted.statuses.get(404) ?? 0).toBeGreaterThan(0);
  });
});

// The sign-in (next-auth's credentials provider hands the posted fields and the request's headers
// to authorizeCredentials): junk emails, passwords and fields, and junk client addresses. It must
// answer null (the one "could not sign you in" message) or the person, never throw but for the
// "too many sign-ins" code the sign-in page explains, and write nothing but the failed attempts it
// counts (LoginAttempt). Each call is a sign-in window later than the one before, so that the
// failures counted for one address do not slow every later call down; the limiter has tests of its own.
const RUNS_SIGN_IN = Number(process.env.FUZZ_RUNS ?? 60) * 2;
const SIGN_IN_PASSWORD = "river-lantern-oak-71";

/** What HTTP can carry in a header: visible ASCII and Latin-1, and spaces and tabs. */
const headerText = junkString.map((text) => text.replace(/[^\t\x20-\x7e\xa0-\xff]/g, "").slice(0, 8_000));

describe("the sign-in given junk", () => {
  it("answers null, the person or 'too many sign-ins', never throws, and writes only failed attempts", async () => {
    await own.client.user.update({
      where: { id: world.supervisor.id },
      data: { passwordHash: await hashPassword(SIGN_IN_PASSWORD) },
    });
    const before = await fingerprint(own.client, tables);
    let now = Date.parse("2026-01-01T09:00:00Z");
    // The right email and password sign in, or the checks below would prove little.
    const person = { email: world.supervisor.email, password: SIGN_IN_PASSWORD };
    expect(await authorizeCredentials(person, undefined, new Date(now))).toMatchObject({ id: world.supervisor.id });
    let calls = 0;
    let signedIn = 0;
    const credentials = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record(
          {
            email: fc.oneof(
              junkEmail,
              fc.constant(world.supervisor.email),
              fc.constant(world.supervisor.email.toUpperCase()),
            ),
            password: fc.oneof(junkString, fc.constant(SIGN_IN_PASSWORD)),
            csrfToken: junkString,
            callbackUrl: junkString,
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.dictionary(junkString, junkValue, { maxKeys: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, {}) },
    );
    const headers = fc.oneof(
      fc.constant(undefined),
      fc.record({ "x-forwarded-for": headerText }, { requiredKeys: [] }),
      fc.record({ "x-forwarded-for": fc.array(headerText, { maxLength: 3 }), "x-real-ip": headerText }),
    );
    const property = fc.asyncProperty(credentials, headers, async (fields, requestHeaders) => {
      calls += 1;
      now += SIGN_IN_WINDOW_MS + 1000;
      let answer: unknown;
      try {
        answer = await authorizeCredentials(
          fields as Record<string, unknown> | undefined,
          requestHeaders,
          new Date(now),
        );
      } catch (error) {
        if ((error as Error)?.message === TOO_MANY_SIGN_INS) return;
        throw new Error(`threw ${String((error as Error)?.message ?? error).slice(0, 300)}`);
      }
      if (answer === null) return;
      expect(answer).toMatchObject({ id: world.supervisor.id });
      signedIn += 1;
    });
    const details = await fc.check(property, { seed: SEED, numRuns: RUNS_SIGN_IN });
    if (details.failed) {
      const [fields, requestHeaders] = details.counterexample ?? ["?", "?"];
      expect.fail(
        `Sign-in: failed after ${details.numRuns} (seed ${details.seed}; repeat with FUZZ_SEED=${details.seed}). Smallest:\n` +
          `authorizeCredentials(${describeValue(fields)}, ${describeValue(requestHeaders)})\n  ${(details.errorInstance as Error | null)?.message}`,
      );
    }
    console.log(`Sign-in fuzzing: ${calls} attempts (seed ${SEED}), ${signedIn} signed in.`);
    const written = changes(before, await fingerprint(own.client, tables)).filter(
      (line) => !line.startsWith("LoginAttempt:"),
    );
    expect(written).toEqual([]);
    expect(calls).toBe(RUNS_SIGN_IN);
  });
});

// Where next-auth sends the browser after signing in or out: the callbackUrl of the form (or of its
// cookie), through the redirect callback. Found by sqlmap (bench/security.md): next-auth's own
// callback calls new URL() on it, so "4939" answered the sign-in with a 500. Any value must lead
// to this site.
/** next-auth 4's own redirect callback (core/lib/default-callbacks.js, not exported), used when the app sets none. */
function nextAuthDefaultRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) return `${baseUrl}${url}`;
  return new URL(url).origin === baseUrl ? url : baseUrl;
}

describe("the address after sign-in given junk", () => {
  it("is always on this site, and never a crash", async () => {
    const baseUrl = ORIGIN;
    const redirect = authOptions.callbacks?.redirect ?? nextAuthDefaultRedirect;
    const property = fc.asyncProperty(
      fc.oneof(junkString, fc.constantFrom(...RAW_QUERY), fc.webUrl(), fc.constant(`${ORIGIN}/researcher`)),
      async (url) => {
        let target: string;
        try {
          target = await redirect({ url, baseUrl });
        } catch (error) {
          throw new Error(`threw ${String((error as Error)?.message ?? error).slice(0, 200)}`);
        }
        if (!staysOnSite(target)) throw new Error(`sent to ${target}`);
      },
    );
    const details = await fc.check(property, { seed: SEED, numRuns: RUNS_SIGN_IN });
    if (details.failed) {
      expect.fail(
        `callbackUrl ${describeValue(details.counterexample?.[0])}: ${(details.errorInstance as Error | null)?.message}` +
          ` (seed ${details.seed}; repeat with FUZZ_SEED=${details.seed})`,
      );
    }
  });
});
