// The outbox sender against a real PostgreSQL. It runs in a database of its own: a drain takes
// every due message, and in the shared test database that would include other tests' emails.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { ownDatabase } from "@/test/own-database";
import {
  drainOutbox,
  INTERRUPTED,
  logTransport,
  MAX_ATTEMPTS,
  SEND_LEASE_MS,
  type EmailTransport,
  type OutboxMessage,
} from "./sender";

const database = ownDatabase("cp_outbox_sender");
const db = database.client;

const unique = () => randomUUID().slice(0, 8);

async function queue(count: number, { nextAttemptAt = new Date(Date.now() - 1000) } = {}) {
  const batch = unique();
  const base = Date.now();
  const rows = Array.from({ length: count }, (_, index) => ({
    to: `reader.${batch}.${index}@example.org`,
    subject: `Message ${index} of ${batch}`,
    text: `Hello ${index}`,
    kind: `test-${batch}`,
    // One statement gives every row the same now(); distinct times make "oldest first" testable.
    createdAt: new Date(base + index),
    nextAttemptAt,
  }));
  return db.outboxEmail.createManyAndReturn({ data: rows, select: { id: true, to: true } });
}

/** Records every delivery; waits a little inside each send so that racing senders overlap. */
function recordingTransport(delivered: string[], delayMs = 0): EmailTransport {
  return {
    kind: "test",
    async send(message: OutboxMessage) {
      if (delayMs) await sleep(delayMs);
      delivered.push(message.id);
    },
  };
}

function failingTransport(reason: string): EmailTransport {
  return {
    kind: "test",
    async send() {
      throw Object.assign(new Error(reason), { code: "ECONNECTION" });
    },
  };
}

