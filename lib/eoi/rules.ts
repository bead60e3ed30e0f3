// When an agency may still edit and submit its questionnaire, and the states researchers see.
// Pure rules; the server passes its own clock (`now`), never the browser's.
import { sectionSchemas, SECTION_KEYS, sectionAnswers, type QuestionnaireAnswers, type SectionKey } from "./schema";

export type QuestionnaireWindow =
  { open: true; closesAt: Date; reopened: boolean } | { open: false; closedAt: Date; reopened: boolean };

/**
 * Open until the study deadline, or until the date a researcher reopened this agency to, when that
 * is later. The deadline instant itself is closed: a request that the server receives at
 * 17:00:00.000 for a 17:00 deadline is late, however the browser's clock reads.
 */
export function questionnaireWindow({
  deadline,
  reopenedUntil,
  now,
}: {
  deadline: Date;
  reopenedUntil: Date | null;
  now: Date;
}): QuestionnaireWindow {
  const reopened = reopenedUntil !== null && reopenedUntil > deadline;
  const closesAt = reopened ? reopenedUntil : deadline;
  return now < closesAt ? { open: true, closesAt, reopened } : { open: false, closedAt: closesAt, reopened };
}

/** What researchers call a questionnaire's state in the agencies list. */
export type QuestionnaireState = "draft" | "submitted" | "late" | "reopened";

export function questionnaireState({
  status,
  deadline,
  reopenedUntil,
  now,
}: {
  status: "DRAFT" | "SUBMITTED";
  deadline: Date;
  reopenedUntil: Date | null;
  now: Date;
}): QuestionnaireState {
  if (status === "SUBMITTED") return "submitted";
  const window = questionnaireWindow({ deadline, reopenedUntil, now });
  if (window.reopened && window.open) return "reopened";
  return window.open ? "draft" : "late";
}

/** Which sections are complete, and what is missing from the others (for the section list). */
export function sectionProgress(
  answers: QuestionnaireAnswers,
): Record<SectionKey, { complete: boolean; missing: string[] }> {
  return Object.fromEntries(
    SECTION_KEYS.map((key) => {
      const result = sectionSchemas[key].safeParse(sectionAnswers(answers, key) ?? {});
      return [
        key,
        result.success
          ? { complete: true, missing: [] }
          : { complete: false, missing: [...new Set(result.error.issues.map((issue) => issue.message))] },
      ];
    }),
  ) as Record<SectionKey, { complete: boolean; missing: string[] }>;
}

/** A team that works with none of the three client groups cannot take part. */
export function isEligible(answers: QuestionnaireAnswers): boolean {
  return (answers.eligibility?.clientGroups?.length ?? 0) > 0;
}

/** "3 days and 4 hours", "2 hours and 5 minutes", "less than a minute": time left until `closesAt`. */
export function timeLeft(closesAt: Date, now: Date): string {
  const minutes = Math.floor((closesAt.getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return "less than a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (value: number, word: string) => `${value} ${word}${value === 1 ? "" : "s"}`;
  if (days > 0) return hours > 0 ? `${unit(days, "day")} and ${unit(hours, "hour")}` : unit(days, "day");
  if (hours > 0) return mins > 0 ? `${unit(hours, "hour")} and ${unit(mins, "minute")}` : unit(hours, "hour");
  return unit(mins, "minute");
}
