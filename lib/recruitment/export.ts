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
// (unique and indexed), one SQL query per batch that joins the agency and works out the follow-up
// schedule, and streamed as the client downloads (csvStream in lib/csv.ts), so memory stays the
// same whatever the number of rows. PostgreSQL makes the next batch while this process writes out
// the current one, so the two work at once.
import "server-only";
import { BOM_NOTE, BOOLEAN_VALUES, type Cell, type DictionaryEntry } from "@/lib/csv";
import { db, type Db } from "@/lib/db";
import { codeList, dayColumn, textColumn, toDictionary, type ExportColumn } from "@/lib/export-columns";
import { Prisma, type Measure, type ParticipantStatus, type Subgroup } from "@/lib/generated/prisma/client";
import {
  isCalendarDate,
  MEASURE_LABELS,
  MEASURES,
  STATUS_LABELS,
  STATUS_ORDER,
  SUBGROUP_LABELS,
  type FollowUpSettings,
} from "./rules";
import { SUBGROUPS } from "./schema";
import { loadRecruitmentSettings } from "./target-queries";

/** Rows read from the database at a time. */
export const EXPORT_BATCH_SIZE = 2_000;

/**
 * One participant as the batch query returns it: the record's columns, the agency's code and team,
 * and the follow-up due date and window worked out in SQL (null without a baseline interview).
 * Dates are calendar dates "YYYY-MM-DD".
 */
type ExportRow = {
  studyId: string;
  agencyCode: number;
  agencyTeam: string;
  subgroup: Subgroup;
  isNewReferral: boolean;
  workerId: string | null;
  status: ParticipantStatus;
  referralDate: string;
  screenedDate: string | null;
  ineligibleReason: string | null;
  consentDate: string | null;
  declinedDate: string | null;
  declineReason: string | null;
  baselineDate: string | null;
  baselineMeasures: Measure[];
  followUpDate: string | null;
  followUpMeasures: Measure[];
  withdrawnDate: string | null;
  withdrawalReason: string | null;
  keepDataOnWithdrawal: boolean | null;
  lostDate: string | null;
  lostReason: string | null;
  followUpDue: string | null;
  followUpOpens: string | null;
  followUpCloses: string | null;
};

type Column = ExportColumn<ExportRow>;

const text = textColumn<ExportRow>;
/** A calendar date column: "YYYY-MM-DD" as the UTC midnight that csv.ts writes back as the same day. */
const date = (column: string, label: string, value: (row: ExportRow) => string | null, notes?: string) =>
  dayColumn<ExportRow>(column, label, (row) => asDay(value(row)), notes);

type Day = `${number}-${number}-${number}`;

/**
 * Each calendar day met, checked once and written as it came from PostgreSQL ("YYYY-MM-DD", which
 * is how csv.ts writes a date): 100,000 participants have about 700,000 dates but only a few
 * thousand different days. Cleared past 10,000 days, so it never grows far.
 */
const days = new Map<string, Day | null>();

function asDay(day: string | null): Day | null {
  if (day === null) return null;
  let cell = days.get(day);
  if (cell === undefined) {
    if (days.size >= 10_000) days.clear();
    cell = isCalendarDate(day) ? (day as Day) : null;
    days.set(day, cell);
  }
  return cell;
}

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
      value: (row) => row.agencyCode,
    },
    text("agency_team", "The agency's team name", (row) => row.agencyTeam, "As it stands now."),
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
      (row) => row.followUpDue,
      "Under the study's settings now. Empty without a baseline interview.",
    ),
    date(
      "follow_up_window_opens",
      "First day of the follow-up window",
      (row) => row.followUpOpens,
      `${window} Empty without a baseline interview.`,
    ),
    date(
      "follow_up_window_closes",
      "Last day of the follow-up window",
      (row) => row.followUpCloses,
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
        const held = row.followUpDate;
        if (held === null || row.followUpOpens === null || row.followUpCloses === null) return null;
        // Calendar dates "YYYY-MM-DD" compare as text in the order of the days.
        return row.followUpOpens <= held && held <= row.followUpCloses;
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
  /**
   * The same rows a batch at a time (csvBatchStream): one wait per batch rather than per row, which
   * is most of the cost of 100,000 rows. Read either `rows` or `batches`, each reads on its own.
   */
  batches: AsyncGenerator<Cell[][]>;
};

/**
 * What the batch query selects for each field of a row, in the order of toRow. Each row is one JSON
 * array (dates as "YYYY-MM-DD", measures as arrays), and a batch one JSON array of them, that
 * JSON.parse reads natively: having Prisma turn 25 columns of 100,000 rows into JavaScript values
 * one by one took most of the export's time, and an array is half the text of an object with its keys.
 */
