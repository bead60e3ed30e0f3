// The CONSORT flow from live records: a fixed study of agencies (never submitted, submitted but not
// eligible, reopened, under review, not selected, selected and later declined, in training with and
// without every day attended, withdrawn at each step, recruiting) and participants at every status,
// read by loadConsortInput and counted by consortFlow, checked box by box against the numbers worked
// out by hand below. loadConsortInput reads whole tables, so this file has a database of its own.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  AgencyRole,
  AgencyStage,
  BookingStatus,
  ParticipantStatus,
  Prisma,
  TrainingDay,
} from "@/lib/generated/prisma/client";
import { ownDatabase } from "@/test/own-database";
import { consortFlow, consortFlowForAgency } from "./consort";
import { findConsortAgency, listConsortAgencies, loadConsortInput } from "./consort-queries";

const { client } = ownDatabase("cp_consort_queries");
const unique = () => randomUUID().slice(0, 8);

const ELIGIBLE_ANSWERS = { eligibility: { clientGroups: ["LEARNING_DISABILITY"] } };
const INELIGIBLE_ANSWERS = { eligibility: { clientGroups: [] } };

type Questionnaire = "none" | "draft" | "submitted" | "ineligible" | "reopened";

async function agency(label: string, stage: AgencyStage, questionnaire: Questionnaire, moves: AgencyStage[] = []) {
  const eoi: Record<Questionnaire, Prisma.ExpressionOfInterestCreateWithoutAgencyInput | null> = {
    none: null,
    draft: { status: "DRAFT", answers: ELIGIBLE_ANSWERS },
    submitted: {
      status: "SUBMITTED",
      answers: ELIGIBLE_ANSWERS,
      submittedAnswers: ELIGIBLE_ANSWERS,
      submittedAt: new Date("2026-01-02T10:00:00Z"),
    },
    // Stored as it might be by an older rule or a hand correction: submitted, with no client group.
    ineligible: {
      status: "SUBMITTED",
      answers: INELIGIBLE_ANSWERS,
      submittedAnswers: INELIGIBLE_ANSWERS,
      submittedAt: new Date("2026-01-02T10:00:00Z"),
    },
    // Reopened by a researcher: a draft again, the draft's answers edited to no client group, the submission kept.
    reopened: {
      status: "DRAFT",
      answers: INELIGIBLE_ANSWERS,
      submittedAnswers: ELIGIBLE_ANSWERS,
      submittedAt: new Date("2026-01-02T10:00:00Z"),
      reopenedAt: new Date("2026-01-03T10:00:00Z"),
    },
  };
  const created = await client.agency.create({
    data: {
      organisation: `Organisation ${label} ${unique()}`,
      teamName: `Team ${label} ${unique()}`,
      stage,
      expressionOfInterest: eoi[questionnaire] ? { create: eoi[questionnaire]! } : undefined,
      stageChanges: { create: moves.map((toStage) => ({ toStage, reason: "Test history" })) },
    },
  });
  return created;
}

async function person(agencyId: string, agencyRole: AgencyRole, attended: TrainingDay[] = [], deactivated = false) {
  const user = await client.user.create({
    data: {
      email: `${agencyRole.toLowerCase()}.${unique()}@example.org`,
      name: `${agencyRole} ${unique()}`,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole,
      deactivatedAt: deactivated ? new Date("2026-01-01T00:00:00Z") : null,
    },
  });
  for (const day of attended) await book(user.id, day, "ATTENDED");
  return user;
}

