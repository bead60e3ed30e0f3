// The rules of recruitment (issue 7): every participant status move allowed and refused, the date
// rules, follow-up maths across month ends, leap years and the UK clock changes, the follow-up states
// at their boundaries, target shares, progress, and the study ID format (the projected date is tested
// with the chart, chart.test.ts). The expected values are worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import type { ParticipantStatus } from "@/lib/generated/prisma/client";
import {
  addDays,
  canMoveParticipant,
  dateProblem,
  daysBetween,
  followUpDue,
  followUpSchedule,
  followUpState,
  followUpWindow,
  followUpWindowNote,
  formatCalendarDate,
  formatStudyId,
  isCalendarDate,
  isFinalStatus,
  MEASURE_LABELS,
  PARTICIPANT_MOVES,
  parseStudyId,
  participantMoveRefusal,
  progress,
  STATUS_LABELS,
  STATUS_ORDER,
  SUBGROUP_LABELS,
  targetShares,
  ukToday,
} from "./rules";

const STATUSES = STATUS_ORDER as readonly ParticipantStatus[];

/** The flow written out by hand: every move a participant's record may make, and no other. */
const ALLOWED = new Set([
  "REFERRED→ELIGIBLE",
  "REFERRED→NOT_ELIGIBLE",
  "ELIGIBLE→CONSENTED",
  "ELIGIBLE→DECLINED",
  "ELIGIBLE→WITHDRAWN",
  "CONSENTED→BASELINE_DONE",
  "CONSENTED→WITHDRAWN",
  "BASELINE_DONE→FOLLOW_UP_DONE",
  "BASELINE_DONE→WITHDRAWN",
  "BASELINE_DONE→LOST_TO_FOLLOW_UP",
]);

describe("words", () => {
  it("names every status, subgroup and measure in plain UK English", () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...STATUSES].sort());
    expect(STATUS_LABELS.LOST_TO_FOLLOW_UP).toBe("Lost to follow-up");
    expect(SUBGROUP_LABELS).toEqual({
      ADULT_MENTAL_HEALTH: "Adult mental health",
      OLDER_ADULT_MENTAL_HEALTH: "Older adult functional mental health",
      LEARNING_DISABILITY: "Learning disability",
    });
    expect(Object.values(MEASURE_LABELS)).toEqual(["Resource Generator-UK", "WEMWBS", "SCOPE", "EQ-5D"]);
  });
});

describe("participant status moves", () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

  it.each(pairs)("%s → %s is allowed exactly when the flow allows it", (from, to) => {
    const allowed = ALLOWED.has(`${from}→${to}`);
    expect(canMoveParticipant(from, to)).toBe(allowed);
    const refusal = participantMoveRefusal(from, to);
    if (allowed) {
      expect(refusal).toBeNull();
    } else {
      // Every refusal is a sentence that tells the person what to do or why nothing needs doing.
      expect(refusal).toMatch(/^[A-Z].*\.$/);
      expect(refusal).toMatch(/can move only to|Record|ask the research team|Nothing needs changing/);
    }
  });

  it("holds exactly the hand-written table", () => {
    const table = Object.entries(PARTICIPANT_MOVES).flatMap(([from, tos]) => tos.map((to) => `${from}→${to}`));
    expect(new Set(table)).toEqual(ALLOWED);
  });

  it("treats not eligible, declined, follow-up done, withdrawn and lost as final", () => {
    expect(STATUSES.filter(isFinalStatus)).toEqual([
      "NOT_ELIGIBLE",
      "DECLINED",
      "FOLLOW_UP_DONE",
      "WITHDRAWN",
      "LOST_TO_FOLLOW_UP",
    ]);
  });

  it("explains refusals in plain words", () => {
    expect(participantMoveRefusal("CONSENTED", "CONSENTED")).toBe(
      "This participant is already recorded as “Consented”. Nothing needs changing.",
    );
    expect(participantMoveRefusal("WITHDRAWN", "BASELINE_DONE")).toBe(
      "This participant has withdrawn, so their record is complete and cannot move on. If it was recorded by mistake, ask the research team to correct it.",
    );
    expect(participantMoveRefusal("CONSENTED", "LOST_TO_FOLLOW_UP")).toBe(
      "Only a participant whose baseline interview is done can be lost to follow-up. From “Consented” they can move only to “Baseline interview done” or “Withdrawn”.",
    );
    expect(participantMoveRefusal("REFERRED", "WITHDRAWN")).toMatch(/^Record the screening first/);
    expect(participantMoveRefusal("REFERRED", "CONSENTED")).toBe(
      "A participant at “Referred” can move only to “Screened: eligible” or “Screened: not eligible”. Record each step in order.",
    );
    expect(participantMoveRefusal("CONSENTED", "DECLINED")).toMatch(
      /^Only a participant screened as eligible can decline/,
    );
    expect(participantMoveRefusal("BASELINE_DONE", "REFERRED")).toMatch(/cannot go back to “Referred”/);
    expect(participantMoveRefusal("BASELINE_DONE", "CONSENTED")).toBe(
      "A participant at “Baseline interview done” can move only to “Follow-up interview done”, “Withdrawn” or “Lost to follow-up”. Record each step in order.",
    );
  });
});

