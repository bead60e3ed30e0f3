import "server-only";
// What the researchers' dashboard (/researcher) reads, beyond the agencies by stage: how far each
// agency's staff are through their training, each agency's recruitment against its target, and
// recruitment over time with the date the study target would be reached. Issue 8 benchmarks this
// page with 1,000 agencies, 20,000 staff and 100,000 participants, so everything is counted in SQL
// in a fixed number of queries (never one per agency or per person), and only the sums come back.
//
// The rules are those of the pages that show one agency: a trainee has completed when they
// attended every day their role needs (lib/training/rules.ts requiredDays/hasCompleted, as the
// training matrix counts it: bookings on cancelled sessions do not count); "recruited" means a
// consent date on the record (isRecruited); targets are loadAgencyTargets' (own, or a share).
import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import { requiredDays } from "@/lib/training/rules";
import { loadTrainingSettings } from "@/lib/training/settings";
import { progress, projection, ukToday, type Progress, type Projection, type TargetShare } from "./rules";
import { loadAgencyTargets } from "./target-queries";

// ---------------------------------------------------------------------------------------------
// Training

/** Agencies whose staff's training the dashboard follows: in training, and every stage after it. */
export const TRAINING_DASHBOARD_STAGES = [
  "TRAINING",
  "RECRUITING",
  "FOLLOW_UP",
  "COMPLETED",
] as const satisfies readonly AgencyStage[];

export type AgencyTraining = {
  id: string;
  teamName: string;
  stage: AgencyStage;
  /** Active supervisors and workers. */
  trainees: number;
  /** Of them, those who attended every day their role needs. */
  completed: number;
  /** Every trainee has completed (and there is at least one). */
  allCompleted: boolean;
};

export type TrainingOverview = {
  agencies: AgencyTraining[];
  trainees: number;
  completed: number;
  agenciesFullyTrained: number;
};

