// The CONSORT flow's numbers on a fixed, hand-made data set: 20 agencies at every stage and 40
// participants at every status, each expected count and percentage worked out by hand below; then one
// agency's flow, the empty study, and the rounding and grouping rules.
import { describe, expect, it } from "vitest";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import {
  type ConsortAgency,
  type ConsortParticipant,
  consortFlow,
  consortFlowForAgency,
  consortPercent,
  groupReasons,
} from "./consort";

function agency(id: string, stage: AgencyStage, flags: Partial<Omit<ConsortAgency, "id" | "stage">> = {}) {
  return { id, stage, everSubmitted: true, eligible: false, everSelected: false, trainingCompleted: false, ...flags };
}
const ELIGIBLE = { eligible: true };
const SELECTED = { eligible: true, everSelected: true };
const TRAINED = { eligible: true, everSelected: true, trainingCompleted: true };

/**
 * Furthest step of each agency:
 * - none (never submitted): A01;
 * - expressed interest only (6): A02, A03 under review; A04–A06 not selected; A07 withdrawn;
 * - eligible only (5): A08–A10 not selected; A11, A12 on the reserve list;
 * - selected only (3): A13 selected (marked not eligible: being selected implies it), A14 in
 *   training, not complete; A15 withdrawn after selection;
 * - trained only (1): A16 in training, complete;
 * - recruiting (4): A17, A18 recruiting; A19 following up; A20 withdrawn, but it has participants.
 */
const AGENCIES: ConsortAgency[] = [
  agency("A01", "DRAFT", { everSubmitted: false }),
  agency("A02", "UNDER_REVIEW"),
  agency("A03", "UNDER_REVIEW"),
  agency("A04", "NOT_SELECTED"),
  agency("A05", "NOT_SELECTED"),
  agency("A06", "NOT_SELECTED"),
  agency("A07", "WITHDRAWN"),
  agency("A08", "NOT_SELECTED", ELIGIBLE),
  agency("A09", "NOT_SELECTED", ELIGIBLE),
  agency("A10", "NOT_SELECTED", ELIGIBLE),
  agency("A11", "RESERVE", ELIGIBLE),
  agency("A12", "RESERVE", ELIGIBLE),
  agency("A13", "SELECTED"),
  agency("A14", "TRAINING", SELECTED),
  agency("A15", "WITHDRAWN", SELECTED),
  agency("A16", "TRAINING", TRAINED),
  agency("A17", "RECRUITING", TRAINED),
  agency("A18", "RECRUITING", TRAINED),
  agency("A19", "FOLLOW_UP", TRAINED),
  agency("A20", "WITHDRAWN", { everSubmitted: true }),
];

const SCREENED = { screenedDate: "2025-02-01" };
const CONSENTED = { ...SCREENED, consentDate: "2025-02-10" };
const BASELINE = { ...CONSENTED, baselineDate: "2025-03-01" };
const FOLLOWED_UP = { ...BASELINE, followUpDate: "2025-12-01" };

function times(count: number, participant: ConsortParticipant): ConsortParticipant[] {
  return Array.from({ length: count }, () => participant);
}

/**
 * 40 participants (A17: 21, A18: 11, A19: 6, A20: 2). Furthest step:
 * - referred only (4): 3 awaiting screening (A17 ×2, A18); 1 withdrawn before screening (A18).
 * - assessed only (12): 5 not eligible (A17 ×3, A18 ×2); 4 declined (A17 ×2, A18, A19); 2 awaiting
 *   consent (A17); 1 withdrawn after screening (A17).
 * - consented only (6): 3 awaiting baseline (A17 ×2, A19); 2 withdrawn (A17, A18); 1 lost (A18).
 * - baseline only (12): 8 awaiting follow-up (A17 ×4, A18 ×2, A19 ×2); 2 withdrawn (A17, A19);
 *   2 lost (A18, A19).
 * - followed up (6): 5 done (A17 ×3, A18, A20); 1 withdrawn afterwards (A20).
 */