describe("calendar dates", () => {
  it("knows real dates from impossible ones", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("05/03/2026")).toBe(false);
    expect(isCalendarDate("2026-3-5")).toBe(false);
  });

  it("counts days through the clock changes as whole days", () => {
    // 29 March 2026 (clocks forward) and 25 October 2026 (clocks back) are ordinary days here.
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", -1)).toBe("2026-10-24");
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
  });

  it("writes dates as people read them, and takes today in UK time", () => {
    expect(formatCalendarDate("2026-03-05")).toBe("5 March 2026");
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST); in January UTC and London agree.
    expect(ukToday(new Date("2026-05-31T23:30:00Z"))).toBe("2026-06-01");
    expect(ukToday(new Date("2026-01-31T23:30:00Z"))).toBe("2026-01-31");
  });
});

describe("date rules", () => {
  const today = "2026-03-05";

  it("refuses what is not a real date", () => {
    expect(dateProblem({ step: "consent", date: "2026-02-30", today })).toBe(
      "Enter the consent date as a real date, for example 5 March 2026.",
    );
    expect(dateProblem({ step: "referral", date: "05/03/2026", today })).toBe(
      "Enter the referral date as a real date, for example 5 March 2026.",
    );
    expect(dateProblem({ step: "referral", date: "", today })).not.toBeNull();
  });

  it("refuses a date before the study could have started, such as a date of birth", () => {
    expect(dateProblem({ step: "referral", date: "1950-03-01", today })).toBe(
      "The referral date cannot be before 1 January 2020: the study had not started. Check the year, and never enter a date of birth.",
    );
    expect(dateProblem({ step: "consent", date: "0226-03-05", today })).toMatch(/^The consent date cannot be before/);
    expect(dateProblem({ step: "referral", date: "2020-01-01", today })).toBeNull();
  });

  it("refuses a date in the future, and accepts today", () => {
    expect(dateProblem({ step: "baseline", date: "2026-03-06", today })).toBe(
      "The baseline interview date cannot be in the future: today is 5 March 2026. Enter the day it happened.",
    );
    expect(dateProblem({ step: "baseline", date: today, today })).toBeNull();
    expect(dateProblem({ step: "referral", date: "2026-03-04", today })).toBeNull();
  });

  it("refuses a date before the previous step's, and accepts the same day", () => {
    const earlier = { referralDate: "2026-03-01", screenedDate: "2026-03-04" };
    expect(dateProblem({ step: "consent", date: "2026-03-02", today, earlier })).toBe(
      "The consent date (2 March 2026) cannot be before the screening date (4 March 2026). Check both dates.",
    );
    expect(dateProblem({ step: "consent", date: "2026-03-04", today, earlier })).toBeNull();
    expect(dateProblem({ step: "decline", date: "2026-03-03", today, earlier })).toMatch(
      /^The date they declined \(3 March 2026\) cannot be before the screening date/,
    );
    expect(dateProblem({ step: "screening", date: "2026-02-28", today, earlier })).toBe(
      "The screening date (28 February 2026) cannot be before the referral date (1 March 2026). Check both dates.",
    );
  });

  it("checks every step against the step before it", () => {
    const full = {
      referralDate: "2026-01-10",
      screenedDate: "2026-01-12",
      consentDate: "2026-01-14",
      baselineDate: "2026-01-20",
    };
    const cases = [
      ["screening", "2026-01-09", "referral date"],
      ["consent", "2026-01-11", "screening date"],
      ["decline", "2026-01-11", "screening date"],
      ["baseline", "2026-01-13", "consent date"],
      ["followUp", "2026-01-19", "baseline interview date"],
      ["withdrawal", "2026-01-19", "baseline interview date"],
      ["lost", "2026-01-19", "baseline interview date"],
    ] as const;
    for (const [step, date, blocker] of cases) {
      expect(dateProblem({ step, date, today, earlier: full })).toContain(`cannot be before the ${blocker}`);
      expect(dateProblem({ step, date: addDays(date, 1), today, earlier: full })).toBeNull();
    }
    // The referral is the first step: nothing on the record binds it.
    expect(dateProblem({ step: "referral", date: "2025-12-01", today, earlier: full })).toBeNull();
  });

  it("names the latest earlier date a withdrawal falls before, and skips dates not recorded", () => {
    const earlier = {
      referralDate: "2026-03-01",
      screenedDate: "2026-03-02",
      consentDate: "2026-03-04",
      baselineDate: null,
    };
    expect(dateProblem({ step: "withdrawal", date: "2026-03-01", today, earlier })).toBe(
      "The withdrawal date (1 March 2026) cannot be before the consent date (4 March 2026). Check both dates.",
    );
    expect(dateProblem({ step: "withdrawal", date: "2026-03-04", today, earlier })).toBeNull();
  });

  it("refuses a follow-up only before the baseline; outside the window it warns instead", () => {
    const earlier = {
      referralDate: "2025-01-01",
      screenedDate: "2025-01-01",
      consentDate: "2025-01-01",
      baselineDate: "2025-06-10",
    };
    expect(dateProblem({ step: "followUp", date: "2025-06-09", today, earlier })).toMatch(
      /cannot be before the baseline/,
    );
    // Far too early for its window (due 10 March 2026), but not refused: the warning says so.
    expect(dateProblem({ step: "followUp", date: "2025-07-01", today, earlier })).toBeNull();
    expect(
      followUpWindowNote({
        baselineDate: "2025-06-10",
        followUpDate: "2025-07-01",
        settings: { followUpMonths: 9, followUpWindowDays: 28 },
      }),
    ).toMatch(/before its window opens/);
  });
});

