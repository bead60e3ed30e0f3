import { describe, expect, it } from "vitest";
import { isEligible, questionnaireState, questionnaireWindow, sectionProgress, timeLeft } from "./rules";

const deadline = new Date("2012-03-16T17:00:00Z");

describe("questionnaireWindow", () => {
  it("is open until the deadline and closed from the deadline's exact instant", () => {
    expect(questionnaireWindow({ deadline, reopenedUntil: null, now: new Date("2012-03-16T16:59:59.999Z") }).open).toBe(
      true,
    );
    expect(questionnaireWindow({ deadline, reopenedUntil: null, now: deadline }).open).toBe(false);
  });

  it("stays open for a reopened agency until the date the researcher set", () => {
    const reopenedUntil = new Date("2012-03-23T17:00:00Z");
    expect(questionnaireWindow({ deadline, reopenedUntil, now: new Date("2012-03-20T09:00:00Z") })).toEqual({
      open: true,
      closesAt: reopenedUntil,
      reopened: true,
    });
    expect(questionnaireWindow({ deadline, reopenedUntil, now: reopenedUntil }).open).toBe(false);
  });

  it("ignores a reopening that ends before the study deadline", () => {
    const window = questionnaireWindow({
      deadline,
      reopenedUntil: new Date("2012-03-01T00:00:00Z"),
      now: new Date("2012-03-10T00:00:00Z"),
    });
    expect(window).toEqual({ open: true, closesAt: deadline, reopened: false });
  });
});

describe("questionnaireState", () => {
  const after = new Date("2012-03-17T00:00:00Z");
  it.each([
    ["SUBMITTED", null, after, "submitted"],
    ["DRAFT", null, new Date("2012-03-01T00:00:00Z"), "draft"],
    ["DRAFT", null, after, "late"],
    ["DRAFT", new Date("2012-03-20T00:00:00Z"), after, "reopened"],
    ["DRAFT", new Date("2012-03-20T00:00:00Z"), new Date("2012-03-21T00:00:00Z"), "late"],
  ] as const)("%s, reopened until %s, at %s → %s", (status, reopenedUntil, now, state) => {
    expect(questionnaireState({ status, deadline, reopenedUntil, now })).toBe(state);
  });
});

describe("sectionProgress and isEligible", () => {
  it("says which sections are complete and what the others miss", () => {
    const progress = sectionProgress({
      eligibility: { clientGroups: ["LEARNING_DISABILITY"] },
      size: { frontLineWorkers: 8 },
    });
    expect(progress.eligibility.complete).toBe(true);
    expect(progress.size.complete).toBe(false);
    expect(progress.size.missing).toEqual(
      expect.arrayContaining([expect.stringMatching(/number of supervisors/), expect.stringMatching(/caseload/)]),
    );
    expect(progress["practice.community"].missing).toEqual(["Choose a rating from 1 to 9."]);
    expect(progress.agreement.complete).toBe(false);
  });

  it("finds a team eligible only when it works with one of the three client groups", () => {
    expect(isEligible({ eligibility: { clientGroups: [], otherClientGroups: "Homeless adults" } })).toBe(false);
    expect(isEligible({ eligibility: { clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"] } })).toBe(true);
    expect(isEligible({})).toBe(false);
  });
});

describe("timeLeft", () => {
  const now = new Date("2012-03-13T12:00:00Z");
  it.each([
    ["2012-03-16T17:00:00Z", "3 days and 5 hours"],
    ["2012-03-14T12:00:00Z", "1 day"],
    ["2012-03-13T14:05:00Z", "2 hours and 5 minutes"],
    ["2012-03-13T12:01:00Z", "1 minute"],
    ["2012-03-13T12:00:30Z", "less than a minute"],
  ])("until %s: %s", (closesAt, words) => {
    expect(timeLeft(new Date(closesAt), now)).toBe(words);
  });
});
