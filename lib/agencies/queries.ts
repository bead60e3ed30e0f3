// What the app reads about agencies as a whole: the count at each stage for researchers, and for
// a member of staff, their own agency with the stage as the agency is allowed to see it.
import "server-only";
import { db } from "@/lib/db";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { stageShownToAgency } from "@/lib/selection/transitions";

/** How many agencies are at each stage, every stage listed in order (zero where none). */
export async function countAgenciesByStage(): Promise<{ stage: AgencyStage; count: number }[]> {
  const groups = await db.agency.groupBy({ by: ["stage"], _count: { _all: true } });
  const counts = new Map(groups.map((group) => [group.stage, group._count._all]));
  return STAGE_ORDER.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}

/**
 * The agency a member of staff belongs to; scoped by id, so nobody reads another through it. Its
 * `stage` is the one the agency may see: a decision the team has not sent yet stays internal, so
 * the agency sees the decision it was last told, or that it is under review.
 */
export async function getAgencySummary(agencyId: string) {
  const agency = await db.agency.findUnique({
    where: { id: agencyId },
    select: { id: true, organisation: true, teamName: true, stage: true, decisionSentStage: true },
  });
  if (!agency) return null;
  const { decisionSentStage, stage, ...rest } = agency;
  return { ...rest, stage: stageShownToAgency(stage, decisionSentStage) };
}
