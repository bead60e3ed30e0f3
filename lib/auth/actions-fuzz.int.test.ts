// Bad input thrown at every server action, as the person each is meant for (a researcher for the
// research team's actions; the lead of a recruiting agency for the agency's, and the lead of an
// agency whose questionnaire is still open for the questionnaire; nobody for the public
// ones): wrong types, missing and extra fields, null and undefined, 100,000-character strings,
// right-to-left text, emoji, combining marks, NUL bytes, SQL and script fragments, numbers and
// dates out of range, arrays for objects, deep nesting, and ids that look right but belong to
// nobody (or to a real record). For every payload the action must answer, not throw (a redirect or
// "not found" counts as an answer); refuse with a message to show unless the payload is valid by
// the action's own schema; and write nothing at all unless it accepted a valid payload: every
// table's rows are compared before and after each call. fast-check runs from a fixed seed, so a
// failure repeats; it shrinks the payload, and the message shows it with the seed and path.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AGENCY_ROLES, INVITABLE_AGENCY_ROLES } from "@/lib/accounts/schema";
import {
  acceptInvitationSchema,
  changeStaffRoleSchema,
  invitationIdSchema,
  inviteResearcherSchema,
  inviteStaffSchema,
  registerAgencySchema,
  removeStaffSchema,
} from "@/lib/accounts/schema";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { changeNameSchema, changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/auth/schema";
import { db } from "@/lib/db";
import { reopenQuestionnaireSchema } from "@/lib/eoi/researcher-schema";
import {
  CLIENT_GROUPS,
  draftSectionSchemas,
  PRACTICE_SECTIONS,
  REGIONS,
  SECTION_KEYS,
  SECTORS,
  type SectionKey,
} from "@/lib/eoi/schema";
import { contactDetailsSchema, isSectionKey } from "@/lib/eoi/sections";
import { MEASURES, STATUS_ORDER } from "@/lib/recruitment/rules";
import {
  agencyTargetSchema,
  correctParticipantSchema,
  newParticipantSchema,
  PARTICIPANT_STEPS,
  participantStepSchema,
  SUBGROUPS,
} from "@/lib/recruitment/schema";
import { moveStageSchema, reorderReserveSchema, reviewSchema, sendDecisionsSchema } from "@/lib/selection/schema";
import { studySettingsSchema } from "@/lib/study/schema";
import { TRAINING_DAYS } from "@/lib/training/rules";
import {
  attendanceSchema,
  bookSchema,
  cancelBookingSchema,
  cancelSessionSchema,
  createSessionSchema,
  updateSessionSchema,
} from "@/lib/training/schema";
import { describeArguments } from "@/test/fuzz/describe";
import { junkValue } from "@/test/fuzz/junk";
import { ownDatabase } from "@/test/own-database";
import { digestOf, loadServerActions, type ServerAction } from "@/test/fuzz/server-actions";
import { allTables, changes, fingerprint, type Fingerprint } from "@/test/fuzz/tables";
import {
  broken,
  brokenArguments,
  fieldKinds,
  oneFieldAtATime,
  valid,
  type FieldKinds,
  type Template,
} from "@/test/fuzz/template";
import { seedWorld, sessionOf, type World } from "@/test/fuzz/world";
import { z } from "zod";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
// Who next-auth says is signed in; everything after it is real.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
// These need a live request; outside one they would throw for reasons unrelated to the input.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// after() runs its work once the answer has gone; here it runs once the call has returned, so that
// what that work writes is counted with the call that caused it.
const afterTasks = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: unknown) => {
    if (typeof task === "function") afterTasks.push(task as () => unknown);
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "127.0.0.1" }),
  cookies: async () => ({ has: () => false, get: () => undefined, set: () => {}, getAll: () => [] }),
}));

/** The seed of every run; another one explores other payloads: `FUZZ_SEED=123 npx vitest run --project db …`. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
/** Runs per action; raise it to search deeper: `FUZZ_RUNS=400 …`. */
const RUNS_PER_ACTION = Number(process.env.FUZZ_RUNS ?? 40);
const MIN_PAYLOADS = 1_000;