const sessions = new Map<TrainingDay, string>();
async function book(userId: string, trainingDay: TrainingDay, status: BookingStatus) {
  let sessionId = sessions.get(trainingDay);
  if (!sessionId) {
    const session = await client.trainingSession.create({
      data: {
        trainingDay,
        startsAt: new Date("2026-01-20T10:00:00Z"),
        endsAt: new Date("2026-01-20T16:00:00Z"),
        trainer: "Trainer",
        capacity: 50,
      },
    });
    sessionId = session.id;
    sessions.set(trainingDay, sessionId);
  }
  await client.booking.create({ data: { sessionId, userId, status } });
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const REFERRED = { referralDate: day("2026-02-02") };
const SCREENED = { ...REFERRED, screenedDate: day("2026-02-05") };
const CONSENTED = { ...SCREENED, consentDate: day("2026-02-10") };
const BASELINE = { ...CONSENTED, baselineDate: day("2026-03-01"), baselineMeasures: ["WEMWBS" as const] };
const FOLLOWED_UP = { ...BASELINE, followUpDate: day("2026-12-01"), followUpMeasures: ["EQ_5D" as const] };
const withdrawn = (reason: string) => ({
  withdrawnDate: day("2026-12-10"),
  withdrawalReason: reason,
  keepDataOnWithdrawal: true,
});
const lost = (reason: string) => ({ lostDate: day("2026-12-10"), lostReason: reason });

let sequence = 0;
async function participant(
  agencyId: string,
  status: ParticipantStatus,
  fields: Partial<Prisma.ParticipantUncheckedCreateInput> = {},
) {
  sequence += 1;
  await client.participant.create({
    data: {
      studyId: `CP-99-${String(sequence).padStart(4, "0")}`,
      agencyId,
      sequence,
      subgroup: "LEARNING_DISABILITY",
      isNewReferral: true,
      status,
      ...REFERRED,
      ...fields,
    },
  });
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  // One worker day and one supervisor day: the study's own settings, not the defaults (3 and 2).
  await client.study.create({
    data: {
      id: 1,
      name: "Connecting People",
      questionnaireDeadline: new Date("2026-01-10T17:00:00Z"),
      workerTrainingDays: 1,
      supervisorExtraDays: 1,
    },
  });

  // In no box (never submitted): a team with no questionnaire, one with an eligible draft, one
  // withdrawn before submitting.
  await agency("D1", "DRAFT", "none");
  await agency("D2", "DRAFT", "draft");
  await agency("W0", "WITHDRAWN", "draft", ["WITHDRAWN"]);

  // Furthest step "expressed interest" (2): submitted with no client group; withdrawn after submitting
  // (known from its history only).
  await agency("N1", "SUBMITTED", "ineligible", ["SUBMITTED"]);
  await agency("WX", "WITHDRAWN", "none", ["SUBMITTED", "WITHDRAWN"]);

  // "Eligible" (3): reopened (the submitted answers count, not the draft's); under review; not selected.
  await agency("R0", "DRAFT", "reopened", ["SUBMITTED", "DRAFT"]);
  await agency("U1", "UNDER_REVIEW", "submitted");
  await agency("NS", "NOT_SELECTED", "submitted");

  // "Selected" (5): selected then not selected; selected then withdrawn; selected (no questionnaire
  // stored: its stage says it was selected); in training with a supervisor absent on their day; in
  // training with nobody to train.
  await agency("NS2", "NOT_SELECTED", "submitted", ["SELECTED", "NOT_SELECTED"]);
  await agency("WS", "WITHDRAWN", "submitted", ["SELECTED", "WITHDRAWN"]);
  await agency("S1", "SELECTED", "none");
  const t1 = await agency("T1", "TRAINING", "submitted", ["SELECTED", "TRAINING"]);
  await person(t1.id, "WORKER", ["WORKER_1"]);
  const absent = await person(t1.id, "SUPERVISOR", ["WORKER_1"]);
  await book(absent.id, "SUPERVISOR_1", "ABSENT");
  const t3 = await agency("T3", "TRAINING", "submitted", ["SELECTED", "TRAINING"]);
  await person(t3.id, "LEAD");

  // "Trained" (2): every active supervisor and worker attended (a lead and a deactivated worker with
  // no training do not hold it back); trained, then withdrawn.
  const t2 = await agency("T2", "TRAINING", "submitted", ["SELECTED", "TRAINING"]);
  await person(t2.id, "WORKER", ["WORKER_1"]);
  await person(t2.id, "SUPERVISOR", ["WORKER_1", "SUPERVISOR_1"]);
  await person(t2.id, "LEAD");
  await person(t2.id, "WORKER", [], true);
  const wt = await agency("WT", "WITHDRAWN", "submitted", ["SELECTED", "TRAINING", "WITHDRAWN"]);
  await person(wt.id, "WORKER", ["WORKER_1"]);

  // "Recruiting" (3): recruiting; following up; withdrawn, but it recorded a participant.
  const rc1 = await agency("RC1", "RECRUITING", "submitted", ["SELECTED", "TRAINING", "RECRUITING"]);
  const rc2 = await agency("RC2", "FOLLOW_UP", "submitted", ["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP"]);
  const wr = await agency("WR", "WITHDRAWN", "submitted", ["SELECTED", "TRAINING", "RECRUITING", "WITHDRAWN"]);
  Object.assign(ids, { rc1: rc1.id, rc2: rc2.id, wr: wr.id, t2: t2.id, d1: "" });

  // 18 participants. RC1 (13):
  await participant(rc1.id, "REFERRED"); // awaiting screening
  await participant(rc1.id, "WITHDRAWN", withdrawn("Moved away")); // left before screening
  await participant(rc1.id, "LOST_TO_FOLLOW_UP", lost("No contact")); // left before screening
  await participant(rc1.id, "ELIGIBLE", SCREENED); // awaiting consent
  await participant(rc1.id, "NOT_ELIGIBLE", { ...SCREENED, ineligibleReason: "Under 18" });
  await participant(rc1.id, "NOT_ELIGIBLE", { ...SCREENED, ineligibleReason: " Under  18. " });
  await participant(rc1.id, "DECLINED", { ...SCREENED, declinedDate: day("2026-02-10"), declineReason: "Too busy" });
  await participant(rc1.id, "WITHDRAWN", { ...SCREENED, ...withdrawn("Changed mind") }); // excluded, other
  await participant(rc1.id, "CONSENTED", CONSENTED); // awaiting baseline
  await participant(rc1.id, "WITHDRAWN", { ...CONSENTED, ...withdrawn("Illness") }); // left before baseline
  await participant(rc1.id, "BASELINE_DONE", BASELINE); // awaiting follow-up
  await participant(rc1.id, "LOST_TO_FOLLOW_UP", { ...BASELINE, ...lost("No reply") }); // left before follow-up
  await participant(rc1.id, "FOLLOW_UP_DONE", FOLLOWED_UP);
  // RC2 (4):
  await participant(rc2.id, "FOLLOW_UP_DONE", FOLLOWED_UP);
  await participant(rc2.id, "WITHDRAWN", { ...FOLLOWED_UP, ...withdrawn("Moved away") }); // after follow-up
  await participant(rc2.id, "BASELINE_DONE", BASELINE); // awaiting follow-up
  await participant(rc2.id, "WITHDRAWN", { ...BASELINE, ...withdrawn("illness.") }); // left before follow-up
  // WR (1):
  await participant(wr.id, "CONSENTED", CONSENTED); // awaiting baseline
});