/** For every agency in training or further, how many of its active supervisors and workers have completed training. */
export async function trainingOverview(client: Db = defaultDb): Promise<TrainingOverview> {
  const settings = await loadTrainingSettings(client);
  // The days each role needs, from the same rule the agency's own pages use.
  const workerDays = requiredDays("WORKER", settings);
  const supervisorDays = requiredDays("SUPERVISOR", settings);
  const stages = [...TRAINING_DASHBOARD_STAGES];
  const rows = await client.$queryRaw<
    { id: string; teamName: string; stage: AgencyStage; trainees: number; completed: number }[]
  >`
    WITH agencies AS (
      SELECT "id", "teamName", "stage" FROM "Agency" WHERE "stage"::text = ANY(${stages}::text[])
    ),
    trainees AS (
      SELECT u."id", u."agencyId",
        CASE WHEN u."agencyRole" = 'SUPERVISOR' THEN ${supervisorDays}::text[] ELSE ${workerDays}::text[] END AS "required"
      FROM "User" u JOIN agencies a ON a."id" = u."agencyId"
      WHERE u."role" = 'AGENCY_STAFF' AND u."deactivatedAt" IS NULL AND u."agencyRole" IN ('SUPERVISOR', 'WORKER')
    ),
    attended AS (
      SELECT b."userId", array_agg(DISTINCT s."trainingDay"::text) AS "days"
      FROM "Booking" b
      JOIN trainees t ON t."id" = b."userId"
      JOIN "TrainingSession" s ON s."id" = b."sessionId"
      WHERE b."status" = 'ATTENDED' AND s."status" = 'SCHEDULED'
      GROUP BY b."userId"
    )
    SELECT a."id", a."teamName", a."stage",
      count(t."id")::int AS "trainees",
      count(t."id") FILTER (
        WHERE cardinality(t."required") > 0 AND t."required" <@ COALESCE(d."days", ARRAY[]::text[])
      )::int AS "completed"
    FROM agencies a
    LEFT JOIN trainees t ON t."agencyId" = a."id"
    LEFT JOIN attended d ON d."userId" = t."id"
    GROUP BY a."id", a."teamName", a."stage"
    ORDER BY lower(a."teamName"), a."id"`;
  const agencies = rows.map((row) => ({
    ...row,
    allCompleted: row.trainees > 0 && row.completed === row.trainees,
  }));
  return {
    agencies,
    trainees: agencies.reduce((total, agency) => total + agency.trainees, 0),
    completed: agencies.reduce((total, agency) => total + agency.completed, 0),
    agenciesFullyTrained: agencies.filter((agency) => agency.allCompleted).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Recruitment

/** Participants of one agency, or of the study, counted at each step. */
export type RecruitmentCounts = {
  /** Every participant recorded (all referrals). */
  referred: number;
  /** A consent date on the record. */
  recruited: number;
  /** A baseline interview date on the record. */
  baseline: number;
  /** A follow-up interview date on the record. */
  followedUp: number;
  /** Withdrawn or lost to follow-up now. */
  withdrawnOrLost: number;
};

export type AgencyRecruitment = RecruitmentCounts & {
  id: string;
  teamName: string;
  stage: AgencyStage;
  /** Own target, or its share of the study target; null when it has neither (no place, no own target). */
  target: TargetShare | null;
  progress: Progress;
};

/** The total recruited by the end of a month (by today for the current month). */
export type MonthTotal = { month: string; recruited: number; total: number };

export type RecruitmentOverview = {
  today: string;
  studyTarget: number;
  total: RecruitmentCounts & { progress: Progress };
  /** The agencies' targets added up (more than the study target when own targets exceed it). */
  targetsTotal: number;
  /** Agencies holding a place, with participants, or with their own target; by team name. */
  agencies: AgencyRecruitment[];
  /** Recruited per consent date, with the running total; earliest first. */
  series: { date: string; recruited: number; total: number }[];
  /** From the month of the first consent to this month. */
  months: MonthTotal[];
  projection: Projection;
};

type CountRow = RecruitmentCounts & { id: string; teamName: string; stage: AgencyStage };

const pad = (value: number) => String(value).padStart(2, "0");

/** "YYYY-MM" months from `first` to `last`, both included. */
function monthsBetween(first: string, last: string): string[] {
  const [year, month] = first.split("-").map(Number) as [number, number];
  const months: string[] = [];
  for (let index = year * 12 + month - 1; ; index += 1) {
    const current = `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
    if (current > last) break;
    months.push(current);
  }
  return months;
}

/** The running total per consent date and per month, from counts per date (earliest first). */
export function cumulativeRecruitment(
  perDate: readonly { date: string; recruited: number }[],
  today: string,
): { series: RecruitmentOverview["series"]; months: MonthTotal[] } {
  let total = 0;
  const series = perDate.map(({ date, recruited }) => {
    total += recruited;
    return { date, recruited, total };
  });
  if (series.length === 0) return { series, months: [] };
  const lastMonth = [today.slice(0, 7), series.at(-1)!.date.slice(0, 7)].sort().at(-1)!;
  let index = 0;
  let running = 0;
  const months = monthsBetween(series[0]!.date.slice(0, 7), lastMonth).map((month) => {
    let recruited = 0;
    while (index < series.length && series[index]!.date.slice(0, 7) === month) {
      recruited += series[index]!.recruited;
      index += 1;
    }
    running += recruited;
    return { month, recruited, total: running };
  });
  return { series, months };
}

/**
 * Recruitment per agency and in total against the targets, recruitment over time and the
 * projection, at `now` (the UK day it falls on). Five queries, whatever the number of agencies.
 */
export async function recruitmentOverview(now: Date, client: Db = defaultDb): Promise<RecruitmentOverview> {
  const today = ukToday(now);
  const places = [...HOLDS_A_PLACE];
  const [{ studyTarget, targets }, rows, perDate] = await Promise.all([
    loadAgencyTargets(client),
    client.$queryRaw<CountRow[]>`
      WITH counts AS (
        SELECT "agencyId",
          count(*)::int AS "referred",
          count("consentDate")::int AS "recruited",
          count("baselineDate")::int AS "baseline",
          count("followUpDate")::int AS "followedUp",
          count(*) FILTER (WHERE "status" IN ('WITHDRAWN', 'LOST_TO_FOLLOW_UP'))::int AS "withdrawnOrLost"
        FROM "Participant"
        GROUP BY "agencyId"
      )
      SELECT a."id", a."teamName", a."stage",
        COALESCE(c."referred", 0) AS "referred",
        COALESCE(c."recruited", 0) AS "recruited",
        COALESCE(c."baseline", 0) AS "baseline",
        COALESCE(c."followedUp", 0) AS "followedUp",
        COALESCE(c."withdrawnOrLost", 0) AS "withdrawnOrLost"
      FROM "Agency" a
      LEFT JOIN counts c ON c."agencyId" = a."id"
      WHERE a."stage"::text = ANY(${places}::text[]) OR c."agencyId" IS NOT NULL OR a."participantTarget" IS NOT NULL
      ORDER BY lower(a."teamName"), a."id"`,
    client.$queryRaw<{ date: string; recruited: number }[]>`
      SELECT to_char("consentDate", 'YYYY-MM-DD') AS "date", count(*)::int AS "recruited"
      FROM "Participant"
      WHERE "consentDate" IS NOT NULL
      GROUP BY "consentDate"
      ORDER BY "consentDate"`,
  ]);

  const agencies = rows.map((row): AgencyRecruitment => {
    const target = targets.get(row.id) ?? null;
    return { ...row, target, progress: progress(row.recruited, target?.target ?? 0) };
  });
  const sum = (key: keyof RecruitmentCounts) => agencies.reduce((total, agency) => total + agency[key], 0);
  const total = {
    referred: sum("referred"),
    recruited: sum("recruited"),
    baseline: sum("baseline"),
    followedUp: sum("followedUp"),
    withdrawnOrLost: sum("withdrawnOrLost"),
  };
  const { series, months } = cumulativeRecruitment(perDate, today);
  // projection() wants one date per participant recruited.
  const dates = perDate.flatMap(({ date, recruited }) => Array.from({ length: recruited }, () => date));
  return {
    today,
    studyTarget,
    total: { ...total, progress: progress(total.recruited, studyTarget) },
    targetsTotal: [...targets.values()].reduce((sumOf, share) => sumOf + share.target, 0),
    agencies,
    series,
    months,
    projection: projection(dates, studyTarget, today),
  };
}

// ---------------------------------------------------------------------------------------------
// One agency

export type AgencyTargetSummary = {
  /** The agency's own target, or null when it shares out the study target. */
  ownTarget: number | null;
  target: TargetShare;
  recruited: number;
  progress: Progress;
  studyTarget: number;
};

/**
 * One agency's target and its recruitment against it, for its page; null for an agency that neither
 * holds a place nor has its own target (it has no target to show), or an unknown id.
 */
export async function agencyTargetSummary(
  agencyId: string,
  client: Db = defaultDb,
): Promise<AgencyTargetSummary | null> {
  if (!z.uuid().safeParse(agencyId).success) return null;
  const [{ studyTarget, targets }, agency, recruited] = await Promise.all([
    loadAgencyTargets(client),
    client.agency.findUnique({ where: { id: agencyId }, select: { participantTarget: true } }),
    client.participant.count({ where: { agencyId, consentDate: { not: null } } }),
  ]);
  const target = targets.get(agencyId);
  if (!agency || !target) return null;
  return {
    ownTarget: agency.participantTarget,
    target,
    recruited,
    progress: progress(recruited, target.target),
    studyTarget,
  };
}