// A database of this file's own, so that "no row written" is about these calls alone. `db` (which
// the actions use) reads DATABASE_URL on first use: point it there before anything touches it.
const own = ownDatabase("cp_fuzz_actions");
process.env.DATABASE_URL = own.url;
const client = own.client;

type Role = "researcher" | "lead" | "draft lead" | "public";

type Spec = {
  role: Role;
  /** Valid payloads, one per shape the action takes, typed field by field (made once the world's ids are known). */
  templates: (k: FieldKinds, w: World) => Template[];
  /** The call's arguments for one payload; most actions take the payload alone. */
  toArgs?: (payload: unknown, w: World) => unknown[];
  /** Random arguments; by default a broken template, junk in its place, or the wrong number of arguments. */
  args?: (k: FieldKinds, w: World, templates: Template[]) => fc.Arbitrary<unknown[]>;
  /** Whether these arguments are valid by the action's own schema (then it may accept them). */
  valid: (args: unknown[]) => boolean;
};

const one = (schema: z.ZodType) => (args: unknown[]) => args.length >= 1 && schema.safeParse(args[0]).success;

/** The same schema as lib/recruitment/corrections.ts (which does not export it). */
const correctionSchema = correctParticipantSchema.extend({ expectedStatus: z.enum(STATUS_ORDER).optional() });

const PASSWORD = "river-lantern-oak-71";
const NEW_PASSWORD = "copper-meadow-kite-58";

/** A session's fields; by default a new session, or (for an update) the seeded one as it is. */
function sessionFields(
  k: FieldKinds,
  when = { trainingDay: "WORKER_2", date: "2099-03-10", startTime: "09:30", endTime: "16:00" },
) {
  return {
    trainingDay: k.choice(when.trainingDay, TRAINING_DAYS),
    date: k.date(when.date),
    startTime: k.time(when.startTime),
    endTime: k.time(when.endTime),
    venue: k.text("Fuzz Hall"),
    address: k.text("1 Test Street"),
    onlineUrl: k.text(""),
    trainer: k.text("Trainer"),
    capacity: k.integer(12),
    notes: k.text(""),
  };
}

/** A template of each questionnaire section's answers. */
function sectionTemplates(k: FieldKinds): Record<SectionKey, Template> {
  const practice = k.object({ rating: k.integer(5), examples: k.text("We meet in the library.") });
  return {
    eligibility: k.object({
      clientGroups: k.list(
        [k.choice("LEARNING_DISABILITY", CLIENT_GROUPS)],
        k.choice("LEARNING_DISABILITY", CLIENT_GROUPS),
        "LEARNING_DISABILITY",
      ),
      otherClientGroups: k.text(""),
    }),
    team: k.object({
      organisation: k.text("Fuzz Trust"),
      teamName: k.text("Recruiting Team"),
      sector: k.choice("NHS", SECTORS),
      region: k.choice("LONDON", REGIONS),
      address: k.text("1 Test Street"),
      contactName: k.text("Fuzz Lead"),
      contactRole: k.text("Team manager"),
      contactEmail: k.email("lead@example.org"),
      contactPhone: k.text("0191 496 0123"),
    }),
    size: k.object({ frontLineWorkers: k.integer(10), supervisors: k.integer(2), caseload: k.integer(300) }),
    ...(Object.fromEntries(PRACTICE_SECTIONS.map((name) => [`practice.${name}`, practice])) as Record<
      `practice.${(typeof PRACTICE_SECTIONS)[number]}`,
      Template
    >),
    capacity: k.object({
      releaseWorkers: k.boolean(true),
      releaseSupervisors: k.boolean(true),
      managerSupports: k.boolean(true),
      referrals: k.integer(20),
      reorganisation: k.text(""),
      trainingPlaces: k.text("Leeds"),
      trainingMonths: k.text("March"),
    }),
    agreement: k.object({ evaluation: k.exact(true), recruitment: k.exact(true) }),
  };
}

/**
 * Every server action, in the order the tests call them (an accepted payload changes the world,
 * so the ones that remove or cancel things come last in their group). The test fails when an
 * action exists that is not listed here: a new action joins the fuzzing.
 */
