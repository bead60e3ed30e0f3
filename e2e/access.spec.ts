// Who can open what: every page and every route handler under app/ for every kind of person, with
// the ids of records that are not theirs: those of agency A, a recruiting agency with people,
// participants, bookings, an invitation and emails. The sixth person is a supervisor of another
// recruiting agency, B: every agency page with one of A's ids is "not found" to them, every page
// without an id shows B's own records, and nothing anyone but a researcher opens mentions any of
// A's names, emails or study IDs (0 leaks). The pages and route handlers (and each handler's HTTP
// methods) are read from app/: one added without a row here fails the first tests, so the matrix
// stays complete. Server actions have their own matrix: lib/auth/actions-access.int.test.ts and
// lib/auth/actions-cross-agency.int.test.ts.
// Desktop only: what the server answers does not depend on the screen, and the phone project would
// only repeat the same requests.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { APIResponse, Browser, Page } from "@playwright/test";
import { newToken } from "@/lib/auth/tokens";
import type { AgencyRole } from "@/lib/generated/prisma/enums";
import { formatStudyId } from "@/lib/recruitment/rules";
import { createAgency, createAgencyStaff, createUser, db, expect, PASSWORD, signIn, test, unique } from "./fixtures";

test.skip(({ isMobile }) => isMobile, "The server's answers are the same on a phone: the desktop project covers them.");

type Person = "signed out" | "worker" | "supervisor" | "lead" | "researcher" | "staff of another agency";
type Outcome = "opens" | "sign in" | "not found";
const PEOPLE: readonly Person[] = [
  "signed out",
  "worker",
  "supervisor",
  "lead",
  "researcher",
  "staff of another agency",
];

const EVERYONE: Record<Person, Outcome> = {
  "signed out": "opens",
  worker: "opens",
  supervisor: "opens",
  lead: "opens",
  researcher: "opens",
  "staff of another agency": "opens",
};
const RESEARCHERS: Record<Person, Outcome> = {
  "signed out": "sign in",
  worker: "not found",
  supervisor: "not found",
  lead: "not found",
  researcher: "opens",
  "staff of another agency": "not found",
};
const AGENCY_STAFF: Record<Person, Outcome> = {
  ...RESEARCHERS,
  worker: "opens",
  supervisor: "opens",
  lead: "opens",
  researcher: "not found",
  "staff of another agency": "opens",
};
const SIGNED_IN: Record<Person, Outcome> = { ...EVERYONE, "signed out": "sign in" };

/** Route (as in app/, route groups removed) → who opens it. `[param]`s are filled in below. */
const MATRIX: Record<string, Record<Person, Outcome>> = {
  "/": EVERYONE,
  "/signin": EVERYONE,
  "/register": EVERYONE,
  "/forgot-password": EVERYONE,
  "/invitation/[token]": EVERYONE,
  "/reset-password/[token]": EVERYONE,
  "/profile": SIGNED_IN,
  "/agency": AGENCY_STAFF,
  "/agency/staff": AGENCY_STAFF,
  "/agency/questionnaire": AGENCY_STAFF,
  "/agency/questionnaire/[section]": AGENCY_STAFF,
  "/agency/questionnaire/review": AGENCY_STAFF,
  "/agency/questionnaire/submitted": AGENCY_STAFF,
  "/agency/training": AGENCY_STAFF,
  "/agency/participants": AGENCY_STAFF,
  "/agency/participants/new": AGENCY_STAFF,
  // Agency A's participant: not found for everyone signed in, whatever their role and agency.
  "/agency/participants/[id]": { ...RESEARCHERS, researcher: "not found" },
  "/researcher": RESEARCHERS,
  "/researcher/team": RESEARCHERS,
  "/researcher/outbox": RESEARCHERS,
  "/researcher/outbox/[id]": RESEARCHERS,
  "/researcher/audit": RESEARCHERS,
  "/researcher/agencies": RESEARCHERS,
  "/researcher/agencies/[id]": RESEARCHERS,
  "/researcher/settings": RESEARCHERS,
  "/researcher/selection": RESEARCHERS,
  "/researcher/training": RESEARCHERS,
  "/researcher/training/new": RESEARCHERS,
  "/researcher/training/[id]": RESEARCHERS,
  "/researcher/training/[id]/sign-in-sheet": RESEARCHERS,
  "/researcher/training/matrix": RESEARCHERS,
  "/researcher/participants": RESEARCHERS,
  "/researcher/participants/[id]": RESEARCHERS,
  "/researcher/participants/follow-up": RESEARCHERS,
  "/researcher/participants/consort": RESEARCHERS,
};

/** Each person's home, where /after-signin sends them. */
const AFTER_SIGN_IN: Record<Person, string> = {
  "signed out": "sign in",
  worker: "→ /agency",
  supervisor: "→ /agency",
  lead: "→ /agency",
  // The page they were going to, when it is in their own area.
  researcher: "→ /researcher/outbox",
  "staff of another agency": "→ /agency",
};

