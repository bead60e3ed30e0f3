// Changing an agency's staff: a colleague's role, or removing them. Only the agency's lead may,
// only within their own agency, and never so that the agency is left without an active lead.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/user";
import { db, Prisma } from "@/lib/db";
import { releaseFutureBookings } from "@/lib/training/booking";
import { requiredDays } from "@/lib/training/rules";
import { loadTrainingSettings } from "@/lib/training/settings";
import { invalidInput } from "./errors";
import { AGENCY_ROLE_NAMES, canManageStaff, lastLeadProblem } from "./rules";
import { changeStaffRoleSchema, removeStaffSchema, type AccountResult } from "./schema";

export const NOT_LEAD = { ok: false, formError: "Only your agency's lead can change the staff list." } as const;

const STAFF_NOT_FOUND = {
  ok: false,
  formError: "We could not find that member of staff in your agency. They may have been removed already.",
} as const;

/**
 * The agency's active leads, locked until the transaction ends. Every change to the staff list
 * takes this lock first, so two leads acting at once take turns and the second sees the first's
 * change: two leads demoting each other cannot leave the agency without one.
 *
 * The agency's own row is locked before them: a training booking holds it (FOR KEY SHARE) while it
 * books, so a booking in progress finishes before a colleague is removed, and a later one sees the
 * removal; the order agency → session → people is the bookings' order too. The leads are locked
 * FOR NO KEY UPDATE, which still lets a booking point at a lead (bookedById) without waiting.
 */
export async function lockActiveLeads(tx: Prisma.TransactionClient, agencyId: string): Promise<string[]> {
  await tx.$queryRaw`SELECT "id" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User"
    WHERE "agencyId" = ${agencyId}::uuid AND "agencyRole" = 'LEAD' AND "deactivatedAt" IS NULL
    ORDER BY "id"
    FOR NO KEY UPDATE`;
  return rows.map((row) => row.id);
}

export async function changeStaffRole(actor: CurrentUser, input: unknown): Promise<AccountResult> {
  if (actor.role !== "AGENCY_STAFF" || !canManageStaff(actor)) return NOT_LEAD;
  const parsed = changeStaffRoleSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { userId, agencyRole } = parsed.data;
  const agencyId = actor.agencyId;

  return db.$transaction(async (tx): Promise<AccountResult> => {
    const leads = await lockActiveLeads(tx, agencyId);
    if (!leads.includes(actor.id)) return NOT_LEAD;
    const target = await tx.user.findFirst({
      where: { id: userId, agencyId, deactivatedAt: null },
      select: { id: true, name: true, agencyRole: true },
    });
    if (!target) return STAFF_NOT_FOUND;
    if (target.agencyRole === agencyRole) {
      return { ok: true, message: `${target.name} is already ${withArticle(AGENCY_ROLE_NAMES[agencyRole])}.` };
    }
    const problem = lastLeadProblem(leads, target.id, { kind: "role", agencyRole });
    if (problem) return { ok: false, formError: problem };

    // Days the new role does not need are given up (a supervisor made a worker keeps the worker days).
    const stillNeeded = requiredDays(agencyRole, await loadTrainingSettings(tx));
    await releaseFutureBookings(tx, {
      userIds: [target.id],
      keep: (day) => stillNeeded.includes(day),
      now: new Date(),
      actor,
      why: `${target.name} is now ${withArticle(AGENCY_ROLE_NAMES[agencyRole])}`,
    });
    await tx.user.update({ where: { id: target.id }, data: { agencyRole } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.role_changed",
      entity: "User",
      entityId: target.id,
      before: { agencyRole: target.agencyRole },
      after: { agencyRole },
    });
    return { ok: true, message: `${target.name} is now ${withArticle(AGENCY_ROLE_NAMES[agencyRole])}.` };
  });
}

export async function removeStaff(actor: CurrentUser, input: unknown): Promise<AccountResult> {
  if (actor.role !== "AGENCY_STAFF" || !canManageStaff(actor)) return NOT_LEAD;
  const parsed = removeStaffSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { userId } = parsed.data;
  const agencyId = actor.agencyId;
  if (userId === actor.id) {
    return { ok: false, formError: "You cannot remove yourself. Ask another lead of your agency to do it." };
  }

  return db.$transaction(async (tx): Promise<AccountResult> => {
    const leads = await lockActiveLeads(tx, agencyId);
    if (!leads.includes(actor.id)) return NOT_LEAD;
    const target = await tx.user.findFirst({
      where: { id: userId, agencyId, deactivatedAt: null },
      select: { id: true, name: true, email: true, agencyRole: true },
    });
    if (!target) return STAFF_NOT_FOUND;
    const problem = lastLeadProblem(leads, target.id, { kind: "remove" });
    if (problem) return { ok: false, formError: problem };

    const deactivatedAt = new Date();
    // Their places on training still to come go to the people waiting (before their row is
    // changed: sessions are locked before people, as bookings do).
    await releaseFutureBookings(tx, {
      userIds: [target.id],
      now: deactivatedAt,
      actor,
      why: `${target.name} left the agency's staff list`,
    });
    // The row stays for the history (bookings, participants, audit); the raised session version
    // signs them out everywhere at their next request.
    await tx.user.update({
      where: { id: target.id },
      data: { deactivatedAt, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.removed",
      entity: "User",
      entityId: target.id,
      before: { email: target.email, agencyRole: target.agencyRole, deactivatedAt: null },
      after: { deactivatedAt: deactivatedAt.toISOString() },
    });
    return { ok: true, message: `${target.name} has been removed from your agency and can no longer sign in.` };
  });
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
