// The numbers behind the study's CONSORT flow diagram (issue 7): how many agencies reached each step
// from expressing interest to recruiting, and how many participants reached each step from referral
// to follow-up, with those who left at each step and why. The diagram is drawn from these numbers for
// the whole study and for one agency. Pure: plain arrays in, numbers out; no database, safe in client
// components.
//
// How a record counts (the same rule for agencies and participants): each record has a furthest step
// reached, and counts in every box up to and including it, so each box is part of the box above and
// a percentage never passes 100. The percentage is of the box above, to one decimal place, and "–"
// when that box is empty.
//
// Agencies, furthest step (later evidence implies the earlier steps, so odd data cannot make a box
// larger than the one above it):
// - expressed interest: submitted its questionnaire at least once (`everSubmitted`);
// - eligible: `eligible` (the caller's judgement of the questionnaire);
// - selected: `everSelected`, or a stage that holds a place (HOLDS_A_PLACE);
// - trained: `trainingCompleted`, or a stage from recruiting on;
// - recruiting: a stage from recruiting on (RECRUITING, FOLLOW_UP, COMPLETED), or any participant
//   recorded (an agency records participants only once trained and recruiting, so a withdrawn agency
//   with participants had reached it).
// An agency that never submitted is in no box. Those that stopped at a step are counted by their
// current stage ("Not selected", "Withdrawn", "Under review"…), for the boxes beside the flow.
//
// Participants, furthest step, from status and dates together:
// - referred: every participant;
// - assessed for eligibility: a screening date, or status ELIGIBLE, NOT_ELIGIBLE or DECLINED (a
//   withdrawal or loss with no date at all stays at "referred");
// - consented: a consent date, or status CONSENTED, BASELINE_DONE or FOLLOW_UP_DONE;
// - baseline: a baseline date, or status BASELINE_DONE or FOLLOW_UP_DONE;
// - followed up: a follow-up date, or status FOLLOW_UP_DONE.
// Any later date implies the earlier steps (a baseline date means they consented). NOT_ELIGIBLE and
// DECLINED stop at "assessed" whatever dates are present.
// Who left, and where:
// - left before screening (as a share of referred): withdrawn or lost with no screening date;
// - excluded (beside "assessed", as a share of it): not eligible (ineligibleReason), declined
//   (declineReason), and "other reasons": withdrawn or lost after screening, before consenting;
// - left before baseline (as a share of consented): withdrawn or lost after consent, before baseline;
// - left before follow-up (as a share of baseline): withdrawn or lost after baseline, before follow-up;
// - withdrew after follow-up (as a share of followed up): they still count as followed up.
// Those still on the way are counted too (awaiting screening, a consent decision, baseline, follow-up),
// so every box's count equals the box below plus those who left plus those waiting.
import type { AgencyStage, ParticipantStatus } from "@/lib/generated/prisma/client";
import { holdsAPlace } from "@/lib/selection/transitions";

/** A date the record holds; only whether it is present matters here. */
type MaybeDate = Date | string | null | undefined;

export type ConsortAgency = {
  id: string;
  stage: AgencyStage;
  everSubmitted: boolean;
  eligible: boolean;
  everSelected: boolean;
  trainingCompleted: boolean;
};

export type ConsortParticipant = {
  agencyId: string;
  status: ParticipantStatus;
  ineligibleReason?: string | null;
  declineReason?: string | null;
  withdrawalReason?: string | null;
  lostReason?: string | null;
  screenedDate?: MaybeDate;
  consentDate?: MaybeDate;
  baselineDate?: MaybeDate;
  followUpDate?: MaybeDate;
};

export type ConsortInput = { agencies: readonly ConsortAgency[]; participants: readonly ConsortParticipant[] };

/** A number of records and its share of the box it is measured against, e.g. "62.5%", or "–" when that box is empty. */
export type ConsortCount = { count: number; percent: string };

/** A box of the main flow. The first box of each flow has no box above: its percent is null. */
export type ConsortBox = { count: number; percent: string | null };

export type ReasonCount = { reason: string; count: number };

/** People who left, with their reasons grouped (same words, ignoring case, spacing and a final full stop) and counted, most common first. */
export type ConsortExit = ConsortCount & { reasons: ReasonCount[] };

export type StageCount = { stage: AgencyStage; count: number };