const SPECS: Record<string, Spec> = {
  // The agency's actions, as the lead of a recruiting agency (who can do all a supervisor can).
  bookPeopleStaffAction: {
    role: "lead",
    templates: (k, w) => [
      k.object({
        sessionId: k.uuid(w.sessionId),
        userIds: k.list([k.uuid(w.supervisor.id)], k.uuid(w.lead.id), w.lead.id),
      }),
    ],
    valid: one(bookSchema),
  },
  createParticipantStaffAction: {
    role: "lead",
    templates: (k, w) => [
      k.object({
        referralDate: k.date("2026-03-05"),
        workerId: k.uuid(w.worker.id),
        subgroup: k.choice("LEARNING_DISABILITY", SUBGROUPS),
        isNewReferral: k.boolean("yes"),
      }),
    ],
    valid: one(newParticipantSchema),
  },
  recordParticipantStepStaffAction: {
    role: "lead",
    // One template per shape of step: with a date only, a reason, measures, or a reason and a choice.
    templates: (k, w) => {
      const base = { participantId: k.uuid(w.participantId), date: k.date("2026-01-10") };
      const measures = k.list([k.choice("WEMWBS", MEASURES)], k.choice("EQ_5D", MEASURES), "WEMWBS");
      return [
        k.object({ ...base, step: k.choice("eligible", PARTICIPANT_STEPS) }),
        k.object({ ...base, step: k.choice("not-eligible", PARTICIPANT_STEPS), reason: k.text("Outside the area") }),
        k.object({ ...base, step: k.choice("baseline", PARTICIPANT_STEPS), measures }),
        k.object({
          ...base,
          step: k.choice("withdraw", PARTICIPANT_STEPS),
          reason: k.text("Moved away"),
          keepData: k.boolean("yes"),
        }),
      ];
    },
    valid: one(participantStepSchema),
  },
  saveSectionAction: {
    role: "draft lead",
    // As the lead of an agency whose questionnaire is still open, so that valid answers are saved.
    // One template per kind of section (the six practice sections share one shape).
    templates: (k) => {
      const answers = sectionTemplates(k);
      return SECTION_KEYS.filter((key) => !key.startsWith("practice.") || key === "practice.community").map((key) =>
        k.object({ section: k.choice(key, SECTION_KEYS), answers: answers[key] }),
      );
    },
    valid: ([input]) => {
      const shape = input as { section?: unknown; answers?: unknown } | null | undefined;
      if (!shape || typeof shape !== "object" || !isSectionKey(shape.section)) return false;
      return draftSectionSchemas[shape.section].safeParse(shape.answers ?? {}).success;
    },
  },
  submitQuestionnaireAction: {
    role: "draft lead",
    // It takes no input; whatever arrives must be ignored.
    templates: () => [],
    args: () => fc.array(junkValue, { maxLength: 3 }),
    valid: () => true,
  },
  updateContactDetailsAction: {
    role: "lead",
    templates: (k) => [
      k.object({
        contactName: k.text("Fuzz Lead"),
        contactRole: k.text("Team manager"),
        contactEmail: k.email("lead@example.org"),
        contactPhone: k.text("0191 496 0123"),
      }),
    ],
    valid: one(contactDetailsSchema),
  },
  inviteStaffAction: {
    role: "lead",
    templates: (k) => [
      k.object({ email: k.email("new.worker@example.org"), agencyRole: k.choice("WORKER", INVITABLE_AGENCY_ROLES) }),
    ],
    valid: one(inviteStaffSchema),
  },
  resendStaffInvitationAction: {
    role: "lead",
    templates: (k, w) => [k.object({ invitationId: k.uuid(w.staffInvitationId) })],
    valid: one(invitationIdSchema),
  },
  changeStaffRoleAction: {
    role: "lead",
    templates: (k, w) => [
      k.object({ userId: k.uuid(w.supervisor.id), agencyRole: k.choice("SUPERVISOR", AGENCY_ROLES) }),
    ],
    valid: one(changeStaffRoleSchema),
  },
  cancelBookingStaffAction: {
    role: "lead",
    templates: (k, w) => [k.object({ bookingId: k.uuid(w.bookingId) })],
    valid: one(cancelBookingSchema),
  },
  revokeStaffInvitationAction: {
    role: "lead",
    templates: (k, w) => [k.object({ invitationId: k.uuid(w.staffInvitationId) })],
    valid: one(invitationIdSchema),
  },
  removeStaffAction: {
    role: "lead",
    templates: (k, w) => [k.object({ userId: k.uuid(w.worker.id) })],
    valid: one(removeStaffSchema),
  },

  // Anyone signed in (here the lead): their own profile.
  changeNameAction: {
    role: "lead",
    templates: (k) => [k.object({ name: k.text("Fuzz Lead") })],
    valid: one(changeNameSchema),
  },
  changePasswordAction: {
    role: "lead",
    templates: (k) => [
      k.object({
        currentPassword: k.text("not-the-password-1"),
        password: k.text(NEW_PASSWORD),
        confirmPassword: k.text(NEW_PASSWORD),
      }),
    ],
    valid: one(changePasswordSchema),
  },

  // Public: nobody signed in.
  registerAgencyAction: {
    role: "public",
    templates: (k) => [
      k.object({
        organisation: k.text("New Trust"),
        teamName: k.text("New Team"),
        name: k.text("New Lead"),
        email: k.email("new.lead@example.org"),
        password: k.text(PASSWORD),
        confirmPassword: k.text(PASSWORD),
      }),
    ],
    valid: one(registerAgencySchema),
  },
  acceptInvitationAction: {
    role: "public",
    templates: (k, w) => [
      k.object({
        token: k.exact(w.invitationToken),
        name: k.text("New Worker"),
        password: k.text(PASSWORD),
        confirmPassword: k.text(PASSWORD),
      }),
    ],
    valid: one(acceptInvitationSchema),
  },
  requestPasswordResetAction: {
    role: "public",
    templates: (k, w) => [k.object({ email: k.email(w.supervisor.email) })],
    valid: one(forgotPasswordSchema),
  },
  resetPasswordAction: {
    role: "public",
    templates: (k) => [k.object({ password: k.text(NEW_PASSWORD), confirmPassword: k.text(NEW_PASSWORD) })],
    // The link's token comes first: the real one, or junk.
    toArgs: (payload, w) => [w.resetToken, payload],
    args: (k, w, [template]) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.oneof(fc.constant(w.resetToken), junkValue), broken(template!)) },
        { weight: 1, arbitrary: fc.array(junkValue, { maxLength: 3 }) },
      ),
    valid: ([token, input]) => typeof token === "string" && resetPasswordSchema.safeParse(input).success,
  },

  // The research team's actions, as a researcher.
  inviteResearcherAction: {
    role: "researcher",
    templates: (k) => [k.object({ email: k.email("new.researcher@example.org") })],
    valid: one(inviteResearcherSchema),
  },
  resendResearcherInvitationAction: {
    role: "researcher",
    templates: (k, w) => [k.object({ invitationId: k.uuid(w.researcherInvitationId) })],
    valid: one(invitationIdSchema),
  },
  createSessionResearcherAction: {
    role: "researcher",
    templates: (k) => [k.object(sessionFields(k))],
    valid: one(createSessionSchema),
  },
  updateSessionResearcherAction: {
    role: "researcher",
    // The seeded session as it is (a change of training day is refused while people are booked), so
    // that a change to one field reaches the database.
    templates: (k, w) => [
      k.object({
        sessionId: k.uuid(w.sessionId),
        ...sessionFields(k, { trainingDay: "WORKER_1", date: "2099-06-01", startTime: "10:00", endTime: "16:00" }),
      }),
    ],
    valid: one(updateSessionSchema),
  },
  markAttendanceResearcherAction: {
    role: "researcher",
    // On the session that has taken place (attendance is not marked before a session starts).
    templates: (k, w) => {
      const mark = k.object({
        bookingId: k.uuid(w.pastBookingId),
        status: k.choice("ATTENDED", ["ATTENDED", "ABSENT"]),
      });
      return [
        k.object({
          sessionId: k.uuid(w.pastSessionId),
          marks: k.list([mark], mark, { bookingId: w.pastBookingId, status: "ATTENDED" }),
        }),
      ];
    },
    valid: one(attendanceSchema),
  },
  correctParticipantResearcherAction: {
    role: "researcher",
    templates: (k, w) => [
      k.object({
        participantId: k.uuid(w.participantId),
        reason: k.text("Entered by mistake"),
        expectedStatus: k.choice("REFERRED", STATUS_ORDER),
      }),
    ],
    valid: one(correctionSchema),
  },
  setAgencyTargetResearcherAction: {
    role: "researcher",
    templates: (k, w) => [k.object({ agencyId: k.uuid(w.agencyId), target: k.integer(20) })],
    valid: one(agencyTargetSchema),
  },
  reopenQuestionnaireAction: {
    role: "researcher",
    // The agency whose questionnaire is a draft: only a draft or a submitted one can be reopened.
    templates: (k, w) => [
      k.object({
        agencyId: k.uuid(w.draftAgencyId),
        date: k.date("2099-02-01"),
        time: k.time("17:00"),
        reason: k.text("Their manager was away"),
      }),
    ],
    valid: one(reopenQuestionnaireSchema),
  },
  saveReviewAction: {
    role: "researcher",
    templates: (k, w) => [
      k.object({
        agencyId: k.uuid(w.otherAgencyId),
        similarityScore: k.integer(3),
        similarityNote: k.text(""),
        trainingCapacityScore: k.integer(4),
        trainingCapacityNote: k.text("Good"),
        recruitmentCapacityScore: k.integer("5"),
        recruitmentCapacityNote: k.text(""),
        clientGroupFitScore: k.integer(2),
        clientGroupFitNote: k.text(""),
      }),
    ],
    valid: one(reviewSchema),
  },
  moveAgencyStageAction: {
    role: "researcher",
    templates: (k, w) => [
      k.object({
        agencyId: k.uuid(w.otherAgencyId),
        to: k.choice("SHORTLISTED", STAGE_ORDER),
        reason: k.text("Strong application"),
      }),
    ],
    valid: one(moveStageSchema),
  },
  reorderReserveAction: {
    role: "researcher",
    templates: (k, w) => [
      k.object({ agencyId: k.uuid(w.reserveAgencyIds[1]), direction: k.choice("up", ["up", "down"]) }),
    ],
    valid: one(reorderReserveSchema),
  },
  revokeResearcherInvitationAction: {
    role: "researcher",
    templates: (k, w) => [k.object({ invitationId: k.uuid(w.researcherInvitationId) })],
    valid: one(invitationIdSchema),
  },
  cancelSessionResearcherAction: {
    role: "researcher",
    templates: (k, w) => [k.object({ sessionId: k.uuid(w.sessionId), reason: k.text("The trainer is ill") })],
    valid: one(cancelSessionSchema),
  },
  sendDecisionsAction: {
    role: "researcher",
    templates: (k) => [k.object({ confirm: k.exact(true) })],
    valid: one(sendDecisionsSchema),
  },
  updateStudySettingsAction: {
    role: "researcher",
    templates: (k) => [
      k.object({
        deadlineDate: k.date("2099-12-31"),
        deadlineTime: k.time("17:00"),
        agenciesToSelect: k.integer(12),
        workerTrainingDays: k.integer(3),
        supervisorExtraDays: k.integer("2"),
        followUpMonths: k.integer(9),
        followUpWindowDays: k.integer(28),
        participantTarget: k.integer("1,000"),
        confirmCloseNow: k.boolean(false),
      }),
    ],
    valid: one(studySettingsSchema),
  },
};

