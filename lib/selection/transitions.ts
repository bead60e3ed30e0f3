// Which stage moves a researcher may make, and what an agency is shown of its own stage. Pure: no
// database, safe in client components. The server (lib/selection/moves.ts) asks canMove before
// every move; the pages offer only allowedMoves.
import { stageLabel } from "@/lib/agencies/stages";
import type { AgencyStage } from "@/lib/generated/prisma/client";

/**
 * The moves a researcher makes by hand, from each stage (docs/decisions/004-selection.md).
 * PRODUCT.md's path: submitted → under review → shortlisted → selected | reserve | not selected;
 * a selected agency moves on to training → recruiting → follow-up → completed; withdrawn from any
 * stage. Besides the path, the team may correct a decision before training starts (selected ↔
 * reserve, either → not selected, not selected → reserve), put a shortlisted agency back under
 * review, and decline an agency straight from review without shortlisting it.
 *
 * Not here, because no researcher makes them by hand: draft → submitted (the agency submits),
 * submitted → draft (a researcher reopens the questionnaire, lib/eoi/reopen.ts) and selected →
 * training (the agency's first training booking).
 */
export const MANUAL_MOVES = {
  DRAFT: ["WITHDRAWN"],
  SUBMITTED: ["UNDER_REVIEW", "WITHDRAWN"],
  UNDER_REVIEW: ["SHORTLISTED", "NOT_SELECTED", "WITHDRAWN"],
  SHORTLISTED: ["SELECTED", "RESERVE", "NOT_SELECTED", "UNDER_REVIEW", "WITHDRAWN"],
  SELECTED: ["RESERVE", "NOT_SELECTED", "WITHDRAWN"],
  RESERVE: ["SELECTED", "NOT_SELECTED", "WITHDRAWN"],
  NOT_SELECTED: ["RESERVE", "WITHDRAWN"],
  TRAINING: ["RECRUITING", "WITHDRAWN"],
  RECRUITING: ["FOLLOW_UP", "WITHDRAWN"],
  FOLLOW_UP: ["COMPLETED", "WITHDRAWN"],
  COMPLETED: ["WITHDRAWN"],
  WITHDRAWN: [],
} as const satisfies Record<AgencyStage, readonly AgencyStage[]>;

/** The stages that hold one of the study's places: selected, and every stage a selected agency goes on to. */
export const HOLDS_A_PLACE = [
  "SELECTED",
  "TRAINING",
  "RECRUITING",
  "FOLLOW_UP",
  "COMPLETED",
] as const satisfies readonly AgencyStage[];

/** The three decisions an agency is told by email. */
export const DECISIONS = ["SELECTED", "RESERVE", "NOT_SELECTED"] as const satisfies readonly AgencyStage[];
export type Decision = (typeof DECISIONS)[number];

export function isDecision(stage: AgencyStage | null | undefined): stage is Decision {
  return (DECISIONS as readonly (AgencyStage | null | undefined)[]).includes(stage);
}

export function holdsAPlace(stage: AgencyStage): boolean {
  return (HOLDS_A_PLACE as readonly AgencyStage[]).includes(stage);
}

export function allowedMoves(from: AgencyStage): readonly AgencyStage[] {
  return MANUAL_MOVES[from];
}

export function canMove(from: AgencyStage, to: AgencyStage): boolean {
  return (MANUAL_MOVES[from] as readonly AgencyStage[]).includes(to);
}

function listInWords(stages: readonly AgencyStage[]): string {
  const words = stages.map((stage) => `“${stageLabel(stage)}”`);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** Why a move is refused, in plain words; null when it is allowed. */
export function moveRefusal(from: AgencyStage, to: AgencyStage): string | null {
  if (canMove(from, to)) return null;
  if (from === to) return `The agency is already at the stage “${stageLabel(from)}”.`;
  const allowed = allowedMoves(from);
  if (allowed.length === 0) return `A withdrawn agency stays withdrawn: its stage can no longer be changed.`;
  const hint =
    to === "SELECTED" && (from === "SUBMITTED" || from === "UNDER_REVIEW")
      ? " Shortlist it first."
      : to === "SELECTED" && from === "NOT_SELECTED"
        ? " Put it on the reserve list first, then promote it."
        : to === "TRAINING"
          ? " An agency starts training when its first training booking is made."
          : "";
  return `An agency at the stage “${stageLabel(from)}” can move only to ${listInWords(allowed)}.${hint}`;
}

/**
 * The stage an agency is shown of itself. A decision is an internal matter until the team sends
 * it: until then the agency sees the decision it was last told, or that it is under review.
 */
export function stageShownToAgency(stage: AgencyStage, decisionSentStage: AgencyStage | null): AgencyStage {
  if (!isDecision(stage) || stage === decisionSentStage) return stage;
  return isDecision(decisionSentStage) ? decisionSentStage : "UNDER_REVIEW";
}