describe("loadConsortInput → consortFlow, whole study", () => {
  it("counts the agencies box by box, and those who went no further by their stage now", async () => {
    const { agencies } = consortFlow(await loadConsortInput(client));
    // Reached: 15 expressed interest (all but D1, D2, W0); 13 eligible (not N1, WX); 10 selected
    // (not R0, U1, NS); 5 trained (T2, WT and the three recruiting); 3 recruiting.
    expect(agencies.expressedInterest).toEqual({ count: 15, percent: null });
    expect(agencies.eligible).toEqual({ count: 13, percent: "86.7%" });
    expect(agencies.selected).toEqual({ count: 10, percent: "76.9%" });
    expect(agencies.trained).toEqual({ count: 5, percent: "50.0%" });
    expect(agencies.recruiting).toEqual({ count: 3, percent: "60.0%" });
    expect(agencies.stoppedAt).toEqual({
      expressedInterest: [
        { stage: "SUBMITTED", count: 1 },
        { stage: "WITHDRAWN", count: 1 },
      ],
      eligible: [
        { stage: "DRAFT", count: 1 },
        { stage: "NOT_SELECTED", count: 1 },
        { stage: "UNDER_REVIEW", count: 1 },
      ],
      selected: [
        { stage: "TRAINING", count: 2 },
        { stage: "NOT_SELECTED", count: 1 },
        { stage: "SELECTED", count: 1 },
        { stage: "WITHDRAWN", count: 1 },
      ],
      trained: [
        { stage: "TRAINING", count: 1 },
        { stage: "WITHDRAWN", count: 1 },
      ],
    });
  });

  it("counts the participants box by box, with who left where and why, and who is waiting", async () => {
    const { participants } = consortFlow(await loadConsortInput(client));
    expect(participants.referred).toEqual({ count: 18, percent: null });
    expect(participants.awaitingScreening).toBe(1);
    expect(participants.leftBeforeScreening).toEqual({
      count: 2,
      percent: "11.1%",
      reasons: [
        { reason: "Moved away", count: 1 },
        { reason: "No contact", count: 1 },
      ],
    });
    expect(participants.assessed).toEqual({ count: 15, percent: "83.3%" });
    expect(participants.excluded).toEqual({
      count: 4,
      percent: "26.7%",
      notEligible: { count: 2, percent: "13.3%", reasons: [{ reason: "Under 18", count: 2 }] },
      declined: { count: 1, percent: "6.7%", reasons: [{ reason: "Too busy", count: 1 }] },
      otherReasons: { count: 1, percent: "6.7%", reasons: [{ reason: "Changed mind", count: 1 }] },
    });
    expect(participants.awaitingConsent).toBe(1);
    expect(participants.consented).toEqual({ count: 10, percent: "66.7%" });
    expect(participants.leftBeforeBaseline).toEqual({
      withdrawn: { count: 1, percent: "10.0%", reasons: [{ reason: "Illness", count: 1 }] },
      lost: { count: 0, percent: "0.0%", reasons: [] },
    });
    expect(participants.awaitingBaseline).toBe(2);
    expect(participants.baseline).toEqual({ count: 7, percent: "70.0%" });
    expect(participants.leftBeforeFollowUp).toEqual({
      withdrawn: { count: 1, percent: "14.3%", reasons: [{ reason: "illness", count: 1 }] },
      lost: { count: 1, percent: "14.3%", reasons: [{ reason: "No reply", count: 1 }] },
    });
    expect(participants.awaitingFollowUp).toBe(2);
    expect(participants.followedUp).toEqual({ count: 3, percent: "42.9%" });
    expect(participants.withdrawnAfterFollowUp).toEqual({
      count: 1,
      percent: "33.3%",
      reasons: [{ reason: "Moved away", count: 1 }],
    });
  });

  it("reads each agency's facts as the flow defines them", async () => {
    const input = await loadConsortInput(client);
    expect(input.agencies).toHaveLength(18);
    expect(input.participants).toHaveLength(18);
    const t2 = input.agencies.find((agency) => agency.id === ids.t2);
    expect(t2).toEqual({
      id: ids.t2,
      stage: "TRAINING",
      everSubmitted: true,
      eligible: true,
      everSelected: true,
      trainingCompleted: true,
    });
    // Dates come as dates; only the fields the flow needs are read.
    expect(Object.keys(input.participants[0]!).sort()).toEqual(
      [
        "agencyId",
        "baselineDate",
        "consentDate",
        "declineReason",
        "followUpDate",
        "ineligibleReason",
        "lostReason",
        "screenedDate",
        "status",
        "withdrawalReason",
      ].sort(),
    );
  });
});