/**
 * Writes that a refusal may make on purpose, with why. A wrong current password counts as a failed
 * sign-in (lib/auth/profile.ts), so that a borrowed session cannot guess the password at speed.
 */
const INTENDED_WRITES_ON_REFUSAL: Record<string, string[]> = { changePasswordAction: ["LoginAttempt"] };

/** Words that would mean a message shows the program's insides rather than plain words. */
const INTERNALS =
  /prisma|postgres|\bsql\b|syntax error|violates|constraint|stack trace|\bat \/|TypeError|ReferenceError/i;
/** A message built from a value that was not there. */
const GARBLED = /\bundefined\b|\bNaN\b|\[object Object\]/;
/** zod's own English (when a schema gives no message of its own): plain enough, and counted below. */
const ZOD_WORDING = /^(Invalid input|Invalid option|Invalid (string|email|UUID|date)|Too (big|small)|Unrecognized key)/;

/**
 * A call that takes longer than this keeps a server busy for as long (the work is synchronous or
 * holds a database connection): one such request is enough to deny service. Normal answers take
 * milliseconds; the margin is for a busy machine.
 */
const SLOW_CALL_MS = 10_000;

type Outcome =
  | { kind: "answer"; value: unknown }
  | { kind: "redirect"; digest: string }
  | { kind: "not found" }
  | { kind: "threw"; error: unknown };

