// What the selection page reads: the pipeline of agencies with their scores, the places taken
// against the study's number of agencies, how the agencies holding a place cover the client groups
// and regions, the ranked reserve list, and which decisions are waiting to be sent. The writes are
// in lib/selection/actions.ts; the score arithmetic is lib/selection/scores.ts.
//
// Built for a national trial (1,000 agencies and more): the page reads only what it shows. The
// database filters, sorts, counts and pages the pipeline (scores summed in SQL for the sorts), and
// only the agencies of the page shown are read with their reviews, summarised with the same
// functions the agency's own page uses. Coverage and decisions are counted in SQL, and long lists
// name their first few agencies only (NAMED_AT_MOST). Text sorts with ICU's English rules, as
// people read names. No query is one per agency.
import "server-only";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { db, type Db } from "@/lib/db";
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, REGION_LABELS, REGIONS } from "@/lib/eoi/schema";
import { Prisma, type AgencyStage, type ClientGroup, type Region } from "@/lib/generated/prisma/client";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { PIPELINE_PAGE_SIZE, type PipelineParams, type PipelineSort } from "./pipeline-params";
import {
  CRITERION_COLUMNS,
  CRITERION_KEYS,
  DISCUSS_AT_RANGE,
  overallOf,
  summariseReviews,
  type ReviewScores,
} from "./scores";
import type { ReviewSummary } from "./scores";
import { DECISIONS, HOLDS_A_PLACE, type Decision } from "./transitions";

const STUDY_ID = 1;

/** The review columns the arithmetic needs: the four scores, never the notes. */
const SCORE_SELECT = {
  similarityScore: true,
  trainingCapacityScore: true,
  recruitmentCapacityScore: true,
  clientGroupFitScore: true,
} as const;

type ScoreColumns = { [Key in keyof typeof SCORE_SELECT]: number };

function scoresOf(review: ScoreColumns): ReviewScores {
  return Object.fromEntries(CRITERION_KEYS.map((key) => [key, review[CRITERION_COLUMNS[key].score]])) as ReviewScores;
}

const byText = (a: string, b: string) => a.localeCompare(b, "en-GB", { sensitivity: "base" });

type Named = { id: string; teamName: string; organisation: string };

// ---------------------------------------------------------------------------------------------
// The pipeline.

export type PipelineRow = {
  id: string;
  code: number;
  teamName: string;
  organisation: string;
  stage: AgencyStage;
  clientGroups: ClientGroup[];
  region: Region | null;
  reserveRank: number | null;
  reviewCount: number;
  summary: ReviewSummary;
  /** The overall score of the viewer's own review, or null when they have not scored this agency. */
  mine: number | null;
};

export type PipelineList = {
  /** The page shown, in the order asked for. */
  rows: PipelineRow[];
  /** Agencies in the pipeline, whatever the filter. */
  total: number;
  /** Agencies matching the filter, on every page. */
  matched: number;
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  pageCount: number;
};

/** How far reviewers disagree; there is no disagreement to speak of before a second review. */
export function disagreementOf(summary: ReviewSummary): number | null {
  return summary.count >= 2 ? summary.disagreement : null;
}

/** Prisma passes `contains` to LIKE as it is: "%" and "_" must be searched for as themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const STAGE_INDEX = Object.fromEntries(STAGE_ORDER.map((stage, index) => [stage, index])) as Record<
  AgencyStage,
  number
>;

// Text sorts as people read it (English rules, "b" next to "B"), not by character code.
const TEXT = Prisma.raw(`COLLATE "en-GB-x-icu"`);

/** Regions by their names, for the region sort: the position of each in that order. */
const REGIONS_BY_NAME = [...REGIONS].sort((a, b) => byText(REGION_LABELS[a], REGION_LABELS[b]));

