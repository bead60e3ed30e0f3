import "server-only";
// The research team's follow-up list (issue 7): every participant whose baseline interview is done,
// in three lists: overdue (the window closed with no follow-up recorded), due now or soon (the
// window is open, or opens within four weeks), and done (the follow-up interview is recorded, and
// whether it fell inside its window). The lists follow followUpState in rules.ts, but the due
// dates and windows are worked out in SQL from the study's settings, so that the page reads only
// the rows it shows, even with 100,000 participants: PostgreSQL's `date + interval 'n months'`
// clamps to the end of a shorter month exactly as followUpDue does (31 August + 6 months =
// 28 February), which follow-up.int.test.ts checks.
import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db";
import { Prisma, type AgencyStage, type Subgroup } from "@/lib/generated/prisma/client";
import { DUE_SOON_DAYS, PARTICIPANT_VIEW_STAGES, ukToday, type FollowUpSettings } from "./rules";
import { loadRecruitmentSettings } from "./target-queries";

/** Rows shown in the overdue and the due lists; the headings give the full counts. */
export const OPEN_LIST_LIMIT = 200;
/** Rows shown in the done list: the most recent follow-up interviews. */
export const DONE_LIST_LIMIT = 100;

/** What every row of the three lists shows. Dates are calendar dates "YYYY-MM-DD". */
export type FollowUpRow = {
  id: string;
  studyId: string;
  agencyId: string;
  teamName: string;
  agencyStage: AgencyStage;
  subgroup: Subgroup;
  baselineDate: string;
  due: string;
  opens: string;
  closes: string;
  /** Days from today to the due date: negative once it has passed. */
  daysUntilDue: number;
  /** Days from today to the day the window opens: negative once it is open. */
  daysUntilOpens: number;
  /** Days from the day the window closed to today: positive once it has closed. */
  daysSinceClosed: number;
  /** When the agency's supervisors (or leads) were emailed that the follow-up is due. */
  notifiedAt: Date | null;
  /** Whether the agency has an active supervisor or lead to email. */
  hasRecipients: boolean;
};

export type DoneFollowUpRow = FollowUpRow & {
  followUpDate: string;
  /** Days the interview came before its window opened (0 when not early). */
  daysEarly: number;
  /** Days the interview came after its window closed (0 when not late). */
  daysLate: number;
};

export type FollowUpCounts = {
  overdue: number;
  due: number;
  done: number;
  doneInWindow: number;
  /** Baseline done, window more than four weeks off. */
  notYet: number;
};

export type FollowUpList = {
  today: string;
  settings: FollowUpSettings;
  counts: FollowUpCounts;
  overdue: FollowUpRow[];
  due: FollowUpRow[];
  done: DoneFollowUpRow[];
};

/**
 * Each participant whose baseline is done (and each followed up), with the due date and window
 * worked out from the settings, as of `today`. `agencyId` narrows it to one agency.
 */
function scheduled(settings: FollowUpSettings, agencyId: string | null): Prisma.Sql {
  const agency = agencyId ? Prisma.sql`AND p."agencyId" = ${agencyId}::uuid` : Prisma.empty;
  return Prisma.sql`
    WITH due AS (
      SELECT p."id", p."studyId", p."agencyId", p."subgroup", p."status", p."baselineDate", p."followUpDate",
             p."followUpDueNotifiedAt",
             (p."baselineDate" + make_interval(months => ${settings.followUpMonths}::int))::date AS "due"
      FROM "Participant" p
      WHERE p."status" IN ('BASELINE_DONE', 'FOLLOW_UP_DONE') ${agency}
    ), scheduled AS (
      SELECT due.*,
             due."due" - ${settings.followUpWindowDays}::int AS "opens",
             due."due" + ${settings.followUpWindowDays}::int AS "closes"
      FROM due
    )`;
}

function rowColumns(today: string): Prisma.Sql {
  return Prisma.sql`
    s."id", s."studyId", s."agencyId", a."teamName", a."stage"::text AS "agencyStage", s."subgroup"::text AS "subgroup",
    to_char(s."baselineDate", 'YYYY-MM-DD') AS "baselineDate",
    to_char(s."due", 'YYYY-MM-DD') AS "due",
    to_char(s."opens", 'YYYY-MM-DD') AS "opens",
    to_char(s."closes", 'YYYY-MM-DD') AS "closes",
    s."due" - ${today}::date AS "daysUntilDue",
    s."opens" - ${today}::date AS "daysUntilOpens",
    ${today}::date - s."closes" AS "daysSinceClosed",
    s."followUpDueNotifiedAt" AS "notifiedAt",
    EXISTS (
      SELECT 1 FROM "User" u
      WHERE u."agencyId" = s."agencyId" AND u."role" = 'AGENCY_STAFF'
        AND u."agencyRole" IN ('SUPERVISOR', 'LEAD') AND u."deactivatedAt" IS NULL
    ) AS "hasRecipients"`;
}

