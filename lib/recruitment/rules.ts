// The rules of recruitment, with no database: the words for a participant's status, subgroup and
// measures; which status moves are allowed and why others are refused; which dates are accepted;
// when a follow-up falls due; how the study target is shared between agencies; progress and the
// projected date the target is reached; and the study ID format. The server actions ask these
// functions before every write, and the pages use the same ones to offer only what would be accepted
// (PRODUCT.md "Recruitment", issue 7). Pure: safe in client components.
//
// Dates here are calendar dates, "YYYY-MM-DD" as a date input gives them and as PostgreSQL `date`
// columns hold them: the day it happened in the UK, with no time and no time zone. Calendar maths is
// done on UTC midnights, which have no clock changes, so 28 days is always 28 days.
import { toUkInputValues } from "@/lib/dates";
import type { AgencyStage, Measure, ParticipantStatus, Subgroup } from "@/lib/generated/prisma/client";

// ---------------------------------------------------------------------------------------------
// Words

export const STATUS_LABELS = {
  REFERRED: "Referred",
  ELIGIBLE: "Screened: eligible",
  NOT_ELIGIBLE: "Screened: not eligible",
  CONSENTED: "Consented",
  DECLINED: "Declined",
  BASELINE_DONE: "Baseline interview done",
  FOLLOW_UP_DONE: "Follow-up interview done",
  WITHDRAWN: "Withdrawn",
  LOST_TO_FOLLOW_UP: "Lost to follow-up",
} as const satisfies Record<ParticipantStatus, string>;

export const SUBGROUP_LABELS = {
  ADULT_MENTAL_HEALTH: "Adult mental health",
  OLDER_ADULT_MENTAL_HEALTH: "Older adult functional mental health",
  LEARNING_DISABILITY: "Learning disability",
} as const satisfies Record<Subgroup, string>;

/** The measures the pilot used, in the order the interview schedule lists them. */
export const MEASURES = ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"] as const satisfies readonly Measure[];

export const MEASURE_LABELS = {
  RESOURCE_GENERATOR_UK: "Resource Generator-UK",
  WEMWBS: "WEMWBS",
  SCOPE: "SCOPE",
  EQ_5D: "EQ-5D",
} as const satisfies Record<Measure, string>;

/** The statuses in the order of the study's flow, for lists, filters and exports. */
export const STATUS_ORDER = [
  "REFERRED",
  "ELIGIBLE",
  "NOT_ELIGIBLE",
  "CONSENTED",
  "DECLINED",
  "BASELINE_DONE",
  "FOLLOW_UP_DONE",
  "WITHDRAWN",
  "LOST_TO_FOLLOW_UP",
] as const satisfies readonly ParticipantStatus[];

// ---------------------------------------------------------------------------------------------
// Status moves

/**
 * Every move a participant's record may make. Referred → screened (eligible or not eligible) →
 * consented or declined → baseline done → follow-up done. Withdrawn from any status after referral
 * that is not final (eligible, consented, baseline done): someone only referred has not been
 * screened, so the agency records the screening instead. Lost to follow-up only once the baseline
 * interview is done. Not eligible, declined, follow-up done, withdrawn and lost to follow-up are
 * final: nothing moves them on, so a mistaken record is for the research team to correct.
 *
 * Not here: the record's creation (it starts at REFERRED) and "follow-up due", which is not a status
 * but derived from the baseline date (followUpState).
 */
export const PARTICIPANT_MOVES = {
  REFERRED: ["ELIGIBLE", "NOT_ELIGIBLE"],
  ELIGIBLE: ["CONSENTED", "DECLINED", "WITHDRAWN"],
  NOT_ELIGIBLE: [],
  CONSENTED: ["BASELINE_DONE", "WITHDRAWN"],
  DECLINED: [],
  BASELINE_DONE: ["FOLLOW_UP_DONE", "WITHDRAWN", "LOST_TO_FOLLOW_UP"],
  FOLLOW_UP_DONE: [],
  WITHDRAWN: [],
  LOST_TO_FOLLOW_UP: [],
} as const satisfies Record<ParticipantStatus, readonly ParticipantStatus[]>;

export function allowedParticipantMoves(from: ParticipantStatus): readonly ParticipantStatus[] {
  return PARTICIPANT_MOVES[from];
}

