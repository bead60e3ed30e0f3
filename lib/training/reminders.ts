// Reminders two days before training: every person still booked on a session that starts within
// the next 48 hours gets one email, and so does each supervisor of their team. A loop in every
// server process (started from instrumentation.ts) queues them every few minutes; any number of
// processes may run it at once, because each batch of bookings is claimed with FOR UPDATE SKIP
// LOCKED and marked (reminderSentAt) in the same transaction as its emails, and each email has a
// dedupe key. No "server-only" marker: instrumentation.ts imports this file, and that marker is
// refused there (as for lib/notifications/sender.ts); nothing here is reachable from the browser.
import { formatUkDateTime } from "@/lib/dates";
import { appUrl } from "@/lib/app-url";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { startRepeatingJob } from "@/lib/jobs";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { sessionDetailLines, trainingLetter } from "./emails";
import { TRAINING_DAY_LABELS } from "./rules";
import { SESSION_DETAILS_SELECT } from "./session-select";

/** Reminders go out for sessions starting within this time. */
export const REMINDER_WINDOW_MS = 48 * 60 * 60_000;
/** How often each server process looks for reminders to send. */
export const REMINDER_INTERVAL_MS = 5 * 60_000;
const BATCH_SIZE = 100;

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
      session: { select: SESSION_DETAILS_SELECT },
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
      text: trainingLetter(person.name, [
        `A reminder that you are booked on ${day} of the Connecting People training:`,
        details,
        "If you can no longer come, ask your supervisor to cancel your booking so that someone on the waiting list can have your place.",
        `Your training: ${link}`,
      ]),
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
        text: trainingLetter(supervisor.name, [
          `A reminder that ${person.name} from your team is booked on ${day} of the Connecting People training:`,
          details,
          "If they can no longer come, cancel their booking so that someone on the waiting list can have the place.",
          `Your team's training: ${link}`,
        ]),
      });
    }
  }
  await tx.booking.updateMany({
    where: { id: { in: bookings.map((booking) => booking.id) } },
    data: { reminderSentAt: now },
  });
  return bookings.length;
}

/**
 * Queues due reminders every 5 minutes in this process (lib/jobs.ts: once per process, never two
 * runs at once, errors logged). Returns a function that stops it.
 */
export function startTrainingReminderLoop({ intervalMs = REMINDER_INTERVAL_MS } = {}): () => void {
  return startRepeatingJob(
    "training-reminders",
    intervalMs,
    () => queueTrainingReminders(new Date()),
    "Training: queueing the reminders failed; trying again in a few minutes.",
  );
}
