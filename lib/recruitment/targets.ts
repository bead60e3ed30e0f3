// A researcher sets an agency's own participant target, or clears it so that the agency shares out
// the study target with the others (target-queries.ts). The change and its audit entry are written
// in one transaction with the agency's row locked, so two researchers changing the same target are
// served one after the other and the audit trail's "before" is always the value that was replaced.
// Targets that add up to more than the study target are allowed (a strong agency may be asked for
// more), but the answer says so.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { HOLDS_A_PLACE, holdsAPlace } from "@/lib/selection/transitions";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { targetShares } from "./rules";
import { agencyTargetSchema, type RecruitmentResult } from "./schema";

const participants = (count: number) => (count === 1 ? "1 participant" : `${count} participants`);

export async function setAgencyTarget(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<RecruitmentResult> {
  // Only researchers set targets; to anyone else the agency does not exist.
  const parsed = parseAsResearcher(actor, agencyTargetSchema, input, AGENCY_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const { agencyId, target } = parsed.data;

  return client.$transaction(async (tx): Promise<RecruitmentResult> => {
    const [locked] = await tx.$queryRaw<{ teamName: string; participantTarget: number | null; stage: AgencyStage }[]>`
      SELECT "teamName", "participantTarget", "stage"::text AS "stage"
      FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
    if (!locked) return AGENCY_NOT_FOUND;

    await tx.agency.update({ where: { id: agencyId }, data: { participantTarget: target } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.target_changed",
      entity: "Agency",
      entityId: agencyId,
      before: { participantTarget: locked.participantTarget },
      after: { participantTarget: target },
    });

    // The targets as every page now reads them (loadAgencyTargets), seen from inside this change.
    const [study, agencies] = await Promise.all([
      tx.study.findUnique({ where: { id: 1 }, select: { participantTarget: true } }),
      tx.agency.findMany({
        where: { OR: [{ stage: { in: [...HOLDS_A_PLACE] } }, { participantTarget: { not: null } }] },
        select: { id: true, participantTarget: true },
      }),
    ]);
    const studyTarget = study?.participantTarget ?? STUDY_DEFAULTS.participantTarget;
    const shares = targetShares(
      studyTarget,
      agencies.map((agency) => ({ id: agency.id, target: agency.participantTarget })),
    );
    const own = shares.find((share) => share.id === agencyId);

    let message: string;
    if (target !== null) {
      message = `The participant target of ${locked.teamName} is now ${participants(target)}.`;
    } else if (own) {
      message = `${locked.teamName} now shares out the study target with the other agencies: its share is ${participants(own.target)}.`;
    } else {
      message = `${locked.teamName} no longer has its own target. It does not hold a place in the pilot, so it has no share of the study target.`;
    }

    const ownTotal = agencies.reduce((total, agency) => total + (agency.participantTarget ?? 0), 0);
    const warning =
      ownTotal > studyTarget
        ? `The agencies' own targets now add up to ${ownTotal}, more than the study target of ${studyTarget}. That is allowed; lower a target if it was not meant.`
        : undefined;
    // An agency that holds no place counts only through its own target: say so when it is kept.
    const stageNote =
      target !== null && !holdsAPlace(locked.stage)
        ? " It does not hold a place in the pilot at the moment, but its target counts towards the total."
        : "";
    return { ok: true, message: `${message}${stageNote}`, ...(warning ? { warning } : {}) };
  });
}
