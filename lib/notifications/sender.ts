// Delivers the outbox. Any number of senders (server processes, test workers) may drain at once,
// and any of them may be killed at any moment (docs/decisions/007-crash-safety.md). Each message is
// sent in three steps:
//  1. claim: one statement takes the oldest due message (FOR UPDATE SKIP LOCKED, so no two senders
//     ever take the same one), counts the attempt and sets the message aside for SEND_LEASE_MS, and
//     commits, all before anything is sent;
//  2. send it, with a Message-ID made from the outbox row's id (the same on every try);
//  3. mark it SENT (or schedule the next try), only if it is still this sender's attempt.
// A sender killed during step 2 or before step 3 leaves the message PENDING with the attempt counted:
// another sender tries it again once the lease is over. If the mail server had accepted it just
// before the kill, that second try is a second copy with the same Message-ID, recognisably the same
// email; the attempt count on the row says which messages may have been delivered twice
// (attempts > 1). No mail protocol can do better than "at least once, recognisably"
// over SMTP: the server's "250 OK" and our commit cannot be one atomic step. A message whose every
// try kills its sender is given up after MAX_ATTEMPTS, instead of crashing the server for ever.
import nodemailer from "nodemailer";
import { db as defaultDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { runningJob, startRepeatingJob } from "@/lib/jobs";
import { INTERRUPTED } from "@/lib/notifications/interrupted";

export { INTERRUPTED };

/** What a transport needs to deliver one outbox row. */
export type OutboxMessage = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  icsContent: string | null;
  icsMethod: string | null;
  kind: string;
  attempts: number;
};

/** Delivers one message or throws; injectable so that tests can count, fail or delay deliveries. */
export type EmailTransport = {
  /** "smtp" sends for real; "log" (development only) prints to the server log. */
  kind: "smtp" | "log" | "test";
  send(message: OutboxMessage): Promise<void>;
};

/** How this server delivers email, for the Outbox page and the start-up log line. */
export type EmailDelivery = "smtp" | "log" | "none";

/** After this many failed tries a message is marked FAILED and no longer retried. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** The wait before the next try after `failedAttempts` failures: 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_RETRY_MS);
}

/**
 * A short, single-line reason for the Outbox page. SMTP errors can quote the server's reply or the
 * connection URL, so credentials in URLs are removed and the text is cut short.
 */
export function describeSendError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error && "code" in error ? String(error.code) : "";
  let text = (message.split(/\r?\n/)[0] ?? "").trim() || "unknown error";
  text = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1");
  if (code && !text.includes(code)) text = `${code}: ${text}`;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export type DrainResult = {
  /** Delivered and marked SENT. */
  sent: number;
  /** Failed this time; a later try is scheduled. */
  retrying: number;
  /** Failed for the last allowed time; marked FAILED. */
  failed: number;
};

export type DrainOptions = {
  transport: EmailTransport;
  /** At most this many messages in one drain. */
  batchSize?: number;
  /** The clock: messages due at or before it are sent, and back-off is counted from it. */
  now?: Date;
  /** The database; another client stands for another sender process in tests. */
  client?: Db;
  /** How long one send may take before it counts as failed; shorter only in tests. */
  sendTimeoutMs?: number;
};

/**
 * Sends the messages that are due, oldest first, until none is left or `batchSize` were tried (or
 * the drain has run for DRAIN_TIME_LIMIT_MS: leases count from `now`, so every claim is made soon
 * enough after it that its lease outlasts its send).
 */
export async function drainOutbox({
  transport,
  batchSize = 20,
  now = new Date(),
  client = defaultDb,
  sendTimeoutMs = SEND_TIMEOUT_MS,
}: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  const started = Date.now();
  for (let tried = 0; tried < batchSize; tried++) {
    if (Date.now() - started >= DRAIN_TIME_LIMIT_MS) break;
    const outcome = await sendNext(client, transport, now, sendTimeoutMs);
    if (!outcome) break;
    result[outcome]++;
  }
  return result;
}

/**
 * How long a claimed message is left to its sender. Longer than any one send can take (SEND_TIMEOUT_MS),
 * so that a slow sender is never overtaken; after it, a message whose sender died is tried again.
 */
export const SEND_LEASE_MS = 5 * 60_000;

/** One send that takes longer than this counts as failed (nodemailer's own timeouts are per step). */
export const SEND_TIMEOUT_MS = 60_000;

/** A drain claims no more messages after this long, so that the last claim's lease still outlasts its send. */
const DRAIN_TIME_LIMIT_MS = SEND_LEASE_MS - 2 * SEND_TIMEOUT_MS;

/** The Message-ID of an outbox row: the same on every try, so a re-sent copy is recognisably the same email. */
export function outboxMessageId(id: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "connecting-people.invalid";
  return `<outbox-${id}@${domain.toLowerCase()}>`;
}

