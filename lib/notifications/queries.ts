import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { OutboxStatus } from "@/lib/generated/prisma/enums";

export { emailDelivery, type EmailDelivery } from "@/lib/notifications/sender";

export const OUTBOX_PAGE_SIZE = 50;

export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED"] as const satisfies readonly OutboxStatus[];

// The Outbox page's GET form. Anything odd in the address (a typo, an old link) falls back to
// "no filter" or page 1 instead of an error page.
const outboxFilterSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  to: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type OutboxFilter = z.infer<typeof outboxFilterSchema>;

type SearchParams = Record<string, string | string[] | undefined>;

/** The filter in the page's address; a repeated parameter counts by its first value. */
export function parseOutboxFilter(searchParams: SearchParams): OutboxFilter {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return outboxFilterSchema.parse({
    status: first(searchParams.status) || undefined,
    to: first(searchParams.to),
    page: first(searchParams.page),
  });
}

const listFields = {
  id: true,
  to: true,
  subject: true,
  kind: true,
  status: true,
  attempts: true,
  lastError: true,
  nextAttemptAt: true,
  sentAt: true,
  createdAt: true,
} as const;

/** One page of the outbox, newest first; a page past the end shows the last one. */
export async function listOutboxEmails({ status, to, page }: OutboxFilter) {
  const where = { status, to: to ? { contains: to } : undefined };
  const total = await db.outboxEmail.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const emails = await db.outboxEmail.findMany({
    where,
    select: listFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * OUTBOX_PAGE_SIZE,
    take: OUTBOX_PAGE_SIZE,
  });
  return { emails, total, page: current, pageCount };
}

export type OutboxListEmail = Awaited<ReturnType<typeof listOutboxEmails>>["emails"][number];

/** One email with its full text, or null (also for an id that is not a UUID at all). */
export async function getOutboxEmail(id: string) {
  if (!z.guid().safeParse(id).success) return null;
  return db.outboxEmail.findUnique({
    where: { id },
    select: { ...listFields, text: true, icsContent: true, icsMethod: true },
  });
}

export type OutboxEmailDetail = NonNullable<Awaited<ReturnType<typeof getOutboxEmail>>>;
