import "server-only";
import { db } from "@/lib/db";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { STAGE_ORDER } from "@/lib/agencies/stages";

/** How many agencies are at each stage, every stage listed in order (zero where none). */
export async function countAgenciesByStage(): Promise<{ stage: AgencyStage; count: number }[]> {
  const groups = await db.agency.groupBy({ by: ["stage"], _count: { _all: true } });
  const counts = new Map(groups.map((group) => [group.stage, group._count._all]));
  return STAGE_ORDER.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}

/** The agency a member of staff belongs to; scoped by id, so nobody reads another through it. */
export function getAgencySummary(agencyId: string) {
  return db.agency.findUnique({
    where: { id: agencyId },
    select: { id: true, organisation: true, teamName: true, stage: true },
  });
}
