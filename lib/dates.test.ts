import { describe, expect, it } from "vitest";
import { toUkInputValues, ukLocalToUtc } from "./dates";

describe("ukLocalToUtc", () => {
  it("reads a winter time as GMT and a summer time as BST", () => {
    expect(ukLocalToUtc("2012-03-16", "17:00")?.toISOString()).toBe("2012-03-16T17:00:00.000Z");
    expect(ukLocalToUtc("2026-07-01", "17:00")?.toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });

  it("refuses the hour skipped when the clocks go forward", () => {
    expect(ukLocalToUtc("2026-03-29", "01:30")).toBeNull();
    expect(ukLocalToUtc("2026-03-29", "02:00")?.toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the first of the hour that happens twice when the clocks go back", () => {
    expect(ukLocalToUtc("2026-10-25", "01:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses dates and times that are not real", () => {
    expect(ukLocalToUtc("2026-02-30", "12:00")).toBeNull();
    expect(ukLocalToUtc("2026-02-01", "25:00")).toBeNull();
    expect(ukLocalToUtc("1 Feb", "12:00")).toBeNull();
  });

  it("round-trips with toUkInputValues", () => {
    const instant = new Date("2026-06-30T23:30:00Z");
    expect(toUkInputValues(instant)).toEqual({ date: "2026-07-01", time: "00:30" });
    const { date, time } = toUkInputValues(instant);
    expect(ukLocalToUtc(date, time)?.toISOString()).toBe(instant.toISOString());
  });
});
