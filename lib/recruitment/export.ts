// The participants export researchers take to Excel, R and Stata (issue 7): one row per participant
// of every agency, with the study ID, agency, subgroup, every step's date and reason, the measures
// completed at each interview, and the follow-up due date and window; and the data dictionary,
// made from the same list of columns so the two never disagree.
//
// Participants are pseudonymised: the file holds study IDs and dates, and the worker only as
// worker_id (their account's id, a pseudonymous key), never a name. Column names are lower-case
// snake_case of at most 32 characters (valid Stata names, kept as they are by R); enumerations are
// written as codes whose words the dictionary gives.
//
// Built for 100,000 participants: rows are read in batches by keyset pagination on the study ID
// (unique and indexed), each batch selecting only the columns written, and streamed as the client
// downloads (csvStream in lib/csv.ts), so memory stays the same whatever the number of rows.
import "server-only";
import { BOM_NOTE, BOOLEAN_VALUES, type Cell, type DictionaryEntry } from "@/lib/csv";
import { db, type Db } from "@/lib/db";
import { codeList, dateColumn, textColumn, toDictionary, type ExportColumn } from "@/lib/export-columns";
import type { Measure, Prisma } from "@/lib/generated/prisma/client";
import {
  daysBetween,
  followUpSchedule,
  MEASURE_LABELS,
  MEASURES,
  STATUS_LABELS,
  STATUS_ORDER,
  SUBGROUP_LABELS,
  type FollowUpSettings,
} from "./rules";
import { calendarDate, participantRecordSelect } from "./participant-select";
import { SUBGROUPS } from "./schema";
import { loadRecruitmentSettings } from "./target-queries";

/** Rows read from the database at a time. */
export const EXPORT_BATCH_SIZE = 2_000;

const exportSelect = {
  studyId: true,
  subgroup: true,
  isNewReferral: true,
  workerId: true,
  ...participantRecordSelect,
  agency: { select: { code: true, teamName: true } },
} satisfies Prisma.ParticipantSelect;

type ParticipantRow = Prisma.ParticipantGetPayload<{ select: typeof exportSelect }>;

/** A row with its follow-up schedule worked out once (from the baseline date and the study's settings). */
type ExportRow = ParticipantRow & {
  schedule: { due: string; opens: string; closes: string } | null;
};

type Column = ExportColumn<ExportRow>;

const asDate = (date: string | null): Date | null => (date ? new Date(`${date}T00:00:00Z`) : null);

const text = textColumn<ExportRow>;
const date = dateColumn<ExportRow>;

/** Stata-safe stems of the measures: baseline_resource_generator_uk, follow_up_eq_5d. */
const measureStem = (measure: Measure) => measure.toLowerCase();

function measureColumns(
  prefix: "baseline" | "follow_up",
  interview: string,
  done: (row: ExportRow) => boolean,
  measures: (row: ExportRow) => readonly Measure[],
): Column[] {
  return MEASURES.map((measure): Column => ({
    column: `${prefix}_${measureStem(measure)}`,
    label: `Whether ${MEASURE_LABELS[measure]} was completed at the ${interview}`,
    type: "boolean",
    values: BOOLEAN_VALUES,
    notes: `Empty when the ${interview} is not recorded.`,
    value: (row) => (done(row) ? measures(row).includes(measure) : null),
  }));
}

const hasBaseline = (row: ExportRow) => row.baselineDate !== null;
const hasFollowUp = (row: ExportRow) => row.followUpDate !== null;

