import "server-only";
// The live records behind the CONSORT flow (lib/recruitment/consort.ts counts them): each agency
// with what it has ever done, and each participant with only the fields the flow reads. A fixed
// number of queries whatever the size of the study (at most 1,000 agencies, 20,000 staff and
// 100,000 participants): the questionnaire's eligibility answer is cut out in SQL rather than
// loading whole answer sets, training completion is worked out for every agency from one
// aggregate of attended training days per person, and participants are counted with GROUP BY in
// SQL (a few thousand groups) rather than read one row each.
import { db as defaultDb, Prisma, type Db } from "@/lib/db";
import type { AgencyRole, AgencyStage, TrainingDay } from "@/lib/generated/prisma/client";
import { isEligible } from "@/lib/eoi/rules";
import type { QuestionnaireAnswers } from "@/lib/eoi/schema";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import { loadTrainingSettings } from "@/lib/training/settings";
import { hasCompleted, requiredDays, TRAINEE_ROLES, type TrainingSettings } from "@/lib/training/rules";
import { datedFilename } from "@/lib/csv";
import { formatUkDateTime } from "@/lib/dates";
import {
  consortFlow,
  type ConsortAgency,
  type ConsortFlow,
  type ConsortInput,
  type ConsortParticipant,
} from "./consort";
import { consortSvg } from "./consort-svg";

/** Only one agency's records (its own flow), or the whole study's when absent. */
export type ConsortScope = { agencyId?: string };

type AgencyRow = {
  id: string;
  stage: AgencyStage;
  submitted: boolean;
  eligibility: QuestionnaireAnswers["eligibility"] | null;
  everSelected: boolean;
};

type TraineeRow = { agencyId: string; agencyRole: AgencyRole; attendedDays: TrainingDay[] };

const onlyAgency = (column: Prisma.Sql, scope: ConsortScope) =>
  scope.agencyId ? Prisma.sql`AND ${column} = ${scope.agencyId}::uuid` : Prisma.empty;

/**
 * Each agency's questionnaire and selection history. An agency has expressed interest once it has
 * submitted its questionnaire, even if a researcher reopened it since (the submission and its time
 * stay recorded); a stage past "questionnaire in progress" (other than withdrawn) or a recorded move
 * to "submitted" also shows it did, since only a submission leads there. Eligibility is judged on the
 * submitted answers (the draft of a reopened questionnaire is not yet an answer).
 */
function agencyRows(client: Db, scope: ConsortScope): Promise<AgencyRow[]> {
  return client.$queryRaw<AgencyRow[]>`
    SELECT a."id",
           a."stage"::text AS "stage",
           (e."submittedAt" IS NOT NULL
             OR e."submittedAnswers" IS NOT NULL
             OR e."status" = 'SUBMITTED'
             OR a."stage" NOT IN ('DRAFT', 'WITHDRAWN')
             OR EXISTS (SELECT 1 FROM "StageChange" s WHERE s."agencyId" = a."id" AND s."toStage" = 'SUBMITTED')
           ) AS "submitted",
           COALESCE(e."submittedAnswers", CASE WHEN e."status" = 'SUBMITTED' THEN e."answers" END) -> 'eligibility'
             AS "eligibility",
           EXISTS (SELECT 1 FROM "StageChange" s WHERE s."agencyId" = a."id" AND s."toStage" = 'SELECTED')
             AS "everSelected"
    FROM "Agency" a
    LEFT JOIN "ExpressionOfInterest" e ON e."agencyId" = a."id"
    WHERE TRUE ${onlyAgency(Prisma.sql`a."id"`, scope)}`;
}

/**
 * Every active supervisor and worker with the training days they have attended (any session), in
 * one query: what lib/training/completion.ts reads for one agency, for all of them at once. Only
 * attended days matter to completion, so the other bookings are not loaded.
 */
function traineeRows(client: Db, scope: ConsortScope): Promise<TraineeRow[]> {
  const roles = Prisma.join(TRAINEE_ROLES.map((role) => Prisma.sql`${role}::"AgencyRole"`));
  return client.$queryRaw<TraineeRow[]>`
    SELECT u."agencyId",
           u."agencyRole"::text AS "agencyRole",
           COALESCE(
             array_agg(DISTINCT t."trainingDay"::text) FILTER (WHERE t."trainingDay" IS NOT NULL),
             ARRAY[]::text[]
           ) AS "attendedDays"
    FROM "User" u
    LEFT JOIN "Booking" b ON b."userId" = u."id" AND b."status" = 'ATTENDED'
    LEFT JOIN "TrainingSession" t ON t."id" = b."sessionId"
    WHERE u."agencyId" IS NOT NULL
      AND u."role" = 'AGENCY_STAFF'
      AND u."deactivatedAt" IS NULL
      AND u."agencyRole" IN (${roles})
      ${onlyAgency(Prisma.sql`u."agencyId"`, scope)}
    GROUP BY u."id"`;
}

/**
 * The agencies whose staff have all completed training: at least one active supervisor or worker,
 * and every one of them attended every day their role needs (the same rule as the researcher's move
 * to recruiting, lib/training/completion.ts).
 */
