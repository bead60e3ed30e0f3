// Agency staff record their participants: a new referral, with the study ID the app generates, and
// each step after it (screened, consented or declined, baseline, follow-up, withdrawn, lost). Every
// write is one transaction with its audit entry, and every refusal writes nothing and says why.
//
// Locks, in the order every recruitment write takes them, so that none waits for another in a circle:
//  - A new referral locks its agency's row FOR NO KEY UPDATE, which serialises the study IDs of one
//    agency: the next sequence is read (max + 1) only once the previous referral has committed, so
//    two referrals at the same moment never take the same number. It does not conflict with the FOR
//    KEY SHARE of training bookings or of the steps below, nor with the foreign-key checks of rows
//    that point at the agency; a researcher's stage move (Study, then Agency FOR UPDATE) waits for
//    it or is waited for, so the training gate is read as it stands when the row is written.
//  - A step locks its agency's row FOR KEY SHARE (steps of one agency do not wait for each other,
//    but a stage move in progress finishes first), then the participant's row FOR UPDATE, so two
//    steps recorded at once for one participant are checked one after the other.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { invalidInput } from "@/lib/forms";
import type { AgencyStage, Prisma } from "@/lib/generated/prisma/client";
import {
  dateProblem,
  followUpSchedule,
  followUpWindowNote,
  formatCalendarDate,
  formatStudyId,
  participantMoveRefusal,
  recordingRefusal,
  ukToday,
  type FollowUpSettings,
} from "./rules";
import {
  newParticipantSchema,
  participantStepSchema,
  STEP_DATE,
  STEP_STATUS,
  type ParticipantStepValues,
  type RecruitmentResult,
} from "./schema";
import { calendarDate, participantRecordSelect } from "./participant-select";
import { loadRecruitmentSettings } from "./target-queries";

/**
 * The one answer for a participant the actor may not see: another agency's, an unknown id, or any
 * participant to someone who is not agency staff (researchers do not record participants). It never
 * says whether the participant exists.
 */
export const PARTICIPANT_NOT_FOUND = {
  ok: false,
  formError: "We could not find that participant. Go back to your list of participants and choose them there.",
} as const;

/**
 * Referrals of one agency queue on its row lock, and the wait counts towards the transaction's
 * time: a team entering a batch of referrals at once must all be served, not time out.
 */
export const PARTICIPANT_TRANSACTION = { maxWait: 60_000, timeout: 60_000 } as const;

/** A calendar date "YYYY-MM-DD" as a @db.Date column stores it (UTC midnight). */
export function toDateColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

// ---------------------------------------------------------------------------------------------
// A new referral