const PARTICIPANTS: ConsortParticipant[] = [
  ...times(2, { agencyId: "A17", status: "REFERRED" }),
  { agencyId: "A18", status: "REFERRED" },
  { agencyId: "A18", status: "WITHDRAWN", withdrawalReason: "Moved away" },
  { agencyId: "A17", status: "NOT_ELIGIBLE", ineligibleReason: "Under 18", ...SCREENED },
  { agencyId: "A17", status: "NOT_ELIGIBLE", ineligibleReason: "  under   18. ", ...SCREENED },
  { agencyId: "A17", status: "NOT_ELIGIBLE", ineligibleReason: null, ...SCREENED },
  { agencyId: "A18", status: "NOT_ELIGIBLE", ineligibleReason: "Under 18", ...SCREENED },
  { agencyId: "A18", status: "NOT_ELIGIBLE", ineligibleReason: "Already in another study", ...SCREENED },
  ...times(2, { agencyId: "A17", status: "DECLINED", declineReason: "Too busy", ...SCREENED }),
  { agencyId: "A18", status: "DECLINED", declineReason: "too busy", ...SCREENED },
  { agencyId: "A19", status: "DECLINED", declineReason: "Not interested", ...SCREENED },
  ...times(2, { agencyId: "A17", status: "ELIGIBLE", ...SCREENED }),
  { agencyId: "A17", status: "WITHDRAWN", withdrawalReason: "Changed mind", ...SCREENED },
  ...times(2, { agencyId: "A17", status: "CONSENTED", ...CONSENTED }),
  { agencyId: "A19", status: "CONSENTED", ...CONSENTED },
  { agencyId: "A17", status: "WITHDRAWN", withdrawalReason: "Too unwell", ...CONSENTED },
  { agencyId: "A18", status: "WITHDRAWN", withdrawalReason: "Too unwell", ...CONSENTED },
  { agencyId: "A18", status: "LOST_TO_FOLLOW_UP", lostReason: "No contact", ...CONSENTED },
  ...times(4, { agencyId: "A17", status: "BASELINE_DONE", ...BASELINE }),
  ...times(2, { agencyId: "A18", status: "BASELINE_DONE", ...BASELINE }),
  ...times(2, { agencyId: "A19", status: "BASELINE_DONE", ...BASELINE }),
  { agencyId: "A17", status: "WITHDRAWN", withdrawalReason: "Too unwell", ...BASELINE },
  { agencyId: "A19", status: "WITHDRAWN", withdrawalReason: "Moved to another team", ...BASELINE },
  { agencyId: "A18", status: "LOST_TO_FOLLOW_UP", lostReason: "No reply", ...BASELINE },
  { agencyId: "A19", status: "LOST_TO_FOLLOW_UP", lostReason: "No contact", ...BASELINE },
  ...times(3, { agencyId: "A17", status: "FOLLOW_UP_DONE", ...FOLLOWED_UP }),
  { agencyId: "A18", status: "FOLLOW_UP_DONE", ...FOLLOWED_UP },
  { agencyId: "A20", status: "FOLLOW_UP_DONE", ...FOLLOWED_UP },
  { agencyId: "A20", status: "WITHDRAWN", withdrawalReason: "Asked to stop", ...FOLLOWED_UP },
];

const INPUT = { agencies: AGENCIES, participants: PARTICIPANTS };

