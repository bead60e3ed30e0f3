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
import { projection } from "./rules";

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
      projection: projection(["2027-03-10", "2027-03-10", "2027-03-20", "2027-03-20", "2027-03-20"], 5, "2027-04-30"),
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
  /** One date per participant, as projection() takes them. */
  const expand = (perDate: { date: string; recruited: number }[]) =>
    perDate.flatMap(({ date, recruited }) => Array.from({ length: recruited }, () => date));
  const cases: { perDate: { date: string; recruited: number }[]; target: number; today: string }[] = [
    { perDate: [], target: 20, today: "2027-06-15" },
    { perDate: [{ date: "2027-03-10", recruited: 1 }], target: 20, today: "2027-06-15" },
    {
      perDate: [
        { date: "2027-03-10", recruited: 3 },
        { date: "2027-04-05", recruited: 2 },
        { date: "2027-04-20", recruited: 1 },
        { date: "2027-05-03", recruited: 1 },
        { date: "2027-05-20", recruited: 1 },
      ],
      target: 20,
      today: "2027-06-15",
    },
    // Reached on the day the running total gets there, in whatever order the dates come.
    {
      perDate: [
        { date: "2027-05-01", recruited: 4 },
        { date: "2027-03-01", recruited: 5 },
        { date: "2027-04-01", recruited: 6 },
      ],
      target: 10,
      today: "2027-06-15",
    },
    // Consents dated after today do not count.
    {
      perDate: [
        { date: "2027-06-01", recruited: 2 },
        { date: "2027-07-01", recruited: 50 },
      ],
      target: 10,
      today: "2027-06-15",
    },
    // So slow that it would take more than a century.
    { perDate: [{ date: "2020-01-01", recruited: 2 }], target: 100_000, today: "2027-06-15" },
    { perDate: [{ date: "2027-06-15", recruited: 3 }], target: 0, today: "2027-06-15" },
    // National scale: 77,565 recruited over two years, against 120,000.
    {
      perDate: Array.from({ length: 700 }, (_, index) => ({
        date: new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString().slice(0, 10),
        recruited: 100 + (index % 23),
      })),
      target: 120_000,
      today: "2026-11-26",
    },
  ];

  it.each(cases)("gives what projection() gives from one date per participant (%#)", ({ perDate, target, today }) => {
    expect(projectionFromCounts(perDate, target, today)).toEqual(projection(expand(perDate), target, today));
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
      projection: projection([series[0]!.date, series.at(-1)!.date], target, today),
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
      projection: projection([series[0]!.date, series.at(-1)!.date], target, today),
      width: 720,
      height: 340,
      maxMonthTicks: 8,
    });
    expect(ys.at(-1)).toBe(Number(/V([0-9.]+)/.exec(full.line)![1]));
    expect(layout.line.length).toBeLessThan(6_000);
  });
});