async function withTimeout(sending: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    // The mail server may have taken the email and only been slow to say so: the Outbox says so,
    // and the next try (if any) sends it with the same Message-ID.
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The mail server did not answer within ${ms / 1000} seconds, so this email may have arrived all the same.`,
          ),
        ),
      ms,
    );
  });
  try {
    await Promise.race([sending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function sendNext(
  client: Db,
  transport: EmailTransport,
  now: Date,
  sendTimeoutMs: number,
): Promise<keyof DrainResult | null> {
  // 1. Claim, committed before anything is sent. `attempts` is this try's number from here on; the
  // reason stays on the Outbox page only if the sender dies before it hears back.
  const leaseEnd = new Date(now.getTime() + SEND_LEASE_MS);
  const [message] = await client.$queryRaw<OutboxMessage[]>`
    UPDATE "OutboxEmail"
    SET attempts = attempts + 1, "nextAttemptAt" = ${leaseEnd}, "lastError" = ${INTERRUPTED}
    WHERE id = (
      SELECT id FROM "OutboxEmail"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "createdAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "to", subject, text, html, "icsContent", "icsMethod", kind, attempts`;
  if (!message) return null;
  // Later writes apply only while the message is still this attempt's: after the lease another
  // sender may have claimed it again, and its outcome is the one that counts.
  const mine = { id: message.id, status: "PENDING", attempts: message.attempts } as const;

  if (message.attempts > MAX_ATTEMPTS) {
    // Every earlier try ended without an answer (the sender was killed or the server stopped
    // mid-send): give up rather than take the server down again.
    await client.outboxEmail.updateMany({
      where: mine,
      data: {
        status: "FAILED",
        attempts: MAX_ATTEMPTS,
        lastError: `Not sent: the sender stopped before the mail server answered, ${MAX_ATTEMPTS} times.`,
      },
    });
    return "failed";
  }

  // 2. Send.
  try {
    await withTimeout(transport.send(message), sendTimeoutMs);
  } catch (error) {
    const gaveUp = message.attempts >= MAX_ATTEMPTS;
    await client.outboxEmail.updateMany({
      where: mine,
      data: {
        lastError: describeSendError(error),
        ...(gaveUp
          ? { status: "FAILED" }
          : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts)) }),
      },
    });
    return gaveUp ? "failed" : "retrying";
  }

  // 3. Mark it sent.
  await client.outboxEmail.updateMany({ where: mine, data: { status: "SENT", sentAt: now, lastError: null } });
  return "sent";
}

/** Sends by SMTP, e.g. `smtp://user:password@mail.example.org:587` (STARTTLS) or `smtps://…:465`. */
export function smtpTransport(url: string, from: string): EmailTransport {
  const mailer = nodemailer.createTransport({
    url,
    // nodemailer waits minutes by default; a stuck server must not hold a claimed message that long.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: "smtp",
    async send(message) {
      await mailer.sendMail({
        // The same on every try of this outbox row: a copy sent again after a crash is the same email.
        messageId: outboxMessageId(message.id, from),
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        // A calendar invitation: a text/calendar alternative that mail programs offer to add.
        icalEvent: message.icsContent
          ? { method: message.icsMethod ?? "REQUEST", filename: "invitation.ics", content: message.icsContent }
          : undefined,
      });
    },
  };
}

/** Development only: prints each message to the server log instead of sending it. */
export function logTransport(print: (line: string) => void = console.info): EmailTransport {
  return {
    kind: "log",
    async send(message) {
      const rule = "-".repeat(72);
      print(
        [
          rule,
          `Email (${message.kind}) delivered to the server log, not sent`,
          `To: ${message.to}`,
          `Subject: ${message.subject}`,
          ...(message.icsContent ? [`Calendar attachment: ${message.icsMethod ?? "REQUEST"}`] : []),
          "",
          message.text,
          rule,
        ].join("\n"),
      );
    },
  };
}

/** SMTP when SMTP_URL is set; the server log in development; otherwise nothing is sent. */
export function emailDelivery(): EmailDelivery {
  const { SMTP_URL, NODE_ENV } = env();
  if (SMTP_URL) return "smtp";
  return NODE_ENV === "development" ? "log" : "none";
}

/** The transport this server uses, or null when messages stay in the outbox. */
export function defaultTransport(): EmailTransport | null {
  const { SMTP_URL, EMAIL_FROM, NODE_ENV } = env();
  if (SMTP_URL) return smtpTransport(SMTP_URL, EMAIL_FROM);
  return NODE_ENV === "development" ? logTransport() : null;
}

type LoopOptions = { intervalMs?: number; transport?: EmailTransport | null; batchSize?: number };

const OUTBOX_JOB = "email-outbox";

/**
 * Drains the outbox every few seconds in this process (lib/jobs.ts: once per process, never two
 * drains at once, errors logged). Returns a function that stops it.
 */
export function startOutboxLoop({ intervalMs = 5_000, transport, batchSize = 20 }: LoopOptions = {}): () => void {
  // A loop already running keeps its transport, and says nothing again.
  const running = runningJob(OUTBOX_JOB);
  if (running) return running;

  let chosen: EmailTransport | null;
  try {
    chosen = transport === undefined ? defaultTransport() : transport;
  } catch (error) {
    console.error("Email: the outbox sender did not start:", error instanceof Error ? error.message : error);
    return () => {};
  }
  if (!chosen) {
    console.info(
      "Email: SMTP_URL is not set, so no email is sent; researchers can read every message on the Outbox page.",
    );
    return () => {};
  }
  const sender = chosen;
  console.info(
    sender.kind === "log"
      ? "Email: development mode, so each email is printed to this log instead of being sent."
      : "Email: sending the outbox by SMTP.",
  );

  return startRepeatingJob(
    OUTBOX_JOB,
    intervalMs,
    async () => {
      // Keep going while batches come back full, so a backlog does not wait for the next tick.
      while ((await drainOutbox({ transport: sender, batchSize })).sent >= batchSize);
    },
    "Email: draining the outbox failed; trying again shortly.",
  );
}
