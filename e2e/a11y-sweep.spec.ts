// The accessibility sweep: axe on every page of the app, in every role that can open it, with real
// records of that role's own (never a "Page not found"), and on the error states a person meets:
// the main forms sent empty (sign-in, registration, a new participant, a participant's next step, an
// agency's target, a training session, a questionnaire section) and list pages given a status they
// do not know (?status=nope). Every page under app/ must have a row in SWEEP, or the first test
// fails, so a new page joins the sweep. One signed-in page per role is reused for all its pages.
// It runs on the desktop project only (about 90 axe scans; the other specs run axe on the phone
// too). The database is shared by specs running at the same time: each test makes its own agency,
// people, participants, sessions and emails.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Page } from "@playwright/test";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newToken } from "@/lib/auth/tokens";
import type { QuestionnaireAnswers } from "@/lib/eoi/schema";
import { sectionPath } from "@/lib/eoi/sections";
import { formatStudyId } from "@/lib/recruitment/rules";
import { createAgencyStaff, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

type Who = "signed out" | "worker" | "supervisor" | "lead" | "draft lead" | "researcher";
const PEOPLE: readonly Who[] = ["signed out", "worker", "supervisor", "lead", "draft lead", "researcher"];

/** The records a person's pages are opened with: their own (or, for a researcher, a real agency's). */
type Records = {
  agencyId: string;
  participantId: string;
  sessionId: string;
  emailId: string;
  invitationToken: string;
  resetToken: string;
};

/** The addresses to scan for one page: one or more, each with real records. */
type Addresses = (records: Records) => string[];
const AGENCY_ROLES = ["worker", "supervisor", "lead"] as const;
const agencyStaff = (addresses: Addresses, also: Partial<Record<Who, Addresses>> = {}) => ({
  ...Object.fromEntries(AGENCY_ROLES.map((role) => [role, addresses])),
  ...also,
});
const researcher = (addresses: Addresses) => ({ researcher: addresses });
const fixed =
  (...paths: string[]): Addresses =>
  () =>
    paths;

/**
 * Page (as in app/, route groups removed) → who can open it → the addresses scanned. A list page's
 * bad search parameter is one more address. The draft agency's lead opens its questionnaire while
 * it can be filled in; the recruiting agency's staff see theirs as submitted.
 */
const SWEEP: Record<string, Partial<Record<Who, Addresses>>> = {
  "/": Object.fromEntries(PEOPLE.map((who) => [who, fixed("/")])),
  "/signin": { "signed out": fixed("/signin") },
  "/register": { "signed out": fixed("/register") },
  "/forgot-password": { "signed out": fixed("/forgot-password") },
  "/invitation/[token]": {
    "signed out": (r) => [`/invitation/${r.invitationToken}`, "/invitation/not-a-real-token"],
  },
  "/reset-password/[token]": {
    "signed out": (r) => [`/reset-password/${r.resetToken}`, "/reset-password/not-a-real-token"],
  },
  "/profile": Object.fromEntries(PEOPLE.filter((who) => who !== "signed out").map((who) => [who, fixed("/profile")])),
  "/agency": agencyStaff(fixed("/agency"), { "draft lead": fixed("/agency") }),
  "/agency/staff": agencyStaff(fixed("/agency/staff"), { "draft lead": fixed("/agency/staff") }),
  "/agency/questionnaire": agencyStaff(fixed("/agency/questionnaire"), {
    "draft lead": fixed("/agency/questionnaire"),
  }),
  // Of the draft's eleven sections, a practice rating here and the team section with its errors
  // showing below: e2e/questionnaire-keyboard.spec.ts runs axe on every section as a lead fills it in.
  "/agency/questionnaire/[section]": agencyStaff(fixed("/agency/questionnaire/team"), {
    "draft lead": fixed(sectionPath("practice.community")),
  }),
  "/agency/questionnaire/review": agencyStaff(fixed("/agency/questionnaire/review"), {
    "draft lead": fixed("/agency/questionnaire/review"),
  }),
  // A draft's "submitted" page sends its reader back to the questionnaire.
  "/agency/questionnaire/submitted": agencyStaff(fixed("/agency/questionnaire/submitted")),
  "/agency/training": agencyStaff(fixed("/agency/training"), { "draft lead": fixed("/agency/training") }),
  "/agency/participants": agencyStaff(fixed("/agency/participants", "/agency/participants?status=nope")),
  "/agency/participants/new": agencyStaff(fixed("/agency/participants/new")),
  "/agency/participants/[id]": agencyStaff((r) => [`/agency/participants/${r.participantId}`]),
  "/researcher": researcher(fixed("/researcher")),
  "/researcher/team": researcher(fixed("/researcher/team")),
  "/researcher/outbox": researcher(fixed("/researcher/outbox", "/researcher/outbox?status=nope")),
  "/researcher/outbox/[id]": researcher((r) => [`/researcher/outbox/${r.emailId}`]),
  "/researcher/audit": researcher(fixed("/researcher/audit", "/researcher/audit?from=nope&entity=nope")),
  "/researcher/agencies": researcher(fixed("/researcher/agencies", "/researcher/agencies?status=nope&stage=nope")),
  "/researcher/agencies/[id]": researcher((r) => [`/researcher/agencies/${r.agencyId}`]),
  "/researcher/settings": researcher(fixed("/researcher/settings")),
  "/researcher/selection": researcher(fixed("/researcher/selection", "/researcher/selection?status=nope&stage=nope")),
  "/researcher/training": researcher(fixed("/researcher/training", "/researcher/training?month=nope")),
  "/researcher/training/new": researcher(fixed("/researcher/training/new")),
  "/researcher/training/[id]": researcher((r) => [`/researcher/training/${r.sessionId}`]),
  "/researcher/training/[id]/sign-in-sheet": researcher((r) => [`/researcher/training/${r.sessionId}/sign-in-sheet`]),
  "/researcher/training/matrix": researcher(fixed("/researcher/training/matrix")),
  "/researcher/participants": researcher(fixed("/researcher/participants", "/researcher/participants?status=nope")),
  "/researcher/participants/[id]": researcher((r) => [`/researcher/participants/${r.participantId}`]),
  "/researcher/participants/follow-up": researcher(
    fixed("/researcher/participants/follow-up", "/researcher/participants/follow-up?agency=nope"),
  ),
  "/researcher/participants/consort": researcher(
    fixed("/researcher/participants/consort", "/researcher/participants/consort?agency=nope"),
  ),
};

/** The routes (as in app/, route groups removed) of every page.tsx under app/, as e2e/access.spec.ts finds them. */
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

// Once is enough: the phone project would scan the same pages again at twice the cost.
test.skip(({ isMobile }) => isMobile, "the sweep runs on the desktop project; other specs run axe on the phone");

test("every page of the app is in the accessibility sweep, opened by someone", () => {
  expect(pagesInApp().sort()).toEqual(Object.keys(SWEEP).sort());
  for (const [route, who] of Object.entries(SWEEP)) expect(Object.keys(who), route).not.toHaveLength(0);
});

const DAY = 86_400_000;
const date = (days: number) => new Date(new Date(Date.now() + days * DAY).toISOString().slice(0, 10) + "T00:00:00Z");

function completeAnswers(token: string): QuestionnaireAnswers {
  return {
    eligibility: { clientGroups: ["MENTAL_HEALTH_WORKING_AGE"], otherClientGroups: "" },
    team: {
      organisation: `Sweep Trust ${token}`,
      teamName: `Sweep Team ${token}`,
      sector: "NHS",
      region: "NORTH_WEST",
      address: "3 Dock Street, Liverpool",
      contactName: "Mary Seacole",
      contactRole: "Team manager",
      contactEmail: `mary.${token}@example.org`,
      contactPhone: "0151 496 0456",
    },
    size: { frontLineWorkers: 12, supervisors: 2, caseload: 280 },
    practice: {
      community: { rating: 7, examples: "Weekly drop-in at the library" },
      coProduction: { rating: 6, examples: "Goals written with the person." },
      networks: { rating: 2, examples: "" },
      activities: { rating: 5, examples: "Allotment group" },
      communityLinks: { rating: 4, examples: "Links with the local café" },
      supervision: { rating: 3, examples: "Monthly group supervision" },
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: true,
      managerSupports: true,
      referrals: 25,
      reorganisation: "",
      trainingPlaces: "Liverpool",
      trainingMonths: "September to November",
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

/**
 * A recruiting agency as the study leaves it: told it was selected, its questionnaire submitted, a
 * lead, a supervisor and a worker booked on training (one day attended, one to come), participants
 * at several steps, and an email about it in the outbox.
 */
async function recruitingAgency() {
  const token = unique();
  const answers = completeAnswers(token) as Prisma.InputJsonValue;
  const agency = await db.agency.create({
    data: {
      organisation: `Sweep Trust ${token}`,
      teamName: `Sweep Team ${token}`,
      stage: "RECRUITING",
      decisionSentStage: "SELECTED",
      decisionSentAt: date(-60),
      participantTarget: 10,
      sector: "NHS",
      region: "NORTH_WEST",
      clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
      expressionOfInterest: {
        create: { status: "SUBMITTED", answers, submittedAnswers: answers, submittedAt: date(-90) },
      },
    },
  });
  const staff = async (agencyRole: "LEAD" | "SUPERVISOR" | "WORKER", name: string) =>
    createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole, name: `${name} ${token}` });
  const lead = await staff("LEAD", "Lena Lead");
  const supervisor = await staff("SUPERVISOR", "Sam Supervisor");
  const worker = await staff("WORKER", "Wyn Worker");

  const session = async (trainingDay: "WORKER_1" | "SUPERVISOR_1", days: number) => {
    const startsAt = new Date(Date.now() + days * DAY);
    return db.trainingSession.create({
      data: {
        trainingDay,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
        venue: `Sweep Hall ${token}`,
        address: "1 Market Street, Leeds",
        trainer: `Trainer ${token}`,
        capacity: 12,
      },
    });
  };
  const past = await session("WORKER_1", -30);
  const coming = await session("SUPERVISOR_1", 30);
  await db.booking.createMany({
    data: [
      { sessionId: past.id, userId: worker.id, status: "ATTENDED", bookedById: lead.id, attendanceMarkedAt: date(-30) },
      {
        sessionId: past.id,
        userId: supervisor.id,
        status: "ABSENT",
        bookedById: lead.id,
        attendanceMarkedAt: date(-30),
      },
      { sessionId: coming.id, userId: supervisor.id, status: "BOOKED", bookedById: lead.id },
    ],
  });

  // Participants at several steps, each with the dates and reasons its status needs.
  const participant = (sequence: number, data: Partial<Prisma.ParticipantUncheckedCreateInput>) =>
    db.participant.create({
      data: {
        agencyId: agency.id,
        sequence,
        studyId: formatStudyId(agency.code, sequence),
        workerId: worker.id,
        subgroup: "ADULT_MENTAL_HEALTH",
        isNewReferral: sequence % 2 === 1,
        referralDate: date(-200),
        createdById: supervisor.id,
        ...data,
      },
    });
  const referred = await participant(1, {});
  await participant(2, { status: "ELIGIBLE", screenedDate: date(-190) });
  await participant(3, {
    status: "NOT_ELIGIBLE",
    screenedDate: date(-190),
    ineligibleReason: "Moving out of the area",
  });
  await participant(4, { status: "CONSENTED", screenedDate: date(-190), consentDate: date(-185) });
  await participant(5, {
    status: "DECLINED",
    screenedDate: date(-190),
    declinedDate: date(-185),
    declineReason: "Did not want more appointments",
  });
  // Follow-up due: the baseline was over nine months ago.
  await participant(6, {
    status: "BASELINE_DONE",
    subgroup: "LEARNING_DISABILITY",
    screenedDate: date(-300),
    consentDate: date(-295),
    baselineDate: date(-290),
    referralDate: date(-310),
    baselineMeasures: ["WEMWBS", "EQ_5D"],
  });
  await participant(7, {
    status: "FOLLOW_UP_DONE",
    subgroup: "OLDER_ADULT_MENTAL_HEALTH",
    referralDate: date(-400),
    screenedDate: date(-395),
    consentDate: date(-390),
    baselineDate: date(-385),
    baselineMeasures: ["WEMWBS", "SCOPE"],
    followUpDate: date(-110),
    followUpMeasures: ["WEMWBS", "SCOPE"],
  });
  await participant(8, {
    status: "WITHDRAWN",
    screenedDate: date(-190),
    withdrawnDate: date(-100),
    withdrawalReason: "Too unwell to take part",
    keepDataOnWithdrawal: true,
  });
  const email = await db.outboxEmail.create({
    data: {
      to: supervisor.email,
      subject: `Training booked for ${supervisor.name}`,
      text: `Hello ${supervisor.name},\n\nYou are booked on a training day.`,
      kind: "test",
    },
  });
  return { agency, lead, supervisor, worker, participant: referred, session: coming, email };
}

/** A lead of an agency still filling in its questionnaire, with two sections answered. */
async function draftLead() {
  const study = await db.study.findUnique({ where: { id: 1 } });
  const { agency, user } = await createAgencyStaff("LEAD", "DRAFT");
  const { eligibility, team } = completeAnswers(unique());
  await db.expressionOfInterest.create({
    data: {
      agencyId: agency.id,
      status: "DRAFT",
      answers: { eligibility, team } as Prisma.InputJsonValue,
      // Open whatever deadline other tests left on the shared study row.
      reopenedUntil: !study || study.questionnaireDeadline <= new Date() ? new Date("2099-03-16T17:00:00Z") : null,
    },
  });
  return { agency, user };
}

/** The records of a signed-out visitor: a live invitation and a live password reset. */
async function links() {
  const { agency, user } = await createAgencyStaff("LEAD", "RECRUITING");
  const invitation = newToken();
  await db.userToken.create({
    data: {
      purpose: "INVITATION",
      tokenHash: invitation.tokenHash,
      email: `invitee.${unique()}@example.org`,
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "WORKER",
      issuedById: user.id,
      expiresAt: new Date(Date.now() + 7 * DAY),
    },
  });
  const reset = newToken();
  await db.userToken.create({
    data: {
      purpose: "PASSWORD_RESET",
      tokenHash: reset.tokenHash,
      userId: user.id,
      email: user.email,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { invitationToken: invitation.token, resetToken: reset.token };
}

/** Opens `path` and checks it is the page itself (200, not "Page not found"), then runs axe. */
async function scan(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answered`).toBe(200);
  await expect(page.getByRole("heading", { level: 1 }).first(), `${path} has its heading`).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" }), path).toHaveCount(0);
  if (path !== "/signin") expect(new URL(page.url()).pathname, `${path} is not the sign-in page`).not.toBe("/signin");
  await expectNoAxeViolations(page).catch((error: Error) => {
    throw new Error(`axe on ${path}: ${error.message}`);
  });
}

/**
 * Sends a form as it is and runs axe with its errors showing: an error summary (role alert in the
 * main content) or a field marked invalid. `prepare` fills in what the form would otherwise keep.
 */
async function scanErrors(page: Page, path: string, button: string, prepare?: () => Promise<void>) {
  await page.goto(path);
  await prepare?.();
  await page.getByRole("main").getByRole("button", { name: button, exact: true }).click();
  await expect(
    page.locator('main [role="alert"]:not(:empty), main [aria-invalid="true"]').first(),
    `${path}: the errors show`,
  ).toBeVisible();
  await expectNoAxeViolations(page).catch((error: Error) => {
    throw new Error(`axe on ${path} with its errors showing: ${error.message}`);
  });
}

/** Every address of every page this person can open, in the SWEEP's order. */
function addressesOf(who: Who, records: Records): string[] {
  return Object.values(SWEEP).flatMap((by) => by[who]?.(records) ?? []);
}

async function recordsFor(who: Who): Promise<{ email?: string; records: Records }> {
  const none = { agencyId: "", participantId: "", sessionId: "", emailId: "", invitationToken: "", resetToken: "" };
  if (who === "signed out") return { records: { ...none, ...(await links()) } };
  if (who === "draft lead") {
    const { agency, user } = await draftLead();
    return { email: user.email, records: { ...none, agencyId: agency.id } };
  }
  const a = await recruitingAgency();
  const records = {
    ...none,
    agencyId: a.agency.id,
    participantId: a.participant.id,
    sessionId: a.session.id,
    emailId: a.email.id,
  };
  const email = who === "researcher" ? (await createUser({ role: "RESEARCHER" })).email : a[who].email;
  return { email, records };
}

/** The tests: one per person, the researcher's many pages in two halves so that the two halves run side by side. */
const RUNS: { who: Who; part?: 0 | 1 }[] = PEOPLE.flatMap((who): { who: Who; part?: 0 | 1 }[] =>
  who === "researcher"
    ? [
        { who, part: 0 as const },
        { who, part: 1 as const },
      ]
    : [{ who }],
);

for (const { who, part } of RUNS) {
  const title = `${who === "signed out" ? "a signed-out visitor" : `a ${who}`}${part === undefined ? "" : ` (part ${part + 1} of 2)`}`;
  test(`axe finds nothing on the pages of ${title}`, async ({ page }) => {
    test.slow(); // one axe scan per page, up to 20 of them
    // Failed sign-ins count per client address, and every test reaches the app from this machine.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `2001:db8::a11e:${unique().slice(0, 4)}` });
    const { email, records } = await recordsFor(who);
    if (email) await signIn(page, email);
    const addresses = addressesOf(who, records);
    const half = Math.ceil(addresses.length / 2);
    const mine = part === undefined ? addresses : part === 0 ? addresses.slice(0, half) : addresses.slice(half);
    for (const path of mine) await scan(page, path);

    // Error states: the main forms sent empty.
    if (who === "signed out") {
      await scanErrors(page, "/signin", "Sign in");
      await scanErrors(page, "/register", "Register your team");
      await scanErrors(page, "/forgot-password", "Send me a link");
    }
    if (who === "supervisor") {
      await scanErrors(page, "/agency/participants/new", "Add the participant");
      await scanErrors(page, `/agency/participants/${records.participantId}`, "Save this step");
    }
    if (who === "draft lead") {
      await scanErrors(page, "/agency/questionnaire/team", "Save draft", async () => {
        await page.getByLabel("Contact email address").fill("not-an-email");
      });
    }
    if (who === "researcher" && part === 1) {
      await scanErrors(page, "/researcher/training/new", "Publish the session");
      await scanErrors(page, `/researcher/agencies/${records.agencyId}`, "Save the target", async () => {
        await page.getByLabel("Own participant target").fill("-1");
      });
    }
  });
}
