// A researcher moves an agency from one stage to another with a reason, and reorders the reserve
// list. Every move is checked against the table of allowed moves (transitions.ts), counted against
// the study's number of places when it selects, and written with its StageChange and audit entry
// in one transaction. The single Study row is locked first, so two researchers selecting the last
// place at the same moment are served one after the other (docs/decisions/004-selection.md).
import "server-only";
import { stageLabel } from "@/lib/agencies/stages";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { moveStageSchema, reorderReserveSchema, type SelectionResult } from "./schema";
import { releaseFutureBookings } from "@/lib/training/booking";
import { agencyTrainingCompletion, recruitmentGateRefusal } from "@/lib/training/completion";
import { HOLDS_A_PLACE, isDecision, moveRefusal } from "./transitions";

/**
 * Researchers waiting for the Study lock take turns, and the wait counts towards the transaction's
 * time limit: a few simultaneous moves must not run out of time while they queue.
 */
export const SELECTION_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;

/** An advisory lock standing in for the Study row before the study has been set up. */
const NO_STUDY_LOCK = 4_004_001;

export type LockedStudy = {
  exists: boolean;
  agenciesToSelect: number;
  workerTrainingDays: number;
  supervisorExtraDays: number;
  decisionsConfirmedAt: Date | null;
};

/**
 * Locks the study's single row until the transaction ends and reads its settings. Every change to
 * who holds a place, to the reserve ranks or to the decisions sent takes this lock first.
 */
export async function lockStudy(tx: Prisma.TransactionClient): Promise<LockedStudy> {
  const [study] = await tx.$queryRaw<Omit<LockedStudy, "exists">[]>`
    SELECT "agenciesToSelect", "workerTrainingDays", "supervisorExtraDays", "decisionsConfirmedAt"
    FROM "Study" WHERE "id" = 1 FOR UPDATE`;
  if (study) return { exists: true, ...study };
  // Before the settings are first saved there is no row to lock: queue on an advisory lock instead.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NO_STUDY_LOCK})`;
  return {
    exists: false,
    agenciesToSelect: STUDY_DEFAULTS.agenciesToSelect,
    workerTrainingDays: STUDY_DEFAULTS.workerTrainingDays,
    supervisorExtraDays: STUDY_DEFAULTS.supervisorExtraDays,
    decisionsConfirmedAt: null,
  };
}

/** Locks one agency's row until the transaction ends; false when there is no such agency. */
export async function lockAgency(tx: Prisma.TransactionClient, agencyId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
  return locked.length > 0;
}

/**
 * Takes the Study lock, then the agency's (every move takes them in this order), and reads the
 * agency as a move needs it; null when there is no such agency.
 */
async function lockForMove(tx: Prisma.TransactionClient, agencyId: string) {
  const study = await lockStudy(tx);
  if (!(await lockAgency(tx, agencyId))) return null;
  const agency = await tx.agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: { id: true, teamName: true, stage: true, reserveRank: true },
  });
  return { study, agency };
}

function placesTaken(cap: number, taken: number, teamName: string): string {
  const full = cap === 1 ? "The study's only place is taken" : `All ${cap} places are taken`;
  const holders = taken === 1 ? "1 agency is" : `${taken} agencies are`;
  return `${full}: ${holders} selected or further along, so ${teamName} cannot be selected now. Move a selected agency to the reserve list or withdraw it first.`;
}