export function canMoveParticipant(from: ParticipantStatus, to: ParticipantStatus): boolean {
  return (PARTICIPANT_MOVES[from] as readonly ParticipantStatus[]).includes(to);
}

export function isFinalStatus(status: ParticipantStatus): boolean {
  return PARTICIPANT_MOVES[status].length === 0;
}

function listInWords(statuses: readonly ParticipantStatus[]): string {
  const words = statuses.map((status) => `“${STATUS_LABELS[status]}”`);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

const FINAL_WORDS = {
  NOT_ELIGIBLE: "was screened as not eligible",
  DECLINED: "declined to take part",
  FOLLOW_UP_DONE: "has had their follow-up interview",
  WITHDRAWN: "has withdrawn",
  LOST_TO_FOLLOW_UP: "was lost to follow-up",
} as const satisfies Partial<Record<ParticipantStatus, string>>;

/** Why a status move is refused, in plain words that say what to do instead; null when it is allowed. */
export function participantMoveRefusal(from: ParticipantStatus, to: ParticipantStatus): string | null {
  if (canMoveParticipant(from, to)) return null;
  if (from === to) return `This participant is already recorded as “${STATUS_LABELS[from]}”. Nothing needs changing.`;
  if (from in FINAL_WORDS) {
    return `This participant ${FINAL_WORDS[from as keyof typeof FINAL_WORDS]}, so their record is complete and cannot move on. If it was recorded by mistake, ask the research team to correct it.`;
  }
  const allowed = listInWords(allowedParticipantMoves(from));
  if (to === "REFERRED") {
    return `A participant cannot go back to “${STATUS_LABELS.REFERRED}”. From “${STATUS_LABELS[from]}” they can move only to ${allowed}.`;
  }
  if (to === "LOST_TO_FOLLOW_UP") {
    return `Only a participant whose baseline interview is done can be lost to follow-up. From “${STATUS_LABELS[from]}” they can move only to ${allowed}.`;
  }
  if (to === "WITHDRAWN" && from === "REFERRED") {
    return `Record the screening first: a participant who is only referred can be screened as eligible or not eligible, and withdrawn after that.`;
  }
  if (to === "DECLINED") {
    return `Only a participant screened as eligible can decline. From “${STATUS_LABELS[from]}” they can move only to ${allowed}.`;
  }
  return `A participant at “${STATUS_LABELS[from]}” can move only to ${allowed}. Record each step in order.`;
}

// ---------------------------------------------------------------------------------------------
// Calendar dates

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The UTC midnight of a real calendar date "YYYY-MM-DD", or null when it is not one (2026-02-30). */
function dayNumber(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc / DAY_MS;
}

function requireDay(date: string): number {
  const number = dayNumber(date);
  if (number === null) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return number;
}

function fromDayNumber(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/** Whether the text is a real calendar date "YYYY-MM-DD". */
export function isCalendarDate(date: string): boolean {
  return dayNumber(date) !== null;
}

/** The UK calendar date an instant falls on, e.g. the server's "today". */
export function ukToday(now: Date): string {
  return toUkInputValues(now).date;
}

/** Days from a to b (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return requireDay(b) - requireDay(a);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(requireDay(date) + days);
}

const longDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

/** A calendar date as people read it: "5 March 2026". */
export function formatCalendarDate(date: string): string {
  return longDate.format(new Date(requireDay(date) * DAY_MS));
}

/**
 * No step of the study happened before this day (the pilot began long after). A date before it is a
 * typing mistake, or a date of birth where a referral date belongs; the database holds the same floor
 * (CHECK "Participant_dates_from_study_start").
 */
export const EARLIEST_DATE = "2020-01-01";

/** The steps that carry a date, in the order they happen. */
export type DateStep =
  "referral" | "screening" | "consent" | "decline" | "baseline" | "followUp" | "withdrawal" | "lost";

/** The dates already on the record, as calendar dates; null or absent when not recorded. */
export type EarlierDates = {
  referralDate?: string | null;
  screenedDate?: string | null;
  consentDate?: string | null;
  baselineDate?: string | null;
};

export const DATE_STEP_LABELS = {
  referral: "referral date",
  screening: "screening date",
  consent: "consent date",
  decline: "date they declined",
  baseline: "baseline interview date",
  followUp: "follow-up interview date",
  withdrawal: "withdrawal date",
  lost: "date they were lost to follow-up",
} as const satisfies Record<DateStep, string>;

const EARLIER_LABELS = {
  referralDate: "referral date",
  screenedDate: "screening date",
  consentDate: "consent date",
  baselineDate: "baseline interview date",
} as const satisfies Record<keyof EarlierDates, string>;

/** The recorded dates each step may not come before. */
const COMES_AFTER = {
  referral: [],
  screening: ["referralDate"],
  consent: ["referralDate", "screenedDate"],
  decline: ["referralDate", "screenedDate"],
  baseline: ["referralDate", "screenedDate", "consentDate"],
  followUp: ["referralDate", "screenedDate", "consentDate", "baselineDate"],
  withdrawal: ["referralDate", "screenedDate", "consentDate", "baselineDate"],
  lost: ["referralDate", "screenedDate", "consentDate", "baselineDate"],
} as const satisfies Record<DateStep, readonly (keyof EarlierDates)[]>;

/**
 * Null when a step's date may be recorded; otherwise why not, in a plain sentence. The date must be
 * a real calendar date, not after today (UK), and not before any earlier step's date on the record
 * (the same day is fine: referral, screening, consent and baseline often happen together).
 *
 * The follow-up interview is refused only before the baseline interview. Outside its window it is
 * still recorded, because the interview happened and its data count; followUpWindowNote gives the
 * warning to show with it, and the research team sees it in the follow-up list.
 */
export function dateProblem(input: {
  step: DateStep;
  date: string;
  today: string;
  earlier?: EarlierDates;
}): string | null {
  const label = DATE_STEP_LABELS[input.step];
  const day = dayNumber(input.date.trim());
  if (day === null) return `Enter the ${label} as a real date, for example 5 March 2026.`;
  if (day < requireDay(EARLIEST_DATE)) {
    return `The ${label} cannot be before ${formatCalendarDate(EARLIEST_DATE)}: the study had not started. Check the year, and never enter a date of birth.`;
  }
  const today = requireDay(input.today);
  if (day > today) {
    return `The ${label} cannot be in the future: today is ${formatCalendarDate(input.today)}. Enter the day it happened.`;
  }
  // Of the earlier dates this one falls before, name the latest: moving past it fixes them all.
  let binding: { key: keyof EarlierDates; day: number; date: string } | null = null;
  for (const key of COMES_AFTER[input.step]) {
    const earlier = input.earlier?.[key];
    if (!earlier) continue;
    const earlierDay = requireDay(earlier);
    if (day < earlierDay && (!binding || earlierDay > binding.day)) binding = { key, day: earlierDay, date: earlier };
  }
  if (binding) {
    const { key, date } = binding;
    return `The ${label} (${formatCalendarDate(input.date.trim())}) cannot be before the ${EARLIER_LABELS[key]} (${formatCalendarDate(date)}). Check both dates.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Follow-up

/** The study's follow-up settings (Study.followUpMonths, Study.followUpWindowDays). */
export type FollowUpSettings = { followUpMonths: number; followUpWindowDays: number };

/** How many days before the window opens a follow-up counts as "due soon" (four weeks). */
export const DUE_SOON_DAYS = 28;

/**
 * The follow-up due date: the baseline date plus whole calendar months, clamped to the end of a
 * shorter month (31 August + 6 months = 28 February, or 29 February in a leap year).
 */
export function followUpDue(baselineDate: string, months: number): string {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`Not a number of months: ${months}`);
  requireDay(baselineDate);
  const [year, month, day] = baselineDate.split("-").map(Number) as [number, number, number];
  const monthIndex = month - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = monthIndex % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)) / DAY_MS);
}

/** The window in which a follow-up interview counts: the due date, give or take windowDays, inclusive. */
export function followUpWindow(due: string, windowDays: number): { opens: string; closes: string } {
  if (!Number.isInteger(windowDays) || windowDays < 0) throw new RangeError(`Not a number of days: ${windowDays}`);
  return { opens: addDays(due, -windowDays), closes: addDays(due, windowDays) };
}

/** The due date and window of a follow-up, from the baseline date. */
export function followUpSchedule(baselineDate: string, settings: FollowUpSettings) {
  const due = followUpDue(baselineDate, settings.followUpMonths);
  return { due, ...followUpWindow(due, settings.followUpWindowDays) };
}

export type FollowUpState = "not-yet" | "due-soon" | "due" | "overdue" | "done" | "not-applicable";

export const FOLLOW_UP_STATE_LABELS = {
  "not-yet": "Not yet due",
  "due-soon": "Due soon",
  due: "Due now",
  overdue: "Overdue",
  done: "Done",
  "not-applicable": "Not applicable",
} as const satisfies Record<FollowUpState, string>;

/**
 * Where a participant's follow-up stands today. Done once the follow-up interview is recorded; for
 * a participant whose baseline is done: overdue after the window closed, due while it is open, due
 * soon in the four weeks before it opens, not yet before that. Not applicable to everyone else
 * (not yet at baseline, or withdrawn, lost, not eligible, declined).
 */
export function followUpState(
  participant: { status: ParticipantStatus; baselineDate: string | null },
  today: string,
  settings: FollowUpSettings,
): FollowUpState {
  if (participant.status === "FOLLOW_UP_DONE") return "done";
  if (participant.status !== "BASELINE_DONE" || !participant.baselineDate) return "not-applicable";
  const { opens, closes } = followUpSchedule(participant.baselineDate, settings);
  if (daysBetween(closes, today) > 0) return "overdue";
  if (daysBetween(opens, today) >= 0) return "due";
  if (daysBetween(today, opens) <= DUE_SOON_DAYS) return "due-soon";
  return "not-yet";
}

/**
 * A warning to show (not a refusal) when a follow-up interview falls outside its window; null inside
 * it. The interview is still recorded.
 */
export function followUpWindowNote(input: {
  baselineDate: string;
  followUpDate: string;
  settings: FollowUpSettings;
}): string | null {
  const { opens, closes } = followUpSchedule(input.baselineDate, input.settings);
  const window = `${formatCalendarDate(opens)} to ${formatCalendarDate(closes)}`;
  const early = daysBetween(input.followUpDate, opens);
  const late = daysBetween(closes, input.followUpDate);
  const days = (count: number) => (count === 1 ? "1 day" : `${count} days`);
  const tail = "It will be recorded, but it counts as outside the window: check the date is right.";
  if (early > 0) return `This follow-up interview is ${days(early)} before its window opens (${window}). ${tail}`;
  if (late > 0) return `This follow-up interview is ${days(late)} after its window closed (${window}). ${tail}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Targets, progress and projection

function requireCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${what} must be a whole number, 0 or more: ${value}`);
}

export type TargetShare = { id: string; target: number; shared: boolean };

/**
 * Each agency's target. An agency's own target is kept as it is; what is left of the study target
 * after those (never less than 0) is shared out evenly among the agencies without one, the
 * remainder going one each to the first of them by id, so the answer never changes between page
 * loads. Returned in the order given. The shares add up to the study target unless the agencies'
 * own targets already exceed it.
 */
export function targetShares(
  studyTarget: number,
  agencies: readonly { id: string; target: number | null }[],
): TargetShare[] {
  requireCount(studyTarget, "The study target");
  let explicitTotal = 0;
  for (const agency of agencies) {
    if (agency.target !== null) {
      requireCount(agency.target, "An agency's target");
      explicitTotal += agency.target;
    }
  }
  const sharing = agencies
    .filter((agency) => agency.target === null)
    .map((agency) => agency.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const left = Math.max(0, studyTarget - explicitTotal);
  const base = sharing.length > 0 ? Math.floor(left / sharing.length) : 0;
  const extra = sharing.length > 0 ? left % sharing.length : 0;
  const shareOf = new Map(sharing.map((id, index) => [id, base + (index < extra ? 1 : 0)]));
  return agencies.map((agency) =>
    agency.target !== null
      ? { id: agency.id, target: agency.target, shared: false }
      : { id: agency.id, target: shareOf.get(agency.id) ?? 0, shared: true },
  );
}

/**
 * Who counts as recruited: a participant who consented (a consent date on the record), from the day
 * they consented, whatever happened after (withdrawn or lost later, they were still recruited). The
 * targets, the dashboard's chart and the projection all count this way.
 */
export function isRecruited(participant: { consentDate: string | Date | null }): boolean {
  return participant.consentDate !== null;
}

export type Progress = { n: number; target: number; percent: number | null; label: string };

/**
 * Recruitment against a target: "57/80 (71 %)". The percentage is rounded down, so 100 % means the
 * target is reached, and goes past 100 when recruitment does. With no target (0) there is no
 * percentage.
 */
export function progress(n: number, target: number): Progress {
  requireCount(n, "The number recruited");
  requireCount(target, "The target");
  if (target === 0) return { n, target, percent: null, label: `${n}/0 (no target set)` };
  const percent = Math.floor((n * 100) / target);
  return { n, target, percent, label: `${n}/${target} (${percent} %)` };
}

/** The date the target would be reached at the current rate: chart.ts projectionFromCounts() works it out. */
export type Projection =
  | { kind: "projected"; date: string; perWeek: number; sentence: string }
  | { kind: "too-slow"; date: null; perWeek: number; sentence: string }
  | { kind: "reached"; date: string; sentence: string }
  | { kind: "too-few"; date: null; sentence: string }
  | { kind: "no-target"; date: null; sentence: string };

// ---------------------------------------------------------------------------------------------
// Study IDs

/** The form the database holds (CHECK "Participant_study_id_format"). */
export const STUDY_ID_PATTERN = /^CP-([0-9]{2,})-([0-9]{4,})$/;

/** A participant's study ID from the agency's code and the participant's sequence: formatStudyId(7, 12) = "CP-07-0012". */
export function formatStudyId(agencyCode: number, sequence: number): string {
  if (!Number.isSafeInteger(agencyCode) || agencyCode < 1) throw new RangeError(`Not an agency code: ${agencyCode}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Not a sequence: ${sequence}`);
  return `CP-${String(agencyCode).padStart(2, "0")}-${String(sequence).padStart(4, "0")}`;
}

/**
 * The agency code and sequence in a study ID as someone may type it (spaces around it and lower case
 * are forgiven); null unless it is one formatStudyId would make.
 */
export function parseStudyId(text: string): { agencyCode: number; sequence: number } | null {
  const normalised = text.trim().toUpperCase();
  const match = STUDY_ID_PATTERN.exec(normalised);
  if (!match) return null;
  const agencyCode = Number(match[1]);
  const sequence = Number(match[2]);
  if (!Number.isSafeInteger(agencyCode) || !Number.isSafeInteger(sequence) || agencyCode < 1 || sequence < 1) {
    return null;
  }
  return formatStudyId(agencyCode, sequence) === normalised ? { agencyCode, sequence } : null;
}

// ---------------------------------------------------------------------------------------------
// The training gate: which agencies may record participants

/**
 * Stages in which an agency's staff record participants' steps. New referrals only while
 * recruiting: an agency moves to recruiting once every supervisor and worker has completed training
 * (the researchers' move checks it, lib/training/completion.ts), and to follow-up when recruitment
 * has closed, when it still records the steps of the participants it has.
 */
export const RECORDING_STAGES = ["RECRUITING", "FOLLOW_UP"] as const satisfies readonly AgencyStage[];

/** Stages in which an agency sees its participants (read-only after recording closes). */
export const PARTICIPANT_VIEW_STAGES = [
  "RECRUITING",
  "FOLLOW_UP",
  "COMPLETED",
  "WITHDRAWN",
] as const satisfies readonly AgencyStage[];

/**
 * Why an agency at `stage` may not add a participant ("new") or record a step ("update"), in words
 * for its staff; null when it may. `stage` is the agency's real stage: every stage from training on
 * is one the agency has been told.
 */
export function recordingRefusal(stage: AgencyStage, kind: "new" | "update"): string | null {
  if (stage === "RECRUITING") return null;
  if (stage === "FOLLOW_UP") {
    return kind === "update"
      ? null
      : "Recruitment has closed for your agency, so no new participants can be added. You can still record the steps of the participants you have.";
  }
  if (stage === "SELECTED" || stage === "TRAINING") {
    return "Your agency can record participants once every supervisor and worker has completed their training days and the research team has moved the agency to recruiting. Check your team's progress on the Training page.";
  }
  if (stage === "COMPLETED") {
    return "Your agency has completed the study, so participants' records can no longer be changed. Contact the research team if something needs correcting.";
  }
  if (stage === "WITHDRAWN") {
    return "Your agency has withdrawn from the study, so participants' records can no longer be changed. Contact the research team if something needs correcting.";
  }
  return "Only agencies selected for the pilot record participants, once their training is complete.";
}
