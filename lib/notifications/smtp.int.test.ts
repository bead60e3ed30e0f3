// The SMTP path end to end: outbox rows in a real PostgreSQL, drained by nodemailer into a real SMTP
// server (smtp-server) listening in this test, which goes down and comes back. The test has a
// database of its own so that its drains never touch other tests' emails.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import { ownDatabase } from "@/test/own-database";
import { enqueueEmail } from "./outbox";
import { drainOutbox, retryDelayMs, smtpTransport } from "./sender";

const db = ownDatabase("cp_outbox_smtp").client;

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
async function startSmtpServer(port: number, received: Received[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          from: mailFrom ? mailFrom.address : "",
          to: rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded body of a message's text/plain part (nodemailer may quote-print long lines). */
function plainText(raw: string): string {
  const part = raw.split(/\r?\n--/).find((section) => /content-type: text\/plain/i.test(section)) ?? raw;
  const body = part.slice(part.search(/\r?\n\r?\n/)).trim();
  if (!/content-transfer-encoding: quoted-printable/i.test(part)) return body.replace(/\r\n/g, "\n");
  return Buffer.from(
    body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  )
    .toString("utf8")
    .replace(/\r\n/g, "\n");
}

const ics = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Connecting People//Pilot//EN",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:training-day-1@connecting-people.invalid",
  "DTSTART:20260312T093000Z",
  "DTEND:20260312T163000Z",
  "SUMMARY:Connecting People training day",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

describe("sending the outbox by SMTP", () => {
  it("delivers queued emails, keeps them while the server is down, and sends each once when it is back", async () => {
    const tag = randomUUID().slice(0, 8);
    const received: Received[] = [];
    let smtp = await startSmtpServer(0, received);
    const port = smtp.port;
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, "Connecting People study <study@example.org>");
    const countFor = (to: string) => received.filter((message) => message.to.includes(to)).length;

    // 1. The server is up: queued emails arrive with their sender, recipient, subject and text.
    const invitation = {
      to: `Ada.${tag}@Example.org`,
      subject: "You are invited to join Team Willow",
      text: `Hello,\n\nSam invited you to join Team Willow as a worker.\nSet your name and password here (the link works for 7 days):\nhttps://pilot.example.org/invitation/${"t".repeat(60)}?from=outbox\n\nConnecting People study team`,
      kind: "invitation",
    };
    const booking = {
      to: `grace.${tag}@example.org`,
      subject: "Your training day on 12 March",
      text: "You are booked on the training day. The calendar invitation is attached.",
      kind: "training-booking",
      ics: { content: ics, method: "REQUEST" as const },
    };
    await db.$transaction(async (tx) => {
      await enqueueEmail(tx, invitation);
      await enqueueEmail(tx, booking);
    });

    expect(await drainOutbox({ client: db, transport })).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(received).toHaveLength(2);
    const ada = received.find((message) => message.to.includes(`ada.${tag}@example.org`))!;
    expect(ada.from).toBe("study@example.org");
    expect(ada.raw).toMatch(/^From: Connecting People study <study@example\.org>$/m);
    expect(ada.raw).toMatch(new RegExp(`^To: ada\\.${tag}@example\\.org$`, "m"));
    expect(ada.raw).toMatch(/^Subject: You are invited to join Team Willow$/m);
    expect(plainText(ada.raw)).toBe(invitation.text);
    expect(ada.raw).not.toMatch(/text\/calendar/);

    const grace = received.find((message) => message.to.includes(booking.to))!;
    expect(grace.raw).toMatch(/^Subject: Your training day on 12 March$/m);
    expect(plainText(grace.raw)).toBe(booking.text);
    expect(grace.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(grace.raw).toMatch(/filename=invitation\.ics/);
    expect(grace.raw).toContain("SUMMARY:Connecting People training day");

    const sent = await db.outboxEmail.findMany({ where: { to: { in: [`ada.${tag}@example.org`, booking.to] } } });
    expect(sent.map((row) => [row.status, row.attempts, row.lastError])).toEqual([
      ["SENT", 1, null],
      ["SENT", 1, null],
    ]);
    // Each carries a Message-ID made from its outbox row, so a copy sent again is recognisably the same email.
    for (const row of sent) {
      const copy = received.find((message) => message.to.includes(row.to))!;
      expect(copy.raw).toMatch(new RegExp(`^Message-ID: <outbox-${row.id}@example\\.org>$`, "mi"));
    }

    // 2. The server goes down: new emails stay queued, with a try counted, a reason and a later try.
    await smtp.close();
    const later = [`lin.${tag}@example.org`, `mo.${tag}@example.org`];
    await db.$transaction(async (tx) => {
      for (const to of later)
        await enqueueEmail(tx, { to, subject: `Reset your password`, text: `For ${to}`, kind: "password-reset" });
    });
    const downAt = new Date();
    expect(await drainOutbox({ client: db, transport, now: downAt })).toEqual({ sent: 0, retrying: 2, failed: 0 });

    const waiting = await db.outboxEmail.findMany({ where: { to: { in: later } } });
    expect(waiting).toHaveLength(2);
    for (const row of waiting) {
      expect(row.status).toBe("PENDING");
      expect(row.attempts).toBe(1);
      expect(row.sentAt).toBeNull();
      expect(row.lastError).toMatch(/ECONNREFUSED/);
      expect(row.nextAttemptAt.getTime()).toBe(downAt.getTime() + retryDelayMs(1));
    }

    // 3. The server is back on the same port. Before the back-off is over nothing is tried...
    smtp = await startSmtpServer(port, received);
    try {
      expect(await drainOutbox({ client: db, transport, now: downAt })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(later.map(countFor)).toEqual([0, 0]);

      // ...and once it is, each waiting email is delivered exactly once.
      const afterBackOff = new Date(downAt.getTime() + retryDelayMs(1));
      expect(await drainOutbox({ client: db, transport, now: afterBackOff })).toEqual({
        sent: 2,
        retrying: 0,
        failed: 0,
      });
      expect(await drainOutbox({ client: db, transport, now: afterBackOff })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      expect(later.map(countFor)).toEqual([1, 1]);
      expect(countFor(`ada.${tag}@example.org`)).toBe(1);
      expect(received).toHaveLength(4);

      const delivered = await db.outboxEmail.findMany({ where: { to: { in: later } } });
      expect(delivered.map((row) => [row.status, row.attempts, row.lastError])).toEqual([
        ["SENT", 2, null],
        ["SENT", 2, null],
      ]);
    } finally {
      await smtp.close();
    }
  });
});
