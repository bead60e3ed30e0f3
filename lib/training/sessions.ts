// A researcher publishes, edits and cancels training sessions. Times are entered as UK wall-clock
// times and stored as instants (ukLocalToUtc refuses the hour skipped when the clocks go forward).
// An edit that changes when, where or with whom tells everyone booked by email with an updated
// calendar invitation (a higher SEQUENCE, so calendars replace the event), and a larger capacity
// gives places to the waiting list in order. A cancellation frees every booking and sends a
// calendar CANCEL. Each change, its emails and its audit entry commit in one transaction, with the
// session's row locked so that bookings made at the same moment wait for it (lib/training/booking.ts
// locks the same row).
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { formatUkDateTime, ukLocalToUtc } from "@/lib/dates";
import { db, type Db } from "@/lib/db";
import type { Prisma, SessionStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { lockSessionForBooking, promoteFromWaitingList, type BookingSession } from "./booking";
import { calendarAttachment, sessionDetailLines, trainingLetter } from "./emails";
import { calendarOrganizer, sequenceOf } from "./ics";
import { TRAINING_DAY_LABELS, ukDate } from "./rules";
import {
  cancelSessionSchema,
  createSessionSchema,
  updateSessionSchema,
  type SessionValues,
  type TrainingResult,
} from "./schema";
import { sessionWhen } from "./words";

export const SESSION_NOT_FOUND = {
  ok: false,
  formError: "We could not find that training session. It may have been removed; go back to the list of sessions.",
} as const;

/** What creating a session answers: on success, also the new session's id (to open its page). */
export type CreateSessionResult =
  { ok: true; message: string; sessionId: string } | Extract<TrainingResult, { ok: false }>;

const ukDay = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "full" });

type Failure = Extract<TrainingResult, { ok: false }>;

/** The session's start and end as instants, or the field messages when a time does not exist in the UK. */
function sessionInstants(values: SessionValues): { startsAt: Date; endsAt: Date } | Failure {
  const startsAt = ukLocalToUtc(values.date, values.startTime);
  const endsAt = ukLocalToUtc(values.date, values.endTime);
  if (startsAt && endsAt) return { startsAt, endsAt };
  const day = ukDay.format(new Date(`${values.date}T00:00:00Z`));
  const skipped = (time: string) =>
    `${time} does not exist in the UK on ${day}: the clocks go forward an hour that night. Choose a time after 02:00.`;
  return {
    ok: false,
    fieldErrors: {
      ...(startsAt ? {} : { startTime: [skipped(values.startTime)] }),
      ...(endsAt ? {} : { endTime: [skipped(values.endTime)] }),
    },
  };
}

const inThePast = (now: Date): Failure => ({
  ok: false,
  fieldErrors: {
    date: [`Choose a date and time in the future. It is now ${formatUkDateTime(now)} (UK time).`],
  },
});

/** The columns a session's form sets; empty optional text is stored as null. */
function sessionData(values: SessionValues, instants: { startsAt: Date; endsAt: Date }) {
  return {
    trainingDay: values.trainingDay,
    startsAt: instants.startsAt,
    endsAt: instants.endsAt,
    venue: values.venue || null,
    address: values.address || null,
    onlineUrl: values.onlineUrl || null,
    trainer: values.trainer,
    capacity: values.capacity,
    notes: values.notes,
  };
}

type SessionData = ReturnType<typeof sessionData>;

/**
 * A session's form as a researcher sends it: the values, and the columns to store with the times
 * as instants; or the answer to give (not found for anyone else, what to fix in the form).
 */
