// The server actions, role by role, called directly with other people's records. Agency A has a
// participant, a booking, people in every role, invitations; agency B the same. Every action meant
// for agency staff (its name says Staff, or it is one of the questionnaire's in lib/eoi/actions.ts)
// is called with well-formed payloads that name A's records (A's participant, A's booking, A's
// people, A's invitation, A's id):
// - as B's lead, supervisor and worker (staff of another agency),
// - as A's own workers and supervisors, for what only another role of the agency may do,
// - as a researcher (the actions are the agency's own, not the study team's);
// every researchers' action is called by A's worker, supervisor and lead and by B's lead with a
// payload of A's ids under every name an action reads; and the profile's own-account actions are
// called by B's worker and a researcher with A's lead's id. Each call must be refused (not found,
// "Only …", or a field error about the record it names) or, for an action that only ever acts on the
// caller's own agency or account, act there; mention nothing of A the caller did not send; and
// leave every row of A exactly as it was. The same payloads naming B's own records succeed, so the
// refusals are about whose records they are, not a malformed payload. An action without a row here
// fails the first tests: new actions join the matrix. (Signed out: actions-access.int.test.ts.)
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newToken } from "@/lib/auth/tokens";
import { toCurrentUser, type AgencyStaffUser, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { AgencyRole } from "@/lib/generated/prisma/enums";
import { formatStudyId } from "@/lib/recruitment/rules";
// Importing it makes next-auth's getServerSession answer with whoever signInAs names.
import {
  kindOf,
  loadActions,
  OWN_ACCOUNT_ACTIONS,
  outcomeOf,
  signInAs,
  type ServerAction,
} from "@/test/server-actions";

const unique = () => randomUUID().slice(0, 8);
const DAY = 86_400_000;
/** A calendar date `days` from today (UTC), as a date input sends it. */
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Two recruiting agencies, each with the same kinds of records.

type Sessions = { booked: string; open: string };

async function person(agencyId: string, agencyRole: AgencyRole, what: string) {
  const row = await db.user.create({
    data: {
      email: `${what.toLowerCase()}.${unique()}@example.org`,
      name: `${what} ${unique()}`,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole,
    },
  });
  return toCurrentUser(row) as AgencyStaffUser;
}

async function recruitingAgency(sessions: Sessions) {
  const agency = await db.agency.create({
    data: {
      organisation: `Organisation ${unique()}`,
      teamName: `Team ${unique()}`,
      stage: "RECRUITING",
      decisionSentStage: "SELECTED",
      contactName: "Contact",
      contactRole: "Manager",
      contactEmail: `contact.${unique()}@example.org`,
      contactPhone: "0191 496 0123",
    },
  });
  const lead = await person(agency.id, "LEAD", "Lead");
  const people = {
    lead,
    supervisor: await person(agency.id, "SUPERVISOR", "Supervisor"),
    /** Whose role the payloads change. */
    roleTarget: await person(agency.id, "SUPERVISOR", "Promoted"),
    /** Booked on a session; the payloads cancel the booking. */
    worker: await person(agency.id, "WORKER", "Worker"),
    /** Not booked yet; the payloads book them. */
    trainee: await person(agency.id, "WORKER", "Trainee"),
    /** The payloads remove them from the staff list. */
    leaver: await person(agency.id, "WORKER", "Leaver"),
  };
  // As a recruiting agency has it: its questionnaire submitted.
  await db.expressionOfInterest.create({
    data: { agencyId: agency.id, status: "SUBMITTED", submittedAt: new Date(), answers: {}, submittedAnswers: {} },
  });
  const invitations = [];
  for (let count = 0; count < 2; count++) {
    const email = `invitee.${unique()}@example.org`;
    const row = await db.userToken.create({
      data: {
        purpose: "INVITATION",
        tokenHash: newToken().tokenHash,
        email,
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "WORKER",
        issuedById: lead.id,
        expiresAt: new Date(Date.now() + 7 * DAY),
      },
    });
    invitations.push({ id: row.id, email });
  }
  const participant = await db.participant.create({
    data: {
      agencyId: agency.id,
      sequence: 1,
      studyId: formatStudyId(agency.code, 1),
      workerId: people.worker.id,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: true,
      referralDate: new Date(`${dateIn(-20)}T00:00:00Z`),
      createdById: lead.id,
    },
  });
  const booking = await db.booking.create({
    data: { sessionId: sessions.booked, userId: people.worker.id, status: "BOOKED", bookedById: lead.id },
  });
  return {
    agency,
    ...people,
    invitations: invitations as [{ id: string; email: string }, { id: string; email: string }],
    participant: { id: participant.id, studyId: participant.studyId },
    booking: { id: booking.id },
    sessions,
  };
}

type Agency = Awaited<ReturnType<typeof recruitingAgency>>;

/** Everything of agency A an action could change, as comparable text per table. */
async function rowsOf(a: Agency): Promise<Record<string, string>> {
  const people = await db.user.findMany({ where: { agencyId: a.agency.id }, orderBy: { id: "asc" } });
  const ids = people.map((row) => row.id);
  const [agency, tokens, questionnaire, participants, bookings, stageChanges, outbox, sessions] = await Promise.all([
    db.agency.findUnique({ where: { id: a.agency.id } }),
    db.userToken.findMany({
      where: { OR: [{ agencyId: a.agency.id }, { userId: { in: ids } }] },
      orderBy: { id: "asc" },
    }),
    db.expressionOfInterest.findUnique({ where: { agencyId: a.agency.id } }),
    db.participant.findMany({
      where: { OR: [{ agencyId: a.agency.id }, { workerId: { in: ids } }] },
      orderBy: { id: "asc" },
    }),
    db.booking.findMany({ where: { userId: { in: ids } }, orderBy: { id: "asc" } }),
    db.stageChange.findMany({ where: { agencyId: a.agency.id }, orderBy: { id: "asc" } }),
    db.outboxEmail.findMany({ where: { to: { in: people.map((row) => row.email) } }, orderBy: { id: "asc" } }),
    // The study's sessions A's people are booked on or may book.
    db.trainingSession.findMany({
      where: { id: { in: [a.sessions.booked, a.sessions.open] } },
      orderBy: { id: "asc" },
    }),
  ]);
  const entityIds = [
    a.agency.id,
    ...ids,
    ...tokens.map((row) => row.id),
    ...participants.map((row) => row.id),
    ...bookings.map((row) => row.id),
    ...(questionnaire ? [questionnaire.id] : []),
  ];
  const audit = await db.auditEvent.findMany({ where: { entityId: { in: entityIds } }, orderBy: { id: "asc" } });
  const tables = {
    agency,
    people,
    tokens,
    questionnaire,
    participants,
    bookings,
    stageChanges,
    outbox,
    sessions,
    audit,
  };
  return Object.fromEntries(
    Object.entries(tables).map(([table, rows]) => [
      table,
      JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
    ]),
  );
}

/** What of A an answer must not mention unless the caller sent it: names, emails, study IDs. */
function secretsOf(a: Agency): string[] {
  const people = [a.lead, a.supervisor, a.roleTarget, a.worker, a.trainee, a.leaver];
  return [
    a.agency.teamName,
    a.agency.organisation,
    a.participant.studyId,
    ...people.flatMap((one) => [one.name, one.email]),
    ...a.invitations.map((invitation) => invitation.email),
  ];
}

// ---------------------------------------------------------------------------------------------
// ACTION → payloads.

/** One call: a payload naming agency A's records. */
type Foreign = {
  what: string;
  input: unknown;
  /**
   * The action takes no record of A (it acts only on the caller's own agency, whatever the payload
   * says), so the caller's own agency may legitimately change: any answer but an error will do, as
   * long as A's rows stay as they were.
   */
  ownAgencyOnly?: true;
};

type Row = {
  /** The roles of an agency's staff who may use it on their own agency's records. */
  roles: readonly AgencyRole[];
  /** Payloads naming agency A's records (and maybe B's too); each refused to B's staff. */
  foreign: (a: Agency, b: Agency) => Foreign[];
  /** The same payload naming B's own records: B's lead succeeds. Missing only where said why. */
  own: ((b: Agency) => unknown) | { none: string };
};

const referral = (workerId: string, agencyId: string) => ({
  referralDate: dateIn(-3),
  workerId,
  subgroup: "ADULT_MENTAL_HEALTH",
  isNewReferral: true,
  agencyId,
});

const contactDetails = (agencyId: string) => ({
  contactName: "Someone Else",
  contactRole: "Service manager",
  contactEmail: `changed.${unique()}@example.org`,
  contactPhone: "0191 496 0999",
  agencyId,
});

const ACTIONS: Record<string, Row> = {
  inviteStaffAction: {
    roles: ["LEAD"],
    foreign: (a) => [
      { what: "A's worker's email", input: { email: a.worker.email, agencyRole: "SUPERVISOR" } },
      {
        // Another agency may invite the same address into its own team; A's invitation stays.
        what: "the email of A's open invitation, with A's id",
        input: { email: a.invitations[0].email, agencyRole: "SUPERVISOR", agencyId: a.agency.id },
        ownAgencyOnly: true,
      },
    ],
    own: () => ({ email: `new.${unique()}@example.org`, agencyRole: "WORKER" }),
  },
  resendStaffInvitationAction: {
    roles: ["LEAD"],
    foreign: (a) => [{ what: "A's invitation", input: { invitationId: a.invitations[0].id } }],
    own: (b) => ({ invitationId: b.invitations[0].id }),
  },
  revokeStaffInvitationAction: {
    roles: ["LEAD"],
    foreign: (a) => [{ what: "A's invitation", input: { invitationId: a.invitations[1].id } }],
    own: (b) => ({ invitationId: b.invitations[1].id }),
  },
  changeStaffRoleAction: {
    roles: ["LEAD"],
    foreign: (a) => [
      { what: "A's supervisor", input: { userId: a.roleTarget.id, agencyRole: "WORKER" } },
      { what: "A's lead", input: { userId: a.lead.id, agencyRole: "WORKER" } },
    ],
    own: (b) => ({ userId: b.roleTarget.id, agencyRole: "WORKER" }),
  },
  removeStaffAction: {
    roles: ["LEAD"],
    foreign: (a) => [
      { what: "A's worker", input: { userId: a.leaver.id } },
      { what: "A's lead", input: { userId: a.lead.id } },
    ],
    own: (b) => ({ userId: b.leaver.id }),
  },
  createParticipantStaffAction: {
    roles: ["LEAD", "SUPERVISOR", "WORKER"],
    foreign: (a) => [{ what: "A's worker, with A's id", input: referral(a.worker.id, a.agency.id) }],
    own: (b) => referral(b.worker.id, b.agency.id),
  },
  recordParticipantStepStaffAction: {
    roles: ["LEAD", "SUPERVISOR", "WORKER"],
    foreign: (a) => [
      { what: "A's participant", input: { participantId: a.participant.id, step: "eligible", date: dateIn(-10) } },
      {
        what: "A's participant, withdrawn",
        input: {
          participantId: a.participant.id,
          step: "withdraw",
          date: dateIn(-10),
          reason: "Moved away",
          keepData: "no",
        },
      },
    ],
    own: (b) => ({ participantId: b.participant.id, step: "eligible", date: dateIn(-10) }),
  },
  bookPeopleStaffAction: {
    roles: ["LEAD", "SUPERVISOR"],
    foreign: (a, b) => [
      { what: "A's worker", input: { sessionId: a.sessions.open, userIds: [a.trainee.id] } },
      { what: "A's lead", input: { sessionId: a.sessions.open, userIds: [a.lead.id] } },
      // All or nothing: B's own trainee is not booked either (the last test books them).
      {
        what: "B's trainee and A's worker",
        input: { sessionId: a.sessions.open, userIds: [b.trainee.id, a.trainee.id] },
      },
    ],
    own: (b) => ({ sessionId: b.sessions.open, userIds: [b.trainee.id] }),
  },
  cancelBookingStaffAction: {
    roles: ["LEAD", "SUPERVISOR"],
    foreign: (a) => [{ what: "A's booking", input: { bookingId: a.booking.id } }],
    own: (b) => ({ bookingId: b.booking.id }),
  },
  // The questionnaire's actions take no id at all: they act on the caller's own agency. An id of A
  // slipped into the payload must change nothing of A.
  saveSectionAction: {
    roles: ["LEAD", "SUPERVISOR"],
    foreign: (a) => [
      {
        what: "A's id",
        input: { section: "team", answers: { teamName: "Taken over" }, agencyId: a.agency.id },
        ownAgencyOnly: true,
      },
    ],
    own: { none: "saving needs the study's deadline still to come, which other test files set as they need" },
  },
  submitQuestionnaireAction: {
    roles: ["LEAD", "SUPERVISOR"],
    foreign: (a) => [{ what: "A's id", input: { agencyId: a.agency.id }, ownAgencyOnly: true }],
    own: { none: "a recruiting agency's questionnaire is submitted already" },
  },
  updateContactDetailsAction: {
    roles: ["LEAD", "SUPERVISOR"],
    foreign: (a) => [{ what: "A's id", input: contactDetails(a.agency.id), ownAgencyOnly: true }],
    own: (b) => contactDetails(b.agency.id),
  },
};

/**
 * An answer as the caller would notice it: "not found" (Next's 404), "refused: …" (the action's
 * own refusal: only someone else may, the record cannot be found, or an error on the field that
 * named the record), "succeeded", or what came back otherwise.
 */
function judge(outcome: string): string {
  if (/NEXT_HTTP_ERROR_FALLBACK;404/.test(outcome)) return "not found";
  if (outcome.startsWith("NEXT_REDIRECT")) return `redirected (${outcome})`;
  if (!outcome.startsWith("returned ")) return `threw ${outcome}`;
  const answer = JSON.parse(outcome.slice("returned ".length)) as {
    ok?: boolean;
    formError?: string;
    fieldErrors?: Record<string, string[] | undefined>;
  };
  if (answer.ok === true) return "succeeded";
  if (answer.ok !== false) return outcome;
  const fields = Object.entries(answer.fieldErrors ?? {}).filter(([, errors]) => (errors ?? []).length > 0);
  if (/^Only |could not find|no longer on your team/i.test(answer.formError ?? "")) return "refused: not theirs";
  if (fields.length > 0) return `refused: ${fields.map(([field]) => field).join(", ")}`;
  return `declined: ${answer.formError}`;
}

/** Field errors that name the record a payload sent: the only field errors that count as a refusal. */
const RECORD_FIELDS = new Set(["email", "workerId", "userIds", "userId", "participantId", "bookingId", "invitationId"]);

/** A payload of A's ids under every name an action reads: for actions the caller may not use at all. */
function idsOf(a: Agency) {
  return {
    id: a.participant.id,
    participantId: a.participant.id,
    agencyId: a.agency.id,
    agencyIds: [a.agency.id],
    sessionId: a.sessions.booked,
    bookingId: a.booking.id,
    userId: a.worker.id,
    userIds: [a.worker.id],
    workerId: a.worker.id,
    invitationId: a.invitations[0].id,
    email: a.worker.email,
    stage: "SELECTED",
    target: 1,
  };
}

/** The profile's actions, each acting on the caller's own account: a payload naming A's lead. */
const OWN_ACCOUNT: Record<string, (a: Agency) => unknown> = {
  changeNameAction: (a) => ({ name: "Taken Over", userId: a.lead.id, id: a.lead.id, email: a.lead.email }),
  changePasswordAction: (a) => ({
    currentPassword: "not-their-password",
    password: "a-brand-new-long-password",
    confirmPassword: "a-brand-new-long-password",
    userId: a.lead.id,
    id: a.lead.id,
    email: a.lead.email,
  }),
};

describe("every role calling the actions with another agency's records", () => {
  let all: ServerAction[];
  let actions: ServerAction[];
  let a: Agency;
  let b: Agency;
  let researcher: CurrentUser;

  beforeAll(async () => {
    all = await loadActions();
    actions = all.filter((action) => kindOf(action) === "agency staff");
    const start = new Date(Date.now() + 40 * DAY);
    const session = async (offsetDays: number) =>
      (
        await db.trainingSession.create({
          data: {
            trainingDay: "WORKER_1",
            startsAt: new Date(start.getTime() + offsetDays * DAY),
            endsAt: new Date(start.getTime() + offsetDays * DAY + 7 * 3_600_000),
            trainer: "Cross-agency trainer",
            capacity: 50,
            onlineUrl: "https://example.org/training",
          },
        })
      ).id;
    // Sessions are the study's, open to every agency: both agencies use the same two.
    const sessions = { booked: await session(0), open: await session(10) };
    a = await recruitingAgency(sessions);
    b = await recruitingAgency(sessions);
    researcher = toCurrentUser(
      await db.user.create({
        data: { email: `researcher.${unique()}@example.org`, name: `Researcher ${unique()}`, role: "RESEARCHER" },
      }),
    )!;
  });

  beforeEach(() => {
    signInAs(null);
  });

  /**
   * Calls `action` as `caller` with `input`; one line saying how it answered (`refused` when
   * `refusal` accepts the verdict), whether it mentioned anything of A the input did not, and
   * whether any row of A changed.
   */
  async function attempt(
    action: ServerAction,
    caller: CurrentUser,
    input: unknown,
    refusal: (verdict: string) => boolean,
  ): Promise<string> {
    const before = await rowsOf(a);
    signInAs(caller);
    const outcome = await outcomeOf(action.run(input));
    signInAs(null);
    const after = await rowsOf(a);
    const verdict = judge(outcome);
    const sent = JSON.stringify(input);
    const leaked = secretsOf(a).filter((secret) => outcome.includes(secret) && !sent.includes(secret));
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    return [
      refusal(verdict) ? "refused" : verdict,
      leaked.length > 0 ? `mentions ${leaked.join(", ")}` : "says nothing of A",
      changed.length > 0 ? `changed A's ${changed.join(", ")}` : "A unchanged",
    ].join("; ");
  }

  const OK = "refused; says nothing of A; A unchanged";
  /** Refused outright: the action is not theirs to use at all. */
  const outright = (verdict: string) => verdict === "not found" || verdict === "refused: not theirs";
  const who = (caller: CurrentUser, agency: string) =>
    caller.role === "RESEARCHER" ? "a researcher" : `${agency}'s ${caller.agencyRole!.toLowerCase()}`;

  it("has a row for every action meant for agency staff, and none for an action that is gone", () => {
    const names = actions.map((action) => action.name).sort();
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(ACTIONS).sort()).toEqual(names);
  });

  it("has a row for every action on the caller's own account", () => {
    const names = all.filter((action) => kindOf(action) === "own account").map((action) => action.name);
    expect(Object.keys(OWN_ACCOUNT).sort()).toEqual([...OWN_ACCOUNT_ACTIONS].sort());
    expect(names.sort()).toEqual([...OWN_ACCOUNT_ACTIONS].sort());
  });

  it("refuses A's records to B's lead, supervisor and worker, says nothing of A, and changes nothing of A", async () => {
    const lines: string[] = [];
    for (const action of actions) {
      const row = ACTIONS[action.name];
      if (!row) continue;
      for (const caller of [b.lead, b.supervisor, b.worker]) {
        for (const call of row.foreign(a, b)) {
          const line = await attempt(action, caller, call.input, (verdict) => {
            const refused =
              outright(verdict) ||
              (verdict.startsWith("refused: ") &&
                verdict
                  .slice("refused: ".length)
                  .split(", ")
                  .every((field) => RECORD_FIELDS.has(field)));
            return refused || Boolean(call.ownAgencyOnly && /^(succeeded|refused|declined)/.test(verdict));
          });
          lines.push(`${action.name} as ${who(caller, "B")} with ${call.what}: ${line}`);
        }
      }
    }
    expect(lines.length).toBeGreaterThanOrEqual(3 * Object.keys(ACTIONS).length);
    expect(lines.filter((line) => !line.endsWith(`: ${OK}`))).toEqual([]);
  });

  it("refuses A's own workers and supervisors what only other roles of A may do, changing nothing", async () => {
    const lines: string[] = [];
    for (const action of actions) {
      const row = ACTIONS[action.name];
      if (!row) continue;
      for (const caller of [a.worker, a.supervisor]) {
        if (row.roles.includes(caller.agencyRole)) continue;
        for (const call of row.foreign(a, b)) {
          const line = await attempt(action, caller, call.input, outright);
          lines.push(`${action.name} as ${who(caller, "A")} with ${call.what}: ${line}`);
        }
      }
    }
    // At least: the lead's five staff-list actions to both, booking and the questionnaire to workers.
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.filter((line) => !line.endsWith(`: ${OK}`))).toEqual([]);
  });

  it("refuses the agency's actions to a researcher, with A's records, as not the researcher's", async () => {
    const lines: string[] = [];
    for (const action of actions) {
      for (const call of ACTIONS[action.name]?.foreign(a, b) ?? []) {
        const line = await attempt(action, researcher, call.input, outright);
        lines.push(`${action.name} as a researcher with ${call.what}: ${line}`);
      }
    }
    expect(lines.length).toBeGreaterThanOrEqual(Object.keys(ACTIONS).length);
    expect(lines.filter((line) => !line.endsWith(`: ${OK}`))).toEqual([]);
  });

  it("refuses every researchers' action to every role of agency staff, with A's ids", async () => {
    const lines: string[] = [];
    const researchers = all.filter((action) => kindOf(action) === "researchers");
    expect(researchers.length).toBeGreaterThan(0);
    for (const action of researchers) {
      for (const [caller, agency] of [
        [a.worker, "A"],
        [a.supervisor, "A"],
        [a.lead, "A"],
        [b.lead, "B"],
      ] as const) {
        const line = await attempt(action, caller, idsOf(a), outright);
        lines.push(`${action.name} as ${who(caller, agency)}: ${line}`);
      }
    }
    expect(lines.filter((line) => !line.endsWith(`: ${OK}`))).toEqual([]);
  });

  it("acts only on the caller's own account, whatever account a payload names", async () => {
    const lines: string[] = [];
    for (const action of all.filter((candidate) => kindOf(candidate) === "own account")) {
      const input = OWN_ACCOUNT[action.name]?.(a);
      if (!input) continue;
      for (const caller of [b.worker, researcher]) {
        // Whatever it answers (it may well succeed, on the caller's account), as long as it is an
        // answer: A's rows are what matter.
        const line = await attempt(action, caller, input, (verdict) => !verdict.startsWith("threw"));
        lines.push(`${action.name} as ${who(caller, "B")}: ${line}`);
      }
    }
    expect(lines.length).toBe(2 * OWN_ACCOUNT_ACTIONS.size);
    expect(lines.filter((line) => !line.endsWith(`: ${OK}`))).toEqual([]);
  });

  it("carries out the same payloads naming B's own records, so the refusals are about the agency", async () => {
    const results: string[] = [];
    for (const action of actions) {
      const row = ACTIONS[action.name];
      if (!row || "none" in row.own) continue;
      signInAs(b.lead);
      const verdict = judge(await outcomeOf(action.run(row.own(b))));
      signInAs(null);
      results.push(`${action.name}: ${verdict}`);
    }
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((line) => !line.endsWith(": succeeded"))).toEqual([]);
  });
});