describe("follow-up due date", () => {
  it("adds calendar months, clamping to the end of a shorter month", () => {
    expect(followUpDue("2025-08-31", 6)).toBe("2026-02-28");
    expect(followUpDue("2027-08-31", 6)).toBe("2028-02-29"); // leap year
    expect(followUpDue("2023-08-31", 6)).toBe("2024-02-29"); // leap year
    expect(followUpDue("2025-05-31", 9)).toBe("2026-02-28");
    expect(followUpDue("2027-05-31", 9)).toBe("2028-02-29");
    expect(followUpDue("2028-02-29", 12)).toBe("2029-02-28"); // from a leap day to a year without one
    expect(followUpDue("2027-05-29", 9)).toBe("2028-02-29");
    expect(followUpDue("2025-05-29", 9)).toBe("2026-02-28");
    expect(followUpDue("2026-04-30", 10)).toBe("2027-02-28");
    expect(followUpDue("2026-01-31", 3)).toBe("2026-04-30");
    expect(followUpDue("2026-06-30", 9)).toBe("2027-03-30"); // into the next year
    expect(followUpDue("2026-03-15", 9)).toBe("2026-12-15");
    expect(followUpDue("2026-03-15", 0)).toBe("2026-03-15");
  });

  it("lands on the days the UK clocks change like any other day", () => {
    expect(followUpDue("2025-06-29", 9)).toBe("2026-03-29"); // clocks go forward
    expect(followUpDue("2026-01-25", 9)).toBe("2026-10-25"); // clocks go back
    expect(followUpDue("2026-03-29", 7)).toBe("2026-10-29");
  });

  it("opens and closes the window the set number of days either side", () => {
    // 29 March 2026 − 28 days = 1 March; + 28 days = 26 April (29 + 28 = 57 = 31 + 26).
    expect(followUpWindow("2026-03-29", 28)).toEqual({ opens: "2026-03-01", closes: "2026-04-26" });
    // 25 October 2026 − 28 = 27 September; + 28 = 22 November (25 + 28 = 53 = 31 + 22).
    expect(followUpWindow("2026-10-25", 28)).toEqual({ opens: "2026-09-27", closes: "2026-11-22" });
    // Across a leap day: 10 March 2028 − 28 = 11 February (February has 29 days); in 2027, 10 February.
    expect(followUpWindow("2028-03-10", 28)).toEqual({ opens: "2028-02-11", closes: "2028-04-07" });
    expect(followUpWindow("2027-03-10", 28).opens).toBe("2027-02-10");
    expect(followUpWindow("2026-03-29", 0)).toEqual({ opens: "2026-03-29", closes: "2026-03-29" });
  });

  it("refuses nonsense settings as a bug", () => {
    expect(() => followUpDue("2026-01-01", -1)).toThrow(RangeError);
    expect(() => followUpDue("2026-02-30", 9)).toThrow(RangeError);
    expect(() => followUpWindow("2026-01-01", 1.5)).toThrow(RangeError);
  });
});

