// Writes one entry of the append-only audit trail. Call it with the transaction client of the
// change it records, so that the change and its entry commit (or roll back) together.
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditEntry = {
  /** Who acted; null for the system or an anonymous visitor (e.g. registration). */
  actorId: string | null;
  /** What happened, as "<entity>.<verb>", e.g. "user.invited", "agency.stage_changed". */
  action: string;
  entity: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry) {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}
