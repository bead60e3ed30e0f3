// Queues an email in the outbox. Call it with the transaction client of the change that causes
// the email: the email exists exactly when the change committed. lib/notifications/sender.ts
// delivers it later (SMTP when configured, otherwise it stays readable on the Outbox page).
import type { Prisma } from "@/lib/generated/prisma/client";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A calendar attachment and its METHOD, for training bookings. */
  ics?: { content: string; method: "REQUEST" | "CANCEL" };
  /** A short label for the Outbox page and for tests, e.g. "invitation", "password-reset". */
  kind: string;
  /** When set, a second email with the same key is silently not queued ("send once"). */
  dedupeKey?: string;
};

export async function enqueueEmail(tx: Prisma.TransactionClient, email: OutgoingEmail) {
  const data = {
    to: email.to.trim().toLowerCase(),
    subject: email.subject,
    text: email.text,
    html: email.html,
    icsContent: email.ics?.content,
    icsMethod: email.ics?.method,
    kind: email.kind,
    dedupeKey: email.dedupeKey,
  };
  if (email.dedupeKey) {
    await tx.outboxEmail.createMany({ data: [data], skipDuplicates: true });
  } else {
    await tx.outboxEmail.create({ data });
  }
}
