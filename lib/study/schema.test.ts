import { describe, expect, it } from "vitest";
import { studySettingsSchema } from "./schema";

const valid = {
  deadlineDate: "2027-03-16",
  deadlineTime: "17:00",
  agenciesToSelect: 12,
  workerTrainingDays: 3,
  supervisorExtraDays: 2,
  followUpMonths: 9,
  followUpWindowDays: 28,
  participantTarget: 240,
};

function problems(input: Record<string, unknown>) {
  const result = studySettingsSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("the closing date in UK time", () => {
  it("reads a winter date as GMT", () => {
    const parsed = studySettingsSchema.parse({ ...valid, deadlineDate: "2027-01-15", deadlineTime: "17:00" });
    expect(parsed.questionnaireDeadline.toISOString()).toBe("2027-01-15T17:00:00.000Z");
  });

  it("reads a summer date as BST, an hour ahead of UTC", () => {
    const parsed = studySettingsSchema.parse({ ...valid, deadlineDate: "2026-07-01", deadlineTime: "17:00" });
    expect(parsed.questionnaireDeadline.toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });

  it("refuses 01:30 on 29 March 2026, the hour skipped when the clocks go forward, with a clear message", () => {
    expect(problems({ ...valid, deadlineDate: "2026-03-29", deadlineTime: "01:30" })).toEqual({
      deadlineTime: expect.stringMatching(
        /There is no 01:30 on Sunday, 29 March 2026 in the UK: the clocks go forward/,
      ),
    });
    // Either side of the skipped hour is fine.
    expect(
      studySettingsSchema.parse({ ...valid, deadlineDate: "2026-03-29", deadlineTime: "00:59" }).questionnaireDeadline,
    ).toEqual(new Date("2026-03-29T00:59:00Z"));
    expect(
      studySettingsSchema.parse({ ...valid, deadlineDate: "2026-03-29", deadlineTime: "02:00" }).questionnaireDeadline,
    ).toEqual(new Date("2026-03-29T01:00:00Z"));
  });

  it("accepts 01:30 on 25 October 2026, which happens twice, as the first (BST) one", () => {
    const parsed = studySettingsSchema.parse({ ...valid, deadlineDate: "2026-10-25", deadlineTime: "01:30" });
    expect(parsed.questionnaireDeadline.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("asks for a date and a time that exist, in plain words", () => {
    expect(problems({ ...valid, deadlineDate: "", deadlineTime: "" })).toEqual({
      deadlineDate: "Enter the closing date.",
      deadlineTime: "Enter the closing time.",
    });
    expect(problems({ ...valid, deadlineDate: "16/03/2027", deadlineTime: "5pm" })).toEqual({
      deadlineDate: "Enter the closing date as a date, for example 2027-03-16.",
      deadlineTime: "Enter the closing time in 24-hour form, for example 17:00.",
    });
    expect(problems({ ...valid, deadlineDate: "2027-02-30", deadlineTime: "24:00" })).toEqual({
      deadlineDate: "That date does not exist. Check the day and month.",
      deadlineTime: "Enter the closing time in 24-hour form, for example 17:00.",
    });
    expect(problems({ ...valid, deadlineDate: "1999-12-31" })).toEqual({
      deadlineDate: "Enter a closing date between the years 2000 and 2100.",
    });
    expect(problems({ ...valid, deadlineDate: undefined })).toEqual({ deadlineDate: "Enter the closing date." });
  });
});

describe("the numbers", () => {
  const ranges = [
    ["agenciesToSelect", 1, 100],
    ["workerTrainingDays", 1, 3],
    ["supervisorExtraDays", 0, 2],
    ["followUpMonths", 1, 36],
    ["followUpWindowDays", 0, 180],
    ["participantTarget", 1, 100_000],
  ] as const;

  it.each(ranges)("%s accepts %i to %i and refuses one either side", (field, min, max) => {
    // The cross-field rules must not get in the way of the range being tested.
    const roomy = {
      ...valid,
      agenciesToSelect: 1,
      followUpMonths: 36,
      followUpWindowDays: 0,
      participantTarget: 100_000,
    };
    expect(problems({ ...roomy, [field]: min })).toEqual({});
    expect(problems({ ...roomy, [field]: max })).toEqual({});
    expect(problems({ ...roomy, [field]: min - 1 })[field]).toMatch(/must be between/);
    expect(problems({ ...roomy, [field]: max + 1 })[field]).toMatch(/must be between/);
  });

  it("takes the text of a box, commas included, and asks for whole numbers in plain words", () => {
    const parsed = studySettingsSchema.parse({ ...valid, agenciesToSelect: " 12 ", participantTarget: "1,000" });
    expect(parsed).toMatchObject({ agenciesToSelect: 12, participantTarget: 1000 });
    expect(
      problems({
        ...valid,
        agenciesToSelect: "",
        workerTrainingDays: "2.5",
        supervisorExtraDays: "two",
        followUpMonths: null,
      }),
    ).toEqual({
      agenciesToSelect: "Enter the number of agencies to select.",
      workerTrainingDays: "Enter the number of training days for workers as a whole number, without a decimal point.",
      supervisorExtraDays: "Enter the number of extra training days for supervisors as a whole number, for example 1.",
      followUpMonths: "Enter the number of months to follow-up as a whole number, for example 2.",
    });
    expect(problems({ ...valid, agenciesToSelect: 0 })).toEqual({
      agenciesToSelect: "The number of agencies to select must be between 1 and 100.",
    });
    expect(problems({ ...valid, participantTarget: 100_001 })).toEqual({
      participantTarget: "The participant target must be between 1 and 100,000.",
    });
  });

  it("keeps the follow-up window shorter than the follow-up period", () => {
    expect(problems({ ...valid, followUpMonths: 1, followUpWindowDays: 27 })).toEqual({});
    expect(problems({ ...valid, followUpMonths: 1, followUpWindowDays: 28 })).toEqual({
      followUpWindowDays: expect.stringMatching(/With 1 month to follow-up, use at most 27 days/),
    });
  });

  it("asks for at least one participant for every agency to select", () => {
    expect(problems({ ...valid, agenciesToSelect: 12, participantTarget: 12 })).toEqual({});
    expect(problems({ ...valid, agenciesToSelect: 12, participantTarget: 11 })).toEqual({
      participantTarget: expect.stringMatching(/at least the number of agencies to select/),
    });
  });

  it("answers input that is no object at all with a message, not a crash (found by the fuzz test)", () => {
    for (const input of [undefined, null, "' OR 1=1 --", Number.NaN, [], [valid]]) {
      const result = studySettingsSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message).join(" ")).not.toMatch(/undefined|NaN/);
    }
  });

  it("leaves the confirmation unticked unless it is ticked", () => {
    expect(studySettingsSchema.parse(valid).confirmCloseNow).toBe(false);
    expect(studySettingsSchema.parse({ ...valid, confirmCloseNow: true }).confirmCloseNow).toBe(true);
  });
});
