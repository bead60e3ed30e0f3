// The stage moves a researcher may make by hand (decision 004), the refusals for every other move,
// which stages hold a place, and what an agency is shown of its own stage before and after the
// team sends its decision.
import { describe, expect, it } from "vitest";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import {
  allowedMoves,
  canMove,
  DECISIONS,
  holdsAPlace,
  isDecision,
  MANUAL_MOVES,
  moveRefusal,
  stageShownToAgency,
} from "./transitions";

/** Decision 004 written out by hand: every move a researcher may make, and no other. */
const ALLOWED = new Set([
  "DRAFT→WITHDRAWN",
  "SUBMITTED→UNDER_REVIEW",
  "SUBMITTED→WITHDRAWN",
  "UNDER_REVIEW→SHORTLISTED",
  "UNDER_REVIEW→NOT_SELECTED",
  "UNDER_REVIEW→WITHDRAWN",
  "SHORTLISTED→SELECTED",
  "SHORTLISTED→RESERVE",
  "SHORTLISTED→NOT_SELECTED",
  "SHORTLISTED→UNDER_REVIEW",
  "SHORTLISTED→WITHDRAWN",
  "SELECTED→RESERVE",
  "SELECTED→NOT_SELECTED",
  "SELECTED→WITHDRAWN",
  "RESERVE→SELECTED",
  "RESERVE→NOT_SELECTED",
  "RESERVE→WITHDRAWN",
  "NOT_SELECTED→RESERVE",
  "NOT_SELECTED→WITHDRAWN",
  "TRAINING→RECRUITING",
  "TRAINING→WITHDRAWN",
  "RECRUITING→FOLLOW_UP",
  "RECRUITING→WITHDRAWN",
  "FOLLOW_UP→COMPLETED",
  "FOLLOW_UP→WITHDRAWN",
  "COMPLETED→WITHDRAWN",
]);

const PAIRS = STAGE_ORDER.flatMap((from) => STAGE_ORDER.map((to) => [from, to] as [AgencyStage, AgencyStage]));

describe("canMove and moveRefusal", () => {
  it("covers every stage in the table", () => {
    expect(Object.keys(MANUAL_MOVES).sort()).toEqual([...STAGE_ORDER].sort());
  });

  it.each(PAIRS)("%s → %s is allowed exactly when decision 004 allows it", (from, to) => {
    const allowed = ALLOWED.has(`${from}→${to}`);
    expect(canMove(from, to)).toBe(allowed);
    expect(allowedMoves(from).includes(to)).toBe(allowed);
    const refusal = moveRefusal(from, to);
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toMatch(/\.$/);
  });

  it("lets any stage but withdrawn be withdrawn, and nothing leaves withdrawn", () => {
    for (const stage of STAGE_ORDER) expect(canMove(stage, "WITHDRAWN")).toBe(stage !== "WITHDRAWN");
    expect(allowedMoves("WITHDRAWN")).toEqual([]);
    expect(moveRefusal("WITHDRAWN", "SELECTED")).toBe(
      "A withdrawn agency stays withdrawn: its stage can no longer be changed.",
    );
  });

  it("never makes by hand the moves the app makes itself", () => {
    expect(canMove("DRAFT", "SUBMITTED")).toBe(false);
    expect(canMove("SUBMITTED", "DRAFT")).toBe(false);
    expect(canMove("SELECTED", "TRAINING")).toBe(false);
    for (const from of STAGE_ORDER) expect(canMove(from, "TRAINING")).toBe(false);
  });

  it("says the agency is already at a stage when asked to move it there", () => {
    expect(moveRefusal("RESERVE", "RESERVE")).toBe("The agency is already at the stage “On the reserve list”.");
    for (const stage of STAGE_ORDER.filter((stage) => stage !== "WITHDRAWN")) {
      expect(moveRefusal(stage, stage)).toMatch(/^The agency is already at the stage “/);
    }
  });

  it("names the stages the agency can move to, in words", () => {
    expect(moveRefusal("UNDER_REVIEW", "RESERVE")).toBe(
      "An agency at the stage “Under review” can move only to “Shortlisted”, “Not selected” or “Withdrawn”.",
    );
    expect(moveRefusal("DRAFT", "UNDER_REVIEW")).toBe(
      "An agency at the stage “Questionnaire in progress” can move only to “Withdrawn”.",
    );
  });

  it("tells the researcher the way round when a move is refused", () => {
    expect(moveRefusal("SUBMITTED", "SELECTED")).toMatch(/ Shortlist it first\.$/);
    expect(moveRefusal("UNDER_REVIEW", "SELECTED")).toMatch(/ Shortlist it first\.$/);
    expect(moveRefusal("NOT_SELECTED", "SELECTED")).toMatch(/ Put it on the reserve list first, then promote it\.$/);
    expect(moveRefusal("SELECTED", "TRAINING")).toMatch(
      / An agency starts training when its first training booking is made\.$/,
    );
  });
});

describe("holdsAPlace and isDecision", () => {
  it.each(STAGE_ORDER)("%s", (stage) => {
    expect(holdsAPlace(stage)).toBe(["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"].includes(stage));
    expect(isDecision(stage)).toBe(["SELECTED", "RESERVE", "NOT_SELECTED"].includes(stage));
  });

  it("knows no decision when there is none", () => {
    expect(isDecision(null)).toBe(false);
    expect(isDecision(undefined)).toBe(false);
    expect(DECISIONS).toEqual(["SELECTED", "RESERVE", "NOT_SELECTED"]);
  });
});

describe("stageShownToAgency", () => {
  const notDecisions = STAGE_ORDER.filter((stage) => !["SELECTED", "RESERVE", "NOT_SELECTED"].includes(stage));
  it.each(notDecisions)("shows %s as itself, whatever decision was sent", (stage) => {
    for (const sent of [null, "SELECTED", "RESERVE", "NOT_SELECTED"] as const) {
      expect(stageShownToAgency(stage, sent)).toBe(stage);
    }
  });

  it("shows a decision not sent yet as under review", () => {
    expect(stageShownToAgency("SELECTED", null)).toBe("UNDER_REVIEW");
    expect(stageShownToAgency("RESERVE", null)).toBe("UNDER_REVIEW");
    expect(stageShownToAgency("NOT_SELECTED", null)).toBe("UNDER_REVIEW");
  });

  it("shows a decision once it has been sent", () => {
    expect(stageShownToAgency("SELECTED", "SELECTED")).toBe("SELECTED");
    expect(stageShownToAgency("RESERVE", "RESERVE")).toBe("RESERVE");
    expect(stageShownToAgency("NOT_SELECTED", "NOT_SELECTED")).toBe("NOT_SELECTED");
  });

  it("keeps showing the decision last sent until a changed one is sent", () => {
    // Promoted from the reserve list, not yet told.
    expect(stageShownToAgency("SELECTED", "RESERVE")).toBe("RESERVE");
    expect(stageShownToAgency("RESERVE", "SELECTED")).toBe("SELECTED");
    expect(stageShownToAgency("NOT_SELECTED", "RESERVE")).toBe("RESERVE");
    expect(stageShownToAgency("RESERVE", "NOT_SELECTED")).toBe("NOT_SELECTED");
  });
});
