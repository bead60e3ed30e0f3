// The words for an agency's stage, for researchers and for the agency itself. Pure: no database,
// safe in client components.
import type { AgencyRole, AgencyStage } from "@/lib/generated/prisma/client";

/** Every stage, in the order an agency meets them; WITHDRAWN (possible from any stage) last. */
export const STAGE_ORDER = [
  "DRAFT",
  "SUBMITTED",
  "UNDER_REVIEW",
  "SHORTLISTED",
  "SELECTED",
  "RESERVE",
  "NOT_SELECTED",
  "TRAINING",
  "RECRUITING",
  "FOLLOW_UP",
  "COMPLETED",
  "WITHDRAWN",
] as const satisfies readonly AgencyStage[];

/** How the study team names each stage. */
export const STAGE_LABELS = {
  DRAFT: "Questionnaire in progress",
  SUBMITTED: "Questionnaire submitted",
  UNDER_REVIEW: "Under review",
  SHORTLISTED: "Shortlisted",
  SELECTED: "Selected",
  RESERVE: "On the reserve list",
  NOT_SELECTED: "Not selected",
  TRAINING: "In training",
  RECRUITING: "Recruiting participants",
  FOLLOW_UP: "Following up participants",
  COMPLETED: "Completed the pilot",
  WITHDRAWN: "Withdrawn",
} as const satisfies Record<AgencyStage, string>;

export function stageLabel(stage: AgencyStage): string {
  return STAGE_LABELS[stage];
}

/** The steps of the path as an agency sees it, and the stages that count as being on each. */
export const AGENCY_STEPS = [
  { id: "questionnaire", label: "Fill in the questionnaire", stages: ["DRAFT"] },
  { id: "review", label: "The study team reviews it", stages: ["SUBMITTED", "UNDER_REVIEW", "SHORTLISTED"] },
  { id: "decision", label: "Decision", stages: ["SELECTED", "RESERVE", "NOT_SELECTED"] },
  { id: "training", label: "Training", stages: ["TRAINING"] },
  { id: "recruitment", label: "Recruit participants", stages: ["RECRUITING"] },
  { id: "follow-up", label: "Follow-up interviews", stages: ["FOLLOW_UP"] },
  { id: "completed", label: "Pilot completed", stages: ["COMPLETED"] },
] as const satisfies readonly { id: string; label: string; stages: readonly AgencyStage[] }[];

/** What a stage means for the agency, in its own words. */
export const STAGE_FOR_AGENCY = {
  DRAFT:
    "Your expression of interest is started but not sent yet. Finish the questionnaire and submit it before the closing date.",
  SUBMITTED: "Thank you: your questionnaire has reached the study team. They will review it after the closing date.",
  UNDER_REVIEW: "The study team is reading your questionnaire and comparing it with the others.",
  SHORTLISTED: "Your team is on the shortlist. The study team will tell you their decision soon.",
  SELECTED: "Your team has been chosen to pilot Connecting People. Training dates come next.",
  RESERVE: "Your team is on the reserve list. If a place becomes free, the study team will contact you.",
  NOT_SELECTED: "Your team was not chosen for this pilot. Thank you for your interest.",
  TRAINING: "Your workers and supervisors are taking part in the Connecting People training.",
  RECRUITING: "Your team is inviting people it works with to take part in the study.",
  FOLLOW_UP: "The study team is meeting participants again for their follow-up interviews.",
  COMPLETED: "Your team has completed the pilot. Thank you for taking part.",
  WITHDRAWN: "Your team has withdrawn from the pilot.",
} as const satisfies Record<AgencyStage, string>;

export type StepState = "done" | "current" | "upcoming";

export type AgencyStep = { id: string; label: string; state: StepState };

const DECISION_WORDS: Partial<Record<AgencyStage, string>> = {
  SELECTED: "Decision: selected",
  TRAINING: "Decision: selected",
  RECRUITING: "Decision: selected",
  FOLLOW_UP: "Decision: selected",
  COMPLETED: "Decision: selected",
  RESERVE: "Decision: on the reserve list",
  NOT_SELECTED: "Decision: not selected",
};

/**
 * The agency's path with each step marked done, current or upcoming, the decision step naming the
 * decision once there is one. After "not selected" the path ends at the decision. A withdrawn
 * agency is on no step (every step is "upcoming"); say so in words beside the list.
 */
export function agencyProgress(stage: AgencyStage): AgencyStep[] {
  const steps = stage === "NOT_SELECTED" ? AGENCY_STEPS.slice(0, 3) : AGENCY_STEPS;
  const currentIndex = steps.findIndex((step) => (step.stages as readonly AgencyStage[]).includes(stage));
  return steps.map((step, index) => ({
    id: step.id,
    label: (step.id === "decision" && DECISION_WORDS[stage]) || step.label,
    state: currentIndex === -1 || index > currentIndex ? "upcoming" : index < currentIndex ? "done" : "current",
  }));
}

export const AGENCY_ROLE_LABELS = {
  LEAD: "Agency lead",
  SUPERVISOR: "Supervisor",
  WORKER: "Worker",
} as const satisfies Record<AgencyRole, string>;