export async function createParticipant(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<RecruitmentResult> {
  if (actor.role !== "AGENCY_STAFF") return PARTICIPANT_NOT_FOUND;
  const parsed = newParticipantSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const values = parsed.data;
  const agencyId = actor.agencyId;

  return client.$transaction(async (tx): Promise<RecruitmentResult> => {
    // Without this lock, two referrals at once both read the same max(sequence) and the second
    // insert fails on the unique (agencyId, sequence) index: see study-id-concurrency.int.test.ts.
    const [agency] = await tx.$queryRaw<{ code: number; stage: AgencyStage }[]>`
      SELECT "code", "stage" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR NO KEY UPDATE`;
    if (!agency) return PARTICIPANT_NOT_FOUND;
    const refusal = recordingRefusal(agency.stage, "new");
    if (refusal) return { ok: false, formError: refusal };

    const fieldErrors: Record<string, string[]> = {};
    const worker = await tx.user.findFirst({
      where: { id: values.workerId, agencyId, role: "AGENCY_STAFF", deactivatedAt: null },
      select: { id: true },
    });
    if (!worker) fieldErrors.workerId = ["Choose a worker from your team."];
    const dateError = dateProblem({ step: "referral", date: values.referralDate, today: ukToday(now) });
    if (dateError) fieldErrors.referralDate = [dateError];
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

    // Read after the lock: under READ COMMITTED this statement sees every referral committed before it.
    const [last] = await tx.$queryRaw<{ sequence: number }[]>`
      SELECT coalesce(max("sequence"), 0)::int AS "sequence" FROM "Participant" WHERE "agencyId" = ${agencyId}::uuid`;
    const sequence = (last?.sequence ?? 0) + 1;
    const studyId = formatStudyId(agency.code, sequence);
    const created = await tx.participant.create({
      data: {
        studyId,
        agencyId,
        sequence,
        workerId: values.workerId,
        subgroup: values.subgroup,
        isNewReferral: values.isNewReferral,
        status: "REFERRED",
        referralDate: toDateColumn(values.referralDate),
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "participant.referred",
      entity: "Participant",
      entityId: created.id,
      before: null,
      after: {
        studyId,
        status: "REFERRED",
        referralDate: values.referralDate,
        subgroup: values.subgroup,
        isNewReferral: values.isNewReferral,
        workerId: values.workerId,
      },
    });
    return {
      ok: true,
      message: `Participant ${studyId} added. Record their screening when it is done.`,
      participantId: created.id,
      studyId,
    };
  }, PARTICIPANT_TRANSACTION);
}

// ---------------------------------------------------------------------------------------------
// One step of the record

/** The audit action of each step (the names the other pages and the history read). */
export const STEP_ACTIONS = {
  eligible: "participant.screened_eligible",
  "not-eligible": "participant.screened_not_eligible",
  consent: "participant.consented",
  decline: "participant.declined",
  baseline: "participant.baseline_done",
  "follow-up": "participant.follow_up_done",
  withdraw: "participant.withdrawn",
  lost: "participant.lost_to_follow_up",
} as const satisfies Record<ParticipantStepValues["step"], string>;

const stepRowSelect = {
  id: true,
  studyId: true,
  ...participantRecordSelect,
} as const satisfies Prisma.ParticipantSelect;

type StepRow = Prisma.ParticipantGetPayload<{ select: typeof stepRowSelect }>;

/** The fields one step writes, as calendar dates and plain values (for the audit entry too). */
function stepFields(values: ParticipantStepValues) {
  switch (values.step) {
    case "eligible":
      return { screenedDate: values.date };
    case "not-eligible":
      return { screenedDate: values.date, ineligibleReason: values.reason };
    case "consent":
      return { consentDate: values.date };
    case "decline":
      return { declinedDate: values.date, declineReason: values.reason };
    case "baseline":
      return { baselineDate: values.date, baselineMeasures: values.measures };
    case "follow-up":
      return { followUpDate: values.date, followUpMeasures: values.measures };
    case "withdraw":
      return { withdrawnDate: values.date, withdrawalReason: values.reason, keepDataOnWithdrawal: values.keepData };
    case "lost":
      return { lostDate: values.date, lostReason: values.reason };
  }
}

type StepFields = ReturnType<typeof stepFields>;
type AuditValue = string | boolean | string[] | null;

/** The fields as they were before the step, for the audit entry. */
function currentFields(row: StepRow, fields: StepFields): Record<string, AuditValue> {
  const before: Record<string, AuditValue> = {};
  for (const key of Object.keys(fields) as (keyof StepRow)[]) {
    const value = row[key];
    before[key] = value instanceof Date ? calendarDate(value) : (value as AuditValue);
  }
  return before;
}

/** The fields as the columns take them: dates at UTC midnight. */
function columnsOf(fields: StepFields): Prisma.ParticipantUpdateInput {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, key.endsWith("Date") ? toDateColumn(value as string) : value]),
  );
}

