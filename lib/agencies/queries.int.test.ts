// The agency's own summary against a real database: it shows the stage the agency may see, so a
// decision the team has not sent yet never reaches the agency's pages. Every agency here is this
// file's own (the database is shared with other tests, so none goes on the shared reserve list).
import { describe, expect, it } from "vitest";
import { unique } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { getAgencySummary } from "./queries";

async function summaryOf(stage: AgencyStage, decisionSentStage: AgencyStage | null = null) {
  const agency = await db.agency.create({
    data: {
      organisation: `Organisation ${unique()}`,
      teamName: `Team ${unique()}`,
      stage,
      decisionSentStage,
      decisionSentAt: decisionSentStage ? new Date("2030-04-01T09:00:00Z") : null,
    },
  });
  return getAgencySummary(agency.id);
}

describe("getAgencySummary", () => {
  it("keeps an unsent decision from the agency: it is still under review", async () => {
    expect(await summaryOf("SELECTED")).toMatchObject({ stage: "UNDER_REVIEW" });
    expect(await summaryOf("NOT_SELECTED")).toMatchObject({ stage: "UNDER_REVIEW" });
  });

  it("shows a decision once it is sent, and the one last sent while a change waits to be sent", async () => {
    expect(await summaryOf("SELECTED", "SELECTED")).toMatchObject({ stage: "SELECTED" });
    // Promoted from the reserve list, but not told yet: the agency still reads "reserve".
    expect(await summaryOf("SELECTED", "RESERVE")).toMatchObject({ stage: "RESERVE" });
  });

  it("shows the stages that are not decisions as they are, and nothing about what was sent", async () => {
    expect(await summaryOf("SHORTLISTED")).toMatchObject({ stage: "SHORTLISTED" });
    expect(await summaryOf("TRAINING", "SELECTED")).toMatchObject({ stage: "TRAINING" });
    const summary = await summaryOf("WITHDRAWN", "NOT_SELECTED");
    expect(summary).toMatchObject({ stage: "WITHDRAWN" });
    expect(Object.keys(summary!).sort()).toEqual(["id", "organisation", "stage", "teamName"]);
  });

  it("finds nothing for an agency that does not exist", async () => {
    expect(await getAgencySummary("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
