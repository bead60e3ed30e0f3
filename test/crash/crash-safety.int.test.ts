// Crash safety (issue 8): the "server" is a separate Node process making the app's own writes, and
// the test kills it with SIGKILL at seeded moments in the middle of its work, starts it again, and
// finally checks the database (docs/decisions/007-crash-safety.md):
//  1. bookings, cancellations, new participants and their steps, the process killed exactly in the
//     middle of one write of each kind (killMidWrite): every answer the process printed
//     (after its transaction committed) is in the database; nothing is half-written (no change
//     without its audit entry and emails, no entry or email without its change); capacity, waiting
//     lists, one booking per person and the participants' numbering hold; every CHECK holds.
//  2. the outbox sender, sending by SMTP to a server this test runs on 127.0.0.1, killed mid-send:
//     every email is delivered, at least once; a second copy happens only where the database
//     recorded an interrupted try, and carries the same Message-ID, so the mailbox (one message per
//     Message-ID, as mail systems show them) holds each email exactly once.
// The seed is fixed so that `npm test` is repeatable; CRASH_SEED=<n> runs another one. The database
// is the test's own, as the checks read every row.
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { SEND_LEASE_MS } from "@/lib/notifications/sender";
import { ownDatabase } from "@/test/own-database";
import { checkConstraints, checkWrites, invariants, sideRows, snapshot, type DoneOp } from "./checks";
import { bundleWorkers, startWorker, type Worker, type WorkerBundles } from "./child";
import { mixSeed, runSeed, seededRandom, type Random } from "./random";
import { createScenario, type BeginLine, type OpKind, type WorkerLine } from "./scenario";

const database = ownDatabase("cp_crash_safety");
const db = database.client;
const SEED = runSeed(8);
/**
 * The writer is killed once mid-write of each kind, in this order, and then started once more and
 * left to finish. "Mid-write" is exact: the kill lands while a transaction of that kind has written
 * its change (the booking, the participant) and waits to write its audit entry (killMidWrite).
 */
const WRITER_KILL_TARGETS: readonly OpKind[] = ["book", "step", "cancel", "refer"];
/** How the sender is killed, once each, by the mail server; then it is started until the outbox is empty. */
const SENDER_KILL_MODES = ["before the answer", "after the answer", "a moment later"] as const;
/** Writes at once in the writer process: one per agency, so that each kill finds several open. */
const LOOPS = 6;
/** Writes per loop in the writer's last run, the one left to finish. */
const LAST_RUN_OPS = 10;
/** Outbox senders at once in the sender process, as several server processes would drain. */
const SENDERS = 3;
/** Emails the sender test delivers: the writes' emails, and more up to this many. */
const EMAILS = 150;

/**
 * A ceiling, not a target: the file takes well under 90 seconds on a quiet machine, but a machine
 * busy with other work stretches every process start many times over, and must not fail the test.
 */
const CEILING_MS = 600_000;

const secret = "crash-test-secret-that-is-at-least-32-characters";

