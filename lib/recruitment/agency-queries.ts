// What an agency's own people read about its participants: the training gate's answer, progress
// against the agency's target, counts by status, the list (a page at a time), who is due or overdue
// for follow-up, and one participant's record with the steps that may be recorded next. Every read
// is scoped by the signed-in person's agencyId in the query itself, so another agency's participants
// never reach the page, and another agency's participant id behaves like one that does not exist.
// The pages offer only the steps the rules allow; the server checks again (participants.ts).
import "server-only";
import { z } from "zod";
import type { AgencyStaffUser } from "@/lib/auth/user";
import { db as defaultDb, type Db } from "@/lib/db";
import type { AgencyRole, AgencyStage, ParticipantStatus, Subgroup } from "@/lib/generated/prisma/client";
import { stageShownToAgency } from "@/lib/selection/transitions";
import { participantHistory } from "./history";
import { calendarDate, participantRecord, participantRecordSelect, type ParticipantRecord } from "./participant-select";
import {
  addDays,
  allowedParticipantMoves,
  followUpSchedule,
  followUpState,
  PARTICIPANT_VIEW_STAGES,
  progress,
  recordingRefusal,
  STATUS_LABELS,
  STATUS_ORDER,
  ukToday,
  type FollowUpSettings,
  type FollowUpState,
  type Progress,
} from "./rules";
import { stepFor, type ParticipantStep } from "./schema";
import { loadAgencyTargets, loadRecruitmentSettings } from "./target-queries";

/**
 * Rows of the participants' table on one page. Each row is sent twice (as HTML and in the React
 * Server Components payload), so a page of 100 came to 180 kB; 25 keeps the page small and fast.
 */
export const PARTICIPANTS_PAGE_SIZE = 25;

/** Follow-ups listed at the top of the page, earliest due first; the heading gives how many in all. */
export const FOLLOW_UPS_SHOWN = 20;

function canView(stage: AgencyStage): boolean {
  return (PARTICIPANT_VIEW_STAGES as readonly AgencyStage[]).includes(stage);
}

export type AgencyGate = {
  /** The stage as the agency may see it (a decision not yet sent stays internal). */
  stage: AgencyStage;
  /** Whether the agency sees its participants at all. */
  canView: boolean;
  /** Why no new participant may be added now; null when one may. */
  newRefusal: string | null;
  /** Why no step may be recorded now; null when one may. */
  updateRefusal: string | null;
};

function gateFor(agency: { stage: AgencyStage; decisionSentStage: AgencyStage | null }): AgencyGate {
  const stage = stageShownToAgency(agency.stage, agency.decisionSentStage);
  return {
    stage,
    canView: canView(stage),
    newRefusal: recordingRefusal(stage, "new"),
    updateRefusal: recordingRefusal(stage, "update"),
  };
}

export type FollowUpDueState = Extract<FollowUpState, "due-soon" | "due" | "overdue">;

export type AgencyParticipantRow = {
  id: string;
  studyId: string;
  subgroup: Subgroup;
  status: ParticipantStatus;
  workerName: string | null;
  referralDate: string;
  /** The follow-up due date, once the baseline interview is done. */
  followUpDue: string | null;
  followUpState: FollowUpState;
};

export type FollowUpDueRow = {
  id: string;
  studyId: string;
  workerName: string | null;
  baselineDate: string;
  due: string;
  opens: string;
  closes: string;
  state: FollowUpDueState;
};

export type StaffChoice = { id: string; name: string; agencyRole: AgencyRole; isYou: boolean };

export type AgencyParticipants = {
  agency: { teamName: string } & AgencyGate;
  today: string;
  settings: FollowUpSettings;
  progress: Progress;
  /** True when the target is the agency's share of the study target (no target of its own). */
  targetShared: boolean;
  counts: Record<ParticipantStatus, number>;
  total: number;
  /** The status the list is filtered on, if any. */
  status: ParticipantStatus | null;
  /** The rows of this page of the list, newest first. */
  participants: AgencyParticipantRow[];
  page: number;
  pageCount: number;
  /**
   * Participants due soon, due now or overdue for their follow-up interview, earliest due first: the
   * first FOLLOW_UPS_SHOWN of them.
   */
  followUps: FollowUpDueRow[];
  /** How many participants are due soon, due now or overdue in all. */
  followUpCount: number;
  /** The agency's active staff, to choose as a participant's worker. */
  staff: StaffChoice[];
};