describe("follow-up state", () => {
  const settings = { followUpMonths: 9, followUpWindowDays: 28 };
  // Baseline 25 January 2026: due 25 October 2026 (the clocks go back that day); the window opens
  // 27 September and closes 22 November; "due soon" starts 28 days before it opens, 30 August.
  const participant = { status: "BASELINE_DONE" as const, baselineDate: "2026-01-25" };

  it("works out the schedule", () => {
    expect(followUpSchedule("2026-01-25", settings)).toEqual({
      due: "2026-10-25",
      opens: "2026-09-27",
      closes: "2026-11-22",
    });
  });

  it.each([
    ["2026-02-01", "not-yet"],
    ["2026-08-29", "not-yet"],
    ["2026-08-30", "due-soon"],
    ["2026-09-26", "due-soon"],
    ["2026-09-27", "due"],
    ["2026-10-25", "due"],
    ["2026-11-22", "due"],
    ["2026-11-23", "overdue"],
    ["2027-06-01", "overdue"],
  ])("on %s it is %s", (today, state) => {
    expect(followUpState(participant, today, settings)).toBe(state);
  });

  it("is done once the follow-up is recorded, and not applicable to everyone else", () => {
    expect(followUpState({ status: "FOLLOW_UP_DONE", baselineDate: "2026-01-25" }, "2026-11-23", settings)).toBe(
      "done",
    );
    for (const status of [
      "REFERRED",
      "ELIGIBLE",
      "CONSENTED",
      "NOT_ELIGIBLE",
      "DECLINED",
      "WITHDRAWN",
      "LOST_TO_FOLLOW_UP",
    ] as const) {
      expect(followUpState({ status, baselineDate: "2026-01-25" }, "2026-11-23", settings)).toBe("not-applicable");
    }
    expect(followUpState({ status: "BASELINE_DONE", baselineDate: null }, "2026-11-23", settings)).toBe(
      "not-applicable",
    );
  });

  it("follows the study's settings", () => {
    // Six months and a 14-day window: due 25 July 2026, window 11 July to 8 August.
    const short = { followUpMonths: 6, followUpWindowDays: 14 };
    expect(followUpState(participant, "2026-07-10", short)).toBe("due-soon");
    expect(followUpState(participant, "2026-07-11", short)).toBe("due");
    expect(followUpState(participant, "2026-08-08", short)).toBe("due");
    expect(followUpState(participant, "2026-08-09", short)).toBe("overdue");
  });

  it("warns when the interview falls outside the window, and not inside it", () => {
    const note = (followUpDate: string) => followUpWindowNote({ baselineDate: "2026-01-25", followUpDate, settings });
    expect(note("2026-09-26")).toBe(
      "This follow-up interview is 1 day before its window opens (27 September 2026 to 22 November 2026). It will be recorded, but it counts as outside the window: check the date is right.",
    );
    expect(note("2026-11-24")).toBe(
      "This follow-up interview is 2 days after its window closed (27 September 2026 to 22 November 2026). It will be recorded, but it counts as outside the window: check the date is right.",
    );
    expect(note("2026-09-27")).toBeNull();
    expect(note("2026-10-25")).toBeNull();
    expect(note("2026-11-22")).toBeNull();
  });
});