/** Open transactions of the worker's connections (application_name), just before a kill. */
async function openTransactions(applicationName: string): Promise<number> {
  const [row] = await db.$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS "open" FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${applicationName} AND xact_start IS NOT NULL`;
  return row!.open;
}

/** The server side of a killed worker's connections ends once PostgreSQL sees them closed. */
async function untilDisconnected(applicationName: string) {
  for (let tries = 0; tries < 3_000; tries++) {
    const [row] = await db.$queryRaw<{ left: number }[]>`
      SELECT count(*)::int AS "left" FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${applicationName}`;
    if (row!.left === 0) return;
    await sleep(10);
  }
  throw new Error(`PostgreSQL still has connections of ${applicationName} open after its process was killed.`);
}

/**
 * Checks snapshots of the database, about four a second, while the worker writes: each is what a crash
 * at that instant would leave, so each must already be whole. Far cheaper than a kill and restart,
 * it looks at many more instants. Returns a function that stops it and says how
 * many snapshots it checked; problems go into `found` (each once, with where it was first seen).
 */
function checkWhileRunning(random: Random, found: Map<string, string>, label: string) {
  let stopped = false;
  let count = 0;
  const sampling = (async () => {
    while (!stopped) {
      // Often enough that even a fast run (under 10 s on a quiet machine) is looked at 20 times and more.
      await sleep(random.int(100, 300));
      if (stopped) break;
      const state = await snapshot(db);
      count++;
      for (const problem of [...sideRows(state), ...invariants(state)]) {
        if (!found.has(problem)) found.set(problem, `${label}, snapshot ${count}`);
      }
    }
  })();
  return async () => {
    stopped = true;
    await sampling;
    return count;
  };
}

/** Begun and not answered, by kind: each may be anywhere in its transaction, or not yet in one. */
function inFlightKinds(lines: readonly string[]): Record<OpKind, number> {
  const open = new Map<string, OpKind>();
  for (const line of lines) {
    const parsed = JSON.parse(line) as WorkerLine;
    if (parsed.e === "begin") open.set(parsed.op, parsed.kind);
    else if (parsed.e === "done" || parsed.e === "error") open.delete(parsed.op);
  }
  const counts: Record<OpKind, number> = { book: 0, cancel: 0, refer: 0, step: 0 };
  for (const kind of open.values()) counts[kind]++;
  return counts;
}

/**
 * The worker's transactions that have written a Booking or a Participant row (ROW EXCLUSIVE on the
 * table, granted) and wait to write their audit entry (the lock on "AuditEvent" not granted).
 */
async function frozenWriters(applicationName: string) {
  const [row] = await db.$queryRaw<{ booking: number; participant: number }[]>`
    SELECT count(*) FILTER (WHERE booking AND waiting)::int AS booking,
           count(*) FILTER (WHERE participant AND waiting)::int AS participant
    FROM (
      SELECT bool_or(l.relation = '"Booking"'::regclass AND l.mode = 'RowExclusiveLock' AND l.granted) AS booking,
             bool_or(l.relation = '"Participant"'::regclass AND l.mode = 'RowExclusiveLock' AND l.granted) AS participant,
             bool_or(l.relation = '"AuditEvent"'::regclass AND NOT l.granted) AS waiting
      FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
      WHERE a.datname = current_database() AND a.application_name = ${applicationName} AND a.xact_start IS NOT NULL
      GROUP BY a.pid) AS writers`;
  return row!;
}

/** Whether the frozen writers include one of `target`'s kind (other kinds write the same tables). */
function holdsMidWrite(
  target: OpKind,
  frozen: { booking: number; participant: number },
  inFlight: Record<OpKind, number>,
) {
  switch (target) {
    case "book":
      return frozen.booking > inFlight.cancel;
    case "cancel":
      return frozen.booking > inFlight.book;
    case "step":
      return frozen.participant > inFlight.refer;
    case "refer":
      return frozen.participant > inFlight.step;
  }
}

/** How long the audit table is held at a time: well inside the app's 5-second transaction timeout. */
const FREEZE_MS = 1_200;

/**
 * Kills the worker in the middle of a write of `target`'s kind. Every write of the app adds its
 * audit entry after its change (bookPeople: the booking and its emails, then the entry), so for a
 * moment the test holds "AuditEvent" (SHARE: reads go on, inserts wait). Writes that reach their
 * audit entry stop there, with their change written and their transaction open; once one of them is
 * of the wanted kind, SIGKILL. The lock is let go only after the process is gone, so no frozen write
 * can commit: PostgreSQL rolls each back when it finds its client gone. If no write of that kind
 * comes within FREEZE_MS, the writes go on for a moment and it tries again.
 */
async function killMidWrite(worker: Worker, applicationName: string, target: OpKind, random: Random) {
  for (let round = 1; round <= 20; round++) {
    const outcome = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE "AuditEvent" IN SHARE MODE`;
        const until = Date.now() + FREEZE_MS;
        while (Date.now() < until) {
          const inFlight = inFlightKinds(worker.lines);
          const frozen = await frozenWriters(applicationName);
          if (holdsMidWrite(target, frozen, inFlight)) {
            const open = await openTransactions(applicationName);
            await worker.kill();
            return { hit: true, round, frozen, open };
          }
          if (worker.process.exitCode !== null) break;
          await sleep(5);
        }
        return null;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    if (outcome) return outcome;
    if (worker.process.exitCode !== null) expectKilledBySignal(worker);
    await sleep(random.int(50, 300));
  }
  // Not one write of that kind reached its audit entry in 20 tries: kill anyway, the test says so.
  const open = await openTransactions(applicationName);
  await worker.kill();
  return { hit: false, round: 20, frozen: { booking: 0, participant: 0 }, open };
}

function expectKilledBySignal(worker: Worker) {
  if (worker.process.signalCode !== "SIGKILL") {
    throw new Error(`The worker ended by itself (${worker.process.exitCode}) before the kill:\n${worker.stderr()}`);
  }
}

