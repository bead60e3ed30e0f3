// What is sent about participants (issue 7): a new referral; one step of a participant's record
// (screened eligible or not, consented or declined, baseline, follow-up, withdrawn, lost); a research
// team's correction that undoes the last step; an agency's own participant target. Pure: the forms
// check with these in the browser, the server again. The schemas check the shape of what is sent;
// whether a date fits the record (not in the future, not before an earlier step) and whether the
// status may move are checked on the server against the locked row, with rules.ts.
import { z } from "zod";
import { reasonField } from "./reason-schema";
import { isCalendarDate, MEASURES } from "./rules";
import { SUBGROUPS, TARGET_MAX } from "./steps";

// The steps and limits the forms need as values are in steps.ts, which has no zod: a form that
// imports them does not bring zod into its page's first load (components/lazy-resolver.ts).
export {
  PARTICIPANT_STEPS,
  STEP_DATE,
  STEP_STATUS,
  stepFor,
  SUBGROUPS,
  TARGET_MAX,
  type ParticipantStep,
} from "./steps";

const reload = "Reload the page and try again.";
const participantId = z.uuid(`The participant in the form is not valid. ${reload}`);

/** A calendar date "YYYY-MM-DD" as a date input sends it. */
export function dateField(what: string) {
  return z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, { error: `Enter the ${what}.`, abort: true })
    .refine(isCalendarDate, `Enter the ${what} as a real date, for example 5 March 2026.`);
}

/** A yes/no question: a radio group sends "yes" or "no"; a direct call may send a boolean. */
function yesNo(message: string) {
  return z.preprocess(
    (value) => (value === "yes" ? true : value === "no" ? false : value),
    z.boolean({ error: message }),
  );
}

const measures = z
  .array(z.enum(MEASURES, { error: "Choose the measures from the list." }), {
    error: "Tick the measures completed at the interview.",
  })
  .min(1, "Tick the measures completed at the interview (at least one).")
  .transform((list) => MEASURES.filter((measure) => list.includes(measure)));

// ---------------------------------------------------------------------------------------------
// A new referral

export const newParticipantSchema = z.object({
  referralDate: dateField("referral date"),
  workerId: z.uuid("Choose the worker who works with this participant."),
  subgroup: z.enum(SUBGROUPS, { error: "Choose the participant's subgroup." }),
  isNewReferral: yesNo("Say whether the participant is newly referred to your team."),
});
export type NewParticipantInput = z.input<typeof newParticipantSchema>;
export type NewParticipantValues = z.output<typeof newParticipantSchema>;

// ---------------------------------------------------------------------------------------------
// One step of the record

export const participantStepSchema = z.discriminatedUnion(
  "step",
  [
    z.object({ participantId, step: z.literal("eligible"), date: dateField("screening date") }),
    z.object({
      participantId,
      step: z.literal("not-eligible"),
      date: dateField("screening date"),
      reason: reasonField("why the participant is not eligible"),
    }),
    z.object({ participantId, step: z.literal("consent"), date: dateField("consent date") }),
    z.object({
      participantId,
      step: z.literal("decline"),
      date: dateField("date they declined"),
      reason: reasonField("why the participant declined"),
    }),
    z.object({ participantId, step: z.literal("baseline"), date: dateField("baseline interview date"), measures }),
    z.object({ participantId, step: z.literal("follow-up"), date: dateField("follow-up interview date"), measures }),
    z.object({
      participantId,
      step: z.literal("withdraw"),
      date: dateField("withdrawal date"),
      reason: reasonField("why the participant withdrew"),
      keepData: yesNo("Say whether the data collected so far may be kept."),
    }),
    z.object({
      participantId,
      step: z.literal("lost"),
      date: dateField("date they were lost to follow-up"),
      reason: reasonField("why the participant was lost to follow-up"),
    }),
  ],
  { error: `Choose what to record for this participant. ${reload}` },
);
export type ParticipantStepInput = z.input<typeof participantStepSchema>;
export type ParticipantStepValues = z.output<typeof participantStepSchema>;

// ---------------------------------------------------------------------------------------------
// The research team's correction: undo the last step recorded

export const correctParticipantSchema = z.object({
  participantId,
  reason: reasonField("why the step is being undone"),
});
export type CorrectParticipantInput = z.input<typeof correctParticipantSchema>;

// ---------------------------------------------------------------------------------------------
// An agency's target

/** Blank means "share of the study target"; otherwise a whole number of participants. */
export const agencyTargetSchema = z.object({
  agencyId: z.uuid(`The agency in the form is not valid. ${reload}`),
  target: z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? null : Number(value.trim())) : value),
    z
      .number({ error: "Enter the target as a whole number, or leave it blank to share out the study target." })
      .int("Enter the target as a whole number, or leave it blank to share out the study target.")
      .min(0, "The target cannot be below 0.")
      .max(TARGET_MAX, `The target cannot be above ${TARGET_MAX}.`)
      .nullable(),
  ),
});
export type AgencyTargetInput = z.input<typeof agencyTargetSchema>;

// ---------------------------------------------------------------------------------------------
// Answers

/** What every recruitment action answers; a form shows `message` (and `warning`), or the errors. */
export type RecruitmentResult =
  | {
      ok: true;
      message: string;
      /** Something to check that did not stop the change, e.g. a follow-up outside its window. */
      warning?: string;
      /** The participant created or changed. */
      participantId?: string;
      studyId?: string;
    }
  | { ok: false; fieldErrors?: Partial<Record<string, string[] | undefined>>; formError?: string };