const textArray = (values: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join([...values])}]::text[]`;

/**
 * The agencies in the pipeline: every agency that has submitted its questionnaire at least once
 * (also when it has since been reopened for corrections, or has withdrawn), and every agency past
 * the draft stage however it got there. Agencies still on a first draft, or that withdrew before
 * ever submitting, are not candidates; the Agencies page lists them.
 *
 * Each comes with what the sorts need, worked out by the database from all their
 * reviews: the same arithmetic as lib/selection/scores.ts (the overall score is the mean of the
 * four criterion means; disagreement is the widest range on one criterion, from two reviews on).
 */
function pipelineSql(viewerId: string) {
  return Prisma.sql`
    SELECT a."id", a."teamName", a."organisation", a."stage", a."clientGroups", a."region",
           COALESCE(s."reviewCount", 0) AS "reviewCount",
           s."total"::float8 / (4 * s."reviewCount") AS "overall",
           CASE WHEN s."reviewCount" >= 2 THEN s."range" END AS "disagreement",
           s."mine"::float8 / 4 AS "mine"
    FROM "Agency" a
    LEFT JOIN (
      -- Each criterion has one score a review, so the mean of the four criterion means is the sum
      -- of every score over four times the number of reviews: whole numbers until the division.
      SELECT r."agencyId",
             count(*)::int AS "reviewCount",
             sum(r."similarityScore" + r."trainingCapacityScore" + r."recruitmentCapacityScore" + r."clientGroupFitScore") AS "total",
             GREATEST(
               max(r."similarityScore") - min(r."similarityScore"),
               max(r."trainingCapacityScore") - min(r."trainingCapacityScore"),
               max(r."recruitmentCapacityScore") - min(r."recruitmentCapacityScore"),
               max(r."clientGroupFitScore") - min(r."clientGroupFitScore")
             ) AS "range",
             max(r."similarityScore" + r."trainingCapacityScore" + r."recruitmentCapacityScore" + r."clientGroupFitScore")
               FILTER (WHERE r."reviewerId" = ${viewerId}::uuid) AS "mine"
      FROM "Review" r
      GROUP BY r."agencyId"
    ) s ON s."agencyId" = a."id"
    WHERE (a."stage" NOT IN ('DRAFT', 'WITHDRAWN')
           OR EXISTS (SELECT 1 FROM "ExpressionOfInterest" e
                      WHERE e."agencyId" = a."id" AND e."submittedAt" IS NOT NULL))`;
}

function filterSql(params: PipelineParams) {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (params.stage) conditions.push(Prisma.sql`p."stage" = ${params.stage}::"AgencyStage"`);
  if (params.clientGroup) conditions.push(Prisma.sql`${params.clientGroup}::"ClientGroup" = ANY (p."clientGroups")`);
  if (params.region) conditions.push(Prisma.sql`p."region" = ${params.region}::"Region"`);
  if (params.q) {
    const pattern = `%${likeLiteral(params.q)}%`;
    conditions.push(Prisma.sql`(p."teamName" ILIKE ${pattern} OR p."organisation" ILIKE ${pattern})`);
  }
  if (params.discuss) conditions.push(Prisma.sql`p."disagreement" >= ${DISCUSS_AT_RANGE}`);
  return Prisma.join(conditions, " AND ");
}

/**
 * The order of a sort. Rows without a value (no score yet, no region) go last whichever way the
 * list is sorted; ties go by team name, then organisation, then id, so the order is stable and a
 * page always holds the same agencies.
 */
function orderSql({ sort, dir }: Pick<PipelineParams, "sort" | "dir">) {
  const way = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  const byTeam = Prisma.sql`p."teamName" ${TEXT} ASC, p."organisation" ${TEXT} ASC, p."id" ASC`;
  if (sort === "team") return Prisma.sql`p."teamName" ${TEXT} ${way}, p."organisation" ${TEXT} ${way}, p."id" ${way}`;
  const key: Record<Exclude<PipelineSort, "team">, Prisma.Sql> = {
    stage: Prisma.sql`array_position(${textArray(STAGE_ORDER)}, p."stage"::text)`,
    mean: Prisma.sql`p."overall"`,
    reviews: Prisma.sql`p."reviewCount"`,
    mine: Prisma.sql`p."mine"`,
    disagreement: Prisma.sql`p."disagreement"`,
    region: Prisma.sql`array_position(${textArray(REGIONS_BY_NAME)}, p."region"::text)`,
  };
  return Prisma.sql`${key[sort]} ${way} NULLS LAST, ${byTeam}`;
}

/**
 * One page of the pipeline, filtered and sorted, with each agency's review summary and the
 * viewer's own overall score. The database filters, sorts and counts over the whole pipeline and
 * hands back the ids of one page (the last page when the one asked for is past the end); only
 * those agencies and their reviews are read, and summarised with lib/selection/scores.ts.
 */
export async function listPipeline(params: PipelineParams, viewerId: string, client: Db = db): Promise<PipelineList> {
  const size = PIPELINE_PAGE_SIZE;
  // One read gives the page and both counts: the whole pipeline, and the agencies matching the filter.
  const pageOf = (offset: number) =>
    client.$queryRaw<{ id: string; total: number; matched: number }[]>`
      SELECT p."id", p."total", p."matched"
      FROM (
        SELECT p.*, ${filterSql(params)} AS "hit",
               (count(*) OVER ())::int AS "total",
               (count(*) FILTER (WHERE ${filterSql(params)}) OVER ())::int AS "matched"
        FROM (${pipelineSql(viewerId)}) p
      ) p
      WHERE p."hit"
      ORDER BY ${orderSql(params)}
      LIMIT ${size} OFFSET ${offset}`;
  let page = Math.max(1, params.page);
  let found = await pageOf((page - 1) * size);
  let total = found[0]?.total ?? 0;
  let matched = found[0]?.matched ?? 0;
  if (found.length === 0) {
    // An empty page: nothing matches, or the page is past the end (an old link, a list that has
    // shrunk), and then the last page is shown instead.
    [{ total, matched }] = await client.$queryRaw<[{ total: number; matched: number }]>`
      SELECT count(*)::int AS "total", (count(*) FILTER (WHERE ${filterSql(params)}))::int AS "matched"
      FROM (${pipelineSql(viewerId)}) p`;
    page = Math.max(1, Math.ceil(matched / size));
    if (matched > 0) found = await pageOf((page - 1) * size);
  }
  const pageCount = Math.max(1, Math.ceil(matched / size));
  const ids = found.map((row) => row.id);
  const agencies =
    ids.length === 0
      ? []
      : await client.agency.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            code: true,
            teamName: true,
            organisation: true,
            stage: true,
            clientGroups: true,
            region: true,
            reserveRank: true,
            reviews: { select: { reviewerId: true, ...SCORE_SELECT } },
          },
        });
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const rows = ids.flatMap((id): PipelineRow[] => {
    const agency = byId.get(id);
    if (!agency) return []; // deleted between the two reads
    const { reviews, ...rest } = agency;
    const own = reviews.find((review) => review.reviewerId === viewerId);
    return [
      {
        ...rest,
        reviewCount: reviews.length,
        summary: summariseReviews(reviews.map(scoresOf)),
        mine: own ? overallOf(scoresOf(own)) : null,
      },
    ];
  });
  return { rows, total, matched, page, pageCount };
}

// ---------------------------------------------------------------------------------------------
// Places.

export type PlaceHolder = Named & { stage: AgencyStage };

/** At most this many agencies are named in a list on the selection page; the rest are counted. */
export const NAMED_AT_MOST = 20;

export type PlacesOverview = {
  /** The study's number of agencies to select (12 until the study is set up otherwise). */
  cap: number;
  /** Agencies holding a place: selected, or gone on to training and beyond. */
  taken: number;
  free: number;
  full: boolean;
  /** How many hold a place at each stage, in the stages' order; stages with none left out. */
  byStage: { stage: AgencyStage; count: number }[];
  /** Every holder by team name when there are NAMED_AT_MOST or fewer; none when there are more. */
  holders: PlaceHolder[];
};

/** How many of the study's places are taken, at which stage, and by whom (when they are few). */
export async function placesOverview(client: Db = db): Promise<PlacesOverview> {
  const [study, counts] = await Promise.all([
    client.study.findUnique({ where: { id: STUDY_ID }, select: { agenciesToSelect: true } }),
    client.agency.groupBy({ by: ["stage"], where: { stage: { in: [...HOLDS_A_PLACE] } }, _count: { _all: true } }),
  ]);
  const cap = study?.agenciesToSelect ?? STUDY_DEFAULTS.agenciesToSelect;
  const byStage = counts
    .map(({ stage, _count }) => ({ stage, count: _count._all }))
    .sort((a, b) => STAGE_INDEX[a.stage] - STAGE_INDEX[b.stage]);
  const taken = byStage.reduce((sum, { count }) => sum + count, 0);
  // The names only when they are few enough to list; sorting hundreds by name to show none is waste.
  const holders =
    taken === 0 || taken > NAMED_AT_MOST
      ? []
      : await client.$queryRaw<PlaceHolder[]>`
          SELECT a."id", a."teamName", a."organisation", a."stage"
          FROM "Agency" a
          WHERE a."stage" = ANY (${textArray(HOLDS_A_PLACE)}::"AgencyStage"[])
          ORDER BY a."teamName" ${TEXT}, a."organisation" ${TEXT}, a."id"
          LIMIT ${NAMED_AT_MOST}`;
  return { cap, taken, free: Math.max(0, cap - taken), full: taken >= cap, byStage, holders };
}

// ---------------------------------------------------------------------------------------------
// Coverage.

export type CoverageCount<Key extends string> = { key: Key; label: string; count: number };

export type Coverage = {
  /** Agencies holding a place. */
  agencies: number;
  /** All three client groups, in the questionnaire's order, zeros included. */
  clientGroups: CoverageCount<ClientGroup>[];
  /** All nine English regions, in the questionnaire's order, zeros included. */
  regions: CoverageCount<Region>[];
  /** Agencies holding a place that gave no client group, or no region. */
  withoutClientGroup: number;
  withoutRegion: number;
};

/**
 * Counts agencies per client group and per region. An agency that works with two client groups
 * counts once in each, so the client-group counts may add up to more than the number of agencies.
 */
export function coverageOf(agencies: readonly { clientGroups: readonly ClientGroup[]; region: Region | null }[]) {
  const groups = Object.fromEntries(CLIENT_GROUPS.map((group) => [group, 0])) as Record<ClientGroup, number>;
  const regions = Object.fromEntries(REGIONS.map((region) => [region, 0])) as Record<Region, number>;
  let withoutClientGroup = 0;
  let withoutRegion = 0;
  for (const agency of agencies) {
    // A repeated group would be a data error; it still counts the agency once.
    const distinct = new Set(agency.clientGroups);
    for (const group of distinct) groups[group] += 1;
    if (distinct.size === 0) withoutClientGroup += 1;
    if (agency.region) regions[agency.region] += 1;
    else withoutRegion += 1;
  }
  return {
    agencies: agencies.length,
    clientGroups: CLIENT_GROUPS.map((key) => ({ key, label: CLIENT_GROUP_LABELS[key], count: groups[key] })),
    regions: REGIONS.map((key) => ({ key, label: REGION_LABELS[key], count: regions[key] })),
    withoutClientGroup,
    withoutRegion,
  } satisfies Coverage;
}

/**
 * How the agencies holding a place cover the three client groups and the nine English regions:
 * counted by the database, one row a region, whatever the number of agencies.
 */
export async function coverage(client: Db = db): Promise<Coverage> {
  const groupCounts = Prisma.join(
    CLIENT_GROUPS.map(
      (group, index) =>
        Prisma.sql`(count(*) FILTER (WHERE ${group}::"ClientGroup" = ANY (a."clientGroups")))::int AS ${Prisma.raw(`"g${index}"`)}`,
    ),
  );
  const rows = await client.$queryRaw<
    ({ region: Region | null; agencies: number; withoutGroup: number } & Record<string, number>)[]
  >`
    SELECT a."region", count(*)::int AS "agencies",
           (count(*) FILTER (WHERE cardinality(a."clientGroups") = 0))::int AS "withoutGroup",
           ${groupCounts}
    FROM "Agency" a
    WHERE a."stage" = ANY (${textArray(HOLDS_A_PLACE)}::"AgencyStage"[])
    GROUP BY a."region"`;
  const regionCount = (region: Region | null) => rows.find((row) => row.region === region)?.agencies ?? 0;
  const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    agencies: sum((row) => row.agencies),
    clientGroups: CLIENT_GROUPS.map((key, index) => ({
      key,
      label: CLIENT_GROUP_LABELS[key],
      count: sum((row) => row[`g${index}`] ?? 0),
    })),
    regions: REGIONS.map((key) => ({ key, label: REGION_LABELS[key], count: regionCount(key) })),
    withoutClientGroup: sum((row) => row.withoutGroup),
    withoutRegion: regionCount(null),
  };
}

// ---------------------------------------------------------------------------------------------
// The reserve list.

export type ReserveRow = Named & {
  reserveRank: number;
  clientGroups: ClientGroup[];
  region: Region | null;
  reviewCount: number;
  /** The mean overall score of the agency's reviews; null before the first review. */
  overall: number | null;
};

/** The agencies on the reserve list, first to be promoted first. */
export async function reserveList(client: Db = db): Promise<ReserveRow[]> {
  const agencies = await client.agency.findMany({
    where: { stage: "RESERVE" },
    select: {
      id: true,
      teamName: true,
      organisation: true,
      reserveRank: true,
      clientGroups: true,
      region: true,
      reviews: { select: SCORE_SELECT },
    },
    orderBy: [{ reserveRank: "asc" }, { teamName: "asc" }, { id: "asc" }],
  });
  return agencies.map(({ reviews, reserveRank, ...agency }) => ({
    ...agency,
    // A CHECK constraint holds that an agency on the reserve list has a rank.
    reserveRank: reserveRank ?? 0,
    reviewCount: reviews.length,
    overall: summariseReviews(reviews.map(scoresOf)).overall,
  }));
}

// ---------------------------------------------------------------------------------------------
// Decisions.

export const UNDECIDED_STAGES = ["SUBMITTED", "UNDER_REVIEW", "SHORTLISTED"] as const satisfies readonly AgencyStage[];

export type DecisionRow = Named & {
  stage: AgencyStage;
  /** The decision the agency was last told, or null when it has been told none, and when. */
  decisionSentStage: AgencyStage | null;
  decisionSentAt: Date | null;
  /** Position on the reserve list; null off it. */
  reserveRank: number | null;
  /** Whether the decision email has anyone to go to: an active lead, or the contact person's address. */
  reachable: boolean;
};

export type DecisionOverview = {
  /** When the team first confirmed and sent decisions; null before. */
  confirmedAt: Date | null;
  /**
   * Agencies whose current decision is not the one they were last told, by decision: the first
   * NAMED_AT_MOST of each (the reserve list in its order, the others by team name).
   */
  toSend: Record<Decision, DecisionRow[]>;
  /** How many agencies wait for each decision, on the list or not. */
  toSendCounts: Record<Decision, number>;
  toSendCount: number;
  /** Agencies to be sent a decision that have nobody to email: the first NAMED_AT_MOST. */
  unreachable: DecisionRow[];
  unreachableCount: number;
  /** Agencies still being considered (they get no email when decisions are sent): the first NAMED_AT_MOST by team. */
  undecided: DecisionRow[];
  undecidedCount: number;
  /** Agencies already told their current decision. */
  alreadyTold: number;
};

type DecisionListRow = DecisionRow & { list: "SELECTED" | "RESERVE" | "NOT_SELECTED" | "UNDECIDED" | "UNREACHABLE" };

/**
 * What sending the decisions now would do, and what it would leave out: counted by the database,
 * with the first few agencies of each list by name, so the page stays the same size at any scale.
 */
export async function decisionOverview(client: Db = db): Promise<DecisionOverview> {
  const considered = textArray([...DECISIONS, ...UNDECIDED_STAGES]);
  const undecidedStages = textArray(UNDECIDED_STAGES);
  const decisions = textArray(DECISIONS);
  // Which list each agency is on, and whether its decision email has anyone to go to: an active
  // lead, or the contact person's address.
  const agencies = Prisma.sql`
    SELECT a."id", a."teamName", a."organisation", a."stage", a."decisionSentStage", a."decisionSentAt",
           a."reserveRank",
           (EXISTS (SELECT 1 FROM "User" u
                    WHERE u."agencyId" = a."id" AND u."agencyRole" = 'LEAD' AND u."deactivatedAt" IS NULL)
            OR COALESCE(btrim(a."contactEmail"), '') <> '') AS "reachable",
           CASE WHEN a."stage"::text = ANY (${undecidedStages}) THEN 'UNDECIDED'
                WHEN a."decisionSentStage" IS DISTINCT FROM a."stage" THEN 'SEND'
                ELSE 'TOLD' END AS "kind"
    FROM "Agency" a
    WHERE a."stage"::text = ANY (${considered})`;
  const byTeam = Prisma.sql`d."teamName" ${TEXT}, d."organisation" ${TEXT}, d."id"`;
  const [study, counts, listed] = await Promise.all([
    client.study.findUnique({ where: { id: STUDY_ID }, select: { decisionsConfirmedAt: true } }),
    client.$queryRaw<{ kind: "UNDECIDED" | "SEND" | "TOLD"; stage: AgencyStage; reachable: boolean; count: number }[]>`
      SELECT d."kind", d."stage", d."reachable", count(*)::int AS "count"
      FROM (${agencies}) d
      GROUP BY d."kind", d."stage", d."reachable"`,
    client.$queryRaw<DecisionListRow[]>`
      SELECT "id", "teamName", "organisation", "stage", "decisionSentStage", "decisionSentAt", "reserveRank",
             "reachable", "list"
      FROM (
        SELECT d.*, d."stage"::text AS "list",
               row_number() OVER (PARTITION BY d."stage" ORDER BY COALESCE(d."reserveRank", 0), ${byTeam}) AS "position"
        FROM (${agencies}) d WHERE d."kind" = 'SEND'
        UNION ALL
        SELECT d.*, 'UNDECIDED', row_number() OVER (ORDER BY ${byTeam})
        FROM (${agencies}) d WHERE d."kind" = 'UNDECIDED'
        UNION ALL
        SELECT d.*, 'UNREACHABLE',
               row_number() OVER (ORDER BY array_position(${decisions}, d."stage"::text), COALESCE(d."reserveRank", 0), ${byTeam})
        FROM (${agencies}) d WHERE d."kind" = 'SEND' AND NOT d."reachable"
      ) listed
      WHERE "position" <= ${NAMED_AT_MOST}
      ORDER BY "list", "position"`,
  ]);
  const count = (pick: (row: (typeof counts)[number]) => boolean) =>
    counts.reduce((sum, row) => sum + (pick(row) ? row.count : 0), 0);
  const toSendCounts = Object.fromEntries(
    DECISIONS.map((decision) => [decision, count((row) => row.kind === "SEND" && row.stage === decision)]),
  ) as Record<Decision, number>;
  const list = (name: DecisionListRow["list"]) =>
    listed.filter((row) => row.list === name).map(({ list: _list, ...row }) => row);
  return {
    confirmedAt: study?.decisionsConfirmedAt ?? null,
    toSend: Object.fromEntries(DECISIONS.map((decision) => [decision, list(decision)])) as Record<
      Decision,
      DecisionRow[]
    >,
    toSendCounts,
    toSendCount: DECISIONS.reduce((sum, decision) => sum + toSendCounts[decision], 0),
    unreachable: list("UNREACHABLE"),
    unreachableCount: count((row) => row.kind === "SEND" && !row.reachable),
    undecided: list("UNDECIDED"),
    undecidedCount: count((row) => row.kind === "UNDECIDED"),
    alreadyTold: count((row) => row.kind === "TOLD"),
  };
}