describe("crash safety: the server killed with SIGKILL mid-work, then restarted", () => {
  let bundles: WorkerBundles;
  beforeAll(async () => {
    bundles = await bundleWorkers();
  });
  afterAll(async () => {
    await bundles?.remove();
  });

  it(
    "keeps every committed booking and participant change, with its audit entry and emails, and leaves nothing half-written",
    async () => {
      const startWriter = (generation: number) =>
        startWorker(bundles.writes, {
          DATABASE_URL: database.url,
          PGAPPNAME: `crash-writes-${generation}`,
          NEXTAUTH_SECRET: secret,
          // A run to be killed has more writes than it can finish first.
          CRASH_CONFIG: JSON.stringify({
            seed: SEED,
            generation,
            loops: LOOPS,
            opsPerLoop: generation === WRITER_KILL_TARGETS.length ? LAST_RUN_OPS : 1_000,
          }),
        });
      // The first run's code loads while the data is made.
      let next = startWriter(0);
      await createScenario(db);
      const random = seededRandom(mixSeed(SEED, 1));
      const done: DoneOp[] = [];
      const inFlight: BeginLine[] = [];
      const kills: {
        target: OpKind;
        midWrite: boolean;
        afterAnswers: number;
        freezes: number;
        frozen: { booking: number; participant: number };
        openTransactions: number;
        inFlight: number;
      }[] = [];
      const started = Date.now();
      const runs: { startupMs: number; totalMs: number }[] = [];
      const samplingRandom = seededRandom(mixSeed(SEED, 3));
      const midRun = new Map<string, string>();
      let snapshots = 0;
      const errors: string[] = [];
      const WRITER_KILLS = WRITER_KILL_TARGETS.length;

      for (let generation = 0; generation <= WRITER_KILLS; generation++) {
        const application = `crash-writes-${generation}`;
        const last = generation === WRITER_KILLS;
        const worker = next;
        worker.go();
        // The restart's code loads while this run works (Worker.go).
        if (!last) next = startWriter(generation + 1);
        const runStarted = Date.now();
        let startupMs = 0;
        void worker.waitFor((lines) => lines.length > 0).then(() => (startupMs = Date.now() - runStarted));
        const answers = (lines: readonly string[]) => lines.filter((line) => line.startsWith('{"e":"done"')).length;
        const stopChecking = checkWhileRunning(samplingRandom, midRun, `run ${generation + 1}`);
        if (!last) {
          // A seeded moment (after some answers), then exactly mid-write of this run's kind.
          const afterAnswers = random.int(3, 15);
          const reached = await worker.waitFor((lines) => answers(lines) >= afterAnswers);
          if (!reached) expectKilledBySignal(worker);
          const target = WRITER_KILL_TARGETS[generation]!;
          const kill = await killMidWrite(worker, application, target, random);
          snapshots += await stopChecking();
          expectKilledBySignal(worker);
          await untilDisconnected(application);
          kills.push({
            target,
            midWrite: kill.hit,
            afterAnswers,
            freezes: kill.round,
            frozen: kill.frozen,
            openTransactions: kill.open,
            inFlight: 0,
          });
        } else {
          await worker.finished();
          snapshots += await stopChecking();
        }

        const begun = new Map<string, BeginLine>();
        let finished = false;
        for (const line of worker.lines) {
          const parsed = JSON.parse(line) as WorkerLine;
          if (parsed.e === "begin") begun.set(parsed.op, parsed);
          else if (parsed.e === "done") {
            done.push({ ...begun.get(parsed.op)!, result: parsed.result });
            begun.delete(parsed.op);
          } else if (parsed.e === "error") {
            errors.push(parsed.message);
            inFlight.push(begun.get(parsed.op)!);
            begun.delete(parsed.op);
          } else finished = true;
        }
        runs.push({ startupMs, totalMs: Date.now() - runStarted });
        inFlight.push(...begun.values());
        if (!last) kills.at(-1)!.inFlight = begun.size;
        else expect(finished).toBe(true);
      }

      const {
        state,
        committed,
        invariants: brokenRules,
        sideRows: halfWritten,
      } = await checkWrites(db, { done, inFlight });
      const constraints = await checkConstraints(db);
      const actions = (action: string) => state.audits.filter((entry) => entry.action === action).length;
      const answered = (kind: string, ok: boolean) =>
        done.filter((op) => op.kind === kind && op.result.ok === ok).length;
      const summary = {
        seed: SEED,
        kills,
        answered: done.length,
        refused: done.filter((op) => !op.result.ok).length,
        bookings: actions("booking.created"),
        waitlisted: state.bookings.filter((booking) => booking.status === "WAITLISTED").length,
        cancellations: actions("booking.cancelled"),
        promotions: actions("booking.promoted"),
        participants: state.participants.length,
        steps: state.audits.filter((entry) => entry.entity === "Participant").length - state.participants.length,
        emails: state.emails.length,
        checkConstraints: constraints.checked,
        snapshots,
        errors,
        runs,
        totalMs: Date.now() - started,
      };
      console.info(`Crash test, writes: ${JSON.stringify(summary)}`);

      // A write may only fail by outlasting its transaction's timeout on a busy machine, never otherwise.
      expect(
        errors.filter(
          (message) => !/Transaction API error|Unable to start a transaction in the given time/.test(message),
        ),
      ).toEqual([]);
      // No instant of the run showed a half-written change or a broken rule.
      const seen = [...midRun].map(([problem, where]) => `${where}: ${problem}`);
      expect(seen.length > 10 ? [...seen.slice(0, 10), `… and ${seen.length - 10} more`] : seen).toEqual([]);
      // Nothing committed is lost, nothing half-written remains, the rules hold.
      expect(committed).toEqual([]);
      expect(halfWritten).toEqual([]);
      expect(brokenRules).toEqual([]);
      expect(constraints.problems).toEqual([]);

      // The run did what it set out to: every kill landed in the middle of a write of its kind (a
      // booking, a participant's step, a cancellation, a referral: its change written, its audit
      // entry not yet), and the writes covered every path (otherwise the checks above prove little).
      expect(kills.filter((kill) => !kill.midWrite).map((kill) => kill.target)).toEqual([]);
      expect(kills.every((kill) => kill.openTransactions > 0 && kill.inFlight > 0)).toBe(true);
      expect(constraints.checked).toBeGreaterThan(10);
      expect(snapshots).toBeGreaterThan(20);
      for (const kind of ["book", "cancel", "refer", "step"]) expect(answered(kind, true)).toBeGreaterThan(5);
      expect(summary.refused).toBeGreaterThan(5);
      expect(summary.waitlisted + summary.promotions).toBeGreaterThan(5);
      expect(summary.promotions).toBeGreaterThan(0);
      expect(state.agencies.filter((agency) => agency.stage === "TRAINING").length).toBeGreaterThan(0);
    },
    CEILING_MS,
  );

  it(
    "delivers every outbox email when the sender is killed mid-send: at least once, any second copy after a recorded interrupted try and with the same Message-ID",
    async () => {
      // The emails of the bookings above, and more to make at least EMAILS.
      const TOTAL = EMAILS;
      const queued = await db.outboxEmail.count({ where: { status: "PENDING" } });
      for (let index = queued; index < TOTAL; index += 50) {
        await db.$transaction(async (tx) => {
          for (let each = index; each < Math.min(index + 50, TOTAL); each++) {
            await enqueueEmail(tx, {
              to: `reader.${each}@crash.example.org`,
              subject: `Crash test message ${each}`,
              text: `Hello reader ${each},\n\nThis is message ${each} of the crash test.`,
              kind: "crash-test",
            });
          }
        });
      }
      const SENDER_KILLS = SENDER_KILL_MODES.length;
      const started = Date.now();
      const rows = await db.outboxEmail.findMany({ where: { status: "PENDING" } });
      expect(rows.length).toBeGreaterThanOrEqual(TOTAL);

      // The receiving mail server: keeps every message it accepts, and kills the sender at the
      // seeded moments, some of them between taking the message and answering "250 OK".
      type Received = { messageId: string; to: string; subject: string };
      const received: Received[] = [];
      const random = seededRandom(mixSeed(SEED, 2));
      let worker: Worker | null = null;
      let killAt = Number.POSITIVE_INFINITY;
      let mode: (typeof SENDER_KILL_MODES)[number] = SENDER_KILL_MODES[0];
      const kills: { generation: number; mode: string; atMessage: number }[] = [];
      let generation = 0;
      const header = (raw: string, name: string) =>
        (new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "mi").exec(raw)?.[1] ?? "")
          .replace(/\r?\n(?=[ \t])/g, "")
          .trim();

      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        // No DNS here: a reverse lookup of 127.0.0.1 would only wait for a timeout.
        disableReverseLookup: true,
        logger: false,
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            received.push({
              messageId: header(raw, "Message-ID"),
              to: header(raw, "To"),
              subject: header(raw, "Subject"),
            });
            if (received.length !== killAt || !worker) return callback();
            const victim = worker;
            killAt = Number.POSITIVE_INFINITY;
            kills.push({ generation, mode, atMessage: received.length });
            if (mode === "before the answer") {
              // The message is kept, but the sender dies before it hears "250 OK".
              void victim.kill().then(() => callback());
            } else if (mode === "after the answer") {
              callback();
              void victim.kill();
            } else {
              callback();
              void sleep(random.int(0, 15)).then(() => victim.kill());
            }
          });
        },
      });
      smtp.on("error", () => {});
      await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
      const port = (smtp.server.address() as AddressInfo).port;

      const startSender = (generation: number) =>
        startWorker(bundles.sender, {
          DATABASE_URL: database.url,
          PGAPPNAME: `crash-sender-${generation}`,
          NEXTAUTH_SECRET: secret,
          SMTP_URL: `smtp://127.0.0.1:${port}`,
          EMAIL_FROM: "Connecting People study <study@example.org>",
          // A restarted sender comes back after the lease of the message the killed one held.
          CRASH_CLOCK_OFFSET_MS: String(generation * (SEND_LEASE_MS + 1_000)),
          CRASH_SENDERS: String(SENDERS),
        });
      let next = startSender(0);
      try {
        for (; generation <= SENDER_KILLS + 3; generation++) {
          const application = `crash-sender-${generation}`;
          if (generation < SENDER_KILLS) {
            killAt = received.length + random.int(5, 35);
            mode = SENDER_KILL_MODES[generation]!;
          }
          worker = next;
          worker.go();
          // The restart's code loads while this one sends (Worker.go).
          next = startSender(generation + 1);
          if (generation < SENDER_KILLS) {
            // The mail server above kills it; here the test only waits for it to be gone.
            await worker.waitFor(() => false);
            expectKilledBySignal(worker);
            await untilDisconnected(application);
          } else {
            await worker.finished();
            if ((await db.outboxEmail.count({ where: { status: "PENDING" } })) === 0) break;
          }
        }
      } finally {
        await worker?.kill();
        await next.kill();
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
      }

      const after = await db.outboxEmail.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
      const copies = new Map<string, Received[]>();
      for (const message of received)
        copies.set(message.messageId, [...(copies.get(message.messageId) ?? []), message]);
      const problems: string[] = [];
      let secondCopies = 0;
      for (const row of after) {
        const messageId = `<outbox-${row.id}@example.org>`;
        const got = copies.get(messageId) ?? [];
        copies.delete(messageId);
        if (row.status !== "SENT") problems.push(`Email ${row.id} to ${row.to} is ${row.status}, not sent.`);
        if (got.length === 0) problems.push(`Email ${row.id} to ${row.to} never arrived.`);
        if (got.some((copy) => copy.to !== row.to || copy.subject !== row.subject)) {
          problems.push(`A copy of email ${row.id} arrived with another recipient or subject.`);
        }
        // Only a try the database recorded as interrupted can have delivered a copy already.
        if (got.length > 1 && row.attempts < got.length) {
          problems.push(`Email ${row.id} arrived ${got.length} times but the database counted ${row.attempts} tries.`);
        }
        secondCopies += Math.max(0, got.length - 1);
      }
      for (const [messageId, extra] of copies)
        problems.push(`${extra.length} message(s) ${messageId} not from the outbox.`);

      const summary = {
        seed: SEED,
        emails: after.length,
        deliveries: received.length,
        secondCopies,
        kills,
        starts: generation + 1,
        totalMs: Date.now() - started,
      };
      console.info(`Crash test, outbox: ${JSON.stringify(summary)}`);

      expect(problems).toEqual([]);
      // As the reader sees it (one message per Message-ID): every email exactly once.
      expect(new Set(received.map((message) => message.messageId)).size).toBe(after.length);
      // Each kill interrupts at most one send per sender; each kill before the answer makes a second copy.
      expect(kills).toHaveLength(SENDER_KILLS);
      expect(secondCopies).toBeLessThanOrEqual(SENDER_KILLS * SENDERS);
      expect(secondCopies).toBeGreaterThanOrEqual(kills.filter((kill) => kill.mode === "before the answer").length);
    },
    CEILING_MS,
  );
});