/** What the success message says happened and comes next. */
function stepMessage(studyId: string, values: ParticipantStepValues, settings: FollowUpSettings): string {
  const on = formatCalendarDate(values.date);
  const who = `Participant ${studyId}`;
  switch (values.step) {
    case "eligible":
      return `${who} screened as eligible on ${on}. Record their consent, or that they declined, once they have decided.`;
    case "not-eligible":
      return `${who} screened as not eligible on ${on}. Their record is complete: nothing more needs recording.`;
    case "consent":
      return `${who} consented on ${on} and now counts as recruited. Record their baseline interview when it is done.`;
    case "decline":
      return `${who} recorded as declining on ${on}. Their record is complete: nothing more needs recording.`;
    case "baseline": {
      const { due, opens, closes } = followUpSchedule(values.date, settings);
      return `Baseline interview for ${who} recorded on ${on}. Their follow-up is due on ${formatCalendarDate(due)} (window ${formatCalendarDate(opens)} to ${formatCalendarDate(closes)}).`;
    }
    case "follow-up":
      return `Follow-up interview for ${who} recorded on ${on}. Their record is complete: thank you.`;
    case "withdraw":
      return `${who} recorded as withdrawn on ${on}. ${
        values.keepData
          ? "The data collected so far may be kept."
          : "The data collected so far must not be used in the analysis."
      } Their record is complete.`;
    case "lost":
      return `${who} recorded as lost to follow-up on ${on}. Their record is complete: nothing more needs recording.`;
  }
}

export async function recordParticipantStep(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<RecruitmentResult> {
  if (actor.role !== "AGENCY_STAFF") return PARTICIPANT_NOT_FOUND;
  const parsed = participantStepSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const values = parsed.data;
  const agencyId = actor.agencyId;
  // The study's follow-up settings change rarely and only by researchers; read before the
  // transaction (the loader takes a client, not a transaction client).
  const settings = await loadRecruitmentSettings(client);

  return client.$transaction(async (tx): Promise<RecruitmentResult> => {
    const [agency] = await tx.$queryRaw<{ stage: AgencyStage }[]>`
      SELECT "stage" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR KEY SHARE`;
    if (!agency) return PARTICIPANT_NOT_FOUND;
    // By id and agency together: another agency's participant is not found, exactly like an unknown id.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Participant"
      WHERE "id" = ${values.participantId}::uuid AND "agencyId" = ${agencyId}::uuid FOR UPDATE`;
    if (locked.length === 0) return PARTICIPANT_NOT_FOUND;
    const gate = recordingRefusal(agency.stage, "update");
    if (gate) return { ok: false, formError: gate };

    const row = await tx.participant.findUniqueOrThrow({ where: { id: values.participantId }, select: stepRowSelect });
    const status = STEP_STATUS[values.step];
    const moveRefusal = participantMoveRefusal(row.status, status);
    if (moveRefusal) return { ok: false, formError: moveRefusal };
    const earlier = {
      referralDate: calendarDate(row.referralDate),
      screenedDate: calendarDate(row.screenedDate),
      consentDate: calendarDate(row.consentDate),
      baselineDate: calendarDate(row.baselineDate),
    };
    const dateError = dateProblem({ step: STEP_DATE[values.step], date: values.date, today: ukToday(now), earlier });
    if (dateError) return { ok: false, fieldErrors: { date: [dateError] } };
    const warning =
      values.step === "follow-up" && earlier.baselineDate
        ? followUpWindowNote({ baselineDate: earlier.baselineDate, followUpDate: values.date, settings })
        : null;

    const fields = stepFields(values);
    await tx.participant.update({
      where: { id: row.id },
      data: { ...columnsOf(fields), status },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: STEP_ACTIONS[values.step],
      entity: "Participant",
      entityId: row.id,
      before: { status: row.status, ...currentFields(row, fields) },
      after: { status, ...fields },
    });
    return {
      ok: true,
      message: stepMessage(row.studyId, values, settings),
      ...(warning ? { warning } : {}),
      participantId: row.id,
      studyId: row.studyId,
    };
  }, PARTICIPANT_TRANSACTION);
}