describe("consortFlow on the fixed data set", () => {
  it("has the data set it claims", () => {
    expect(AGENCIES).toHaveLength(20);
    expect(PARTICIPANTS).toHaveLength(40);
  });

  it("counts agencies at each step, as a share of the step above", () => {
    const { agencies } = consortFlow(INPUT);
    expect(agencies.expressedInterest).toEqual({ count: 19, percent: null }); // all but A01
    expect(agencies.eligible).toEqual({ count: 13, percent: "68.4%" }); // 13/19 = 0.68421
    expect(agencies.selected).toEqual({ count: 8, percent: "61.5%" }); // 8/13 = 0.61538
    expect(agencies.trained).toEqual({ count: 5, percent: "62.5%" }); // 5/8
    expect(agencies.recruiting).toEqual({ count: 4, percent: "80.0%" }); // 4/5
  });

  it("counts the agencies that stopped at each step by their current stage, most first", () => {
    expect(consortFlow(INPUT).agencies.stoppedAt).toEqual({
      expressedInterest: [
        { stage: "NOT_SELECTED", count: 3 },
        { stage: "UNDER_REVIEW", count: 2 },
        { stage: "WITHDRAWN", count: 1 },
      ],
      eligible: [
        { stage: "NOT_SELECTED", count: 3 },
        { stage: "RESERVE", count: 2 },
      ],
      selected: [
        { stage: "SELECTED", count: 1 },
        { stage: "TRAINING", count: 1 },
        { stage: "WITHDRAWN", count: 1 },
      ],
      trained: [{ stage: "TRAINING", count: 1 }],
    });
  });

  it("counts participants down the main flow", () => {
    const { participants } = consortFlow(INPUT);
    expect(participants.referred).toEqual({ count: 40, percent: null });
    expect(participants.assessed).toEqual({ count: 36, percent: "90.0%" }); // 40 − 4 referred only
    expect(participants.consented).toEqual({ count: 24, percent: "66.7%" }); // 36 − 12; 24/36 = 0.66667
    expect(participants.baseline).toEqual({ count: 18, percent: "75.0%" }); // 24 − 6; 18/24
    expect(participants.followedUp).toEqual({ count: 6, percent: "33.3%" }); // 18 − 12; 6/18 = 0.33333
  });

  it("counts who is still waiting at each step", () => {
    const { participants } = consortFlow(INPUT);
    expect(participants.awaitingScreening).toBe(3);
    expect(participants.awaitingConsent).toBe(2);
    expect(participants.awaitingBaseline).toBe(3);
    expect(participants.awaitingFollowUp).toBe(8);
  });

  it("counts those excluded at screening, with their reasons grouped", () => {
    const { participants } = consortFlow(INPUT);
    expect(participants.leftBeforeScreening).toEqual({
      count: 1,
      percent: "2.5%", // 1/40
      reasons: [{ reason: "Moved away", count: 1 }],
    });
    expect(participants.excluded.count).toBe(10); // 5 + 4 + 1
    expect(participants.excluded.percent).toBe("27.8%"); // 10/36 = 0.27778
    expect(participants.excluded.notEligible).toEqual({
      count: 5,
      percent: "13.9%", // 5/36 = 0.13889
      reasons: [
        { reason: "Under 18", count: 3 }, // "Under 18" ×2 and "  under   18. " are one reason
        { reason: "Already in another study", count: 1 },
        { reason: "No reason recorded", count: 1 },
      ],
    });
    expect(participants.excluded.declined).toEqual({
      count: 4,
      percent: "11.1%", // 4/36 = 0.11111
      reasons: [
        { reason: "Too busy", count: 3 },
        { reason: "Not interested", count: 1 },
      ],
    });
    expect(participants.excluded.otherReasons).toEqual({
      count: 1,
      percent: "2.8%", // 1/36 = 0.02778
      reasons: [{ reason: "Changed mind", count: 1 }],
    });
  });

  it("counts those who left after consent, after baseline and after follow-up, where they left", () => {
    const { participants } = consortFlow(INPUT);
    expect(participants.leftBeforeBaseline).toEqual({
      withdrawn: { count: 2, percent: "8.3%", reasons: [{ reason: "Too unwell", count: 2 }] }, // 2/24
      lost: { count: 1, percent: "4.2%", reasons: [{ reason: "No contact", count: 1 }] }, // 1/24 = 0.04167
    });
    expect(participants.leftBeforeFollowUp).toEqual({
      withdrawn: {
        count: 2,
        percent: "11.1%", // 2/18
        reasons: [
          { reason: "Moved to another team", count: 1 },
          { reason: "Too unwell", count: 1 },
        ],
      },
      lost: {
        count: 2,
        percent: "11.1%",
        reasons: [
          { reason: "No contact", count: 1 },
          { reason: "No reply", count: 1 },
        ],
      },
    });
    expect(participants.withdrawnAfterFollowUp).toEqual({
      count: 1,
      percent: "16.7%", // 1/6 = 0.16667
      reasons: [{ reason: "Asked to stop", count: 1 }],
    });
  });

  it("adds up: each box is the next box plus those who left plus those waiting", () => {
    const p = consortFlow(INPUT).participants;
    expect(p.referred.count).toBe(p.assessed.count + p.awaitingScreening + p.leftBeforeScreening.count);
    expect(p.assessed.count).toBe(p.consented.count + p.excluded.count + p.awaitingConsent);
    expect(p.consented.count).toBe(
      p.baseline.count + p.leftBeforeBaseline.withdrawn.count + p.leftBeforeBaseline.lost.count + p.awaitingBaseline,
    );
    expect(p.baseline.count).toBe(
      p.followedUp.count + p.leftBeforeFollowUp.withdrawn.count + p.leftBeforeFollowUp.lost.count + p.awaitingFollowUp,
    );
  });

  it("takes the furthest step from the dates when the status alone does not say it", () => {
    const flow = consortFlow({
      agencies: [],
      participants: [
        // Withdrawn with a baseline date but no screening or consent date: reached baseline.
        { agencyId: "X", status: "WITHDRAWN", withdrawalReason: "Too unwell", baselineDate: "2025-03-01" },
        // Follow-up done with no dates at all: reached every step.
        { agencyId: "X", status: "FOLLOW_UP_DONE" },
      ],
    }).participants;
    expect([flow.assessed.count, flow.consented.count, flow.baseline.count, flow.followedUp.count]).toEqual([
      2, 2, 2, 1,
    ]);
    expect(flow.leftBeforeFollowUp.withdrawn.count).toBe(1);
  });
});

