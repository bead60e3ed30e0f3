// What researchers send while selecting agencies: a review (four scores with notes), a stage move
// with its reason, a change of order on the reserve list, and the confirmation that sends the
// decisions. Pure: the forms check with these in the browser, the server checks again.
import { z } from "zod";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { CONFIRM_MESSAGE, NOTE_MAX, REASON_MAX, REASON_MESSAGES } from "./limits";
import { CRITERIA, type CriterionKey } from "./scores";

export { NOTE_MAX, REASON_MAX };

const agencyId = z.uuid("The agency in the form is not valid. Reload the page and try again.");

function scoreField(label: string) {
  const message = `Choose a score from 1 to 5 for “${label}”.`;
  return z.coerce.number({ error: message }).int(message).min(1, message).max(5, message);
}

function noteField(label: string) {
  return z
    .string({ error: `The note on “${label}” must be text.` })
    .trim()
    .max(NOTE_MAX, `Use at most ${NOTE_MAX} characters for the note on “${label}”.`)
    .default("");
}

const label = (key: CriterionKey) => CRITERIA.find((criterion) => criterion.key === key)!.label;

/** Field names: `<criterion>Score` and `<criterion>Note`, e.g. similarityScore, similarityNote. */
export const reviewSchema = z.object({
  agencyId,
  similarityScore: scoreField(label("similarity")),
  similarityNote: noteField(label("similarity")),
  trainingCapacityScore: scoreField(label("trainingCapacity")),
  trainingCapacityNote: noteField(label("trainingCapacity")),
  recruitmentCapacityScore: scoreField(label("recruitmentCapacity")),
  recruitmentCapacityNote: noteField(label("recruitmentCapacity")),
  clientGroupFitScore: scoreField(label("clientGroupFit")),
  clientGroupFitNote: noteField(label("clientGroupFit")),
});
export type ReviewInput = z.input<typeof reviewSchema>;
export type ReviewValues = z.output<typeof reviewSchema>;

export const moveStageSchema = z.object({
  agencyId,
  to: z.enum(STAGE_ORDER, { error: "Choose the stage to move the agency to." }),
  reason: z
    .string({ error: REASON_MESSAGES.missing })
    .trim()
    .min(1, REASON_MESSAGES.missing)
    .max(REASON_MAX, REASON_MESSAGES.tooLong),
});
export type MoveStageInput = z.input<typeof moveStageSchema>;
export type MoveStageValues = z.output<typeof moveStageSchema>;

export const reorderReserveSchema = z.object({
  agencyId,
  direction: z.enum(["up", "down"], { error: "Move the agency up or down the reserve list." }),
});
export type ReorderReserveValues = z.output<typeof reorderReserveSchema>;

export const sendDecisionsSchema = z.object({
  confirm: z.literal(true, { error: CONFIRM_MESSAGE }),
});
export type SendDecisionsInput = z.input<typeof sendDecisionsSchema>;

/** What every selection action answers; a form shows `message`, or the errors per field. */
export type SelectionResult =
  | { ok: true; message: string }
  | { ok: false; fieldErrors?: Partial<Record<string, string[] | undefined>>; formError?: string };