function trainedAgencies(trainees: readonly TraineeRow[], settings: TrainingSettings): Set<string> {
  const incomplete = new Set<string>();
  const withTrainees = new Set<string>();
  // The start time does not matter to completion: only whether each required day was attended.
  const noTime = new Date(0);
  for (const person of trainees) {
    withTrainees.add(person.agencyId);
    const attended = person.attendedDays.map((trainingDay) => ({
      trainingDay,
      status: "ATTENDED" as const,
      startsAt: noTime,
    }));
    if (!hasCompleted(requiredDays(person.agencyRole, settings), attended)) incomplete.add(person.agencyId);
  }
  return new Set([...withTrainees].filter((agencyId) => !incomplete.has(agencyId)));
}

type ParticipantGroup = ConsortParticipant & { count: number };

/**
 * The participants as the flow reads them, counted in SQL: one row for each agency, status, set of
 * reasons and set of dates present (the flow reads only whether a date is there), with how many
 * participants share it, instead of 100,000 rows. Each group's dates are the earliest of its
 * participants' (null when none has one).
 */
function participantGroups(client: Db, scope: ConsortScope): Promise<ParticipantGroup[]> {
  return client.$queryRaw<ParticipantGroup[]>`
    SELECT p."agencyId"::text AS "agencyId",
           p."status"::text AS "status",
           p."ineligibleReason", p."declineReason", p."withdrawalReason", p."lostReason",
           min(p."screenedDate") AS "screenedDate",
           min(p."consentDate") AS "consentDate",
           min(p."baselineDate") AS "baselineDate",
           min(p."followUpDate") AS "followUpDate",
           count(*)::int AS "count"
    FROM "Participant" p
    WHERE TRUE ${onlyAgency(Prisma.sql`p."agencyId"`, scope)}
    GROUP BY p."agencyId", p."status",
             p."ineligibleReason", p."declineReason", p."withdrawalReason", p."lostReason",
             p."screenedDate" IS NULL, p."consentDate" IS NULL, p."baselineDate" IS NULL, p."followUpDate" IS NULL`;
}

/**
 * The groups as the list of participants consortFlow counts: each group's record once for each of
 * its participants (the same object, so 100,000 participants cost 100,000 references, not records).
 */
function expandGroups(groups: readonly ParticipantGroup[]): ConsortParticipant[] {
  const participants: ConsortParticipant[] = [];
  for (const { count, ...record } of groups) for (let i = 0; i < count; i++) participants.push(record);
  return participants;
}

/** The records the CONSORT flow counts, for the whole study or one agency. */
export async function loadConsortInput(client: Db = defaultDb, scope: ConsortScope = {}): Promise<ConsortInput> {
  const [agencies, trainees, settings, groups] = await Promise.all([
    agencyRows(client, scope),
    traineeRows(client, scope),
    loadTrainingSettings(client),
    participantGroups(client, scope),
  ]);
  const participants = expandGroups(groups);
  const trained = trainedAgencies(trainees, settings);
  return {
    agencies: agencies.map((agency): ConsortAgency => ({
      id: agency.id,
      stage: agency.stage,
      everSubmitted: agency.submitted,
      eligible: agency.submitted && isEligible({ eligibility: agency.eligibility ?? undefined }),
      everSelected: agency.everSelected,
      trainingCompleted: trained.has(agency.id),
    })),
    participants,
  };
}

export type ConsortAgencyChoice = { id: string; code: number; teamName: string; organisation: string };
const CHOICE_FIELDS = { id: true, code: true, teamName: true, organisation: true } as const;

/** The agencies worth a flow of their own: those holding a place and any with participants, by name. */
export function listConsortAgencies(client: Db = defaultDb): Promise<ConsortAgencyChoice[]> {
  return client.agency.findMany({
    where: { OR: [{ stage: { in: [...HOLDS_A_PLACE] } }, { participants: { some: {} } }] },
    select: CHOICE_FIELDS,
    orderBy: [{ teamName: "asc" }, { organisation: "asc" }, { id: "asc" }],
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One agency by the id in an address, or null when the id is malformed or no agency has it. */
export async function findConsortAgency(id: string, client: Db = defaultDb): Promise<ConsortAgencyChoice | null> {
  if (!UUID.test(id)) return null;
  return client.agency.findUnique({ where: { id }, select: CHOICE_FIELDS });
}

export type ConsortDiagram = {
  flow: ConsortFlow;
  title: string;
  subtitle: string;
  /** The standalone SVG document, without an XML declaration (it is also embedded in a page). */
  svg: string;
  /** "consort-flow-2026-12-01" or, for one agency, "consort-flow-cp-07-2026-12-01"; add ".svg" or ".png". */
  filenameStem: string;
};

/** The diagram for the whole study (agency null) or one agency, drawn from the records as they are `now`. */
export async function loadConsortDiagram(
  agency: ConsortAgencyChoice | null,
  now: Date,
  client: Db = defaultDb,
): Promise<ConsortDiagram> {
  const flow = consortFlow(await loadConsortInput(client, agency ? { agencyId: agency.id } : {}));
  const title = agency ? `CONSORT flow: ${agency.teamName}` : "CONSORT flow: whole study";
  const subtitle = `${agency ? `${agency.teamName}, ${agency.organisation}` : "Connecting People pilot, all agencies"}. Drawn from the records on ${formatUkDateTime(now)} (UK time).`;
  const stem = agency ? `consort-flow-cp-${String(agency.code).padStart(2, "0")}` : "consort-flow";
  return {
    flow,
    title,
    subtitle,
    svg: consortSvg(flow, { title, subtitle }),
    filenameStem: datedFilename(stem, now).replace(/\.csv$/, ""),
  };
}