/** What of agency A a route handler's request may name. */
type Records = { agencyId: string; leadEmail: string };

/**
 * Route handlers (route.ts, not pages): "METHOD route" → who gets what. `path` is what is asked for
 * (default: the route), `form` what is sent with a POST; "opens" means 200 with one of `types` (the
 * file itself, for a download); "sign in" a redirect to the sign-in page; "→ /path" a redirect
 * elsewhere. Asked for with the person's cookies, without following redirects.
 */
const ROUTES: Record<
  string,
  {
    path?: (a: Records) => string;
    form?: (a: Records) => Record<string, string>;
    types: string[];
    who: Record<Person, string>;
  }
> = {
  "GET /after-signin": {
    path: () => `/after-signin?callbackUrl=${encodeURIComponent("/researcher/outbox")}`,
    types: [],
    who: AFTER_SIGN_IN,
  },
  // next-auth's own endpoints: the session of whoever asks ({} when signed out).
  "GET /api/auth/[...nextauth]": { path: () => "/api/auth/session", types: ["application/json"], who: EVERYONE },
  // Signing in as A's lead with their password but without the sign-in form's CSRF token: refused
  // for everyone (and no session cookie is set, checked below).
  "POST /api/auth/[...nextauth]": {
    path: () => "/api/auth/callback/credentials",
    form: (a) => ({ email: a.leadEmail, password: PASSWORD }),
    types: [],
    who: Object.fromEntries(PEOPLE.map((person) => [person, "→ /api/auth/signin?csrf=true"])) as Record<Person, string>,
  },
  // Public: the load balancer's check that the app is up.
  "GET /api/health": { types: ["text/plain", "application/json"], who: EVERYONE },
  "GET /researcher/export/agencies": { types: ["text/csv"], who: RESEARCHERS },
  "GET /researcher/export/agencies/dictionary": { types: ["text/csv"], who: RESEARCHERS },
  "GET /researcher/export/bookings": { types: ["text/csv"], who: RESEARCHERS },
  "GET /researcher/export/bookings/dictionary": { types: ["text/csv"], who: RESEARCHERS },
  "GET /researcher/export/participants": { types: ["text/csv"], who: RESEARCHERS },
  "GET /researcher/export/participants/dictionary": { types: ["text/csv"], who: RESEARCHERS },
  // A's own CONSORT flow.
  "GET /researcher/export/consort": {
    path: (a) => `/researcher/export/consort?agency=${a.agencyId}`,
    types: ["image/svg+xml"],
    who: RESEARCHERS,
  },
  // The person's own training sessions only (checked below for staff of another agency).
  "GET /agency/training/calendar": { types: ["text/calendar"], who: AGENCY_STAFF },
};

/** Every file under app/ whose name matches, with its route (route groups removed). */
function filesInApp(name: RegExp, dir = "app"): { route: string; file: string }[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = join(dir, entry);
    if (statSync(file).isDirectory()) return filesInApp(name, file);
    if (!name.test(entry)) return [];
    const route = relative("app", dir)
      .split(sep)
      .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment))
      .join("/");
    return [{ route: `/${route}`, file }];
  });
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The HTTP methods a route handler exports (`export function GET`, `export { handler as POST }`…). */
function methodsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return HTTP_METHODS.filter((method) =>
    new RegExp(`export\\s+(async\\s+)?(function|const|let|var)\\s+${method}\\b|\\bas\\s+${method}\\b`).test(source),
  );
}

test("every page of the app is in the access matrix", () => {
  const pages = filesInApp(/^page\.[jt]sx?$/).map(({ route }) => route);
  expect(pages.sort()).toEqual(Object.keys(MATRIX).sort());
});

test("every route handler of the app, with each of its methods, is in the access matrix", () => {
  const handlers = filesInApp(/^route\.[jt]sx?$/);
  // A handler whose methods cannot be read (re-exported from elsewhere, say) is listed on its own.
  const unread = handlers.filter(({ file }) => methodsOf(file).length === 0).map(({ file }) => file);
  expect(unread).toEqual([]);
  const methods = handlers.flatMap(({ route, file }) => methodsOf(file).map((method) => `${method} ${route}`));
  expect(methods.sort()).toEqual(Object.keys(ROUTES).sort());
});

const DAY = 86_400_000;

/** A session of the study's training, `days` from now: open to every agency. */
async function trainingSession(days: number, trainingDay: "WORKER_1" | "WORKER_2" = "WORKER_1") {
  const startsAt = new Date(Date.now() + days * DAY);
  const session = await db.trainingSession.create({
    data: {
      trainingDay,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
      trainer: "Access matrix trainer",
      capacity: 10,
      onlineUrl: "https://example.org/training",
    },
  });
  return session.id;
}