export type ConsortFlow = {
  agencies: {
    expressedInterest: ConsortBox;
    eligible: ConsortBox;
    selected: ConsortBox;
    trained: ConsortBox;
    recruiting: ConsortBox;
    /** Agencies whose furthest step is each box, by current stage; empty for "recruiting". */
    stoppedAt: Record<"expressedInterest" | "eligible" | "selected" | "trained", StageCount[]>;
  };
  participants: {
    referred: ConsortBox;
    awaitingScreening: number;
    leftBeforeScreening: ConsortExit;
    assessed: ConsortBox;
    excluded: ConsortCount & { notEligible: ConsortExit; declined: ConsortExit; otherReasons: ConsortExit };
    awaitingConsent: number;
    consented: ConsortBox;
    leftBeforeBaseline: { withdrawn: ConsortExit; lost: ConsortExit };
    awaitingBaseline: number;
    baseline: ConsortBox;
    leftBeforeFollowUp: { withdrawn: ConsortExit; lost: ConsortExit };
    awaitingFollowUp: number;
    followedUp: ConsortBox;
    withdrawnAfterFollowUp: ConsortExit;
  };
};

export const NO_REASON = "No reason recorded";

/** A share to one decimal place, rounded half up on exact tenths, or "–" (an en dash) when the base is 0. */
export function consortPercent(count: number, base: number): string {
  if (base === 0) return "–";
  const tenths = Math.round((count * 1000) / base);
  return `${(tenths / 10).toFixed(1)}%`;
}

const share = (count: number, base: number): ConsortCount => ({ count, percent: consortPercent(count, base) });
const box = (count: number, above: number | null): ConsortBox => ({
  count,
  percent: above === null ? null : consortPercent(count, above),
});

function reasonKey(reason: string): string {
  return reason.normalize("NFC").trim().replace(/\s+/g, " ").replace(/\.$/, "").toLocaleLowerCase("en-GB");
}

/** Groups reasons by reasonKey; each group is shown in its most used spelling (ties: the first in alphabetical order). */
export function groupReasons(reasons: readonly (string | null | undefined)[]): ReasonCount[] {
  const groups = new Map<string, Map<string, number>>();
  for (const raw of reasons) {
    const shown = raw?.normalize("NFC").trim().replace(/\s+/g, " ").replace(/\.$/, "") || NO_REASON;
    const key = reasonKey(shown);
    const spellings = groups.get(key) ?? new Map<string, number>();
    spellings.set(shown, (spellings.get(shown) ?? 0) + 1);
    groups.set(key, spellings);
  }
  const byWords = (a: string, b: string) => a.localeCompare(b, "en-GB");
  return [...groups.values()]
    .map((spellings) => {
      const [reason] = [...spellings.entries()].sort(([a, m], [b, n]) => n - m || byWords(a, b))[0] ?? [NO_REASON];
      const count = [...spellings.values()].reduce((sum, n) => sum + n, 0);
      return { reason, count };
    })
    .sort((a, b) => b.count - a.count || byWords(a.reason, b.reason));
}

const exit = (reasons: (string | null | undefined)[], base: number): ConsortExit => ({
  ...share(reasons.length, base),
  reasons: groupReasons(reasons),
});

// ---------------------------------------------------------------------------------------------
// Agencies

const RECRUITING_ON: readonly AgencyStage[] = ["RECRUITING", "FOLLOW_UP", "COMPLETED"];

/** 0 (expressed interest) to 4 (recruiting), or -1 when the agency never submitted. */
function agencyStep(agency: ConsortAgency, hasParticipants: boolean): number {
  if (RECRUITING_ON.includes(agency.stage) || hasParticipants) return 4;
  if (agency.trainingCompleted) return 3;
  if (agency.everSelected || holdsAPlace(agency.stage)) return 2;
  if (agency.eligible) return 1;
  return agency.everSubmitted ? 0 : -1;
}

function byStage(agencies: readonly ConsortAgency[]): StageCount[] {
  const counts = new Map<AgencyStage, number>();
  for (const agency of agencies) counts.set(agency.stage, (counts.get(agency.stage) ?? 0) + 1);
  return [...counts.entries()]
    .map(([stage, count]) => ({ stage, count }))
    .sort((a, b) => b.count - a.count || a.stage.localeCompare(b.stage));
}

// ---------------------------------------------------------------------------------------------
// Participants

/** 0 referred, 1 assessed, 2 consented, 3 baseline, 4 followed up. */
function participantStep(participant: ConsortParticipant): number {
  const { status } = participant;
  if (status === "NOT_ELIGIBLE" || status === "DECLINED") return 1;
  if (participant.followUpDate || status === "FOLLOW_UP_DONE") return 4;
  if (participant.baselineDate || status === "BASELINE_DONE") return 3;
  if (participant.consentDate || status === "CONSENTED") return 2;
  if (participant.screenedDate || status === "ELIGIBLE") return 1;
  return 0;
}

