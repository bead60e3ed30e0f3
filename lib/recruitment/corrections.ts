// The research team's correction of a participant's record (issue 7): undo the last step recorded,
// with a reason. The statuses that end a record (not eligible, declined, follow-up done, withdrawn,
// lost) cannot be moved on by the agency, so a step recorded by mistake is for the research team to
// take back; and a wrong date or set of measures is put right by undoing the step and letting the
// agency record it again. The step to undo is worked out from the status alone, because each status
// has one step that led to it (withdrawal aside: see undoPlan). One step at a time: undoing twice
// takes back two steps, each with its reason in the audit trail.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import type { Measure, ParticipantStatus, Prisma } from "@/lib/generated/prisma/client";
import { calendarDate } from "./participant-select";
import { formatCalendarDate, STATUS_LABELS, STATUS_ORDER } from "./rules";
import { correctParticipantSchema, type RecruitmentResult } from "./schema";

const PARTICIPANT_NOT_FOUND = {
  ok: false,
  formError: "This participant could not be found. Go back to the list of participants and try again.",
} as const satisfies RecruitmentResult;

/** The fields of the record an undo may clear. */
type ClearableField =
  | "screenedDate"
  | "ineligibleReason"
  | "consentDate"
  | "declinedDate"
  | "declineReason"
  | "baselineDate"
  | "baselineMeasures"
  | "followUpDueNotifiedAt"
  | "followUpDate"
  | "followUpMeasures"
  | "withdrawnDate"
  | "withdrawalReason"
  | "keepDataOnWithdrawal"
  | "lostDate"
  | "lostReason";

/** What an undo reads of the record: its status and every date, as calendar dates "YYYY-MM-DD". */
export type UndoRecord = {
  status: ParticipantStatus;
  screenedDate: string | null;
  consentDate: string | null;
  declinedDate: string | null;
  baselineDate: string | null;
  baselineMeasures: readonly Measure[];
  followUpDate: string | null;
  withdrawnDate: string | null;
  lostDate: string | null;
};

export type UndoPlan = {
  from: ParticipantStatus;
  to: ParticipantStatus;
  /** The date of the step undone, "YYYY-MM-DD" (null only for a record missing it, which the database refuses). */
  date: string | null;
  /** The fields set back to empty. */
  clear: readonly ClearableField[];
  /** "This will undo “Baseline interview done” (5 March 2026) and return the participant to “Consented”." */
  sentence: string;
};

/** Each status, the step that led to it undone: where the record goes back to and what it forgets. */
const UNDO = {
  ELIGIBLE: { to: "REFERRED", date: "screenedDate", clear: ["screenedDate"] },
  NOT_ELIGIBLE: { to: "REFERRED", date: "screenedDate", clear: ["screenedDate", "ineligibleReason"] },
  CONSENTED: { to: "ELIGIBLE", date: "consentDate", clear: ["consentDate"] },
  DECLINED: { to: "ELIGIBLE", date: "declinedDate", clear: ["declinedDate", "declineReason"] },
  BASELINE_DONE: {
    to: "CONSENTED",
    date: "baselineDate",
    // The follow-up due email belonged to that baseline: a new baseline date gets its own.
    clear: ["baselineDate", "baselineMeasures", "followUpDueNotifiedAt"],
  },
  FOLLOW_UP_DONE: { to: "BASELINE_DONE", date: "followUpDate", clear: ["followUpDate", "followUpMeasures"] },
  WITHDRAWN: { to: null, date: "withdrawnDate", clear: ["withdrawnDate", "withdrawalReason", "keepDataOnWithdrawal"] },
  LOST_TO_FOLLOW_UP: { to: "BASELINE_DONE", date: "lostDate", clear: ["lostDate", "lostReason"] },
} as const satisfies Partial<
  Record<ParticipantStatus, { to: ParticipantStatus | null; date: keyof UndoRecord; clear: readonly ClearableField[] }>
>;

/**
 * What undoing the last step of a record would do, or null when there is nothing to undo (a
 * participant only referred: their referral is the record itself). A withdrawal goes back to the
 * status it was made from, which the record's latest date tells: a baseline date means the baseline
 * interview was done, else a consent date means consented, else they were screened eligible (the
 * only statuses a participant can be withdrawn from). Pure: the detail page shows the sentence
 * before the researcher confirms, and correctParticipant does what it says.
 */
export function undoPlan(record: UndoRecord): UndoPlan | null {
  if (record.status === "REFERRED") return null;
  const step = UNDO[record.status];
  const to: ParticipantStatus =
    step.to ?? (record.baselineDate ? "BASELINE_DONE" : record.consentDate ? "CONSENTED" : "ELIGIBLE");
  const date = record[step.date] as string | null;
  const when = date ? ` (${formatCalendarDate(date)})` : "";
  return {
    from: record.status,
    to,
    date,
    clear: step.clear,
    sentence: `This will undo “${STATUS_LABELS[record.status]}”${when} and return the participant to “${STATUS_LABELS[to]}”.`,
  };
}

