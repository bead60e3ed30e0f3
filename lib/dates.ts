// Dates are stored as UTC instants and always shown in UK time, whatever the server's zone.
const ukDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  dateStyle: "full",
  timeStyle: "short",
});

/** e.g. "Friday, 16 March 2012 at 17:00": UK time, GMT or BST as it was on that day. */
export function formatUkDateTime(date: Date): string {
  return ukDateTime.format(date);
}

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

/** The wall-clock parts of an instant in London. */
export function ukParts(instant: Date | number) {
  const parts = Object.fromEntries(
    londonParts.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return parts;
}

/** How far London's clocks are ahead of UTC at this instant, in milliseconds (0 or 3,600,000). */
export function londonOffset(instant: number): number {
  const parts = ukParts(instant);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * The instant a UK wall-clock date ("YYYY-MM-DD") and time ("HH:MM") name, GMT or BST as it was
 * that day; null when that time does not exist (the hour skipped when the clocks go forward).
 * In the hour that happens twice when the clocks go back, the first (BST) one is meant.
 */
export function ukLocalToUtc(date: string, time: string): Date | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const [year, month, day, hour, minute] = [...dateMatch.slice(1), ...timeMatch.slice(1)].map(Number) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  // Try BST first, then GMT: the first reading whose wall clock matches is the instant meant.
  for (const offset of [3_600_000, 0]) {
    const candidate = wall - offset;
    const parts = ukParts(candidate);
    if (
      parts.year === year &&
      parts.month === month &&
      parts.day === day &&
      parts.hour === hour &&
      parts.minute === minute
    ) {
      return new Date(candidate);
    }
  }
  return null;
}

/** An instant as the values of a date and a time input, in UK time. */
export function toUkInputValues(instant: Date): { date: string; time: string } {
  const parts = ukParts(instant);
  return {
    date: `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`,
    time: `${pad(parts.hour)}:${pad(parts.minute)}`,
  };
}