describe("target shares", () => {
  const sum = (shares: { target: number }[]) => shares.reduce((total, share) => total + share.target, 0);

  it("shares the study target evenly when no agency has its own", () => {
    const agencies = Array.from({ length: 12 }, (_, index) => ({ id: `agency-${index}`, target: null }));
    const shares = targetShares(240, agencies);
    expect(shares.map((share) => share.target)).toEqual(Array(12).fill(20));
    expect(shares.every((share) => share.shared)).toBe(true);
  });

  it("gives the remainder one each to the first agencies by id, whatever the order given", () => {
    // 240 ÷ 7 = 34 remainder 2: a and b get 35, the rest 34.
    const ids = ["e", "b", "g", "a", "d", "f", "c"];
    const shares = targetShares(
      240,
      ids.map((id) => ({ id, target: null })),
    );
    expect(shares.map((share) => share.id)).toEqual(ids);
    expect(Object.fromEntries(shares.map((share) => [share.id, share.target]))).toEqual({
      a: 35,
      b: 35,
      c: 34,
      d: 34,
      e: 34,
      f: 34,
      g: 34,
    });
    expect(sum(shares)).toBe(240);
    const reversed = targetShares(
      240,
      [...ids].reverse().map((id) => ({ id, target: null })),
    );
    expect(new Map(reversed.map((share) => [share.id, share.target]))).toEqual(
      new Map(shares.map((share) => [share.id, share.target])),
    );
  });

  it("keeps agencies' own targets and shares out the rest", () => {
    // 240 − 50 − 30 = 160, shared by y and z: 80 each.
    expect(
      targetShares(240, [
        { id: "x", target: 50 },
        { id: "y", target: null },
        { id: "z", target: null },
        { id: "w", target: 30 },
      ]),
    ).toEqual([
      { id: "x", target: 50, shared: false },
      { id: "y", target: 80, shared: true },
      { id: "z", target: 80, shared: true },
      { id: "w", target: 30, shared: false },
    ]);
    // 100 − 9 = 91 for three agencies: 30 each and 1 over, which goes to b (first by id).
    const shares = targetShares(100, [
      { id: "d", target: null },
      { id: "a", target: 9 },
      { id: "c", target: null },
      { id: "b", target: null },
    ]);
    expect(shares.map((share) => share.target)).toEqual([30, 9, 30, 31]);
    expect(sum(shares)).toBe(100);
  });

  it("adds up to the study target whenever the agencies' own targets leave something to share", () => {
    for (let agencies = 1; agencies <= 15; agencies += 1) {
      for (let own = 0; own < agencies; own += 1) {
        const list = Array.from({ length: agencies }, (_, index) => ({
          id: String(index).padStart(2, "0"),
          target: index < own ? 7 : null,
        }));
        expect(sum(targetShares(240, list))).toBe(240);
      }
    }
  });

  it("never shares out less than nothing when agencies' own targets exceed the study's", () => {
    expect(
      targetShares(100, [
        { id: "a", target: 80 },
        { id: "b", target: 40 },
        { id: "c", target: null },
      ]),
    ).toEqual([
      { id: "a", target: 80, shared: false },
      { id: "b", target: 40, shared: false },
      { id: "c", target: 0, shared: true },
    ]);
    expect(targetShares(240, [])).toEqual([]);
    expect(() => targetShares(-1, [])).toThrow(RangeError);
    expect(() => targetShares(240, [{ id: "a", target: -5 }])).toThrow(RangeError);
  });
});

