import { describe, expect, it } from "vitest";
import { AgencyStage } from "@/lib/generated/prisma/enums";
import { agencyProgress, STAGE_FOR_AGENCY, STAGE_LABELS, STAGE_ORDER } from "./stages";

describe("stage words", () => {
  it("list every stage of the schema exactly once", () => {
    expect([...STAGE_ORDER].sort()).toEqual(Object.values(AgencyStage).sort());
    expect(new Set(Object.values(STAGE_LABELS)).size).toBe(STAGE_ORDER.length);
    expect(Object.keys(STAGE_FOR_AGENCY).sort()).toEqual([...STAGE_ORDER].sort());
  });
});

describe("agencyProgress", () => {
  const current = (stage: AgencyStage) => agencyProgress(stage).filter((step) => step.state === "current");

  it("puts a new agency on the questionnaire step with everything ahead", () => {
    const steps = agencyProgress("DRAFT");
    expect(steps[0]).toMatchObject({ id: "questionnaire", state: "current" });
    expect(steps.slice(1).every((step) => step.state === "upcoming")).toBe(true);
  });

  it("marks earlier steps done and names the decision once made", () => {
    const steps = agencyProgress("TRAINING");
    expect(steps.map((step) => step.state)).toEqual([
      "done",
      "done",
      "done",
      "current",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
    expect(steps[2]?.label).toBe("Decision: selected");
  });

  it("has exactly one current step for every stage but withdrawn", () => {
    for (const stage of STAGE_ORDER) expect(current(stage)).toHaveLength(stage === "WITHDRAWN" ? 0 : 1);
  });

  it("ends the path at the decision for an agency not selected", () => {
    const steps = agencyProgress("NOT_SELECTED");
    expect(steps.map((step) => step.id)).toEqual(["questionnaire", "review", "decision"]);
    expect(steps[2]).toEqual({ id: "decision", label: "Decision: not selected", state: "current" });
  });

  it("keeps the later steps ahead of a reserve agency, which may still be promoted", () => {
    expect(agencyProgress("RESERVE").at(-1)).toMatchObject({ id: "completed", state: "upcoming" });
    expect(current("RESERVE")[0]?.label).toBe("Decision: on the reserve list");
  });
});
