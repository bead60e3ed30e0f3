// The study settings form's schema, shared by the browser (zodResolver) and the server (safeParse).
// The deadline is entered as a UK wall-clock date and time and becomes one UTC instant here, so the
// browser and the server agree on which instant a researcher meant, summer time included.
import { z } from "zod";
import { ukLocalToUtc } from "@/lib/dates";

const longUkDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "full" });

/**
 * A whole number between min and max, from a number or from the text of a box ("1,000" included).
 * `what` names it in messages: "Enter the number of agencies to select."
 */
function wholeNumber(what: string, min: number, max: number) {
  const range = `${what.charAt(0).toUpperCase()}${what.slice(1)} must be between ${min.toLocaleString("en-GB")} and ${max.toLocaleString("en-GB")}.`;
  return z.preprocess(
    (value) => {
      if (typeof value !== "string") return value;
      const text = value.trim().replaceAll(",", "");
      if (text === "") return undefined;
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
    },
    z
      .number({
        error: (issue) =>
          issue.input === undefined ? `Enter ${what}.` : `Enter ${what} as a whole number, for example ${min + 1}.`,
      })
      .int(`Enter ${what} as a whole number, without a decimal point.`)
      .min(min, range)
      .max(max, range),
  );
}

export const SETTINGS_LIMITS = {
  agenciesToSelect: { min: 1, max: 100 },
  // The training calendar has sessions for worker days 1–3 and supervisor days 1–2 (TrainingDay).
  workerTrainingDays: { min: 1, max: 3 },
  supervisorExtraDays: { min: 0, max: 2 },
  followUpMonths: { min: 1, max: 36 },
  followUpWindowDays: { min: 0, max: 180 },
  participantTarget: { min: 1, max: 100_000 },
} as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Whether "YYYY-MM-DD" names a day that exists (no 30 February). */
function isRealDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

function isRealTime(time: string): boolean {
  const match = TIME_PATTERN.exec(time);
  if (!match) return false;
  const [hour, minute] = match.slice(1).map(Number) as [number, number];
  return hour <= 23 && minute <= 59;
}

/** The study's days in a month at the shortest (February), for the follow-up window rule. */
const SHORTEST_MONTH_DAYS = 28;

export const studySettingsSchema = z
  .object(
    {
      deadlineDate: z
        .string({ error: "Enter the closing date." })
        .trim()
        .min(1, { error: "Enter the closing date.", abort: true })
        .refine((date) => DATE_PATTERN.test(date), "Enter the closing date as a date, for example 2027-03-16.")
        .refine(
          (date) => !DATE_PATTERN.test(date) || isRealDate(date),
          "That date does not exist. Check the day and month.",
        )
        .refine((date) => {
          const year = Number(date.slice(0, 4));
          return !isRealDate(date) || (year >= 2000 && year <= 2100);
        }, "Enter a closing date between the years 2000 and 2100."),
      deadlineTime: z
        .string({ error: "Enter the closing time." })
        .trim()
        .min(1, { error: "Enter the closing time.", abort: true })
        .refine((time) => isRealTime(time), "Enter the closing time in 24-hour form, for example 17:00."),
      agenciesToSelect: wholeNumber("the number of agencies to select", 1, 100),
      workerTrainingDays: wholeNumber("the number of training days for workers", 1, 3),
      supervisorExtraDays: wholeNumber("the number of extra training days for supervisors", 0, 2),
      followUpMonths: wholeNumber("the number of months to follow-up", 1, 36),
      followUpWindowDays: wholeNumber("the follow-up window in days", 0, 180),
      participantTarget: wholeNumber("the participant target", 1, 100_000),
      /** The researcher's "I understand this closes the questionnaire now"; the server decides when it is needed. */
      confirmCloseNow: z
        .boolean({ error: "Tick the box to close the questionnaire now, or leave it unticked." })
        .optional()
        .default(false),
    },
    { error: "The settings were sent in an unexpected form. Reload the page and try again." },
  )
  .superRefine((values, ctx) => {
    // A time in the hour skipped when the clocks go forward names no instant at all.
    if (isRealDate(values.deadlineDate) && isRealTime(values.deadlineTime)) {
      if (!ukLocalToUtc(values.deadlineDate, values.deadlineTime)) {
        const day = longUkDate.format(new Date(`${values.deadlineDate}T00:00:00Z`));
        ctx.addIssue({
          code: "custom",
          path: ["deadlineTime"],
          message: `There is no ${values.deadlineTime} on ${day} in the UK: the clocks go forward from 01:00 to 02:00 that night. Choose a time outside that hour, for example 02:00.`,
        });
      }
    }
  })
  .refine((values) => values.followUpWindowDays < values.followUpMonths * SHORTEST_MONTH_DAYS, {
    path: ["followUpWindowDays"],
    error: (issue) => {
      const months = (issue.input as { followUpMonths: number }).followUpMonths;
      return `The follow-up window must be shorter than the follow-up period, or an interview could count before the baseline. With ${months} month${months === 1 ? "" : "s"} to follow-up, use at most ${months * SHORTEST_MONTH_DAYS - 1} days.`;
    },
    when: (payload) =>
      // Not when the input was no object at all (an issue at the root): there are no values to compare.
      payload.issues.every(
        (issue) =>
          (issue.path?.length ?? 0) > 0 && !["followUpWindowDays", "followUpMonths"].includes(String(issue.path?.[0])),
      ),
  })
  .refine((values) => values.participantTarget >= values.agenciesToSelect, {
    path: ["participantTarget"],
    message:
      "The participant target must be at least the number of agencies to select, so that every agency has someone to recruit.",
    when: (payload) =>
      // Not when the input was no object at all (an issue at the root): there are no values to compare.
      payload.issues.every(
        (issue) =>
          (issue.path?.length ?? 0) > 0 && !["participantTarget", "agenciesToSelect"].includes(String(issue.path?.[0])),
      ),
  })
  .transform((values) => ({
    ...values,
    // Checked above: an invalid date or time never reaches this point.
    questionnaireDeadline: ukLocalToUtc(values.deadlineDate, values.deadlineTime)!,
  }));

export type StudySettingsInput = z.input<typeof studySettingsSchema>;
export type StudySettingsValues = z.output<typeof studySettingsSchema>;

/** The settings the form edits, as the Study row names them. */
export const SETTING_FIELDS = [
  "questionnaireDeadline",
  "agenciesToSelect",
  "workerTrainingDays",
  "supervisorExtraDays",
  "followUpMonths",
  "followUpWindowDays",
  "participantTarget",
] as const;

export type StudySettingsResult =
  { ok: true; message: string } | { ok: false; fieldErrors?: Record<string, string[] | undefined>; formError?: string };