function rowFields(settings: FollowUpSettings): Prisma.Sql[] {
  const windowDays = Prisma.sql`${settings.followUpWindowDays}::int`;
  return [
    Prisma.sql`p."studyId"`,
    Prisma.sql`a."code"`,
    Prisma.sql`a."teamName"`,
    Prisma.sql`p."subgroup"`,
    Prisma.sql`p."isNewReferral"`,
    Prisma.sql`p."workerId"`,
    Prisma.sql`p."status"`,
    Prisma.sql`p."referralDate"`,
    Prisma.sql`p."screenedDate"`,
    Prisma.sql`p."ineligibleReason"`,
    Prisma.sql`p."consentDate"`,
    Prisma.sql`p."declinedDate"`,
    Prisma.sql`p."declineReason"`,
    Prisma.sql`p."baselineDate"`,
    Prisma.sql`p."baselineMeasures"`,
    Prisma.sql`p."followUpDate"`,
    Prisma.sql`p."followUpMeasures"`,
    Prisma.sql`p."withdrawnDate"`,
    Prisma.sql`p."withdrawalReason"`,
    Prisma.sql`p."keepDataOnWithdrawal"`,
    Prisma.sql`p."lostDate"`,
    Prisma.sql`p."lostReason"`,
    // As lib/recruitment/follow-up.ts: PostgreSQL's `date + n months` clamps to the end of a
    // shorter month exactly as followUpDue in rules.ts (31 August + 6 months = 28 February).
    Prisma.sql`s."due"`,
    Prisma.sql`s."due" - ${windowDays}`,
    Prisma.sql`s."due" + ${windowDays}`,
  ];
}

/** One participant's fields as the batch query gives them, in the order of rowFields. */
type RowCells = ExportRow[keyof ExportRow][];

/**
 * A row from its fields, in the order of rowFields: an object literal, so that every row has the
 * same shape and reading a field is fast.
 */
function toRow(cells: RowCells): ExportRow {
  return {
    studyId: cells[0],
    agencyCode: cells[1],
    agencyTeam: cells[2],
    subgroup: cells[3],
    isNewReferral: cells[4],
    workerId: cells[5],
    status: cells[6],
    referralDate: cells[7],
    screenedDate: cells[8],
    ineligibleReason: cells[9],
    consentDate: cells[10],
    declinedDate: cells[11],
    declineReason: cells[12],
    baselineDate: cells[13],
    baselineMeasures: cells[14],
    followUpDate: cells[15],
    followUpMeasures: cells[16],
    withdrawnDate: cells[17],
    withdrawalReason: cells[18],
    keepDataOnWithdrawal: cells[19],
    lostDate: cells[20],
    lostReason: cells[21],
    followUpDue: cells[22],
    followUpOpens: cells[23],
    followUpCloses: cells[24],
  } as ExportRow;
}

/**
 * One batch of the export: up to `take` participants after the study ID `after` (from the first
 * when null), in order of study ID, with their agency (one join) and their follow-up due date and
 * window, as one JSON array of rows, each a JSON array of `fields`. One value for the whole batch:
 * PostgreSQL makes it all before sending it (rather than row by row as the client reads), so it
 * makes the next batch while this process writes out the current one, and Prisma converts one value
 * instead of 2,000.
 */
function batchQuery(settings: FollowUpSettings, fields: Prisma.Sql[], after: string | null, take: number): Prisma.Sql {
  const start = after === null ? Prisma.empty : Prisma.sql`WHERE p."studyId" > ${after}`;
  return Prisma.sql`
    SELECT coalesce('[' || string_agg(b."row", ',' ORDER BY b."studyId") || ']', '[]') AS "json"
    FROM (
      SELECT p."studyId", json_build_array(${Prisma.join(fields)})::text AS "row"
      FROM "Participant" p
      JOIN "Agency" a ON a."id" = p."agencyId"
      CROSS JOIN LATERAL (
        SELECT (p."baselineDate" + make_interval(months => ${settings.followUpMonths}::int))::date AS "due"
      ) s
      ${start}
      ORDER BY p."studyId"
      LIMIT ${take}
    ) b`;
}

/**
 * Every participant of every agency, in order of study ID: the header, the data dictionary, and the
 * rows as an async generator that reads `batchSize` participants at a time, one query per batch
 * (keyset pagination: each batch starts after the last study ID of the one before, so no batch is
 * slower than the first).
 */
export async function participantExport({
  batchSize = EXPORT_BATCH_SIZE,
  client = db,
}: { batchSize?: number; client?: Db } = {}): Promise<ParticipantExport> {
  const settings = await loadRecruitmentSettings(client);
  const columns = exportColumns(settings);
  const values = columns.map((column) => column.value);
  const fields = rowFields(settings);

  /** Starts reading a batch now (a Prisma query runs only once awaited). */
  function batch(after: string | null): Promise<{ json: string }[]> {
    const reading = Promise.resolve(
      client.$queryRaw<{ json: string }[]>(batchQuery(settings, fields, after, batchSize)),
    );
    // A download abandoned while the next batch is read never awaits it: its failure is not a crash.
    reading.catch(() => {});
    return reading;
  }

  async function* batches(): AsyncGenerator<Cell[][]> {
    let next: Promise<{ json: string }[]> | null = batch(null);
    while (next !== null) {
      // An aggregate without GROUP BY: always exactly one row, "[]" after the last participant.
      const [{ json }] = (await next) as [{ json: string }];
      const found = JSON.parse(json) as RowCells[];
      // The next batch is read while this one is written out: never more than two in memory.
      next = found.length === batchSize ? batch(toRow(found[found.length - 1]!).studyId) : null;
      // Let the query go out now, before this batch's rows are written (the rows are written without
      // ever waiting, so the query would otherwise leave only once they all are).
      if (next !== null) await new Promise((resolve) => setImmediate(resolve));
      yield found.map((cells) => {
        const row = toRow(cells);
        return values.map((value) => value(row));
      });
    }
  }

  async function* rows(): AsyncGenerator<Cell[]> {
    for await (const batch of batches()) yield* batch;
  }

  return {
    header: columns.map((column) => column.column),
    dictionary: toDictionary(columns),
    rows: rows(),
    batches: batches(),
  };
}
