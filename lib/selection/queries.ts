// What the selection page reads: the pipeline of agencies with their scores, the places taken
// against the study's number of agencies, how the agencies holding a place cover the client groups
// and regions, the ranked reserve list, and which decisions are waiting to be sent. The writes are
// in lib/selection/actions.ts; the score arithmetic is lib/selection/scores.ts.
//
// The pilot has tens of agencies, not thousands: each function reads a few columns in one or two
// queries (reviews come with their agencies in the same read, never one query per agency) and does
// the arithmetic here, with the same functions the agency's own page uses.
import "server-only";
import { db, type Db } from "@/lib/db";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, REGION_LABELS, REGIONS } from "@/lib/eoi/schema";
import type { AgencyStage, ClientGroup, Prisma, Region } from "@/lib/generated/prisma/client";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import type { PipelineParams, PipelineSort } from "./pipeline-params";
import { CRITERION_COLUMNS, CRITERION_KEYS, overallOf, summariseReviews, type ReviewScores } from "./scores";
import type { ReviewSummary } from "./scores";
import { DECISIONS, HOLDS_A_PLACE, isDecision, type Decision } from "./transitions";

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

/** Team name, then organisation, then id: the tie-break of every sort, so the order is stable. */
const byTeam = (a: Named, b: Named) =>
  byText(a.teamName, b.teamName) || byText(a.organisation, b.organisation) || a.id.localeCompare(b.id);

// ---------------------------------------------------------------------------------------------
// The pipeline.

/**
 * The agencies in the pipeline: every agency that has submitted its questionnaire at least once
 * (also when it has since been reopened for corrections, or has withdrawn), and every agency past
 * the draft stage however it got there. Agencies still on a first draft, or that withdrew before
 * ever submitting, are not candidates; the Agencies page lists them.
 */
export const PIPELINE_SCOPE = {
  OR: [{ expressionOfInterest: { submittedAt: { not: null } } }, { stage: { notIn: ["DRAFT", "WITHDRAWN"] } }],
} satisfies Prisma.AgencyWhereInput;

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
  rows: PipelineRow[];
  /** Agencies in the pipeline, whatever the filter. */
  total: number;
};

const STAGE_INDEX = Object.fromEntries(STAGE_ORDER.map((stage, index) => [stage, index])) as Record<
  AgencyStage,
  number
>;

/** How far reviewers disagree; there is no disagreement to speak of before a second review. */
export function disagreementOf(summary: ReviewSummary): number | null {
  return summary.count >= 2 ? summary.disagreement : null;
}

function sortValue(row: PipelineRow, sort: Exclude<PipelineSort, "team">): number | string | null {
  switch (sort) {
    case "stage":
      return STAGE_INDEX[row.stage];
    case "mean":
      return row.summary.overall;
    case "reviews":
      return row.reviewCount;
    case "mine":
      return row.mine;
    case "disagreement":
      return disagreementOf(row.summary);
    case "region":
      return row.region ? REGION_LABELS[row.region] : null;
  }
}

