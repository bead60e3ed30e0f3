import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actorLabel, redactSensitive, ukDayRange, type AuditActor } from "@/lib/audit/rules";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventFilter = {
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Matched exactly, lower-cased. */
  actorEmail?: string;
  /** First UK day (YYYY-MM-DD, Europe/London) to include. */
  from?: string;
  /** Last UK day (YYYY-MM-DD, Europe/London) to include. */
  to?: string;
};

export type AuditEventRow = {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  entity: string;
  entityId: string;
  /** As recorded, without any password, hash, token or secret. */
  before: unknown;
  after: unknown;
};

export type AuditEventPage = {
  events: AuditEventRow[];
  /** Events matching the filter, on every page. */
  total: number;
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  pageCount: number;
};

function auditWhere(filter: AuditEventFilter): Prisma.AuditEventWhereInput {
  const at = ukDayRange(filter.from, filter.to);
  return {
    // entity + entityId + at use the (entity, entityId, at) index; a date range alone uses (at).
    ...(filter.entity ? { entity: filter.entity } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.actorEmail ? { actor: { is: { email: filter.actorEmail.trim().toLowerCase() } } } : {}),
    ...(at.gte || at.lt ? { at } : {}),
  };
}

const eventSelect = {
  id: true,
  at: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  actor: { select: { name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

function pageOf(where: Prisma.AuditEventWhereInput, page: number) {
  return db.auditEvent.findMany({
    where,
    select: eventSelect,
    // Newest first; the id settles events made in the same millisecond.
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
}

/** One page of the audit trail, newest first, with what the page shows and nothing more. */
export async function listAuditEvents({
  page = 1,
  ...filter
}: AuditEventFilter & { page?: number }): Promise<AuditEventPage> {
  const where = auditWhere(filter);
  const asked = Number.isSafeInteger(page) && page > 0 ? page : 1;
  const [total, firstTry] = await Promise.all([db.auditEvent.count({ where }), pageOf(where, asked)]);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const shown = Math.min(asked, pageCount);
  const rows = shown === asked ? firstTry : await pageOf(where, shown);

  return {
    total,
    page: shown,
    pageCount,
    events: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actor: actorLabel(row.actor, row.action),
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: redactSensitive(row.before),
      after: redactSensitive(row.after),
    })),
  };
}

/** Every action that has been recorded, in alphabetical order, for the filter's choices. */
export async function listAuditActions(): Promise<string[]> {
  const groups = await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return groups.map((group) => group.action);
}
