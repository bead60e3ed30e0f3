import "server-only";
// Each agency's participant target and the study's follow-up settings, as every recruitment page
// reads them. The agencies that share the study target are those holding a place (selected, in
// training, recruiting, in follow-up, completed); an agency's own target (Agency.participantTarget,
// set by a researcher) is kept as it is, and the rest of the study target is shared out among the
// others (targetShares). A withdrawn agency has no share: what it was to recruit falls to the others,
// unless a researcher gave it its own target.
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { targetShares, type FollowUpSettings, type TargetShare } from "./rules";

export type RecruitmentSettings = FollowUpSettings & { participantTarget: number };

/** The study's target and follow-up settings, or the announced defaults before it is set up. */
export async function loadRecruitmentSettings(
  client: Pick<Prisma.TransactionClient, "study"> = defaultDb,
): Promise<RecruitmentSettings> {
  const study = await client.study.findUnique({
    where: { id: 1 },
    select: { participantTarget: true, followUpMonths: true, followUpWindowDays: true },
  });
  return (
    study ?? {
      participantTarget: STUDY_DEFAULTS.participantTarget,
      followUpMonths: STUDY_DEFAULTS.followUpMonths,
      followUpWindowDays: 28,
    }
  );
}

/**
 * The study target and each agency's target, by agency id: every agency holding a place, and any
 * other with its own target. An agency not in the map has no target (0).
 */
export async function loadAgencyTargets(
  client: Db = defaultDb,
): Promise<{ studyTarget: number; targets: Map<string, TargetShare> }> {
  const [settings, agencies] = await Promise.all([
    loadRecruitmentSettings(client),
    client.agency.findMany({
      where: { OR: [{ stage: { in: [...HOLDS_A_PLACE] } }, { participantTarget: { not: null } }] },
      select: { id: true, participantTarget: true },
    }),
  ]);
  const shares = targetShares(
    settings.participantTarget,
    agencies.map((agency) => ({ id: agency.id, target: agency.participantTarget })),
  );
  return { studyTarget: settings.participantTarget, targets: new Map(shares.map((share) => [share.id, share])) };
}
