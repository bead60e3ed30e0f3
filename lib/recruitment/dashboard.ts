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
//
// Even counted in SQL, the study-wide numbers read every participant, member of staff and booking
// (tens of milliseconds on a quiet machine, far more under load), while the dashboard is read far
// more often than those tables change. So they are kept in this process until the database changes:
// see untilNextWrite below. The pages then sort, filter and page the kept rows per request.
import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import { requiredDays } from "@/lib/training/rules";
import { loadTrainingSettings } from "@/lib/training/settings";
import { projectionFromCounts } from "./chart";
import { progress, ukToday, type Progress, type Projection, type TargetShare } from "./rules";
import { loadAgencyTargets } from "./target-queries";

// ---------------------------------------------------------------------------------------------
// Kept until the next write

type Kept = { snapshot: string; value: Promise<unknown> };
const kept = new WeakMap<object, Map<string, Kept>>();

/** Which transactions' writes a query run now would see (PostgreSQL's txid snapshot, as text). */
async function currentSnapshot(client: Db): Promise<string> {
  const [row] = await client.$queryRaw<{ snapshot: string }[]>`SELECT pg_current_snapshot()::text AS "snapshot"`;
  return row!.snapshot;
}

/**
 * `compute()`'s answer, kept in this process for as long as nothing has been written to the
 * database. PostgreSQL's snapshot (the transactions whose writes a query sees) changes as soon as
 * any transaction that wrote something commits or rolls back, and only then: the same snapshot
 * means the same data, so the kept answer is the one a query would give now. Every write of any
 * kind (a participant recorded, a booking, a stage moved, a target set) therefore shows at once,
 * to the person who made it and everyone else, without the code that writes knowing about this
 * cache, and it holds with several app processes too. An answer is kept only when no write landed
 * while it was computed; requests that arrive while it is computed wait for the same answer.
 * One answer per name and database client: the memory is that of one answer.
 */
export async function untilNextWrite<T>(client: Db, name: string, compute: () => Promise<T>): Promise<T> {
  let byName = kept.get(client);
  if (!byName) {
    byName = new Map();
    kept.set(client, byName);
  }
  const before = await currentSnapshot(client);
  const entry = byName.get(name);
  if (entry && entry.snapshot === before) return entry.value as Promise<T>;
  const table = byName;
  const fresh: Kept = { snapshot: before, value: Promise.resolve() };
  const value = (async () => {
    try {
      const result = await compute();
      // A write landed meanwhile: the answer may mix before and after, so it is not kept.
      if ((await currentSnapshot(client)) !== before && table.get(name) === fresh) table.delete(name);
      return result;
    } catch (error) {
      if (table.get(name) === fresh) table.delete(name);
      throw error;
    }
  })();
  fresh.value = value;
  table.set(name, fresh);
  return value;
}

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

type TrainingRow = { id: string; teamName: string; stage: AgencyStage; trainees: number; completed: number };

/**
 * For every agency holding a place (selected, and in training or further), how many of its active
 * supervisors and workers have completed training; by team name. Three scans (staff, attended
 * bookings, agencies), hash-joined, whatever the number of agencies; kept until the next write.
 */
function trainingByAgency(client: Db): Promise<AgencyTraining[]> {
  return untilNextWrite(client, "trainingByAgency", async () => {
    const settings = await loadTrainingSettings(client);
    // The days each role needs, from the same rule the agency's own pages use.
    const workerDays = requiredDays("WORKER", settings);
    const supervisorDays = requiredDays("SUPERVISOR", settings);
    const stages = [...HOLDS_A_PLACE];
    const rows = await client.$queryRaw<TrainingRow[]>`
      WITH attended AS (
        SELECT b."userId", array_agg(DISTINCT s."trainingDay"::text) AS "days"
        FROM "Booking" b
        JOIN "TrainingSession" s ON s."id" = b."sessionId"
        WHERE b."status" = 'ATTENDED' AND s."status" = 'SCHEDULED'
        GROUP BY b."userId"
      ),
      trainees AS (
        SELECT u."agencyId",
          CASE WHEN u."agencyRole" = 'SUPERVISOR' THEN ${supervisorDays}::text[] ELSE ${workerDays}::text[] END
            <@ COALESCE(d."days", ARRAY[]::text[]) AS "done",
          cardinality(CASE WHEN u."agencyRole" = 'SUPERVISOR' THEN ${supervisorDays}::text[] ELSE ${workerDays}::text[] END) > 0 AS "needsDays"
        FROM "User" u
        LEFT JOIN attended d ON d."userId" = u."id"
        WHERE u."role" = 'AGENCY_STAFF' AND u."deactivatedAt" IS NULL AND u."agencyRole" IN ('SUPERVISOR', 'WORKER')
          AND u."agencyId" IS NOT NULL
      ),
      per_agency AS (
        SELECT "agencyId", count(*)::int AS "trainees", count(*) FILTER (WHERE "done" AND "needsDays")::int AS "completed"
        FROM trainees
        GROUP BY "agencyId"
      )
      SELECT a."id", a."teamName", a."stage",
        COALESCE(p."trainees", 0) AS "trainees",
        COALESCE(p."completed", 0) AS "completed"
      FROM "Agency" a
      LEFT JOIN per_agency p ON p."agencyId" = a."id"
      WHERE a."stage" = ANY(${stages}::"AgencyStage"[])
      ORDER BY lower(a."teamName"), a."id"`;
    return rows.map((row) => ({ ...row, allCompleted: row.trainees > 0 && row.completed === row.trainees }));
  });
}

