import { describe, expect, it } from "vitest";
import {
  chartLayout,
  linearScale,
  MIN_STEP,
  monthName,
  monthTicks,
  projectionFromCounts,
  shortDate,
  valueTicks,
} from "./chart";

describe("linearScale", () => {
  it("maps the ends of the domain onto the ends of the range, and points between in proportion", () => {
    const scale = linearScale([0, 100], [260, 28]);
    expect(scale(0)).toBe(260);
    expect(scale(100)).toBe(28);
    expect(scale(25)).toBe(202);
  });

  it("puts everything at the start of the range when the domain is a single point", () => {
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });
});

describe("valueTicks", () => {
  it("counts up in round steps to at least the largest value", () => {
    expect(valueTicks(240, 6)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(valueTicks(20, 6)).toEqual([0, 5, 10, 15, 20]);
    expect(valueTicks(1001, 6)).toEqual([0, 500, 1000, 1500]);
  });

  it("never steps by less than one person", () => {
    expect(valueTicks(3, 6)).toEqual([0, 1, 2, 3]);
    expect(valueTicks(0, 6)).toEqual([0, 1]);
  });
});

describe("monthTicks", () => {
  it("marks the first of every month when they fit", () => {
    expect(monthTicks("2027-03-10", "2027-06-09", 8)).toEqual([
      { date: "2027-04-01", label: "Apr 2027" },
      { date: "2027-05-01", label: "May 2027" },
      { date: "2027-06-01", label: "Jun 2027" },
    ]);
  });

  it("includes the start when it is the first of a month", () => {
    expect(monthTicks("2027-03-01", "2027-04-01", 8).map((tick) => tick.label)).toEqual(["Mar 2027", "Apr 2027"]);
  });

  it("thins to every few months, counted from January, on a narrow chart", () => {
    expect(monthTicks("2026-11-15", "2029-02-01", 5).map((tick) => tick.label)).toEqual([
      "Jan 2027",
      "Jul 2027",
      "Jan 2028",
      "Jul 2028",
      "Jan 2029",
    ]);
  });

  it("shows only years when the marks are a year apart", () => {
    expect(monthTicks("2026-11-15", "2029-02-01", 4).map((tick) => tick.label)).toEqual(["2027", "2028", "2029"]);
  });
});

describe("shortDate", () => {
  it("writes a date the way the axis does", () => {
    expect(shortDate("2028-03-05")).toBe("5 Mar 2028");
  });

  it("names a month in full for the table", () => {
    expect(monthName("2027-03")).toBe("March 2027");
    expect(monthName("2028-12")).toBe("December 2028");
  });
});

describe("chartLayout", () => {
  const series = [
    { date: "2027-03-10", total: 2 },
    { date: "2027-03-20", total: 5 },
    { date: "2027-04-05", total: 10 },
  ];
  const projected = {
    kind: "projected",
    date: "2027-06-09",
    perWeek: 1.2,
    sentence: "",
  } as const;

  it("draws the running total as steps, the target line and the projected date on the same scales", () => {
    const layout = chartLayout({
      series,
      target: 20,
      today: "2027-04-30",
      projection: projected,
      width: 600,
      height: 300,
      maxMonthTicks: 8,
    });
    // Plot from x 52 to 564 for 100 days (1 March to 9 June), y 260 (0) to 28 (20).
    expect(layout.plot).toEqual({ left: 52, right: 564, top: 28, bottom: 260 });
    expect(layout.line).toBe("M52,260 H98.1 V236.8 H149.3 V202 H231.2 V144 H359.2");
    expect(layout.yTicks).toEqual([
      { y: 260, label: "0" },
      { y: 202, label: "5" },
      { y: 144, label: "10" },
      { y: 86, label: "15" },
      { y: 28, label: "20" },
    ]);
    expect(layout.xTicks).toEqual([
      { x: 52, label: "Mar 2027" },
      { x: 210.7, label: "Apr 2027" },
      { x: 364.3, label: "May 2027" },
      { x: 523, label: "Jun 2027" },
    ]);
    expect(layout.target).toEqual({ y: 28, label: "Target 20" });
    expect(layout.marker).toEqual({ x: 564, y: 28, label: "Projected 9 Jun 2027", kind: "projected" });
    expect(layout.projectionLine).toBe("M359.2,144 L564,28");
    expect(layout.projectionOffChart).toBe(false);
  });

  it("marks the date the target was reached, with no projection line", () => {
    const layout = chartLayout({
      series,
      target: 5,
      today: "2027-04-30",
      projection: projectionFromCounts(
        [
          { date: "2027-03-10", recruited: 2 },
          { date: "2027-03-20", recruited: 3 },
        ],
        5,
        "2027-04-30",
      ),
      width: 600,
      height: 300,
      maxMonthTicks: 8,
    });
    // Time runs 1 March to 30 April (60 days); counts 0 to 10.
    expect(layout.marker).toEqual({ x: 214.1, y: 144, label: "Reached 20 Mar 2027", kind: "reached" });
    expect(layout.projectionLine).toBeNull();
    expect(layout.target).toEqual({ y: 144, label: "Target 5" });
  });

  it("leaves a projected date years ahead off the drawing and says so", () => {
    const layout = chartLayout({
      series: [
        { date: "2027-03-10", total: 1 },
        { date: "2027-03-12", total: 2 },
      ],
      target: 240,
      today: "2027-03-31",
      projection: { kind: "projected", date: "2031-01-01", perWeek: 0.5, sentence: "" },
      width: 600,
      height: 300,
      maxMonthTicks: 8,
    });
    expect(layout.projectionOffChart).toBe(true);
    expect(layout.marker).toBeNull();
    expect(layout.projectionLine).toBeNull();
    // The time axis stops at a month after the start, not in 2031.
    expect(layout.xTicks.map((tick) => tick.label)).toEqual(["Mar 2027"]);
    expect(layout.yTicks.at(-1)).toEqual({ y: 28, label: "250" });
  });

  it("refuses to draw nothing", () => {
    expect(() =>
      chartLayout({
        series: [],
        target: 1,
        today: "2027-03-31",
        projection: { kind: "too-few", date: null, sentence: "" },
        width: 600,
        height: 300,
        maxMonthTicks: 8,
      }),
    ).toThrow(RangeError);
  });
});

describe("projectionFromCounts", () => {
  /** One participant recruited on each date. */
  const onePerDate = (dates: string[]) => dates.map((date) => ({ date, recruited: 1 }));

  it("projects at the mean daily rate since the first recruitment", () => {
    // 5 recruited in the 10 days from 1 to 11 January: 0.5 a day (3.5 a week). 15 to go: 30 days
    // after 11 January is 10 February.
    const perDate = onePerDate(["2026-01-01", "2026-01-03", "2026-01-04", "2026-01-08", "2026-01-10"]);
    expect(projectionFromCounts(perDate, 20, "2026-01-11")).toEqual({
      kind: "projected",
      date: "2026-02-10",
      perWeek: 3.5,
      sentence: "At the current rate (about 3.5 a week), the target of 20 would be reached around 10 February 2026.",
    });
  });

  it("rounds the days needed up, across the clock change", () => {
    // 3 recruited in the 14 days from 1 to 15 March: 3/14 a day (1.5 a week). 7 to go take
    // 7 ÷ 3/14 = 32.67 days, so 33: 15 March + 33 days = 17 April.
    expect(
      projectionFromCounts(onePerDate(["2026-03-08", "2026-03-01", "2026-03-05"]), 10, "2026-03-15"),
    ).toMatchObject({
      kind: "projected",
      date: "2026-04-17",
      perWeek: 1.5,
    });
  });

  it("counts a first day with two recruitments as one day", () => {
    // 2 recruited today: 2 a day; 2 to go take 1 day.
    expect(projectionFromCounts([{ date: "2026-05-01", recruited: 2 }], 4, "2026-05-01").date).toBe("2026-05-02");
  });

  it("ignores recruitment dates after today", () => {
    // Only 1 and 5 January count: 2 in 10 days = 0.2 a day; 2 to go take 10 days.
    expect(projectionFromCounts(onePerDate(["2026-01-01", "2026-01-05", "2026-02-01"]), 4, "2026-01-11").date).toBe(
      "2026-01-21",
    );
    // Only the 2 of 1 June count, not the 50 of 1 July: 2 in the 14 days to 15 June is 1 a week; 8 to
    // go take 56 days: 15 June + 56 days = 10 August.
    expect(
      projectionFromCounts(
        [
          { date: "2027-06-01", recruited: 2 },
          { date: "2027-07-01", recruited: 50 },
        ],
        10,
        "2027-06-15",
      ),
    ).toEqual({
      kind: "projected",
      date: "2027-08-10",
      perWeek: 1,
      sentence: "At the current rate (about 1 a week), the target of 10 would be reached around 10 August 2027.",
    });
  });

  it("projects from several recruited on a date", () => {
    // 8 recruited in the 97 days from 10 March to 15 June: 8/97 a day (0.58 a week, so 0.6). 12 to go
    // take 12 ÷ 8/97 = 145.5 days, so 146: 15 June + 146 days = 8 November.
    const perDate = [
      { date: "2027-03-10", recruited: 3 },
      { date: "2027-04-05", recruited: 2 },
      { date: "2027-04-20", recruited: 1 },
      { date: "2027-05-03", recruited: 1 },
      { date: "2027-05-20", recruited: 1 },
    ];
    expect(projectionFromCounts(perDate, 20, "2027-06-15")).toEqual({
      kind: "projected",
      date: "2027-11-08",
      perWeek: 0.6,
      sentence: "At the current rate (about 0.6 a week), the target of 20 would be reached around 8 November 2027.",
    });
  });

  it("says when the target was reached", () => {
    const perDate = onePerDate(["2026-02-03", "2026-01-01", "2026-01-20", "2026-01-05", "2026-03-01"]);
    expect(projectionFromCounts(perDate, 3, "2026-04-01")).toEqual({
      kind: "reached",
      date: "2026-01-20",
      sentence: "The target of 3 was reached on 20 January 2026.",
    });
  });

  it("gives the day the running total reached the target, in whatever order the dates come", () => {
    // In date order: 5 on 1 March, 11 on 1 April (the 10th among them), 15 on 1 May.
    const perDate = [
      { date: "2027-05-01", recruited: 4 },
      { date: "2027-03-01", recruited: 5 },
      { date: "2027-04-01", recruited: 6 },
    ];
    expect(projectionFromCounts(perDate, 10, "2027-06-15")).toEqual({
      kind: "reached",
      date: "2027-04-01",
      sentence: "The target of 10 was reached on 1 April 2027.",
    });
  });

  it("gives no date when the target would not be reached within 100 years at the current rate", () => {
    // 2 recruited over 6 years: about 0.0009 a day; 9,998 to go would take some 30,000 years.
    expect(projectionFromCounts(onePerDate(["2020-01-01", "2026-01-01"]), 10_000, "2026-01-01")).toEqual({
      kind: "too-slow",
      date: null,
      perWeek: 0,
      sentence:
        "At the current rate (fewer than 0.1 a week), the target of 10000 would not be reached within 100 years.",
    });
    // 2 recruited on one day seven and a half years ago; 99,998 to go.
    expect(projectionFromCounts([{ date: "2020-01-01", recruited: 2 }], 100_000, "2027-06-15")).toEqual({
      kind: "too-slow",
      date: null,
      perWeek: 0,
      sentence:
        "At the current rate (fewer than 0.1 a week), the target of 100000 would not be reached within 100 years.",
    });
  });

  it("says why there is no date with fewer than two recruitments or no target", () => {
    for (const perDate of [[], onePerDate(["2026-01-01"])]) {
      expect(projectionFromCounts(perDate, 20, "2026-02-01")).toEqual({
        kind: "too-few",
        date: null,
        sentence: "At least two participants must be recruited before a date for reaching the target can be projected.",
      });
    }
    expect(projectionFromCounts(onePerDate(["2026-01-01", "2026-01-02"]), 0, "2026-02-01")).toMatchObject({
      kind: "no-target",
      date: null,
    });
    expect(projectionFromCounts([{ date: "2027-06-15", recruited: 3 }], 0, "2027-06-15")).toEqual({
      kind: "no-target",
      date: null,
      sentence: "No target is set, so there is nothing to project.",
    });
  });

  it("projects at national scale", () => {
    // 100 to 122 a day (100 + the day's index modulo 23) from 1 January 2025. Up to today, 26 November
    // 2026, that is 695 dates: 695 × 100 + 30 × (0 + 1 + … + 22) + (0 + … + 4) = 77,100 in 694 days,
    // 111.095 a day (777.7 a week). 42,900 to go take 386.2 days, so 387: 18 December 2027.
    const perDate = Array.from({ length: 700 }, (_, index) => ({
      date: new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString().slice(0, 10),
      recruited: 100 + (index % 23),
    }));
    expect(projectionFromCounts(perDate, 120_000, "2026-11-26")).toEqual({
      kind: "projected",
      date: "2027-12-18",
      perWeek: 777.7,
      sentence:
        "At the current rate (about 777.7 a week), the target of 120000 would be reached around 18 December 2027.",
    });
  });

  it("refuses a target that is not a whole number of people", () => {
    expect(() => projectionFromCounts([], -1, "2027-06-15")).toThrow(RangeError);
    expect(() => projectionFromCounts([], 1.5, "2027-06-15")).toThrow(RangeError);
  });
});

describe("the line at national scale", () => {
  it("draws steps at least MIN_STEP apart, and ends at the running total", () => {
    const series = Array.from({ length: 700 }, (_, index) => ({
      date: new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString().slice(0, 10),
      total: (index + 1) * 110,
    }));
    const target = 120_000;
    const today = "2026-12-01";
    const layout = chartLayout({
      series,
      target,
      today,
      projection: projectionFromCounts(
        [
          { date: series[0]!.date, recruited: 1 },
          { date: series.at(-1)!.date, recruited: 1 },
        ],
        target,
        today,
      ),
      width: 720,
      height: 340,
      maxMonthTicks: 8,
    });
    const xs = [...layout.line.matchAll(/H([0-9.]+)/g)].map((match) => Number(match[1]));
    const steps = xs.slice(0, -1);
    for (let index = 1; index < steps.length; index++) {
      expect(steps[index]! - steps[index - 1]!).toBeGreaterThanOrEqual(MIN_STEP);
    }
    expect(steps.length).toBeLessThan(400);
    // The last step rises to the last total: the same height as a line drawn with every step.
    const ys = [...layout.line.matchAll(/V([0-9.]+)/g)].map((match) => Number(match[1]));
    const full = chartLayout({
      series: series.slice(-1),
      target,
      today,
      projection: projectionFromCounts(
        [
          { date: series[0]!.date, recruited: 1 },
          { date: series.at(-1)!.date, recruited: 1 },
        ],
        target,
        today,
      ),
      width: 720,
      height: 340,
      maxMonthTicks: 8,
    });
    expect(ys.at(-1)).toBe(Number(/V([0-9.]+)/.exec(full.line)![1]));
    expect(layout.line.length).toBeLessThan(6_000);
  });
});
