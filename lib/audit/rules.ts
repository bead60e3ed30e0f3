// How the audit trail reads to a researcher: the words for an action, who acted, what changed, and
// which days a date filter covers. Pure: no database, safe anywhere.
import { londonOffset } from "@/lib/dates";

/** The kinds of record the app writes audit entries about, as stored in AuditEvent.entity. */
export const AUDIT_ENTITIES = [
  "Agency",
  "User",
  "UserToken",
  "Review",
  "Booking",
  "TrainingSession",
  "Participant",
  "Study",
  "ExpressionOfInterest",
] as const;

export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

const ENTITY_LABELS: Record<AuditEntity, string> = {
  Agency: "Agency",
  User: "Person",
  UserToken: "Invitation or reset link",
  Review: "Review",
  Booking: "Booking",
  TrainingSession: "Training session",
  Participant: "Participant",
  Study: "Study settings",
  ExpressionOfInterest: "Expression of interest",
};

/** The study's word for a kind of record; an unknown one is shown as stored. */
export function entityLabel(entity: string): string {
  return (ENTITY_LABELS as Record<string, string>)[entity] ?? entity;
}

/** The first word of an action when the stored one is an abbreviation or a code name. */
const ACTION_SUBJECTS: Record<string, string> = {
  eoi: "expression of interest",
  user_token: "link",
  training_session: "training session",
};

/**
 * "user.invited" → "User invited", "agency.stage_changed" → "Agency stage changed". Anything not in
 * the "<entity>.<verb>" form is shown as stored, so an unexpected action is never hidden.
 */
export function actionWords(action: string): string {
  const match = /^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$/.exec(action);
  if (!match) return action;
  const [, subject = "", verb = ""] = match;
  const words = `${ACTION_SUBJECTS[subject] ?? subject.replaceAll("_", " ")} ${verb.replaceAll("_", " ")}`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Verbs of changes a signed-out person makes (registering, asking for or using a reset link,
 * accepting an invitation). An entry without an actor and with one of these verbs was made by a
 * visitor; any other entry without an actor was made by the app itself.
 */
const VISITOR_VERBS = /(^|_)(register|registered|signed_up|accepted|joined|reset|reset_requested)(_|$)/;

/** Who made the change, as the trail shows it. */
export function actorLabel(actor: { name: string; email: string } | null, action: string): AuditActor {
  if (actor) return { kind: "person", name: actor.name, email: actor.email };
  const verb = action.slice(action.lastIndexOf(".") + 1);
  return { kind: VISITOR_VERBS.test(verb) ? "visitor" : "system" };
}

export type AuditActor = { kind: "person"; name: string; email: string } | { kind: "visitor" } | { kind: "system" };

/** Keys whose values must never be shown (password hashes, token hashes, secrets), at any depth. */
export function isSensitiveKey(key: string): boolean {
  return /password|hash|token|secret/i.test(key);
}

/** A copy of a JSON value without any sensitive key, however deep it sits. */
export function redactSensitive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSensitive);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !isSensitiveKey(key))
        .map(([key, inner]) => [key, redactSensitive(inner)]),
    );
  }
  return value;
}

export const VALUE_MAX_LENGTH = 60;

/** Cuts a long text to `max` characters, ending in "…". */
export function shorten(text: string, max = VALUE_MAX_LENGTH): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** How one value reads in the change summary: strings as they are, anything else as JSON. */
export function formatValue(value: unknown, max = VALUE_MAX_LENGTH): string {
  if (value === undefined) return "(none)";
  if (value === null) return "(empty)";
  if (value === "") return "(blank)";
  const text = typeof value === "string" ? value : JSON.stringify(redactSensitive(value));
  return shorten(text, max);
}

export type AuditChange = {
  key: string;
  kind: "added" | "removed" | "changed";
  before: string;
  after: string;
};

/**
 * What an entry changed: one line per key whose value differs between before and after (added,
 * removed or changed), in the order the keys were written. Sensitive keys are left out entirely. A
 * value that is not an object (e.g. a bare string) is treated as the key "value".
 */
export function summariseChanges(before: unknown, after: unknown): AuditChange[] {
  const from = asRecord(redactSensitive(before));
  const to = asRecord(redactSensitive(after));
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const had = Object.hasOwn(from, key);
    const has = Object.hasOwn(to, key);
    if (had && has && stableJson(from[key]) === stableJson(to[key])) continue;
    changes.push({
      key,
      kind: !had ? "added" : !has ? "removed" : "changed",
      before: formatValue(had ? from[key] : undefined),
      after: formatValue(has ? to[key] : undefined),
    });
  }
  return changes;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  return isPlainObject(value) ? value : { value };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, so that {a,b} and {b,a} compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );
}

/** True for a YYYY-MM-DD string that names a day on the calendar (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instant a UK day (YYYY-MM-DD) begins: midnight in London, GMT or BST as it was that day.
 * The clocks change at 01:00 UTC, never at midnight, so one correction by the offset is exact.
 */
export function ukDayStart(date: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, day);
  return new Date(midnightUtc - londonOffset(midnightUtc));
}

/** The instants a from/to pair of UK days covers: from the start of `from` to the end of `to`. */
export function ukDayRange(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = ukDayStart(from);
  if (to) {
    const [year, month, day] = to.split("-").map(Number) as [number, number, number];
    const next = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
    range.lt = ukDayStart(next);
  }
  return range;
}

const ukTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** e.g. "1 Jul 2026, 00:30:00": when an entry was made, in UK time. */
export function formatAuditTime(date: Date): string {
  return ukTime.format(date);
}