/** The study's CONSORT flow from live records (see the top of this file for how each record counts). */
export function consortFlow(input: ConsortInput): ConsortFlow {
  const agenciesWithParticipants = new Set(input.participants.map((participant) => participant.agencyId));
  const agencySteps = input.agencies.map((agency) => ({
    agency,
    step: agencyStep(agency, agenciesWithParticipants.has(agency.id)),
  }));
  const reached = (step: number) => agencySteps.filter((entry) => entry.step >= step).length;
  const stoppedAt = (step: number) => byStage(agencySteps.filter((entry) => entry.step === step).map((e) => e.agency));
  const [interest, eligible, selected, trained, recruiting] = [0, 1, 2, 3, 4].map(reached) as [
    number,
    number,
    number,
    number,
    number,
  ];

  const people = input.participants.map((participant) => ({ participant, step: participantStep(participant) }));
  const atLeast = (step: number) => people.filter((entry) => entry.step >= step).length;
  const referred = people.length;
  const assessed = atLeast(1);
  const consented = atLeast(2);
  const baseline = atLeast(3);
  const followedUp = atLeast(4);

  const leftAt = (step: number, status: ParticipantStatus) =>
    people.filter((entry) => entry.step === step && entry.participant.status === status).map((e) => e.participant);
  const waitingAt = (step: number) =>
    people.filter(
      (entry) =>
        entry.step === step &&
        !["WITHDRAWN", "LOST_TO_FOLLOW_UP", "NOT_ELIGIBLE", "DECLINED"].includes(entry.participant.status),
    ).length;

  const notEligible = leftAt(1, "NOT_ELIGIBLE").map((p) => p.ineligibleReason);
  const declined = leftAt(1, "DECLINED").map((p) => p.declineReason);
  const leftReason = (p: ConsortParticipant) => (p.status === "WITHDRAWN" ? p.withdrawalReason : p.lostReason);
  const beforeScreening = [...leftAt(0, "WITHDRAWN"), ...leftAt(0, "LOST_TO_FOLLOW_UP")].map(leftReason);
  const beforeConsent = [...leftAt(1, "WITHDRAWN"), ...leftAt(1, "LOST_TO_FOLLOW_UP")].map(leftReason);
  const excludedCount = notEligible.length + declined.length + beforeConsent.length;

  return {
    agencies: {
      expressedInterest: box(interest, null),
      eligible: box(eligible, interest),
      selected: box(selected, eligible),
      trained: box(trained, selected),
      recruiting: box(recruiting, trained),
      stoppedAt: {
        expressedInterest: stoppedAt(0),
        eligible: stoppedAt(1),
        selected: stoppedAt(2),
        trained: stoppedAt(3),
      },
    },
    participants: {
      referred: box(referred, null),
      awaitingScreening: waitingAt(0),
      leftBeforeScreening: exit(beforeScreening, referred),
      assessed: box(assessed, referred),
      excluded: {
        ...share(excludedCount, assessed),
        notEligible: exit(notEligible, assessed),
        declined: exit(declined, assessed),
        otherReasons: exit(beforeConsent, assessed),
      },
      awaitingConsent: waitingAt(1),
      consented: box(consented, assessed),
      leftBeforeBaseline: {
        withdrawn: exit(
          leftAt(2, "WITHDRAWN").map((p) => p.withdrawalReason),
          consented,
        ),
        lost: exit(
          leftAt(2, "LOST_TO_FOLLOW_UP").map((p) => p.lostReason),
          consented,
        ),
      },
      awaitingBaseline: waitingAt(2),
      baseline: box(baseline, consented),
      leftBeforeFollowUp: {
        withdrawn: exit(
          leftAt(3, "WITHDRAWN").map((p) => p.withdrawalReason),
          baseline,
        ),
        lost: exit(
          leftAt(3, "LOST_TO_FOLLOW_UP").map((p) => p.lostReason),
          baseline,
        ),
      },
      awaitingFollowUp: waitingAt(3),
      followedUp: box(followedUp, baseline),
      withdrawnAfterFollowUp: exit(
        leftAt(4, "WITHDRAWN").map((p) => p.withdrawalReason),
        followedUp,
      ),
    },
  };
}

/** The same flow for one agency: its own record and its own participants only. */
export function consortFlowForAgency(input: ConsortInput, agencyId: string): ConsortFlow {
  return consortFlow({
    agencies: input.agencies.filter((agency) => agency.id === agencyId),
    participants: input.participants.filter((participant) => participant.agencyId === agencyId),
  });
}
