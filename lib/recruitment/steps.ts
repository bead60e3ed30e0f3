// The participant steps, subgroups and target limit as values, without zod: shared by the schemas
// (schema.ts, which re-exports them), the server and the forms, which can import them without
// bringing zod into the page's first load.
import type { ParticipantStatus, Subgroup } from "@/lib/generated/prisma/client";
import type { DateStep } from "./rules";

export const SUBGROUPS = [
  "ADULT_MENTAL_HEALTH",
  "OLDER_ADULT_MENTAL_HEALTH",
  "LEARNING_DISABILITY",
] as const satisfies readonly Subgroup[];

export const PARTICIPANT_STEPS = [
  "eligible",
  "not-eligible",
  "consent",
  "decline",
  "baseline",
  "follow-up",
  "withdraw",
  "lost",
] as const;
export type ParticipantStep = (typeof PARTICIPANT_STEPS)[number];

/** The status each step moves the participant to. */
export const STEP_STATUS = {
  eligible: "ELIGIBLE",
  "not-eligible": "NOT_ELIGIBLE",
  consent: "CONSENTED",
  decline: "DECLINED",
  baseline: "BASELINE_DONE",
  "follow-up": "FOLLOW_UP_DONE",
  withdraw: "WITHDRAWN",
  lost: "LOST_TO_FOLLOW_UP",
} as const satisfies Record<ParticipantStep, ParticipantStatus>;

/** Which date rule of rules.ts (dateProblem) each step's date follows. */
export const STEP_DATE = {
  eligible: "screening",
  "not-eligible": "screening",
  consent: "consent",
  decline: "decline",
  baseline: "baseline",
  "follow-up": "followUp",
  withdraw: "withdrawal",
  lost: "lost",
} as const satisfies Record<ParticipantStep, DateStep>;

/** The step that moves a participant to `status`, for offering only the allowed ones. */
export function stepFor(status: ParticipantStatus): ParticipantStep | null {
  const found = PARTICIPANT_STEPS.find((step) => STEP_STATUS[step] === status);
  return found ?? null;
}

export const TARGET_MAX = 10_000;