describe("progress", () => {
  it("shows n/N and a whole percentage rounded down", () => {
    // 57 × 100 ÷ 80 = 71.25.
    expect(progress(57, 80)).toEqual({ n: 57, target: 80, percent: 71, label: "57/80 (71 %)" });
    // 239 ÷ 240 = 99.58 %: not shown as 100 % until the target is reached.
    expect(progress(239, 240).label).toBe("239/240 (99 %)");
    expect(progress(240, 240).label).toBe("240/240 (100 %)");
    expect(progress(0, 20).label).toBe("0/20 (0 %)");
  });

  it("goes past 100 % when recruitment does", () => {
    // 250 × 100 ÷ 240 = 104.17.
    expect(progress(250, 240)).toEqual({ n: 250, target: 240, percent: 104, label: "250/240 (104 %)" });
    expect(progress(40, 20).percent).toBe(200);
  });

  it("has no percentage without a target", () => {
    expect(progress(5, 0)).toEqual({ n: 5, target: 0, percent: null, label: "5/0 (no target set)" });
  });
});

describe("study IDs", () => {
  const DB_CHECK = /^CP-[0-9]{2,}-[0-9]{4,}$/;

  it("pads the agency code to 2 digits and the sequence to 4, in the form the database accepts", () => {
    expect(formatStudyId(7, 12)).toBe("CP-07-0012");
    expect(formatStudyId(7, 1)).toBe("CP-07-0001");
    expect(formatStudyId(123, 45678)).toBe("CP-123-45678");
    for (const [code, sequence] of [
      [1, 1],
      [99, 9999],
      [100, 10000],
    ] as const) {
      expect(formatStudyId(code, sequence)).toMatch(DB_CHECK);
    }
  });

  it("refuses codes and sequences that are not whole numbers from 1", () => {
    expect(() => formatStudyId(0, 1)).toThrow(RangeError);
    expect(() => formatStudyId(7, 0)).toThrow(RangeError);
    expect(() => formatStudyId(7, -3)).toThrow(RangeError);
    expect(() => formatStudyId(7.5, 3)).toThrow(RangeError);
  });

  it("reads a study ID back, forgiving spaces and lower case, and nothing that is not one", () => {
    expect(parseStudyId("CP-07-0012")).toEqual({ agencyCode: 7, sequence: 12 });
    expect(parseStudyId("  cp-07-0012 ")).toEqual({ agencyCode: 7, sequence: 12 });
    expect(parseStudyId("CP-123-45678")).toEqual({ agencyCode: 123, sequence: 45678 });
    for (const text of [
      "CP-7-0012",
      "CP-007-0012",
      "CP-07-012",
      "CP-07-00012",
      "CP-00-0001",
      "CP-07-0000",
      "XX-07-0012",
      "CP070012",
      "",
    ]) {
      expect(parseStudyId(text)).toBeNull();
    }
    for (const [code, sequence] of [
      [7, 12],
      [42, 9999],
      [100, 12345],
    ] as const) {
      expect(parseStudyId(formatStudyId(code, sequence))).toEqual({ agencyCode: code, sequence });
    }
  });
});
