// Delivers the outbox. Any number of senders (server processes, test workers) may drain at once:
// each message is claimed with FOR UPDATE SKIP LOCKED, sent, and marked in one short transaction,
// so a message is marked SENT exactly once and no two senders ever hold the same one. A crash
// between the mail server accepting a message and the commit can re-send that one message (no
// mail protocol lets us do better); claiming one message per transaction keeps that window to a
// single email and never holds a lock or a connection across a whole batch of SMTP round trips.
import nodemailer from "nodemailer";
import { db as defaultDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { runningJob, startRepeatingJob } from "@/lib/jobs";

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
};

/** Sends the messages that are due, oldest first, until none is left or `batchSize` were tried. */
export async function drainOutbox({
  transport,
  batchSize = 20,
  now = new Date(),
  client = defaultDb,
}: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  for (let tried = 0; tried < batchSize; tried++) {
    const outcome = await sendNext(client, transport, now);
    if (!outcome) break;
    result[outcome]++;
  }
  return result;
}

async function sendNext(client: Db, transport: EmailTransport, now: Date): Promise<keyof DrainResult | null> {
  return client.$transaction(
    async (tx) => {
      const [message] = await tx.$queryRaw<OutboxMessage[]>`
        SELECT id, "to", subject, text, html, "icsContent", "icsMethod", kind, attempts
        FROM "OutboxEmail"
        WHERE status = 'PENDING' AND "nextAttemptAt" <= ${now}
        ORDER BY "createdAt", id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!message) return null;

      const attempts = message.attempts + 1;
      try {
        await transport.send(message);
      } catch (error) {
        const gaveUp = attempts >= MAX_ATTEMPTS;
        await tx.outboxEmail.update({
          where: { id: message.id },
          data: {
            attempts,
            lastError: describeSendError(error),
            ...(gaveUp ? { status: "FAILED" } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
          },
        });
        return gaveUp ? "failed" : "retrying";
      }
      await tx.outboxEmail.update({
        where: { id: message.id },
        data: { status: "SENT", sentAt: now, attempts, lastError: null },
      });
      return "sent";
    },
    // Long enough for one SMTP exchange within the transport's own timeouts (below).
    { maxWait: 10_000, timeout: 60_000 },
  );
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
