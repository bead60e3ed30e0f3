// The longest note and reason researchers may write, and the messages that say so. Apart from
// schema.ts (which needs zod) so that the selection page's small forms can check in the browser
// without loading a validation library.

export const NOTE_MAX = 2000;
export const REASON_MAX = 1000;

/** Why an agency moves: said by the form in the browser and by moveStageSchema on the server. */
export const REASON_MESSAGES = {
  missing: "Say why the agency moves to this stage.",
  tooLong: `Use at most ${REASON_MAX} characters for the reason.`,
} as const;

/** The tick that sends the decisions: said by the form and by sendDecisionsSchema. */
export const CONFIRM_MESSAGE = "Tick the box to confirm that the decisions are final and can be sent.";

/** What is wrong with a stage move's reason, as the server would say it, or null when it will do. */
export function reasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === "") return REASON_MESSAGES.missing;
  if (trimmed.length > REASON_MAX) return REASON_MESSAGES.tooLong;
  return null;
}
