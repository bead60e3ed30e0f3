// Who can open what: every page under app/ for every kind of person, and who can download each
// export. A page added without a row here fails the first test, so the matrix stays complete.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { formatStudyId } from "@/lib/recruitment/rules";
import { createAgency, createAgencyStaff, createUser, db, expect, signIn, test, unique } from "./fixtures";

type Person = "signed out" | "worker" | "supervisor" | "lead" | "researcher";
type Outcome = "opens" | "sign in" | "not found";

const EVERYONE: Record<Person, Outcome> = {
  "signed out": "opens",
  worker: "opens",
  supervisor: "opens",
  lead: "opens",
  researcher: "opens",
};
const RESEARCHERS: Record<Person, Outcome> = {
  "signed out": "sign in",
  worker: "not found",
  supervisor: "not found",
  lead: "not found",
  researcher: "opens",
};
const AGENCY_STAFF: Record<Person, Outcome> = {
  ...RESEARCHERS,
  worker: "opens",
  supervisor: "opens",
  lead: "opens",
  researcher: "not found",
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
  // Another agency's participant: not found for everyone signed in, whatever their role.
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

/**
 * Downloads (route handlers, not pages) → who gets the file. "opens" means the file itself (200,
 * text/csv, text/calendar or image/svg+xml); "sign in" the proxy's redirect to the sign-in page.
 */
const DOWNLOADS: Record<string, Record<Person, Outcome>> = {
  "/researcher/export/agencies": RESEARCHERS,
  "/researcher/export/agencies/dictionary": RESEARCHERS,
  "/researcher/export/bookings": RESEARCHERS,
  "/researcher/export/bookings/dictionary": RESEARCHERS,
  "/researcher/export/participants": RESEARCHERS,
  "/researcher/export/participants/dictionary": RESEARCHERS,
  "/researcher/export/consort": RESEARCHERS,
  "/agency/training/calendar": AGENCY_STAFF,
};

const DOWNLOAD_TYPES = ["text/csv", "text/calendar", "image/svg+xml"];

function pagesInApp(dir = "app"): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return pagesInApp(path);
    if (entry !== "page.tsx") return [];
    const route = relative("app", dir)
      .split(sep)
      .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment))
      .join("/");
    return [`/${route}`];
  });
}

test("every page of the app is in the access matrix", () => {
  expect(pagesInApp().sort()).toEqual(Object.keys(MATRIX).sort());
});

async function personPage(browser: Browser, person: Person): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (person === "signed out") return page;
  if (person === "researcher") {
    await signIn(page, (await createUser()).email);
  } else {
    const role = ({ worker: "WORKER", supervisor: "SUPERVISOR", lead: "LEAD" } as const)[person];
    const { agency, user } = await createAgencyStaff(role, "DRAFT");
    // As registration leaves it: every agency has its questionnaire.
    await db.expressionOfInterest.create({ data: { agencyId: agency.id } });
    await signIn(page, user.email);
  }
  return page;
}

for (const person of ["signed out", "worker", "supervisor", "lead", "researcher"] as const) {
  test(`what a ${person === "signed out" ? "signed-out visitor" : person} can open`, async ({ browser }) => {
    test.slow();
    const email = await db.outboxEmail.create({
      data: { to: `someone.${unique()}@example.org`, subject: "Test", text: "Test", kind: "test" },
    });
    const agency = await createAgency();
    const params: Record<string, string> = { "[token]": "not-a-real-token", "[section]": "team" };
    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    const session = await db.trainingSession.create({
      data: {
        trainingDay: "WORKER_1",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
        trainer: "Access matrix trainer",
        capacity: 10,
        onlineUrl: "https://example.org/training",
      },
    });
    // A participant of another agency than the signed-in person's.
    const participant = await db.participant.create({
      data: {
        agencyId: agency.id,
        sequence: 1,
        studyId: formatStudyId(agency.code, 1),
        subgroup: "ADULT_MENTAL_HEALTH",
        isNewReferral: true,
        referralDate: new Date("2026-01-05T00:00:00Z"),
      },
    });
    const ids: Record<string, string> = {
      "/agency/participants/[id]": participant.id,
      "/researcher/participants/[id]": participant.id,
      "/researcher/outbox/[id]": email.id,
      "/researcher/agencies/[id]": agency.id,
      "/researcher/training/[id]": session.id,
      "/researcher/training/[id]/sign-in-sheet": session.id,
    };
    const page = await personPage(browser, person);
    const seen: string[] = [];
    for (const route of Object.keys(MATRIX)) {
      const url = route.replace(/\[\w+\]/g, (param) => (param === "[id]" ? ids[route]! : params[param]!));
      const response = await page.goto(url);
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
    }
    // A download is not a page: asked for with the page's cookies, without following redirects.
    for (const url of Object.keys(DOWNLOADS)) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      const status = response.status();
      const type = response.headers()["content-type"] ?? "";
      const location = response.headers()["location"];
      const outcome: Outcome | string =
        status >= 300 && status < 400 && location && new URL(location, page.url()).pathname === "/signin"
          ? "sign in"
          : status === 404
            ? "not found"
            : status === 200 && DOWNLOAD_TYPES.some((expected) => type.startsWith(expected))
              ? "opens"
              : `HTTP ${status} ${type}`;
      seen.push(`${url}: ${outcome}`);
    }
    expect(seen).toEqual(
      [...Object.entries(MATRIX), ...Object.entries(DOWNLOADS)].map(
        ([route, outcomes]) => `${route}: ${outcomes[person]}`,
      ),
    );
  });
}

test("an agency's staff list shows only that agency's people", async ({ browser }) => {
  const ours = await createAgencyStaff("LEAD");
  const theirs = await createAgencyStaff("LEAD");
  const page = await personPage(browser, "signed out");
  await signIn(page, ours.user.email);
  await page.goto("/agency/staff");
  await expect(page.getByText(ours.user.email)).toBeVisible();
  await expect(page.getByText(theirs.user.email)).toHaveCount(0);
});