describe("consortFlowForAgency", () => {
  it("counts one agency and only its participants", () => {
    const flow = consortFlowForAgency(INPUT, "A18");
    expect(flow.agencies.expressedInterest).toEqual({ count: 1, percent: null });
    expect(flow.agencies.eligible).toEqual({ count: 1, percent: "100.0%" });
    expect(flow.agencies.recruiting).toEqual({ count: 1, percent: "100.0%" });
    const p = flow.participants;
    expect(p.referred).toEqual({ count: 11, percent: null });
    expect(p.assessed).toEqual({ count: 9, percent: "81.8%" }); // 11 − 2; 9/11 = 0.81818
    expect(p.excluded.count).toBe(3); // 2 not eligible + 1 declined
    expect(p.excluded.percent).toBe("33.3%");
    expect(p.excluded.declined.reasons).toEqual([{ reason: "too busy", count: 1 }]);
    expect(p.consented).toEqual({ count: 6, percent: "66.7%" }); // 9 − 3
    expect(p.baseline).toEqual({ count: 4, percent: "66.7%" }); // 6 − 1 withdrawn − 1 lost
    expect(p.followedUp).toEqual({ count: 1, percent: "25.0%" }); // 4 − 2 waiting − 1 lost
  });

  it("counts a withdrawn agency that recruited as having reached recruiting", () => {
    const flow = consortFlowForAgency(INPUT, "A20");
    expect(flow.agencies.recruiting.count).toBe(1);
    expect(flow.participants.followedUp).toEqual({ count: 2, percent: "100.0%" });
    expect(flow.participants.withdrawnAfterFollowUp.count).toBe(1);
  });

  it("gives an empty flow for an agency that is not there", () => {
    expect(consortFlowForAgency(INPUT, "nope")).toEqual(consortFlow({ agencies: [], participants: [] }));
  });
});

describe("the empty study", () => {
  it("has zero in every box and a dash for every share", () => {
    const flow = consortFlow({ agencies: [], participants: [] });
    expect(flow.agencies.expressedInterest).toEqual({ count: 0, percent: null });
    expect(flow.agencies.recruiting).toEqual({ count: 0, percent: "–" });
    expect(flow.participants.referred).toEqual({ count: 0, percent: null });
    expect(flow.participants.assessed).toEqual({ count: 0, percent: "–" });
    expect(flow.participants.followedUp).toEqual({ count: 0, percent: "–" });
    expect(flow.participants.excluded).toEqual({
      count: 0,
      percent: "–",
      notEligible: { count: 0, percent: "–", reasons: [] },
      declined: { count: 0, percent: "–", reasons: [] },
      otherReasons: { count: 0, percent: "–", reasons: [] },
    });
    expect(flow.agencies.stoppedAt.expressedInterest).toEqual([]);
  });
});

describe("consortPercent and groupReasons", () => {
  it("rounds to one decimal place, half up, and gives a dash for an empty base", () => {
    expect(consortPercent(1, 8)).toBe("12.5%");
    expect(consortPercent(1, 16)).toBe("6.3%"); // 6.25
    expect(consortPercent(2, 3)).toBe("66.7%");
    expect(consortPercent(0, 5)).toBe("0.0%");
    expect(consortPercent(5, 5)).toBe("100.0%");
    expect(consortPercent(0, 0)).toBe("–");
  });

  it("groups reasons ignoring case, spaces and a final full stop, showing the most used spelling", () => {
    expect(groupReasons(["too busy", "Too busy", "Too busy.", " TOO  BUSY ", "", null, undefined])).toEqual([
      { reason: "Too busy", count: 4 },
      { reason: "No reason recorded", count: 3 },
    ]);
  });
});