/** Rows without a value (no score yet, no region) go last whichever way the list is sorted. */
function compareBy({ sort, dir }: Pick<PipelineParams, "sort" | "dir">) {
  const sign = dir === "asc" ? 1 : -1;
  return (a: PipelineRow, b: PipelineRow): number => {
    if (sort === "team") return sign * byTeam(a, b);
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    if (x === null && y === null) return byTeam(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : byText(String(x), String(y));
    return sign * order || byTeam(a, b);
  };
}

/** Prisma passes `contains` to LIKE as it is: "%" and "_" must be searched for as themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The pipeline, filtered and sorted, with each agency's review summary and the viewer's own
 * overall score. The plain filters run in the database; "only agencies to discuss" and every sort
 * but the team name depend on the score arithmetic, so they run here.
 */
export async function listPipeline(params: PipelineParams, viewerId: string, client: Db = db): Promise<PipelineList> {
  const where: Prisma.AgencyWhereInput = {
    AND: [
      PIPELINE_SCOPE,
      params.stage ? { stage: params.stage } : {},
      params.clientGroup ? { clientGroups: { has: params.clientGroup } } : {},
      params.region ? { region: params.region } : {},
      params.q
        ? {
            OR: [
              { teamName: { contains: likeLiteral(params.q), mode: "insensitive" } },
              { organisation: { contains: likeLiteral(params.q), mode: "insensitive" } },
            ],
          }
        : {},
    ],
  };
  const [agencies, total] = await Promise.all([
    client.agency.findMany({
      where,
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
    }),
    client.agency.count({ where: PIPELINE_SCOPE }),
  ]);

  const rows = agencies
    .map(({ reviews, ...agency }): PipelineRow => {
      const own = reviews.find((review) => review.reviewerId === viewerId);
      return {
        ...agency,
        reviewCount: reviews.length,
        summary: summariseReviews(reviews.map(scoresOf)),
        mine: own ? overallOf(scoresOf(own)) : null,
      };
    })
    .filter((row) => !params.discuss || row.summary.needsDiscussion)
    .sort(compareBy(params));

  return { rows, total };
}

// ---------------------------------------------------------------------------------------------
// Places.

export type PlaceHolder = Named & { stage: AgencyStage };

export type PlacesOverview = {
  /** The study's number of agencies to select (12 until the study is set up otherwise). */
  cap: number;
  /** Agencies holding a place: selected, or gone on to training and beyond. */
  taken: number;
  free: number;
  full: boolean;
  holders: PlaceHolder[];
};

/** How many of the study's places are taken, and by whom. */
export async function placesOverview(client: Db = db): Promise<PlacesOverview> {
  const [study, holders] = await Promise.all([
    client.study.findUnique({ where: { id: STUDY_ID }, select: { agenciesToSelect: true } }),
    client.agency.findMany({
      where: { stage: { in: [...HOLDS_A_PLACE] } },
      select: { id: true, teamName: true, organisation: true, stage: true },
    }),
  ]);
  const cap = study?.agenciesToSelect ?? STUDY_DEFAULTS.agenciesToSelect;
  const taken = holders.length;
  return { cap, taken, free: Math.max(0, cap - taken), full: taken >= cap, holders: holders.sort(byTeam) };
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

/** How the agencies holding a place cover the three client groups and the nine English regions. */
export async function coverage(client: Db = db): Promise<Coverage> {
  const holders = await client.agency.findMany({
    where: { stage: { in: [...HOLDS_A_PLACE] } },
    select: { clientGroups: true, region: true },
  });
  return coverageOf(holders);
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
  /** Agencies whose current decision is not the one they were last told, by decision. */
  toSend: Record<Decision, DecisionRow[]>;
  toSendCount: number;
  /** Agencies still being considered: they get no email when decisions are sent. */
  undecided: DecisionRow[];
  /** Agencies already told their current decision. */
  alreadyTold: number;
};

/** What sending the decisions now would do, and what it would leave out. */
export async function decisionOverview(client: Db = db): Promise<DecisionOverview> {
  const [study, agencies] = await Promise.all([
    client.study.findUnique({ where: { id: STUDY_ID }, select: { decisionsConfirmedAt: true } }),
    client.agency.findMany({
      where: { stage: { in: [...DECISIONS, ...UNDECIDED_STAGES] } },
      select: {
        id: true,
        teamName: true,
        organisation: true,
        stage: true,
        decisionSentStage: true,
        decisionSentAt: true,
        reserveRank: true,
        contactEmail: true,
        staff: { where: { agencyRole: "LEAD", deactivatedAt: null }, select: { id: true }, take: 1 },
      },
    }),
  ]);
  const sorted = agencies
    .map(({ contactEmail, staff, ...agency }): DecisionRow => ({
      ...agency,
      reachable: staff.length > 0 || Boolean(contactEmail?.trim()),
    }))
    .sort(byTeam);
  // The reserve list in its order (first to be promoted first); the others by team.
  const toSend = Object.fromEntries(
    DECISIONS.map((decision) => [
      decision,
      sorted
        .filter((agency) => agency.stage === decision && agency.decisionSentStage !== decision)
        .sort((a, b) => (a.reserveRank ?? 0) - (b.reserveRank ?? 0)),
    ]),
  ) as Record<Decision, DecisionRow[]>;
  return {
    confirmedAt: study?.decisionsConfirmedAt ?? null,
    toSend,
    toSendCount: DECISIONS.reduce((sum, decision) => sum + toSend[decision].length, 0),
    undecided: sorted.filter((agency) => (UNDECIDED_STAGES as readonly AgencyStage[]).includes(agency.stage)),
    alreadyTold: sorted.filter((agency) => isDecision(agency.stage) && agency.stage === agency.decisionSentStage)
      .length,
  };
}