/** The three lists as of `now` (UK date), optionally for one agency. */
export async function loadFollowUpList({
  agencyId = null,
  now = new Date(),
  client = defaultDb,
}: { agencyId?: string | null; now?: Date; client?: Db } = {}): Promise<FollowUpList> {
  const settings = await loadRecruitmentSettings(client);
  const followUp = { followUpMonths: settings.followUpMonths, followUpWindowDays: settings.followUpWindowDays };
  const today = ukToday(now);
  const base = scheduled(followUp, agencyId);
  const columns = rowColumns(today);

  const [countRows, overdue, due, done] = await Promise.all([
    client.$queryRaw<FollowUpCounts[]>`
      ${base}
      SELECT
        count(*) FILTER (WHERE s."status" = 'BASELINE_DONE' AND s."closes" < ${today}::date)::int AS "overdue",
        count(*) FILTER (
          WHERE s."status" = 'BASELINE_DONE' AND s."closes" >= ${today}::date
            AND s."opens" <= ${today}::date + ${DUE_SOON_DAYS}::int
        )::int AS "due",
        count(*) FILTER (
          WHERE s."status" = 'BASELINE_DONE' AND s."opens" > ${today}::date + ${DUE_SOON_DAYS}::int
        )::int AS "notYet",
        count(*) FILTER (WHERE s."status" = 'FOLLOW_UP_DONE')::int AS "done",
        count(*) FILTER (
          WHERE s."status" = 'FOLLOW_UP_DONE' AND s."followUpDate" BETWEEN s."opens" AND s."closes"
        )::int AS "doneInWindow"
      FROM scheduled s`,
    // Longest overdue first.
    client.$queryRaw<FollowUpRow[]>`
      ${base}
      SELECT ${columns}
      FROM scheduled s JOIN "Agency" a ON a."id" = s."agencyId"
      WHERE s."status" = 'BASELINE_DONE' AND s."closes" < ${today}::date
      ORDER BY s."due", s."studyId"
      LIMIT ${OPEN_LIST_LIMIT}`,
    // Soonest first: the open windows, then those opening in the next four weeks.
    client.$queryRaw<FollowUpRow[]>`
      ${base}
      SELECT ${columns}
      FROM scheduled s JOIN "Agency" a ON a."id" = s."agencyId"
      WHERE s."status" = 'BASELINE_DONE' AND s."closes" >= ${today}::date
        AND s."opens" <= ${today}::date + ${DUE_SOON_DAYS}::int
      ORDER BY s."due", s."studyId"
      LIMIT ${OPEN_LIST_LIMIT}`,
    // The most recent interviews first.
    client.$queryRaw<DoneFollowUpRow[]>`
      ${base}
      SELECT ${columns},
        to_char(s."followUpDate", 'YYYY-MM-DD') AS "followUpDate",
        GREATEST(s."opens" - s."followUpDate", 0) AS "daysEarly",
        GREATEST(s."followUpDate" - s."closes", 0) AS "daysLate"
      FROM scheduled s JOIN "Agency" a ON a."id" = s."agencyId"
      WHERE s."status" = 'FOLLOW_UP_DONE'
      ORDER BY s."followUpDate" DESC, s."studyId"
      LIMIT ${DONE_LIST_LIMIT}`,
  ]);
  return { today, settings: followUp, counts: countRows[0]!, overdue, due, done };
}

export type AgencyChoice = { id: string; teamName: string };

/**
 * The agency a follow-up list is narrowed to, from the address (?agency=<id>), and the agencies to
 * choose from: those that see participants (recruiting or later). An id that names no agency gives
 * a problem to show, and the list of every agency.
 */
export async function loadFollowUpAgencyFilter(
  asked: string | string[] | undefined,
  client: Db = defaultDb,
): Promise<{ agency: AgencyChoice | null; problem: string | null; choices: AgencyChoice[] }> {
  const value = Array.isArray(asked) ? asked[0] : asked;
  const wanted = value?.trim() ? value.trim() : null;
  const [choices, found] = await Promise.all([
    client.agency.findMany({
      where: { stage: { in: [...PARTICIPANT_VIEW_STAGES] } },
      select: { id: true, teamName: true },
      orderBy: [{ teamName: "asc" }, { id: "asc" }],
    }),
    wanted && z.uuid().safeParse(wanted).success
      ? client.agency.findUnique({ where: { id: wanted }, select: { id: true, teamName: true } })
      : null,
  ]);
  if (wanted && !found) {
    return {
      agency: null,
      problem:
        "The agency in the address could not be found, so the participants of every agency are shown. Choose an agency below to narrow the lists.",
      choices,
    };
  }
  // An agency chosen by its address stays a choice, even at a stage that has no participants.
  const all = found && !choices.some((choice) => choice.id === found.id) ? [found, ...choices] : choices;
  return { agency: found ?? null, problem: null, choices: all };
}