function staffMember(agencyId: string, agencyRole: AgencyRole, what: string) {
  return createUser({ role: "AGENCY_STAFF", agencyId, agencyRole, name: `${what} ${unique()}` });
}

/** An agency as it is once recruiting: told it was selected, questionnaire submitted, a participant. */
async function recruitingAgency() {
  const { id } = await createAgency({ stage: "RECRUITING" });
  const agency = await db.agency.update({ where: { id }, data: { decisionSentStage: "SELECTED" } });
  await db.expressionOfInterest.create({
    data: { agencyId: id, status: "SUBMITTED", submittedAt: new Date(), answers: {}, submittedAnswers: {} },
  });
  const worker = await staffMember(id, "WORKER", "Worker");
  const participant = await db.participant.create({
    data: {
      agencyId: id,
      sequence: 1,
      studyId: formatStudyId(agency.code, 1),
      workerId: worker.id,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: true,
      referralDate: new Date("2026-01-05T00:00:00Z"),
    },
  });
  return { agency, worker, participant };
}

/**
 * Agency A, whose ids everyone is given. `secrets` are what nobody but a researcher may see of it
 * (its ids that a person sends in an address are not among them: a page may echo its own address).
 */
async function agencyA(sharedSession: string) {
  const { agency, worker, participant } = await recruitingAgency();
  const lead = await staffMember(agency.id, "LEAD", "Lead");
  const ownSession = await trainingSession(45, "WORKER_2");
  await db.booking.createMany({
    data: [sharedSession, ownSession].map((sessionId) => ({
      sessionId,
      userId: worker.id,
      status: "BOOKED" as const,
      bookedById: lead.id,
    })),
  });
  const invitee = `invitee.${unique()}@example.org`;
  await db.userToken.create({
    data: {
      purpose: "INVITATION",
      tokenHash: newToken().tokenHash,
      email: invitee,
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "WORKER",
      issuedById: lead.id,
      expiresAt: new Date(Date.now() + 7 * DAY),
    },
  });
  const email = await db.outboxEmail.create({
    data: { to: worker.email, subject: `Training booked for ${worker.name}`, text: "Test", kind: "test" },
  });
  return {
    agency,
    participant,
    email,
    secrets: [
      agency.teamName,
      agency.organisation,
      participant.studyId,
      ...[lead, worker].flatMap((one) => [one.name, one.email, one.id]),
      invitee,
    ],
    /** Only A's worker is booked on it: it is in nobody else's calendar. */
    ownSession,
    /** Whose password every test person shares (PASSWORD). */
    leadEmail: lead.email,
  };
}

/**
 * Agency B's supervisor, for "staff of another agency": booked on the session A's worker is booked
 * on too. `shows` is what of B's own each route shows them (so that "shows nothing of A" is about
 * a page that lists people and participants).
 */
async function agencyB(sharedSession: string) {
  const { worker, participant } = await recruitingAgency();
  const supervisor = await staffMember(worker.agencyId!, "SUPERVISOR", "Supervisor");
  await db.booking.create({
    data: { sessionId: sharedSession, userId: supervisor.id, status: "BOOKED", bookedById: supervisor.id },
  });
  const shows: Record<string, string[]> = {
    "/agency/participants": [participant.studyId],
    "/agency/staff": [supervisor.email, worker.email],
    "/agency/training": [supervisor.name, worker.name],
    // Their own place on the shared session (its UID: lib/training/ics.ts eventUid).
    "GET /agency/training/calendar": [`cp-training-${sharedSession}-${supervisor.id}@connecting-people`],
  };
  return { supervisor, shows };
}

/** A signed-in page of the person (one context each, reused for every page and route). */
async function personPage(
  browser: Browser,
  person: Person,
  sharedSession: string,
): Promise<{ page: Page; shows: Record<string, string[]> }> {
  const page = await (await browser.newContext()).newPage();
  if (person === "signed out") return { page, shows: {} };
  if (person === "researcher") {
    await signIn(page, (await createUser()).email);
  } else if (person === "staff of another agency") {
    const b = await agencyB(sharedSession);
    await signIn(page, b.supervisor.email);
    return { page, shows: b.shows };
  } else {
    const role = ({ worker: "WORKER", supervisor: "SUPERVISOR", lead: "LEAD" } as const)[person];
    const { agency, user } = await createAgencyStaff(role, "DRAFT");
    // As registration leaves it: every agency has its questionnaire.
    await db.expressionOfInterest.create({ data: { agencyId: agency.id } });
    await signIn(page, user.email);
  }
  return { page, shows: {} };
}