async function call(action: ServerAction, args: unknown[]): Promise<Outcome> {
  let outcome: Outcome;
  try {
    outcome = { kind: "answer", value: await action.run(...args) };
  } catch (error) {
    const digest = digestOf(error);
    if (digest?.startsWith("NEXT_REDIRECT")) outcome = { kind: "redirect", digest };
    else if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") outcome = { kind: "not found" };
    else outcome = { kind: "threw", error };
  }
  // The work left for after the answer (a password-reset request's): it must not fail either.
  for (const task of afterTasks.splice(0)) {
    try {
      await task();
    } catch (error) {
      if (outcome.kind !== "threw") outcome = { kind: "threw", error };
    }
  }
  return outcome;
}

/** The messages of a refusal, or null when the answer explains nothing. */
function messagesOf(value: unknown): string[] | null {
  const answer = value as { ok?: unknown; formError?: unknown; fieldErrors?: unknown } | null;
  if (!answer || typeof answer !== "object" || answer.ok !== false) return null;
  const messages: string[] = [];
  if (typeof answer.formError === "string" && answer.formError.trim() !== "") messages.push(answer.formError);
  if (answer.fieldErrors && typeof answer.fieldErrors === "object") {
    for (const list of Object.values(answer.fieldErrors)) {
      if (Array.isArray(list))
        messages.push(...list.filter((item): item is string => typeof item === "string" && item.trim() !== ""));
    }
  }
  return messages.length > 0 ? messages : null;
}

