// The geometry of the dashboard's chart of cumulative recruitment (components/recruitment-chart.tsx):
// scales from dates and counts to the drawing's coordinates, readable ticks (whole months along the
// bottom, round numbers up the side), the stepped line of the running total, the target line and
// the projected date. Pure and deterministic, so it is tested without a browser; the component only
// draws what this returns. Dates are calendar dates "YYYY-MM-DD" (rules.ts).
import { addDays, daysBetween, formatCalendarDate, type Projection } from "./rules";

/** A function from one interval onto another, straight-line. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value: number) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** A coordinate rounded to a tenth, so paths stay short and the same data always draws the same. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Round-number ticks from 0 up to at least `max`: steps of 1, 2 or 5 times a power of ten (never
 * below 1: people are counted whole), as few intervals as fit in `maxTicks` ticks.
 */
export function valueTicks(max: number, maxTicks = 6): number[] {
  const top = Math.max(1, Math.ceil(max));
  const intervals = Math.max(1, maxTicks - 1);
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const found = [1, 2, 5]
      .map((factor) => factor * power)
      .find((candidate) => Math.ceil(top / candidate) <= intervals);
    if (found) {
      step = found;
      break;
    }
  }
  const count = Math.ceil(top / step);
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "5 Mar 2028". */
export function shortDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const pad = (value: number) => String(value).padStart(2, "0");

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A month "2027-03" as people read it: "March 2027". */
export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/**
 * The first days of months from `start` to `end` (both included) to mark on the time axis: every
 * month when they fit in `maxTicks`, else every 2, 3, 4, 6 or 12 months (or more years), counted
 * from January so the marks fall on the same months whatever the data. Labelled "Mar 2027", or
 * only the year when the marks are a year or more apart.
 */
export function monthTicks(start: string, end: string, maxTicks: number): { date: string; label: string }[] {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  // The first of a month on or after start.
  const first = start.slice(8, 10) === "01" ? index(start) : index(start) + 1;
  const last = index(end);
  if (last < first) return [];
  const steps = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600, 1200];
  const limit = Math.max(1, maxTicks);
  const step =
    steps.find((candidate) => {
      const from = Math.ceil(first / candidate) * candidate;
      return Math.floor((last - from) / candidate) + 1 <= limit;
    }) ?? steps.at(-1)!;
  const ticks: { date: string; label: string }[] = [];
  for (let month = Math.ceil(first / step) * step; month <= last; month += step) {
    const year = Math.floor(month / 12);
    const monthNumber = (month % 12) + 1;
    ticks.push({
      date: `${year}-${pad(monthNumber)}-01`,
      label: step >= 12 ? String(year) : `${MONTHS[monthNumber - 1]} ${year}`,
    });
  }
  return ticks;
}

/** The first day of the month a date falls in. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export type ChartInput = {
  /** The running total by consent date, earliest first; at least one point. */
  series: readonly { date: string; total: number }[];
  target: number;
  today: string;
  projection: Projection;
  /** The drawing's size in its own units (the SVG viewBox); it is scaled to the page's width. */
  width: number;
  height: number;
  /** How many month marks fit along the bottom. */
  maxMonthTicks: number;
};

export type ChartLayout = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** The stepped line of the running total, from 0 at the start to today. */
  line: string;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  target: { y: number; label: string } | null;
  /** Where the target is (or was) reached: the projected or the actual date. */
  marker: { x: number; y: number; label: string; kind: "projected" | "reached" } | null;
  /** The dashed line from today's total to the projected date. */
  projectionLine: string | null;
  /** The projected date is too far ahead to draw without squashing the data: the text gives it. */
  projectionOffChart: boolean;
};

/** The least distance, in the drawing's units, between two steps of the running total. */
export const MIN_STEP = 2;

/** Room for the count labels on the left, and half a month label beyond the last mark on the right. */
export const CHART_MARGIN = { left: 52, right: 36, top: 28, bottom: 40 } as const;

/**
 * The chart's geometry. Time runs from the first of the month of the first consent to today (or the
 * last consent, or the projected date, whichever is latest, at least a month on), counts from 0 to a
 * round number at or above both the target and the total. A projected date further ahead than four
 * times the time so far (and more than a year) is left off the drawing.
 */