/** A route handler's answer, asked for without following redirects. */
function routeOutcome(response: APIResponse, types: string[]): string {
  const status = response.status();
  const type = response.headers()["content-type"] ?? "";
  const location = response.headers()["location"];
  if (status >= 300 && status < 400 && location) {
    const target = new URL(location, "http://app.invalid");
    return target.pathname === "/signin" ? "sign in" : `→ ${target.pathname}${target.search}`;
  }
  if (status === 404) return "not found";
  if (status === 200 && types.some((expected) => type.startsWith(expected))) return "opens";
  return `HTTP ${status} ${type}`;
}

function titleOf(person: Person) {
  if (person === "signed out") return "a signed-out visitor";
  if (person === "staff of another agency") return "staff of another agency";
  return `a ${person}`;
}

for (const person of PEOPLE) {
  test(`what ${titleOf(person)} can open`, async ({ browser }) => {
    test.slow();
    const sharedSession = await trainingSession(40);
    const a = await agencyA(sharedSession);
    const params: Record<string, string> = { "[token]": "not-a-real-token", "[section]": "team" };
    // Records of agency A, never the person's own.
    const ids: Record<string, string> = {
      "/agency/participants/[id]": a.participant.id,
      "/researcher/participants/[id]": a.participant.id,
      "/researcher/outbox/[id]": a.email.id,
      "/researcher/agencies/[id]": a.agency.id,
      "/researcher/training/[id]": sharedSession,
      "/researcher/training/[id]/sign-in-sheet": sharedSession,
    };
    const { page, shows } = await personPage(browser, person, sharedSession);
    const seen: string[] = [];
    const problems: string[] = [];
    // Researchers see every agency; nobody else may see anything of A.
    const secrets = person === "researcher" ? [] : a.secrets;
    const records: Records = { agencyId: a.agency.id, leadEmail: a.leadEmail };
    const look = (route: string, body: string) => {
      for (const secret of secrets) if (body.includes(secret)) problems.push(`${route} shows ${secret}`);
      for (const own of shows[route] ?? []) if (!body.includes(own)) problems.push(`${route} does not show ${own}`);
    };
    for (const route of Object.keys(MATRIX)) {
      // A page with an id opens one of A's records: a new one needs its record above.
      const url = route.replace(/\[[^\]]+\]/g, (param) => {
        const value = param === "[id]" ? ids[route] : params[param];
        if (!value) problems.push(`${route} has no value for ${param}: add one of A's records above`);
        return value ?? param;
      });
      // The server's whole answer is there once the document is parsed; images and fonts do not matter.
      const response = await page.goto(url, { waitUntil: "domcontentloaded" });
      const status = response?.status() ?? 0;
      const outcome: Outcome | string =
        new URL(page.url()).pathname === "/signin" && route !== "/signin"
          ? "sign in"
          : status === 404
            ? "not found"
            : status === 200
              ? "opens"
              : `HTTP ${status}`;
      seen.push(`${route}: ${outcome}`);
      // The whole document, with the data React hands to the browser's components.
      look(route, await page.content());
    }
    // A route handler is not a page: asked for with the page's cookies, without following redirects.
    for (const [handler, { path, form, types }] of Object.entries(ROUTES)) {
      const [method, route] = handler.split(" ") as [string, string];
      const url = path ? path(records) : route;
      const response = await page.request.fetch(url, {
        method,
        maxRedirects: 0,
        ...(form ? { form: form(records) } : {}),
      });
      seen.push(`${handler}: ${routeOutcome(response, types)}`);
      // Unfolded: a calendar file folds its lines at 75 characters (RFC 5545).
      const body = (await response.text()).replace(/\r\n[ \t]/g, "");
      look(handler, body);
      if (route === "/agency/training/calendar" && body.includes(a.ownSession)) {
        problems.push(`${handler} has a session only A's worker is booked on`);
      }
      if (method !== "GET" && /session-token=[^;]/.test(response.headers()["set-cookie"] ?? "")) {
        problems.push(`${handler} set a session cookie`);
      }
    }
    // Soft: a failure lists both the wrong answers and what the pages showed that they should not.
    expect
      .soft(seen)
      .toEqual([
        ...Object.entries(MATRIX).map(([route, outcomes]) => `${route}: ${outcomes[person]}`),
        ...Object.entries(ROUTES).map(([handler, { who }]) => `${handler}: ${who[person]}`),
      ]);
    expect(problems).toEqual([]);
  });
}

test("an agency's staff list shows only that agency's people", async ({ browser }) => {
  const ours = await createAgencyStaff("LEAD");
  const theirs = await createAgencyStaff("LEAD");
  const { page } = await personPage(browser, "signed out", "");
  await signIn(page, ours.user.email);
  await page.goto("/agency/staff");
  await expect(page.getByText(ours.user.email)).toBeVisible();
  await expect(page.getByText(theirs.user.email)).toHaveCount(0);
});