function parseSessionForm<Values extends SessionValues>(actor: CurrentUser, schema: z.ZodType<Values>, input: unknown) {
  const parsed = parseAsResearcher(actor, schema, input, SESSION_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const instants = sessionInstants(parsed.data);
  if ("ok" in instants) return instants;
  return { ok: true as const, values: parsed.data, data: sessionData(parsed.data, instants) };
}

/** A session as the audit trail keeps it. */
function snapshot(session: SessionData & { status?: SessionStatus }) {
  return {
    trainingDay: session.trainingDay,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    venue: session.venue,
    address: session.address,
    onlineUrl: session.onlineUrl,
    trainer: session.trainer,
    capacity: session.capacity,
    notes: session.notes,
    ...(session.status ? { status: session.status } : {}),
  };
}

const people = (count: number) => (count === 1 ? "1 person" : `${count} people`);

/** "the 2 people booked and the 1 person on the waiting list"; empty when nobody was told. */
const toldWhom = (booked: number, waiting: number) =>
  [
    ...(booked > 0 ? [`the ${people(booked)} booked`] : []),
    ...(waiting > 0 ? [`the ${people(waiting)} on the waiting list`] : []),
  ].join(" and ");

/** "Worker day 1 on Sunday, 29 March 2026 at 09:30 to 16:00 (UK time)" */
const describe = (session: { trainingDay: TrainingDay; startsAt: Date; endsAt: Date }) =>
  `${TRAINING_DAY_LABELS[session.trainingDay]} on ${sessionWhen(session)}`;

/** Changes to a session may queue behind bookings that hold its row lock. */
const SESSION_TRANSACTION = { maxWait: 10_000, timeout: 30_000 } as const;

/**
 * Runs `change` in one transaction that holds the session's row lock (the lock bookings take, so
 * bookings made at the same moment wait for it): unless there is no such session, or `refusal`
 * gives a reason it cannot be changed now. `day` is the session's training day in words.
 */
export async function changeLockedSession<Result extends TrainingResult>(
  client: Db,
  sessionId: string,
  refusal: (session: BookingSession, day: string) => string | null,
  change: (tx: Prisma.TransactionClient, session: BookingSession, day: string) => Promise<Result>,
  options?: { maxWait: number; timeout: number },
  /** Locks to take before the session's, in the order bookings take them (agencies first). */
  lockFirst?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<Result | Failure> {
  return client.$transaction(async (tx): Promise<Result | Failure> => {
    await lockFirst?.(tx);
    const session = await lockSessionForBooking(tx, sessionId);
    if (!session) return SESSION_NOT_FOUND;
    const day = TRAINING_DAY_LABELS[session.trainingDay];
    const refused = refusal(session, day);
    if (refused) return { ok: false, formError: refused };
    return change(tx, session, day);
  }, options);
}

export async function createSession(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<CreateSessionResult> {
  // Only researchers publish sessions; to anyone else this does not exist.
  const form = parseSessionForm(actor, createSessionSchema, input);
  if (!form.ok) return form;
  const { data } = form;
  if (data.startsAt <= now) return inThePast(now);

  return client.$transaction(async (tx): Promise<CreateSessionResult> => {
    const session = await tx.trainingSession.create({ data: { ...data, createdById: actor.id }, select: { id: true } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "training_session.created",
      entity: "TrainingSession",
      entityId: session.id,
      after: snapshot(data),
    });
    return {
      ok: true,
      sessionId: session.id,
      message: `${describe(data)} is published, with ${data.capacity === 1 ? "1 place" : `${data.capacity} places`}.`,
    };
  });
}

export async function updateSession(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<TrainingResult> {
  const form = parseSessionForm(actor, updateSessionSchema, input);
  if (!form.ok) return form;
  const { sessionId } = form.values;
  const next = form.data;

  return changeLockedSession(
    client,
    sessionId,
    (session, day) =>
      session.status === "CANCELLED"
        ? `This ${day} session has been cancelled, so it can no longer be changed. Publish a new session instead.`
        : session.startsAt <= now
          ? `This ${day} session has already started, so it can no longer be changed. You can still mark attendance.`
          : null,
    async (tx, session, day): Promise<TrainingResult> => {
      const timeChanged =
        next.startsAt.getTime() !== session.startsAt.getTime() || next.endsAt.getTime() !== session.endsAt.getTime();
      if (timeChanged && next.startsAt <= now) return inThePast(now);

      const bookings = await tx.booking.findMany({
        where: { sessionId, status: { in: ["BOOKED", "WAITLISTED", "ATTENDED"] } },
        select: {
          id: true,
          status: true,
          icsSequence: true,
          waitlistPosition: true,
          person: { select: { id: true, name: true, email: true, deactivatedAt: true } },
        },
        orderBy: [{ waitlistPosition: "asc" }, { createdAt: "asc" }],
      });
      const booked = bookings.filter((booking) => booking.status === "BOOKED");

      if (next.trainingDay !== session.trainingDay && bookings.length > 0) {
        return {
          ok: false,
          fieldErrors: {
            trainingDay: [
              `${people(bookings.length)} ${bookings.length === 1 ? "is" : "are"} booked or waiting for ${day} on this session, so its training day cannot change. Cancel the session and publish a new one for the other day instead.`,
            ],
          },
        };
      }
      if (next.capacity < booked.length) {
        return {
          ok: false,
          fieldErrors: {
            capacity: [
              `${people(booked.length)} ${booked.length === 1 ? "is" : "are"} booked: the capacity cannot go below ${booked.length}. Cancel bookings first.`,
            ],
          },
        };
      }

      // Moving the session to another date must not give anyone two sessions on one day.
      if (ukDate(next.startsAt) !== ukDate(session.startsAt) && bookings.length > 0) {
        // The people, locked as a booking locks them (FOR NO KEY UPDATE, in id order): a booking of
        // one of them onto another session on the new date either finishes before this looks, or
        // waits and then sees this session on that date.
        await tx.$queryRaw`
          SELECT "id" FROM "User" WHERE "id" = ANY(${bookings.map((booking) => booking.person.id)}::uuid[])
          ORDER BY "id" FOR NO KEY UPDATE`;
        const others = await tx.booking.findMany({
          where: {
            userId: { in: bookings.map((booking) => booking.person.id) },
            sessionId: { not: sessionId },
            status: { in: ["BOOKED", "WAITLISTED"] },
            session: {
              status: "SCHEDULED",
              startsAt: {
                gte: new Date(next.startsAt.getTime() - 36 * 3_600_000),
                lte: new Date(next.startsAt.getTime() + 36 * 3_600_000),
              },
            },
          },
          select: { person: { select: { name: true } }, session: { select: { trainingDay: true, startsAt: true } } },
        });
        const clash = others.find((other) => ukDate(other.session.startsAt) === ukDate(next.startsAt));
        if (clash) {
          return {
            ok: false,
            fieldErrors: {
              date: [
                `${clash.person.name} is already booked for ${TRAINING_DAY_LABELS[clash.session.trainingDay]} on ${formatUkDateTime(clash.session.startsAt)}: one person cannot take two sessions on the same day. Choose another date, or cancel that booking first.`,
              ],
            },
          };
        }
      }

      const detailsChanged =
        timeChanged ||
        next.venue !== session.venue ||
        next.address !== session.address ||
        next.onlineUrl !== session.onlineUrl ||
        next.trainer !== session.trainer ||
        next.notes !== session.notes;
      if (!detailsChanged && next.capacity === session.capacity && next.trainingDay === session.trainingDay) {
        return { ok: true, message: "Nothing was changed, so nobody was emailed." };
      }

      const icsSequence = detailsChanged ? session.icsSequence + 1 : session.icsSequence;
      const updated = await tx.trainingSession.update({ where: { id: sessionId }, data: { ...next, icsSequence } });
      if (updated.startsAt.getTime() !== session.startsAt.getTime()) {
        // A reminder sent for the old time says nothing about the new one: remind again before it.
        await tx.booking.updateMany({
          where: { sessionId, reminderSentAt: { not: null } },
          data: { reminderSentAt: null },
        });
      }

      // Places freed by a larger capacity go to the waiting list in order (they are emailed there).
      const promoted =
        next.capacity > session.capacity ? await promoteFromWaitingList(tx, sessionId, now, actor.id) : [];
      const promotedIds = new Set(promoted.map((booking) => booking.bookingId));

      let toldBooked = 0;
      let toldWaiting = 0;
      if (detailsChanged) {
        const newDay = TRAINING_DAY_LABELS[updated.trainingDay];
        const subject = `Changed: ${newDay} training on ${formatUkDateTime(updated.startsAt)}`;
        const details = sessionDetailLines(updated);
        const organizerEmail = calendarOrganizer();
        // People removed from their team's staff list are no longer written to.
        for (const booking of booked.filter((entry) => entry.person.deactivatedAt === null)) {
          const bookingSequence = booking.icsSequence + 1;
          await tx.booking.update({ where: { id: booking.id }, data: { icsSequence: bookingSequence } });
          await enqueueEmail(tx, {
            to: booking.person.email,
            kind: "training-session-changed",
            subject,
            text: trainingLetter(booking.person.name, [
              `The ${newDay} training session you are booked on has changed. The new details are:`,
              details,
              "The calendar invitation attached updates the event in your calendar. If you can no longer come, ask your supervisor to cancel your booking.",
            ]),
            ics: calendarAttachment("REQUEST", {
              session: updated,
              person: booking.person,
              sequence: sequenceOf(updated.icsSequence, bookingSequence),
              now,
              organizerEmail,
            }),
          });
          toldBooked++;
        }
        const stillWaiting = bookings.filter(
          (booking) =>
            booking.status === "WAITLISTED" && !promotedIds.has(booking.id) && booking.person.deactivatedAt === null,
        );
        for (const booking of stillWaiting) {
          await enqueueEmail(tx, {
            to: booking.person.email,
            kind: "training-session-changed",
            subject,
            text: trainingLetter(booking.person.name, [
              `The ${newDay} training session you are on the waiting list for has changed. The new details are:`,
              details,
              "You are still on the waiting list. We will email you if a place frees for you.",
            ]),
          });
          toldWaiting++;
        }
      }

      await recordAudit(tx, {
        actorId: actor.id,
        action: "training_session.updated",
        entity: "TrainingSession",
        entityId: sessionId,
        before: { ...snapshot(session), icsSequence: session.icsSequence },
        after: {
          ...snapshot(updated),
          icsSequence: updated.icsSequence,
          promotedBookingIds: [...promotedIds],
        },
      });

      const told = toldWhom(toldBooked, toldWaiting);
      const promotedText =
        promoted.length > 0
          ? ` ${people(promoted.length)} from the waiting list ${promoted.length === 1 ? "has" : "have"} a place now and ${promoted.length === 1 ? "has" : "have"} been emailed.`
          : "";
      return {
        ok: true,
        message: `${describe(updated)} is saved.${
          told ? ` We have emailed ${told} about the change.` : ""
        }${promotedText}`,
      };
    },
    SESSION_TRANSACTION,
  );
}

export async function cancelSession(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<TrainingResult> {
  const parsed = parseAsResearcher(actor, cancelSessionSchema, input, SESSION_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const { sessionId, reason } = parsed.data;

  return changeLockedSession(
    client,
    sessionId,
    (session, day) =>
      session.status === "CANCELLED"
        ? `This ${day} session is already cancelled; everyone booked was told.`
        : session.startsAt <= now
          ? `This ${day} session has already started, so it can no longer be cancelled. Mark attendance instead.`
          : null,
    async (tx, session, day): Promise<TrainingResult> => {
      const bookings = await tx.booking.findMany({
        where: { sessionId, status: { in: ["BOOKED", "WAITLISTED"] } },
        select: {
          id: true,
          status: true,
          icsSequence: true,
          person: { select: { id: true, name: true, email: true, deactivatedAt: true } },
        },
        orderBy: [{ waitlistPosition: "asc" }, { createdAt: "asc" }],
      });
      const updated = await tx.trainingSession.update({
        where: { id: sessionId },
        data: { status: "CANCELLED", cancelledAt: now, cancelReason: reason, icsSequence: session.icsSequence + 1 },
      });
      // Every place and every place on the waiting list is freed; the rows stay for the history.
      await tx.booking.updateMany({
        where: { id: { in: bookings.map((booking) => booking.id) } },
        data: { status: "CANCELLED", waitlistPosition: null, cancelledAt: now },
      });

      const when = sessionWhen(updated);
      const subject = `Cancelled: ${day} training on ${formatUkDateTime(updated.startsAt)}`;
      const organizerEmail = calendarOrganizer();
      let toldBooked = 0;
      let toldWaiting = 0;
      for (const booking of bookings.filter((entry) => entry.person.deactivatedAt === null)) {
        const wasBooked = booking.status === "BOOKED";
        let ics;
        if (wasBooked) {
          const bookingSequence = booking.icsSequence + 1;
          await tx.booking.update({ where: { id: booking.id }, data: { icsSequence: bookingSequence } });
          ics = calendarAttachment("CANCEL", {
            session: updated,
            person: booking.person,
            sequence: sequenceOf(updated.icsSequence, bookingSequence),
            now,
            organizerEmail,
          });
          toldBooked++;
        } else {
          toldWaiting++;
        }
        await enqueueEmail(tx, {
          to: booking.person.email,
          kind: "training-session-cancelled",
          subject,
          text: trainingLetter(booking.person.name, [
            [`The ${day} training session on ${when} has been cancelled.`, `The reason: ${reason}`],
            wasBooked
              ? "Your booking is cancelled, and the calendar message attached removes the event from your calendar. Your supervisor can book you on another session for this training day."
              : "You were on its waiting list, which is cancelled too. Your supervisor can book you on another session for this training day.",
          ]),
          ...(ics ? { ics } : {}),
        });
      }

      await recordAudit(tx, {
        actorId: actor.id,
        action: "training_session.cancelled",
        entity: "TrainingSession",
        entityId: sessionId,
        before: { status: session.status, icsSequence: session.icsSequence },
        after: {
          status: "CANCELLED",
          reason,
          icsSequence: updated.icsSequence,
          cancelledBookingIds: bookings.map((booking) => booking.id),
        },
      });

      const told = toldWhom(toldBooked, toldWaiting);
      return {
        ok: true,
        message: `${describe(updated)} is cancelled.${
          told ? ` We have emailed ${told}.` : bookings.length === 0 ? " Nobody was booked on it." : ""
        }`,
      };
    },
    SESSION_TRANSACTION,
  );
}