export function chartLayout(input: ChartInput): ChartLayout {
  const { series, target, today, projection, width, height } = input;
  if (series.length === 0) throw new RangeError("The chart needs at least one point.");
  const start = monthStart(series[0]!.date);
  const lastPoint = series.at(-1)!;
  const latest = (a: string, b: string) => (a > b ? a : b);

  let end = latest(latest(today, lastPoint.date), addDays(start, 30));
  const elapsed = Math.max(1, daysBetween(start, end));
  let projectionOffChart = false;
  if (projection.kind === "projected") {
    const limit = Math.max(4 * elapsed, 365);
    if (daysBetween(start, projection.date) <= limit) end = latest(end, projection.date);
    else projectionOffChart = true;
  }

  const plot = {
    left: CHART_MARGIN.left,
    right: width - CHART_MARGIN.right,
    top: CHART_MARGIN.top,
    bottom: height - CHART_MARGIN.bottom,
  };
  const span = daysBetween(start, end);
  const xOfDay = linearScale([0, span], [plot.left, plot.right]);
  const x = (date: string) => round(xOfDay(daysBetween(start, date)));
  const ticks = valueTicks(Math.max(target, lastPoint.total), 6);
  const yOf = linearScale([0, ticks.at(-1)!], [plot.bottom, plot.top]);
  const y = (value: number) => round(yOf(value));

  // One step per consent date, but never two within MIN_STEP of each other: at national scale
  // (hundreds of dates) the steps would be closer than the line is wide, and each costs bytes twice
  // (two drawings). A skipped date's participants join the next step drawn; the last always is.
  let line = `M${x(start)},${y(0)}`;
  let drawnX = Number.NEGATIVE_INFINITY;
  series.forEach((point, index) => {
    const pointX = x(point.date);
    if (pointX - drawnX < MIN_STEP && index < series.length - 1) return;
    line += ` H${pointX} V${y(point.total)}`;
    drawnX = pointX;
  });
  line += ` H${x(latest(today, lastPoint.date))}`;

  let marker: ChartLayout["marker"] = null;
  let projectionLine: string | null = null;
  if (target > 0 && projection.kind === "reached") {
    marker = { x: x(projection.date), y: y(target), label: `Reached ${shortDate(projection.date)}`, kind: "reached" };
  } else if (target > 0 && projection.kind === "projected" && !projectionOffChart) {
    marker = {
      x: x(projection.date),
      y: y(target),
      label: `Projected ${shortDate(projection.date)}`,
      kind: "projected",
    };
    projectionLine = `M${x(today)},${y(lastPoint.total)} L${marker.x},${marker.y}`;
  }

  return {
    width,
    height,
    plot,
    line,
    xTicks: monthTicks(start, end, input.maxMonthTicks).map((tick) => ({ x: x(tick.date), label: tick.label })),
    yTicks: ticks.map((value) => ({ y: y(value), label: String(value) })),
    target: target > 0 ? { y: y(target), label: `Target ${target}` } : null,
    marker,
    projectionLine,
    projectionOffChart,
  };
}

/** A projected date further ahead than this is no date at all: the sentence says so instead. */
const PROJECTION_HORIZON_DAYS = 100 * 365;

/**
 * The date the target would be reached at the current rate: the mean daily rate since the first
 * recruitment (recruited so far ÷ days from the first recruitment to today, at least one day), with
 * the rest of the target added at that rate from today. Dates after today are ignored. When the
 * target is already reached, the date it was (the day the running total got there); with fewer than
 * two recruitments there is no rate to speak of, and the sentence says so.
 *
 * It takes the number recruited per consent date (as the database counts them, GROUP BY date)
 * rather than one date per participant: at national scale that is hundreds of dates rather than
 * tens of thousands of strings. Dates may come in any order.
 */
export function projectionFromCounts(
  perDate: readonly { date: string; recruited: number }[],
  target: number,
  today: string,
): Projection {
  if (!Number.isSafeInteger(target) || target < 0)
    throw new RangeError(`The target must be a whole number, 0 or more: ${target}`);
  if (target === 0)
    return { kind: "no-target", date: null, sentence: "No target is set, so there is nothing to project." };
  const counted = perDate
    .filter(({ date, recruited }) => recruited > 0 && daysBetween(date, today) >= 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let total = 0;
  for (const { date, recruited } of counted) {
    total += recruited;
    if (total >= target) {
      return { kind: "reached", date, sentence: `The target of ${target} was reached on ${formatCalendarDate(date)}.` };
    }
  }
  if (total < 2) {
    return {
      kind: "too-few",
      date: null,
      sentence: "At least two participants must be recruited before a date for reaching the target can be projected.",
    };
  }
  const elapsed = Math.max(1, daysBetween(counted[0]!.date, today));
  const perDay = total / elapsed;
  const ahead = Math.ceil((target - total) / perDay);
  const perWeek = Math.round(perDay * 7 * 10) / 10;
  const rate = perWeek > 0 ? `about ${perWeek} a week` : "fewer than 0.1 a week";
  if (ahead > PROJECTION_HORIZON_DAYS) {
    return {
      kind: "too-slow",
      date: null,
      perWeek,
      sentence: `At the current rate (${rate}), the target of ${target} would not be reached within 100 years.`,
    };
  }
  const date = addDays(today, ahead);
  return {
    kind: "projected",
    date,
    perWeek,
    sentence: `At the current rate (${rate}), the target of ${target} would be reached around ${formatCalendarDate(date)}.`,
  };
}