describe("drainOutbox", () => {
  it("delivers each message exactly once when several senders race over the same messages", async () => {
    const messages = await queue(40);
    // Four senders with their own connection pools, as four server processes would have.
    const senders = Array.from({ length: 4 }, () => database.connect());
    const delivered: string[][] = senders.map(() => []);

    const results = await Promise.all(
      senders.map((client, index) =>
        drainOutbox({ client, batchSize: 100, transport: recordingTransport(delivered[index]!, 3) }),
      ),
    );

    const all = delivered.flat();
    expect(all.toSorted()).toEqual(messages.map((message) => message.id).toSorted());
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(40);
    // The senders really did work side by side (otherwise the race proves nothing).
    expect(delivered.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);

    const rows = await db.outboxEmail.findMany({ where: { id: { in: messages.map((message) => message.id) } } });
    expect(rows.every((row) => row.status === "SENT" && row.sentAt !== null && row.attempts === 1)).toBe(true);

    // Nothing is left for a later drain.
    const again: string[] = [];
    await drainOutbox({ client: senders[0], transport: recordingTransport(again) });
    expect(again).toEqual([]);
  });

  it("backs off after each failure, doubling the wait up to an hour, and gives up after the last try", async () => {
    const [message] = await queue(1);
    const transport = failingTransport("Greeting never received from smtp://mailer:secret-pass@mail.example.org");
    let now = new Date();
    const waits: number[] = [];

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // Not yet due: a drain a moment before the next try leaves the message alone.
      if (attempt > 1) {
        const early = await drainOutbox({ client: db, transport, now: new Date(now.getTime() - 1) });
        expect(early).toEqual({ sent: 0, retrying: 0, failed: 0 });
      }
      const result = await drainOutbox({ client: db, transport, now });
      const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: message!.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe("ECONNECTION: Greeting never received from smtp://mail.example.org");
      if (attempt < MAX_ATTEMPTS) {
        expect(result).toEqual({ sent: 0, retrying: 1, failed: 0 });
        expect(row.status).toBe("PENDING");
        waits.push((row.nextAttemptAt.getTime() - now.getTime()) / 1000);
        now = row.nextAttemptAt;
      } else {
        expect(result).toEqual({ sent: 0, retrying: 0, failed: 1 });
        expect(row.status).toBe("FAILED");
        expect(row.sentAt).toBeNull();
      }
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);

    // A failed message is never tried again, however late.
    const delivered: string[] = [];
    await drainOutbox({
      client: db,
      transport: recordingTransport(delivered),
      now: new Date(now.getTime() + 86_400_000),
    });
    expect(delivered).not.toContain(message!.id);
  });

  it("says a send that the mail server never answered may have arrived, and tries it again", async () => {
    const [message] = await queue(1);
    const silent: EmailTransport = { kind: "test", send: () => new Promise<void>(() => undefined) };
    const result = await drainOutbox({ client: db, transport: silent, sendTimeoutMs: 50 });
    expect(result).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: message!.id } });
    expect(row.status).toBe("PENDING");
    expect(row.lastError).toBe(
      "The mail server did not answer within 0.05 seconds, so this email may have arrived all the same.",
    );
    // Out of the way of the tests after this one, which drain everything due.
    await db.outboxEmail.delete({ where: { id: message!.id } });
  });

  it("counts a try before sending, so a sender that stops mid-send leaves the message to be tried again after the lease", async () => {
    const [message] = await queue(1);
    // The first sender's mail server never answers while the test looks: as if the process died mid-send.
    let answer: () => void = () => {};
    let started: () => void = () => {};
    const sending = new Promise<void>((resolve) => (started = resolve));
    const stuck: EmailTransport = {
      kind: "test",
      send: () => {
        started();
        return new Promise<void>((resolve) => (answer = resolve));
      },
    };
    const now = new Date();
    const first = drainOutbox({ client: database.connect(), transport: stuck, batchSize: 1, now });
    await sending;

    // The try is on record before any answer, and the message is set aside for the lease.
    const claimed = await db.outboxEmail.findUniqueOrThrow({ where: { id: message!.id } });
    expect(claimed).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null, lastError: INTERRUPTED });
    expect(claimed.nextAttemptAt.getTime()).toBe(now.getTime() + SEND_LEASE_MS);

    // Nobody else takes it during the lease; once it is over, another sender delivers it.
    const delivered: string[] = [];
    const transport = recordingTransport(delivered);
    expect(await drainOutbox({ client: db, transport, now })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const afterLease = new Date(now.getTime() + SEND_LEASE_MS);
    expect(await drainOutbox({ client: db, transport, now: afterLease })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(delivered).toEqual([message!.id]);

    // A late answer to the first try changes nothing: the second try's outcome stands.
    answer();
    await first;
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: message!.id } });
    expect(row).toMatchObject({ status: "SENT", attempts: 2, sentAt: afterLease, lastError: null });
  });

  it("gives up on a message once every allowed try ended without an answer, instead of trying it for ever", async () => {
    const [message] = await queue(1);
    // MAX_ATTEMPTS tries claimed, none answered: the sender was killed during each of them.
    await db.outboxEmail.update({ where: { id: message!.id }, data: { attempts: MAX_ATTEMPTS } });
    const delivered: string[] = [];

    expect(await drainOutbox({ client: db, transport: recordingTransport(delivered) })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    expect(delivered).toEqual([]);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: message!.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, sentAt: null });
    expect(row.lastError).toBe(`Not sent: the sender stopped before the mail server answered, ${MAX_ATTEMPTS} times.`);
  });

  it("leaves a message alone until its next try is due, and sends the oldest first", async () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    const [later] = await queue(1, { nextAttemptAt: inAnHour });
    const [first, second] = await queue(2);
    const delivered: string[] = [];
    const transport = recordingTransport(delivered);

    await drainOutbox({ client: db, transport });
    expect(delivered).toEqual([first!.id, second!.id]);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: later!.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });

    await drainOutbox({ client: db, transport, now: inAnHour });
    expect(delivered).toEqual([first!.id, second!.id, later!.id]);
  });

  it("stops after a batch and leaves the rest for the next drain", async () => {
    await queue(3);
    const delivered: string[] = [];
    expect(await drainOutbox({ client: db, batchSize: 2, transport: recordingTransport(delivered) })).toEqual({
      sent: 2,
      retrying: 0,
      failed: 0,
    });
    expect(await drainOutbox({ client: db, batchSize: 2, transport: recordingTransport(delivered) })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(new Set(delivered).size).toBe(3);
  });

  it("in development prints each message to the log once and marks it sent", async () => {
    const [message] = await queue(1);
    const printed: string[] = [];
    const transport = logTransport((line) => printed.push(line));

    await drainOutbox({ client: db, transport });
    await drainOutbox({ client: db, transport });

    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(`To: ${message!.to}`);
    expect(printed[0]).toContain("Hello 0");
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: message!.id } })).toMatchObject({ status: "SENT" });
  });
});