/** For every agency in training or further, how many of its active supervisors and workers have completed training. */
export async function trainingOverview(client: Db = defaultDb): Promise<TrainingOverview> {
  const inTraining = new Set<AgencyStage>(TRAINING_DASHBOARD_STAGES);
  const agencies = (await trainingByAgency(client)).filter((agency) => inTraining.has(agency.stage));
  return {
    agencies,
    trainees: agencies.reduce((total, agency) => total + agency.trainees, 0),
    completed: agencies.reduce((total, agency) => total + agency.completed, 0),
    agenciesFullyTrained: agencies.filter((agency) => agency.allCompleted).length,
  };
}

/**
 * Of the agencies holding a place (the training matrix's), how many there are and how many have
 * every supervisor and worker trained; study-wide, kept until the next write.
 */
export async function placeHoldersTrained(client: Db = defaultDb): Promise<{ agencies: number; fullyTrained: number }> {
  const agencies = await trainingByAgency(client);
  return { agencies: agencies.length, fullyTrained: agencies.filter((agency) => agency.allCompleted).length };
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

type StudyRecruitment = {
  studyTarget: number;
  total: RecruitmentCounts;
  targetsTotal: number;
  agencies: AgencyRecruitment[];
  perDate: { date: string; recruited: number }[];
};

/**
 * The study-wide recruitment numbers, whatever the day: counts per agency and in total (one scan
 * of the participants, the total from the same GROUP BY ROLLUP), recruited per consent date, and the
 * targets. Kept until the next write.
 */
function studyRecruitment(client: Db): Promise<StudyRecruitment> {
  return untilNextWrite(client, "studyRecruitment", async () => {
    const places = [...HOLDS_A_PLACE];
    const [{ studyTarget, targets }, counts, agencyRows, perDate] = await Promise.all([
      loadAgencyTargets(client),
      client.$queryRaw<(RecruitmentCounts & { agencyId: string | null })[]>`
        SELECT "agencyId",
          count(*)::int AS "referred",
          count("consentDate")::int AS "recruited",
          count("baselineDate")::int AS "baseline",
          count("followUpDate")::int AS "followedUp",
          count(*) FILTER (WHERE "status" IN ('WITHDRAWN', 'LOST_TO_FOLLOW_UP'))::int AS "withdrawnOrLost"
        FROM "Participant"
        GROUP BY ROLLUP ("agencyId")`,
      client.$queryRaw<{ id: string; teamName: string; stage: AgencyStage; ownTarget: boolean }[]>`
        SELECT "id", "teamName", "stage", "participantTarget" IS NOT NULL AS "ownTarget"
        FROM "Agency"
        ORDER BY lower("teamName"), "id"`,
      client.$queryRaw<{ date: string; recruited: number }[]>`
        SELECT to_char("consentDate", 'YYYY-MM-DD') AS "date", count(*)::int AS "recruited"
        FROM "Participant"
        WHERE "consentDate" IS NOT NULL
        GROUP BY "consentDate"
        ORDER BY "consentDate"`,
    ]);
    const none: RecruitmentCounts = { referred: 0, recruited: 0, baseline: 0, followedUp: 0, withdrawnOrLost: 0 };
    const byAgency = new Map<string, RecruitmentCounts>();
    let total = none;
    for (const { agencyId, ...row } of counts) {
      if (agencyId === null) total = row;
      else byAgency.set(agencyId, row);
    }
    const placeHolding = new Set<AgencyStage>(places);
    const agencies = agencyRows
      .filter((row) => placeHolding.has(row.stage) || row.ownTarget || byAgency.has(row.id))
      .map(({ id, teamName, stage }): AgencyRecruitment => {
        const row = byAgency.get(id) ?? none;
        const target = targets.get(id) ?? null;
        return { id, teamName, stage, ...row, target, progress: progress(row.recruited, target?.target ?? 0) };
      });
    return {
      studyTarget,
      total,
      targetsTotal: [...targets.values()].reduce((sumOf, share) => sumOf + share.target, 0),
      agencies,
      perDate,
    };
  });
}

/**
 * Recruitment per agency and in total against the targets, recruitment over time and the
 * projection, at `now` (the UK day it falls on). Four queries, whatever the number of agencies,
 * and none while nothing has been written since the last time (studyRecruitment).
 */
export async function recruitmentOverview(now: Date, client: Db = defaultDb): Promise<RecruitmentOverview> {
  const today = ukToday(now);
  const { studyTarget, total, targetsTotal, agencies, perDate } = await studyRecruitment(client);
  const { series, months } = cumulativeRecruitment(perDate, today);
  return {
    today,
    studyTarget,
    total: { ...total, progress: progress(total.recruited, studyTarget) },
    targetsTotal,
    agencies,
    series,
    months,
    projection: projectionFromCounts(perDate, studyTarget, today),
  };
}

// ---------------------------------------------------------------------------------------------
// The per-agency table, a page at a time

export const AGENCY_SORTS = ["behind", "name", "recruited"] as const;
export type AgencySort = (typeof AGENCY_SORTS)[number];

export const AGENCY_SORT_LABELS = {
  behind: "Furthest behind target first",
  name: "By team name",
  recruited: "Most recruited first",
} as const satisfies Record<AgencySort, string>;

/** Agencies in the per-agency recruitment table on one page. */
export const AGENCIES_PER_PAGE = 50;

export type AgencyPage = {
  rows: AgencyRecruitment[];
  /** Agencies matching the search, on every page. */
  matching: number;
  page: number;
  pageCount: number;
};

// One collator for every comparison: localeCompare with options builds a new one on each call.
const collator = new Intl.Collator("en-GB", { sensitivity: "base" });
const byName = (a: AgencyRecruitment, b: AgencyRecruitment) =>
  collator.compare(a.teamName, b.teamName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Share of the target recruited; an agency without a target is never behind it. */
const shareOfTarget = (agency: AgencyRecruitment) =>
  agency.target && agency.target.target > 0 ? agency.recruited / agency.target.target : Number.POSITIVE_INFINITY;

/**
 * One page of the per-agency table: agencies whose team name contains `search` (any case), in the
 * order asked for (furthest behind target first: the smallest share of its target recruited, those
 * without a target last), `perPage` a page. A page past the last shows the last.
 */
export function agencyPage(
  agencies: readonly AgencyRecruitment[],
  options: { sort: AgencySort; search: string; page: number; perPage?: number },
): AgencyPage {
  const perPage = options.perPage ?? AGENCIES_PER_PAGE;
  const needle = options.search.trim().toLocaleLowerCase("en-GB");
  const matching = needle
    ? agencies.filter((agency) => agency.teamName.toLocaleLowerCase("en-GB").includes(needle))
    : [...agencies];
  const order: Record<AgencySort, (a: AgencyRecruitment, b: AgencyRecruitment) => number> = {
    behind: (a, b) => shareOfTarget(a) - shareOfTarget(b) || a.recruited - b.recruited || byName(a, b),
    name: byName,
    recruited: (a, b) => b.recruited - a.recruited || byName(a, b),
  };
  matching.sort(order[options.sort]);
  const pageCount = Math.max(1, Math.ceil(matching.length / perPage));
  const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
  return {
    rows: matching.slice((page - 1) * perPage, page * perPage),
    matching: matching.length,
    page,
    pageCount,
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

// ---------------------------------------------------------------------------------------------
// The dashboard's address

/** The longest agency name search kept; the search box allows the same. */
const MAX_SEARCH = 200;

export type DashboardTableOptions = { sort: AgencySort; search: string; page: number };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The per-agency table's options from the dashboard's address: ?q= (part of a team name), ?sort=
 * (behind, name or recruited; furthest behind target first when absent) and ?page=. A value that
 * cannot be used is left out, with a sentence that says so.
 */
export function parseDashboardSearchParams(params: Record<string, string | string[] | undefined>): {
  options: DashboardTableOptions;
  problems: string[];
} {
  const problems: string[] = [];
  const options: DashboardTableOptions = { sort: "behind", search: "", page: 1 };
  const q = first(params.q)?.trim() ?? "";
  if (q.length > MAX_SEARCH) problems.push(`The agency name to look for is longer than ${MAX_SEARCH} characters.`);
  else options.search = q;
  const sort = first(params.sort);
  if (sort !== undefined) {
    if ((AGENCY_SORTS as readonly string[]).includes(sort)) options.sort = sort as AgencySort;
    else problems.push("The order in the address was not understood, so the agencies furthest behind come first.");
  }
  const page = first(params.page);
  if (page !== undefined) {
    if (/^[1-9][0-9]{0,5}$/.test(page)) options.page = Number(page);
    else problems.push("The page number in the address was not understood, so the first page is shown.");
  }
  return { options, problems };
}

/** The dashboard's address with the per-agency table in this order, search and page. */
export function dashboardHref(options: DashboardTableOptions): string {
  const params = new URLSearchParams();
  if (options.search) params.set("q", options.search);
  if (options.sort !== "behind") params.set("sort", options.sort);
  if (options.page > 1) params.set("page", String(options.page));
  const query = params.toString();
  return `/researcher${query ? `?${query}` : ""}#recruitment-by-agency`;
}