describe("loadConsortInput for one agency", () => {
  it("reads only that agency and its participants, and counts as the whole study's input filtered", async () => {
    const whole = await loadConsortInput(client);
    const own = await loadConsortInput(client, { agencyId: ids.rc2! });
    expect(own.agencies.map((agency) => agency.id)).toEqual([ids.rc2]);
    expect(own.participants).toHaveLength(4);
    expect(consortFlow(own)).toEqual(consortFlowForAgency(whole, ids.rc2!));
    const { agencies, participants } = consortFlow(own);
    expect(agencies.recruiting).toEqual({ count: 1, percent: "100.0%" });
    expect(participants.referred.count).toBe(4);
    expect(participants.baseline).toEqual({ count: 4, percent: "100.0%" });
    expect(participants.followedUp).toEqual({ count: 2, percent: "50.0%" });
    expect(participants.withdrawnAfterFollowUp.count).toBe(1);
  });

  it("gives training completion per agency even when only one is read", async () => {
    const t2 = await loadConsortInput(client, { agencyId: ids.t2! });
    expect(t2.agencies[0]!.trainingCompleted).toBe(true);
  });
});

describe("the agencies to choose from", () => {
  it("lists those holding a place or with participants, by team name, and finds one by id", async () => {
    const choices = await listConsortAgencies(client);
    const labels = choices.map((choice) => choice.teamName.split(" ")[1]);
    // Holding a place: S1, T1, T2, T3, RC1, RC2; with participants: WR. Not NS2, WS, WT (they left).
    expect(labels.sort()).toEqual(["RC1", "RC2", "S1", "T1", "T2", "T3", "WR"]);
    expect(choices.map((choice) => choice.teamName)).toEqual(
      [...choices.map((choice) => choice.teamName)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect(await findConsortAgency(ids.rc1!, client)).toMatchObject({ id: ids.rc1 });
    expect(await findConsortAgency(randomUUID(), client)).toBeNull();
    expect(await findConsortAgency("not-an-id'; DROP TABLE", client)).toBeNull();
  });
});