/** The spec's verdict; a schema that throws (rather than answer) counts as refusing, and the call will say so. */
function isValid(spec: Spec, args: unknown[]): boolean {
  try {
    return spec.valid(args);
  } catch {
    return false;
  }
}

/** What is wrong with this call's outcome, or null when it is as it should be. */
function problemWith(name: string, valid: boolean, outcome: Outcome, written: string[]): string | null {
  if (outcome.kind === "threw") {
    const error = outcome.error as Error & { code?: unknown };
    const message = String(error?.message ?? error)
      .replace(/\s+/g, " ")
      .trim();
    return `threw ${error?.name ?? "a value"}${error?.code ? ` (${String(error.code)})` : ""}: ${message.slice(0, 600)}`;
  }
  let accepted = false;
  if (outcome.kind === "redirect") accepted = valid;
  if (outcome.kind === "answer") {
    const answer = outcome.value as { ok?: unknown } | null;
    if (answer && typeof answer === "object" && answer.ok === true) {
      if (!valid) return `accepted a payload its own schema refuses: ${JSON.stringify(outcome.value)}`;
      accepted = true;
    } else {
      const messages = messagesOf(outcome.value);
      if (!messages) return `answered without a message to show: ${JSON.stringify(outcome.value)?.slice(0, 300)}`;
      const leaky = messages.find((message) => INTERNALS.test(message));
      if (leaky) return `answered with the program's insides: ${leaky.slice(0, 300)}`;
      const garbled = messages.find((message) => GARBLED.test(message) && !ZOD_WORDING.test(message));
      if (garbled) return `answered with a garbled message: ${garbled.slice(0, 300)}`;
      const zodWording = messages.filter((message) => ZOD_WORDING.test(message)).length;
      if (zodWording > 0) zodWorded.set(name, (zodWorded.get(name) ?? 0) + 1);
    }
  }
  if (written.length > 0 && !accepted) {
    const intended = INTENDED_WRITES_ON_REFUSAL[name] ?? [];
    const unintended = written.filter((line) => !intended.some((table) => line.startsWith(`${table}:`)));
    if (unintended.length > 0 || !valid) {
      return `wrote rows without accepting the payload (${outcome.kind}${
        outcome.kind === "answer" ? ` ${JSON.stringify(outcome.value)?.slice(0, 300)}` : ""
      }): ${written.join("; ")}`;
    }
  }
  return null;
}