function exportColumns(settings: FollowUpSettings): Column[] {
  const window = `The window is the due date give or take ${settings.followUpWindowDays} days, under the study's settings now.`;
  return [
    {
      column: "study_id",
      label: "The participant's study ID: CP, the agency's code and the participant's number in the agency",
      type: "text",
      notes: `Unique. Rows are in order of study ID as text. ${BOM_NOTE}`,
      value: (row) => row.studyId,
    },
    {
      column: "agency_code",
      label: "The agency's short number, as in the study ID (CP-07-0012 is agency 7)",
      type: "integer",
      notes: "The same code as in the agencies export.",
      value: (row) => row.agency.code,
    },
    text("agency_team", "The agency's team name", (row) => row.agency.teamName, "As it stands now."),
    {
      column: "subgroup",
      label: "The participant's subgroup",
      type: "code",
      values: codeList(SUBGROUP_LABELS, SUBGROUPS),
      value: (row) => row.subgroup,
    },
    {
      column: "is_new_referral",
      label: "Whether the participant was newly referred to the team",
      type: "boolean",
      values: BOOLEAN_VALUES,
      value: (row) => row.isNewReferral,
    },
    {
      column: "worker_id",
      label:
        "The worker who works with the participant: their account's unique identifier (a UUID), a pseudonymous key",
      type: "text",
      notes:
        "The same worker has the same worker_id on every row, and the same id as person_id in the bookings export. Staff names are not in this file. Empty when the worker's account has been deleted.",
      value: (row) => row.workerId,
    },
    {
      column: "status",
      label: "Where the participant stands now",
      type: "code",
      values: codeList(STATUS_LABELS, STATUS_ORDER),
      notes: "“Follow-up due” is not a status: see the follow_up_ columns.",
      value: (row) => row.status,
    },
    date("referral_date", "Date of referral", (row) => row.referralDate),
    date(
      "screened_date",
      "Date the participant was screened for eligibility",
      (row) => row.screenedDate,
      "Empty until screened.",
    ),
    {
      column: "eligible",
      label: "Whether the participant was screened as eligible",
      type: "boolean",
      values: BOOLEAN_VALUES,
      notes: "Empty until screened.",
      value: (row) => (row.status === "NOT_ELIGIBLE" ? false : row.screenedDate ? true : null),
    },
    text(
      "ineligible_reason",
      "Why the participant was not eligible",
      (row) => row.ineligibleReason,
      "Empty unless status is NOT_ELIGIBLE. Free text, checked for identifiers when entered.",
    ),
    date(
      "consent_date",
      "Date the participant consented (recruited from this day)",
      (row) => row.consentDate,
      "Empty unless they consented; kept when they later withdrew or were lost.",
    ),
    date(
      "declined_date",
      "Date the participant declined to take part",
      (row) => row.declinedDate,
      "Empty unless status is DECLINED.",
    ),
    text(
      "decline_reason",
      "Why the participant declined",
      (row) => row.declineReason,
      "Empty unless status is DECLINED. Free text, checked for identifiers when entered.",
    ),
    date(
      "baseline_date",
      "Date of the baseline interview",
      (row) => row.baselineDate,
      "Empty until the baseline interview is recorded.",
    ),
    ...measureColumns("baseline", "baseline interview", hasBaseline, (row) => row.baselineMeasures),
    date(
      "follow_up_due_date",
      `Date the follow-up falls due: the baseline date plus ${settings.followUpMonths} months`,
      (row) => asDate(row.schedule?.due ?? null),
      "Under the study's settings now. Empty without a baseline interview.",
    ),
    date(
      "follow_up_window_opens",
      "First day of the follow-up window",
      (row) => asDate(row.schedule?.opens ?? null),
      `${window} Empty without a baseline interview.`,
    ),
    date(
      "follow_up_window_closes",
      "Last day of the follow-up window",
      (row) => asDate(row.schedule?.closes ?? null),
      `${window} Empty without a baseline interview.`,
    ),
    date(
      "follow_up_date",
      "Date of the follow-up interview",
      (row) => row.followUpDate,
      "Empty until the follow-up interview is recorded.",
    ),
    ...measureColumns("follow_up", "follow-up interview", hasFollowUp, (row) => row.followUpMeasures),
    {
      column: "follow_up_in_window",
      label: "Whether the follow-up interview fell inside its window",
      type: "boolean",
      values: BOOLEAN_VALUES,
      notes: `${window} Empty until the follow-up interview is recorded.`,
      value: (row) => {
        const held = calendarDate(row.followUpDate);
        if (!held || !row.schedule) return null;
        return daysBetween(row.schedule.opens, held) >= 0 && daysBetween(held, row.schedule.closes) >= 0;
      },
    },
    date(
      "withdrawn_date",
      "Date the participant withdrew",
      (row) => row.withdrawnDate,
      "Empty unless status is WITHDRAWN.",
    ),
    text(
      "withdrawal_reason",
      "Why the participant withdrew",
      (row) => row.withdrawalReason,
      "Empty unless status is WITHDRAWN. Free text, checked for identifiers when entered.",
    ),
    {
      column: "keep_data_on_withdrawal",
      label: "Whether the data collected before the withdrawal may be kept",
      type: "boolean",
      values: BOOLEAN_VALUES,
      notes: "Empty unless status is WITHDRAWN. 0 = the participant's data must not be used.",
      value: (row) => row.keepDataOnWithdrawal,
    },
    date(
      "lost_date",
      "Date the participant was lost to follow-up",
      (row) => row.lostDate,
      "Empty unless status is LOST_TO_FOLLOW_UP.",
    ),
    text(
      "lost_reason",
      "Why the participant was lost to follow-up",
      (row) => row.lostReason,
      "Empty unless status is LOST_TO_FOLLOW_UP. Free text, checked for identifiers when entered.",
    ),
  ];
}

/** The data dictionary of the participants export (the labels name the study's follow-up settings). */
export async function participantExportDictionary(client: Db = db): Promise<DictionaryEntry[]> {
  return toDictionary(exportColumns(await loadRecruitmentSettings(client)));
}

export type ParticipantExport = {
  header: string[];
  dictionary: DictionaryEntry[];
  /** Every participant as a row of cells, read batch by batch as the rows are asked for. */
  rows: AsyncGenerator<Cell[]>;
};

/**
 * Every participant of every agency, in order of study ID: the header, the data dictionary, and the
 * rows as an async generator that reads `batchSize` participants at a time (keyset pagination: each
 * batch starts after the last study ID of the one before, so no batch is slower than the first).
 */
export async function participantExport({
  batchSize = EXPORT_BATCH_SIZE,
  client = db,
}: { batchSize?: number; client?: Db } = {}): Promise<ParticipantExport> {
  const settings = await loadRecruitmentSettings(client);
  const columns = exportColumns(settings);

  async function* rows(): AsyncGenerator<Cell[]> {
    let after: string | null = null;
    for (;;) {
      const batch: ParticipantRow[] = await client.participant.findMany({
        where: after === null ? {} : { studyId: { gt: after } },
        select: exportSelect,
        orderBy: { studyId: "asc" },
        take: batchSize,
      });
      for (const participant of batch) {
        const baseline = calendarDate(participant.baselineDate);
        const row: ExportRow = { ...participant, schedule: baseline ? followUpSchedule(baseline, settings) : null };
        yield columns.map((column) => column.value(row));
      }
      if (batch.length < batchSize) return;
      after = batch[batch.length - 1]!.studyId;
    }
  }

  return { header: columns.map((column) => column.column), dictionary: toDictionary(columns), rows: rows() };
}