/** Each status at 0, for counts that groupBy leaves out. */
function emptyCounts(): Record<ParticipantStatus, number> {
  return Object.fromEntries(STATUS_ORDER.map((status) => [status, 0])) as Record<ParticipantStatus, number>;
}

/**
 * The latest baseline date whose follow-up could be due soon, due or overdue today: going back the
 * follow-up months from the day the "due soon" period could start, with a few days to spare for the
 * end-of-month clamp. The exact state is worked out for each row after.
 */
function latestBaselineWorthLooking(today: string, settings: FollowUpSettings): Date {
  const horizon = addDays(today, settings.followUpWindowDays + 28 + 4);
  const [year, month, dayOfMonth] = horizon.split("-").map(Number) as [number, number, number];
  const monthIndex = month - 1 - settings.followUpMonths;
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, monthIndex, Math.min(dayOfMonth, lastDay)));
}

const DUE_STATES: readonly FollowUpState[] = ["due-soon", "due", "overdue"];

const ROLE_ORDER = { WORKER: 0, SUPERVISOR: 1, LEAD: 2 } as const satisfies Record<AgencyRole, number>;

/** The agency's active staff, any of whom may be a participant's worker (as the server accepts). */
async function loadStaff(actor: AgencyStaffUser, client: Db): Promise<StaffChoice[]> {
  const staff = await client.user.findMany({
    where: { agencyId: actor.agencyId, role: "AGENCY_STAFF", deactivatedAt: null, agencyRole: { not: null } },
    select: { id: true, name: true, agencyRole: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  // Workers first, then supervisors, then the lead: who usually works with a participant.
  return staff
    .map((person) => ({
      id: person.id,
      name: person.name,
      agencyRole: person.agencyRole!,
      isYou: person.id === actor.id,
    }))
    .sort((a, b) => ROLE_ORDER[a.agencyRole] - ROLE_ORDER[b.agencyRole]);
}

/**
 * The reader's agency's participants: the gate, progress against its target (recruited = consent
 * date on the record), counts by status, one page of the list (filtered on `status` when given),
 * those due soon, due or overdue for follow-up, and the active staff to choose as a worker. Null
 * when the reader's agency does not exist. An agency that does not see participants yet (in
 * training, say) gets its gate and nothing else.
 */
export async function getAgencyParticipants(
  actor: AgencyStaffUser,
  now: Date,
  {
    status = null,
    page = 1,
    client = defaultDb,
  }: { status?: ParticipantStatus | null; page?: number; client?: Db } = {},
): Promise<AgencyParticipants | null> {
  const [agency, settings] = await Promise.all([
    client.agency.findUnique({
      where: { id: actor.agencyId },
      select: { teamName: true, stage: true, decisionSentStage: true },
    }),
    loadRecruitmentSettings(client),
  ]);
  if (!agency) return null;
  const gate = gateFor(agency);
  const today = ukToday(now);
  const agencyId = actor.agencyId;

  if (!gate.canView) {
    return {
      agency: { teamName: agency.teamName, ...gate },
      today,
      settings,
      progress: progress(0, 0),
      targetShared: false,
      counts: emptyCounts(),
      total: 0,
      status,
      participants: [],
      page: 1,
      pageCount: 1,
      followUps: [],
      followUpCount: 0,
      staff: [],
    };
  }

  const wanted = Math.max(1, Math.floor(page));
  const [targets, grouped, recruited, rows, baselines, staff] = await Promise.all([
    loadAgencyTargets(client),
    client.participant.groupBy({ by: ["status"], where: { agencyId }, _count: { _all: true } }),
    client.participant.count({ where: { agencyId, consentDate: { not: null } } }),
    client.participant.findMany({
      where: { agencyId, ...(status ? { status } : {}) },
      select: {
        id: true,
        studyId: true,
        subgroup: true,
        status: true,
        referralDate: true,
        baselineDate: true,
        worker: { select: { name: true } },
      },
      orderBy: [{ sequence: "desc" }],
      skip: (wanted - 1) * PARTICIPANTS_PAGE_SIZE,
      take: PARTICIPANTS_PAGE_SIZE,
    }),
    client.participant.findMany({
      where: {
        agencyId,
        status: "BASELINE_DONE",
        baselineDate: { not: null, lte: latestBaselineWorthLooking(today, settings) },
      },
      select: { id: true, studyId: true, baselineDate: true, worker: { select: { name: true } } },
      orderBy: [{ baselineDate: "asc" }, { sequence: "asc" }],
    }),
    loadStaff(actor, client),
  ]);

  const counts = emptyCounts();
  for (const row of grouped) counts[row.status] = row._count._all;
  const total = STATUS_ORDER.reduce((sum, each) => sum + counts[each], 0);
  const listed = status ? counts[status] : total;
  const share = targets.targets.get(agencyId);

  const followUps: FollowUpDueRow[] = [];
  for (const row of baselines) {
    const baselineDate = calendarDate(row.baselineDate!);
    const state = followUpState({ status: "BASELINE_DONE", baselineDate }, today, settings);
    if (!DUE_STATES.includes(state)) continue;
    followUps.push({
      id: row.id,
      studyId: row.studyId,
      workerName: row.worker?.name ?? null,
      baselineDate,
      ...followUpSchedule(baselineDate, settings),
      state: state as FollowUpDueState,
    });
  }

  return {
    agency: { teamName: agency.teamName, ...gate },
    today,
    settings,
    progress: progress(recruited, share?.target ?? 0),
    targetShared: share?.shared ?? false,
    counts,
    total,
    status,
    participants: rows.map((row) => {
      const baselineDate = calendarDate(row.baselineDate);
      return {
        id: row.id,
        studyId: row.studyId,
        subgroup: row.subgroup,
        status: row.status,
        workerName: row.worker?.name ?? null,
        referralDate: calendarDate(row.referralDate),
        followUpDue: baselineDate ? followUpSchedule(baselineDate, settings).due : null,
        followUpState: followUpState({ status: row.status, baselineDate }, today, settings),
      };
    }),
    page: wanted,
    pageCount: Math.max(1, Math.ceil(listed / PARTICIPANTS_PAGE_SIZE)),
    followUps: followUps.slice(0, FOLLOW_UPS_SHOWN),
    followUpCount: followUps.length,
    staff,
  };
}

export type NewParticipantContext = {
  agency: { teamName: string } & AgencyGate;
  today: string;
  staff: StaffChoice[];
};

/** What the form for a new referral needs: the gate, today (UK) and the staff to choose as the worker. */
export async function getNewParticipantContext(
  actor: AgencyStaffUser,
  now: Date,
  client: Db = defaultDb,
): Promise<NewParticipantContext | null> {
  const [agency, staff] = await Promise.all([
    client.agency.findUnique({
      where: { id: actor.agencyId },
      select: { teamName: true, stage: true, decisionSentStage: true },
    }),
    loadStaff(actor, client),
  ]);
  if (!agency) return null;
  return { agency: { teamName: agency.teamName, ...gateFor(agency) }, today: ukToday(now), staff };
}

export type AgencyParticipantSummary = AgencyGate & {
  progress: Progress;
  total: number;
  /** How many are due now or overdue for their follow-up interview. */
  followUpsDue: number;
};

/**
 * The short version for the agency's home page: progress against target, how many participants,
 * and how many follow-ups are due or overdue. Null when the agency does not exist or does not see
 * participants at its stage.
 */
export async function getAgencyParticipantSummary(
  actor: AgencyStaffUser,
  now: Date,
  client: Db = defaultDb,
): Promise<AgencyParticipantSummary | null> {
  const agency = await client.agency.findUnique({
    where: { id: actor.agencyId },
    select: { stage: true, decisionSentStage: true },
  });
  if (!agency) return null;
  const gate = gateFor(agency);
  if (!gate.canView) return null;
  const agencyId = actor.agencyId;
  const today = ukToday(now);
  const settings = await loadRecruitmentSettings(client);
  const [targets, total, recruited, baselines] = await Promise.all([
    loadAgencyTargets(client),
    client.participant.count({ where: { agencyId } }),
    client.participant.count({ where: { agencyId, consentDate: { not: null } } }),
    client.participant.findMany({
      where: {
        agencyId,
        status: "BASELINE_DONE",
        baselineDate: { not: null, lte: latestBaselineWorthLooking(today, settings) },
      },
      select: { baselineDate: true },
    }),
  ]);
  const followUpsDue = baselines.filter((row) => {
    const state = followUpState(
      { status: "BASELINE_DONE", baselineDate: calendarDate(row.baselineDate) },
      today,
      settings,
    );
    return state === "due" || state === "overdue";
  }).length;
  return {
    ...gate,
    progress: progress(recruited, targets.targets.get(agencyId)?.target ?? 0),
    total,
    followUpsDue,
  };
}

export type NextStep = { step: ParticipantStep; status: ParticipantStatus; label: string };

export type ParticipantHistoryEntry = Awaited<ReturnType<typeof participantHistory>>[number];

export type AgencyParticipantDetail = ParticipantRecord & {
  id: string;
  studyId: string;
  subgroup: Subgroup;
  isNewReferral: boolean;
  workerName: string | null;
  agency: { teamName: string } & AgencyGate;
  today: string;
  settings: FollowUpSettings;
  /** The follow-up due date and window, once the baseline interview is done. */
  followUp: { due: string; opens: string; closes: string } | null;
  followUpState: FollowUpState;
  /** The steps the rules allow from the participant's status, in the order the rules list them. */
  nextSteps: NextStep[];
  history: ParticipantHistoryEntry[];
};

const participantIdSchema = z.uuid();

/**
 * One participant of the reader's own agency, with everything recorded, the follow-up schedule,
 * the steps that may be recorded next and the history. Null for an id that is not a uuid, does not
 * exist, or belongs to another agency: all three look the same.
 */
export async function getAgencyParticipant(
  actor: AgencyStaffUser,
  participantId: string,
  now: Date,
  client: Db = defaultDb,
): Promise<AgencyParticipantDetail | null> {
  if (!participantIdSchema.safeParse(participantId).success) return null;
  const row = await client.participant.findFirst({
    where: { id: participantId, agencyId: actor.agencyId },
    select: {
      id: true,
      studyId: true,
      subgroup: true,
      isNewReferral: true,
      ...participantRecordSelect,
      worker: { select: { name: true } },
      agency: { select: { teamName: true, stage: true, decisionSentStage: true } },
    },
  });
  if (!row) return null;
  const [settings, history] = await Promise.all([loadRecruitmentSettings(client), participantHistory(row.id, client)]);
  const today = ukToday(now);
  const record = participantRecord(row);
  const baselineDate = record.baselineDate;
  const nextSteps = allowedParticipantMoves(row.status).flatMap((status): NextStep[] => {
    const step = stepFor(status);
    return step ? [{ step, status, label: STATUS_LABELS[status] }] : [];
  });
  return {
    id: row.id,
    studyId: row.studyId,
    subgroup: row.subgroup,
    isNewReferral: row.isNewReferral,
    workerName: row.worker?.name ?? null,
    ...record,
    agency: { teamName: row.agency.teamName, ...gateFor(row.agency) },
    today,
    settings,
    followUp: baselineDate ? followUpSchedule(baselineDate, settings) : null,
    followUpState: followUpState({ status: row.status, baselineDate }, today, settings),
    nextSteps,
    history,
  };
}