/** The whole input replaced, given the valid arguments. */
const WHOLE_INPUTS: readonly { label: string; args: (validArgs: unknown[]) => unknown[] }[] = [
  { label: "no arguments", args: () => [] },
  { label: "null", args: () => [null] },
  { label: "undefined", args: () => [undefined] },
  { label: "a string", args: () => ["' OR 1=1 --"] },
  { label: "a number", args: () => [Number.NaN] },
  { label: "an empty array", args: () => [[]] },
  { label: "the valid input inside an array", args: (validArgs) => [validArgs] },
  { label: "an object nested 1,000 deep", args: () => [nestedObject(1000)] },
  { label: "form data", args: () => [new FormData()] },
];

function nestedObject(depth: number): unknown {
  let value: unknown = {};
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

let world: World;
let tables: string[];
let actions: ServerAction[];
const counted = { payloads: 0, valid: 0, accepted: 0 };
/** Calls that took over a second, for the summary. */
const slowest: { took: number; call: string }[] = [];
/** Per action, the refusals that used zod's own wording rather than the app's. */
const zodWorded = new Map<string, number>();

beforeAll(async () => {
  // The actions must use this file's database, or the row counts would prove nothing.
  const [connected] = await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  expect(own.url.endsWith(`/${connected?.name}`)).toBe(true);
  world = await seedWorld(client);
  tables = await allTables(client);
  actions = await loadServerActions();
});

afterAll(async () => {
  await db.$disconnect();
});

/** Calls `action` once as `user` and checks the outcome and the tables; the problem, or null. */
async function attempt(
  name: string,
  spec: Spec,
  action: ServerAction,
  args: unknown[],
  tablesBefore: { current: Fingerprint },
): Promise<{ problem: string | null; slow: boolean }> {
  counted.payloads += 1;
  const user = {
    researcher: world.researcher,
    lead: world.lead,
    "draft lead": world.draftLead,
    public: null,
  }[spec.role];
  session.current = user ? sessionOf(user) : null;
  const started = performance.now();
  const outcome = await call(action, args);
  const took = performance.now() - started;
  if (took > 1000) slowest.push({ took, call: `${name}${describeArguments(args)}`.slice(0, 200) });
  const after = await fingerprint(client, tables);
  const written = changes(tablesBefore.current, after);
  tablesBefore.current = after;
  if (took > SLOW_CALL_MS) {
    return {
      problem: `took ${(took / 1000).toFixed(1)} s to answer: a few such requests keep the server busy`,
      slow: true,
    };
  }
  // After the call: the action's own schema is as slow as the action on a payload that makes it slow.
  const valid = isValid(spec, args);
  if (valid) counted.valid += 1;
  const problem = problemWith(name, valid, outcome, written);
  if (!problem && outcome.kind === "answer" && (outcome.value as { ok?: unknown } | null)?.ok === true) {
    counted.accepted += 1;
  }
  return { problem, slow: false };
}

describe("server actions given malformed input", () => {
  it("has a fuzzing spec for every server action, and watches every table", () => {
    expect(actions.map((action) => action.name).sort()).toEqual(Object.keys(SPECS).sort());
    expect(tables).toEqual(
      expect.arrayContaining([
        "User",
        "Agency",
        "Participant",
        "Booking",
        "AuditEvent",
        "OutboxEmail",
        "_prisma_migrations",
      ]),
    );
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    const who = spec.role === "public" ? "nobody" : `the ${spec.role}`;
    it(`${name} (as ${who}) answers every payload, and writes only what it accepts`, { timeout: 240_000 }, async () => {
      const action = actions.find((candidate) => candidate.name === name);
      if (!action) throw new Error(`${name} is not exported by any "use server" module any more.`);
      const kinds = fieldKinds(world.ids);
      const templates = spec.templates(kinds, world);
      const toArgs = spec.toArgs ?? ((payload: unknown) => [payload]);
      const tablesBefore = { current: await fingerprint(client, tables) };
      const report: string[] = [];

      // The templates themselves must be valid, or breaking one field at a time would prove little.
      for (const template of templates) expect(spec.valid(toArgs(valid(template), world))).toBe(true);

      // The whole input junk, then every field meeting every kind of junk once, the rest valid.
      const cases = [
        ...WHOLE_INPUTS.map(({ label, args }) => ({
          label,
          args: args(templates[0] ? toArgs(valid(templates[0]), world) : []),
        })),
        ...oneFieldAtATime(templates).map(({ label, payload }) => ({ label, args: toArgs(payload, world) })),
        // Last, as it may be accepted and change the world.
        ...(templates[0]
          ? [
              {
                label: "the valid input and an extra argument",
                args: [...toArgs(valid(templates[0]), world), { role: "RESEARCHER" }],
              },
            ]
          : []),
      ];
      let slowSeen = false;
      for (const { label, args } of cases) {
        const { problem, slow } = await attempt(name, spec, action, args, tablesBefore);
        if (problem) report.push(`${name}${describeArguments(args)} [${label}]\n  ${problem}`);
        // Each further slow call would take as long again: one is proof enough.
        if (slow) {
          slowSeen = true;
          break;
        }
      }

      // Then random payloads, shrunk to the smallest that fails.
      const random =
        spec.args?.(kinds, world, templates) ??
        fc
          .oneof(...templates.map((template) => brokenArguments(template)))
          .map((args) => (args.length === 1 ? toArgs(args[0], world) : args));
      const property = fc.asyncProperty(random, async (args) => {
        // After one slow call, shrinking would only make more: let the rest pass and report that one.
        if (slowSeen) return;
        const { problem, slow } = await attempt(name, spec, action, args, tablesBefore);
        if (slow) {
          slowSeen = true;
          report.push(`${name}${describeArguments(args)} [random payload]\n  ${problem}`);
          return;
        }
        if (problem) throw new Error(problem);
      });
      const details = await fc.check(property, { seed: SEED, numRuns: RUNS_PER_ACTION });
      if (details.failed) {
        const error = details.errorInstance as Error | null;
        report.push(
          [
            `Random payloads: failed after ${details.numRuns} (seed ${details.seed}, path "${details.counterexamplePath}"; ` +
              `repeat with FUZZ_SEED=${details.seed}). Smallest payload:`,
            `${name}${details.counterexample ? describeArguments(details.counterexample[0]) : "?"}`,
            `  ${error?.message ?? String(details.errorInstance)}`,
          ].join("\n"),
        );
      }
      if (report.length > 0) {
        expect.fail(`${report.length} problem(s) with ${name}:\n${report.slice(0, 12).join("\n")}`);
      }
    });
  }

  it(`threw at least ${MIN_PAYLOADS.toLocaleString("en-GB")} payloads in all, some of them valid`, () => {
    console.log(
      [
        `Server-action fuzzing: ${counted.payloads} payloads (seed ${SEED}), ${counted.valid} valid by the action's own schema, ${counted.accepted} accepted.`,
        `Refusals worded by zod rather than the app: ${[...zodWorded].map(([action, count]) => `${action} ${count}`).join(", ") || "none"}.`,
        `Calls over 1 s: ${slowest.length === 0 ? "none" : ""}`,
        ...slowest
          .sort((a, b) => b.took - a.took)
          .slice(0, 10)
          .map(({ took, call }) => `  ${(took / 1000).toFixed(1)} s  ${call}`),
      ].join("\n"),
    );
    expect(counted.payloads).toBeGreaterThanOrEqual(MIN_PAYLOADS);
    // Valid payloads must occur, or the "accepted only when valid" rule would never be tested.
    expect(counted.valid).toBeGreaterThan(0);
    expect(counted.accepted).toBeGreaterThan(0);
  });
});