/**
 * Why the record cannot go back to `to` as it stands, or null when it can: the status it returns
 * to must carry its own dates and measures (the CHECK "Participant_status_has_its_record"). Only a
 * record written outside the app could miss them; it is refused in words rather than by the database.
 */
function missingForStatus(record: UndoRecord, to: ParticipantStatus): string | null {
  const needs: [boolean, string][] = [
    [["ELIGIBLE", "CONSENTED", "BASELINE_DONE"].includes(to) && !record.screenedDate, "a screening date"],
    [["CONSENTED", "BASELINE_DONE"].includes(to) && !record.consentDate, "a consent date"],
    [to === "BASELINE_DONE" && (!record.baselineDate || record.baselineMeasures.length === 0), "a baseline interview"],
  ];
  const missing = needs.find(([lacking]) => lacking);
  return missing
    ? `This record cannot go back to “${STATUS_LABELS[to]}” because it has no ${missing[1].replace(/^an? /, "")} recorded. Contact the app's administrator to correct it.`
    : null;
}

/** The form may say which status the researcher saw, so that a record changed since is not undone blindly. */
const correctionSchema = correctParticipantSchema.extend({
  expectedStatus: z
    .enum(STATUS_ORDER, { error: "The participant's record in the form is not valid. Reload the page and try again." })
    .optional(),
});

type Snapshot = Record<string, Prisma.InputJsonValue | null>;

/** The cleared fields as they were, for the audit entry: dates as "YYYY-MM-DD", measures as codes. */
function snapshotOf(row: Record<ClearableField, unknown>, fields: readonly ClearableField[]): Snapshot {
  return Object.fromEntries(
    fields.map((field) => {
      const value = row[field];
      if (value instanceof Date) {
        return [field, field === "followUpDueNotifiedAt" ? value.toISOString() : calendarDate(value)];
      }
      return [field, (value ?? null) as Prisma.InputJsonValue | null];
    }),
  );
}

/**
 * Undoes the last step of one participant's record, with the researcher's reason: in one
 * transaction, the row locked so that a step the agency records at the same moment waits, the
 * status set back, the step's dates, reasons and measures cleared, and an audit entry
 * "participant.step_undone" with what was there before and the reason. Researchers only: to anyone
 * else the participant does not exist.
 */
export async function correctParticipant(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<RecruitmentResult> {
  const parsed = parseAsResearcher(actor, correctionSchema, input, PARTICIPANT_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const { participantId, reason, expectedStatus } = parsed.data;

  return client.$transaction(async (tx): Promise<RecruitmentResult> => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Participant" WHERE "id" = ${participantId}::uuid FOR UPDATE`;
    if (locked.length === 0) return PARTICIPANT_NOT_FOUND;
    const row = await tx.participant.findUniqueOrThrow({ where: { id: participantId } });

    if (expectedStatus && expectedStatus !== row.status) {
      return {
        ok: false,
        formError: `This participant's record has changed since the page was opened: they are now at “${STATUS_LABELS[row.status]}”. Reload the page to see what would be undone, then try again.`,
      };
    }

    const record: UndoRecord = {
      status: row.status,
      screenedDate: calendarDate(row.screenedDate),
      consentDate: calendarDate(row.consentDate),
      declinedDate: calendarDate(row.declinedDate),
      baselineDate: calendarDate(row.baselineDate),
      baselineMeasures: row.baselineMeasures,
      followUpDate: calendarDate(row.followUpDate),
      withdrawnDate: calendarDate(row.withdrawnDate),
      lostDate: calendarDate(row.lostDate),
    };
    const plan = undoPlan(record);
    if (!plan) {
      return {
        ok: false,
        formError: `${row.studyId} is only referred: nothing has been recorded after the referral, so there is nothing to undo.`,
      };
    }
    const cleared = { ...record } as UndoRecord;
    for (const field of plan.clear) {
      if (field in cleared) (cleared as Record<string, unknown>)[field] = field.endsWith("Measures") ? [] : null;
    }
    const missing = missingForStatus(cleared, plan.to);
    if (missing) return { ok: false, formError: missing };

    const data: Prisma.ParticipantUpdateInput = { status: plan.to };
    for (const field of plan.clear) {
      (data as Record<string, unknown>)[field] = field.endsWith("Measures") ? [] : null;
    }
    await tx.participant.update({ where: { id: participantId }, data, select: { id: true } });

    const emptied = Object.fromEntries(
      plan.clear.map((field) => [field, field.endsWith("Measures") ? [] : null]),
    ) as Snapshot;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "participant.step_undone",
      entity: "Participant",
      entityId: participantId,
      before: { status: row.status, ...snapshotOf(row, plan.clear) },
      after: { status: plan.to, ...emptied, reason },
    });

    const when = plan.date ? ` (${formatCalendarDate(plan.date)})` : "";
    return {
      ok: true,
      participantId,
      studyId: row.studyId,
      message: `Undid “${STATUS_LABELS[plan.from]}”${when} for ${row.studyId}: the participant is back at “${STATUS_LABELS[plan.to]}”.`,
    };
  });
}
