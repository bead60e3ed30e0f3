// Reminders two days before training: every person still booked on a session that starts within
// the next 48 hours gets one email, and so does each supervisor of their team. A loop in every
// server process (started from instrumentation.ts) queues them every few minutes; any number of
// processes may run it at once, because each batch of bookings is claimed with FOR UPDATE SKIP
// LOCKED and marked (reminderSentAt) in the same transaction as its emails, and each email has a
// dedupe key. No "server-only" marker: instrumentation.ts imports this file, and that marker is
// refused there (as for lib/notifications/sender.ts); nothing here is reachable from the browser.
import { formatUkDateTime, toUkInputValues } from "@/lib/dates";
import { appUrl } from "@/lib/app-url";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma, TrainingDay } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { TRAINING_DAY_LABELS } from "./rules";

/** Reminders go out for sessions starting within this time. */
export const REMINDER_WINDOW_MS = 48 * 60 * 60_000;
/** How often each server process looks for reminders to send. */
export const REMINDER_INTERVAL_MS = 5 * 60_000;
const BATCH_SIZE = 100;

export type SessionForEmail = {
  trainingDay: TrainingDay;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  address: string | null;
  onlineUrl: string | null;
  trainer: string;
  notes: string;
};

/** e.g. "Thursday, 2 April 2026 at 09:30 to 16:00 (UK time)". */
export function sessionWhen(session: { startsAt: Date; endsAt: Date }): string {
  return `${formatUkDateTime(session.startsAt)} to ${toUkInputValues(session.endsAt).time} (UK time)`;
}

/** The lines that describe a session in an email: when, where, online link, trainer, notes. */
export function sessionDetailLines(session: SessionForEmail): string[] {
  const place = [session.venue, session.address].filter(Boolean).join(", ");
  return [
    `Training day: ${TRAINING_DAY_LABELS[session.trainingDay]}`,
    `When: ${sessionWhen(session)}`,
    ...(place ? [`Where: ${place}`] : []),
    ...(session.onlineUrl ? [`Online: ${session.onlineUrl}`] : []),
    `Trainer: ${session.trainer}`,
    ...(session.notes ? [`Notes: ${session.notes}`] : []),
  ];
}

/**
 * Queues the reminders that are due and returns how many bookings were reminded. Safe to run from
 * several processes at once: each booking is reminded once.
 */
export async function queueTrainingReminders(now: Date = new Date(), client: Db = defaultDb): Promise<number> {
  let reminded = 0;
  for (;;) {
    const batch = await client.$transaction((tx) => remindBatch(tx, now), { maxWait: 10_000, timeout: 60_000 });
    reminded += batch;
    if (batch < BATCH_SIZE) return reminded;
  }
}

async function remindBatch(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const until = new Date(now.getTime() + REMINDER_WINDOW_MS);
  // Bookings another process is reminding right now are skipped, not waited for; the condition is
  // checked again on the locked row, so a booking reminded meanwhile is not picked twice.
  const claimed = await tx.$queryRaw<{ id: string }[]>`
    SELECT b."id"
    FROM "Booking" b
    JOIN "TrainingSession" s ON s."id" = b."sessionId"
    JOIN "User" u ON u."id" = b."userId"
    WHERE b."status" = 'BOOKED'
      AND b."reminderSentAt" IS NULL
      AND s."status" = 'SCHEDULED'
      AND s."startsAt" > ${now}
      AND s."startsAt" <= ${until}
      AND u."deactivatedAt" IS NULL
    ORDER BY s."startsAt", b."id"
    LIMIT ${BATCH_SIZE}
    FOR UPDATE OF b SKIP LOCKED`;
  if (claimed.length === 0) return 0;

  const bookings = await tx.booking.findMany({
    where: { id: { in: claimed.map((row) => row.id) } },
    select: {
      id: true,
      person: { select: { id: true, name: true, email: true, agencyId: true } },
      session: {
        select: {
          trainingDay: true,
          startsAt: true,
          endsAt: true,
          venue: true,
          address: true,
          onlineUrl: true,
          trainer: true,
          notes: true,
        },
      },
    },
  });
  const agencyIds = [...new Set(bookings.flatMap((booking) => booking.person.agencyId ?? []))];
  const supervisors = await tx.user.findMany({
    where: {
      agencyId: { in: agencyIds },
      role: "AGENCY_STAFF",
      agencyRole: "SUPERVISOR",
      deactivatedAt: null,
    },
    select: { id: true, name: true, email: true, agencyId: true },
  });

  const link = appUrl("/agency/training");
  for (const { id, person, session } of bookings) {
    const day = TRAINING_DAY_LABELS[session.trainingDay];
    const subject = `Reminder: ${day} training on ${formatUkDateTime(session.startsAt)}`;
    const details = sessionDetailLines(session);
    await enqueueEmail(tx, {
      to: person.email,
      kind: "training-reminder",
      // Once per booking, start time and person: a session moved to another day is reminded again.
      dedupeKey: `training-reminder:${id}:${session.startsAt.getTime()}:${person.id}`,
      subject,
      text: [
        `Hello ${person.name},`,
        "",
        `A reminder that you are booked on ${day} of the Connecting People training:`,
        "",
        ...details,
        "",
        "If you can no longer come, ask your supervisor to cancel your booking so that someone on the waiting list can have your place.",
        "",
        `Your training: ${link}`,
        "",
        "The Connecting People study team",
      ].join("\n"),
    });
    const team = supervisors.filter(
      (supervisor) => supervisor.agencyId === person.agencyId && supervisor.id !== person.id,
    );
    for (const supervisor of team) {
      await enqueueEmail(tx, {
        to: supervisor.email,
        kind: "training-reminder",
        dedupeKey: `training-reminder:${id}:${session.startsAt.getTime()}:${supervisor.id}`,
        subject: `Reminder: ${person.name} has ${day} training on ${formatUkDateTime(session.startsAt)}`,
        text: [
          `Hello ${supervisor.name},`,
          "",
          `A reminder that ${person.name} from your team is booked on ${day} of the Connecting People training:`,
          "",
          ...details,
          "",
          "If they can no longer come, cancel their booking so that someone on the waiting list can have the place.",
          "",
          `Your team's training: ${link}`,
          "",
          "The Connecting People study team",
        ].join("\n"),
      });
    }
  }
  await tx.booking.updateMany({
    where: { id: { in: bookings.map((booking) => booking.id) } },
    data: { reminderSentAt: now },
  });
  return bookings.length;
}

const globalForLoop = globalThis as unknown as { trainingReminderLoop?: () => void };

/**
 * Queues due reminders every 5 minutes in this process, never two runs at once; errors are logged,
 * never thrown. Starts once per process (a development reload reuses the running loop). Returns a
 * function that stops it.
 */
export function startTrainingReminderLoop({ intervalMs = REMINDER_INTERVAL_MS } = {}): () => void {
  if (globalForLoop.trainingReminderLoop) return globalForLoop.trainingReminderLoop;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await queueTrainingReminders(new Date());
    } catch (error) {
      console.error("Training: queueing the reminders failed; trying again in a few minutes.", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();

  const stop = () => {
    clearInterval(timer);
    if (globalForLoop.trainingReminderLoop === stop) globalForLoop.trainingReminderLoop = undefined;
  };
  globalForLoop.trainingReminderLoop = stop;
  return stop;
}