export async function moveAgencyStage(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<SelectionResult> {
  // Only researchers move agencies; to anyone else the agency does not exist.
  const parsed = parseAsResearcher(actor, moveStageSchema, input, AGENCY_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const { agencyId, to, reason } = parsed.data;

  return client.$transaction(async (tx): Promise<SelectionResult> => {
    const locked = await lockForMove(tx, agencyId);
    if (!locked) return AGENCY_NOT_FOUND;
    const { study, agency } = locked;
    const from = agency.stage;
    const refusal = moveRefusal(from, to);
    if (refusal) return { ok: false, formError: refusal };

    let taken = 0;
    if (to === "SELECTED") {
      // Counted under the Study lock: a selection committed a moment ago is seen here.
      taken = await tx.agency.count({ where: { stage: { in: [...HOLDS_A_PLACE] } } });
      if (taken >= study.agenciesToSelect) {
        return { ok: false, formError: placesTaken(study.agenciesToSelect, taken, agency.teamName) };
      }
    }

    if (from === "TRAINING" && to === "RECRUITING") {
      // Researchers confirm this move, and only once every supervisor and worker has completed.
      const gate = recruitmentGateRefusal(agency.teamName, await agencyTrainingCompletion(tx, agencyId, study));
      if (gate) return { ok: false, formError: gate };
    }

    if (to === "WITHDRAWN") {
      // A withdrawn team takes no more training: its places on sessions still to come go to the
      // people waiting for them, and its staff are told.
      const staff = await tx.user.findMany({ where: { agencyId }, select: { id: true } });
      await releaseFutureBookings(tx, {
        userIds: staff.map((person) => person.id),
        now,
        actor: { id: actor.id, name: "The Connecting People study team" },
        why: `${agency.teamName} withdrew from the pilot: ${reason}`,
      });
    }

    let reserveRank: number | null = null;
    if (to === "RESERVE") {
      const last = await tx.agency.aggregate({ where: { stage: "RESERVE" }, _max: { reserveRank: true } });
      reserveRank = (last._max.reserveRank ?? 0) + 1;
    }
    await tx.agency.update({ where: { id: agencyId }, data: { stage: to, reserveRank } });
    if (from === "RESERVE" && agency.reserveRank !== null) {
      // The agencies that were below it move up one: the list keeps no gaps.
      await tx.agency.updateMany({
        where: { stage: "RESERVE", reserveRank: { gt: agency.reserveRank } },
        data: { reserveRank: { decrement: 1 } },
      });
    }
    await tx.stageChange.create({
      data: { agencyId, fromStage: from, toStage: to, byId: actor.id, at: now, reason },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "agency.stage_changed",
      entity: "Agency",
      entityId: agencyId,
      before: { stage: from, reserveRank: agency.reserveRank },
      after: { stage: to, reserveRank, reason },
    });

    const moved =
      to === "SELECTED"
        ? `${agency.teamName} is now selected${from === "RESERVE" ? " from the reserve list" : ""}: ${taken + 1} of ${study.agenciesToSelect} places are taken.`
        : to === "RESERVE"
          ? `${agency.teamName} is now on the reserve list, at number ${reserveRank}.`
          : `${agency.teamName} moved from “${stageLabel(from)}” to “${stageLabel(to)}”.`;
    const told = isDecision(to) ? " The agency is told when the team sends the decisions." : "";
    return { ok: true, message: `${moved}${told}` };
  }, SELECTION_TRANSACTION);
}

export async function reorderReserve(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<SelectionResult> {
  const parsed = parseAsResearcher(actor, reorderReserveSchema, input, AGENCY_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const { agencyId, direction } = parsed.data;

  return client.$transaction(async (tx): Promise<SelectionResult> => {
    // Ranks change only under the Study lock, so two reorderings never swap with a stale neighbour.
    const locked = await lockForMove(tx, agencyId);
    if (!locked) return AGENCY_NOT_FOUND;
    const { agency } = locked;
    if (agency.stage !== "RESERVE" || agency.reserveRank === null) {
      return {
        ok: false,
        formError: `${agency.teamName} is not on the reserve list (its stage is “${stageLabel(agency.stage)}”), so it cannot be moved up or down the list. Reload the page to see the list as it is now.`,
      };
    }
    const rank = agency.reserveRank;
    const neighbour = await tx.agency.findFirst({
      where: { stage: "RESERVE", reserveRank: direction === "up" ? { lt: rank } : { gt: rank } },
      orderBy: { reserveRank: direction === "up" ? "desc" : "asc" },
      select: { id: true, teamName: true, reserveRank: true },
    });
    if (!neighbour || neighbour.reserveRank === null) {
      return {
        ok: false,
        formError:
          direction === "up"
            ? `${agency.teamName} is already first on the reserve list, so it cannot move up. To change the order, move another agency instead.`
            : `${agency.teamName} is already last on the reserve list, so it cannot move down. To change the order, move another agency instead.`,
      };
    }

    await tx.agency.update({ where: { id: agency.id }, data: { reserveRank: neighbour.reserveRank } });
    await tx.agency.update({ where: { id: neighbour.id }, data: { reserveRank: rank } });
    for (const [moved, before, after, swappedWith] of [
      [agency.id, rank, neighbour.reserveRank, neighbour.id],
      [neighbour.id, neighbour.reserveRank, rank, agency.id],
    ] as const) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "agency.reserve_reordered",
        entity: "Agency",
        entityId: moved,
        before: { reserveRank: before },
        after: { reserveRank: after, swappedWith },
      });
    }
    return {
      ok: true,
      message: `${agency.teamName} moved ${direction} to number ${neighbour.reserveRank} on the reserve list; ${neighbour.teamName} is now number ${rank}.`,
    };
  }, SELECTION_TRANSACTION);
}
