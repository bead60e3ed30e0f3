// Supervisors (and the agency lead) book their team onto training sessions, and cancel; the
// waiting list moves up when a place frees. Each request is one transaction that locks, in this
// order, the session row, then the people's User rows in id order, so that
//  - bookings of one session are served one at a time: never over capacity, and the waiting list
//    is in the order the requests got the lock (which is the order they commit);
//  - one person booked onto two sessions at the same moment is served one at a time, so the rules
//    "not twice on one date" and "not twice for one training day" hold between sessions too.
// The User rows are locked FOR NO KEY UPDATE: that excludes another booking of the same person but
// not the foreign-key checks of rows that merely point at the person (audit entries, bookings made
// by them), which would otherwise deadlock with a supervisor booking themselves elsewhere. Whoever
// else changes bookings (session edits and cancellations, attendance) locks the session row first.
// Every booking change emails the person, with a calendar invitation (ics.ts) when they hold a place.
import "server-only";
import { appUrl } from "@/lib/app-url";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { invalidInput } from "@/lib/forms";
import {
  Prisma,
  type Agency,
  type BookingStatus,
  type SessionStatus,
  type TrainingDay,
} from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { stageShownToAgency } from "@/lib/selection/transitions";
import { calendarAttachment, sessionDay, sessionDetailLines, sessionLabel, trainingLetter } from "./emails";
import { sequenceOf, type IcsPerson, type IcsSession } from "./ics";
import {
  agencyMayBook,
  bookingProblem,
  canBook,
  NOT_ON_STAFF_LIST,
  PLACE_HOLDING_STATUSES,
  TRAINING_DAY_LABELS,
} from "./rules";
import { SESSION_DETAILS_SELECT } from "./session-select";
import { bookSchema, cancelBookingSchema, type TrainingResult } from "./schema";
import { loadTrainingSettings } from "./settings";
import { sessionTimes } from "./words";

export const BOOKING_SESSION_NOT_FOUND = {
  ok: false,
  formError: "We could not find that session. It may have been removed; go back to the list of sessions.",
} as const;

export const BOOKING_NOT_FOUND = {
  ok: false,
  formError: "We could not find that booking. It may have been removed; reload the page to see your team's bookings.",
} as const;

/**
 * Requests for one session queue on its row lock, and the wait counts towards the transaction's
 * time: many supervisors booking the last places at once must all be served, not time out.
 */
export const BOOKING_TRANSACTION = { maxWait: 60_000, timeout: 60_000 } as const;

/** A session as the booking code and its emails need it. */
export type BookingSession = IcsSession & { status: SessionStatus; capacity: number; icsSequence: number };

const sessionSelect = {
  id: true,
  ...SESSION_DETAILS_SELECT,
  status: true,
  capacity: true,
  icsSequence: true,
} as const satisfies Prisma.TrainingSessionSelect;

/** The columns of sessionSelect, for the raw query that locks the row. */
const sessionColumns = Prisma.join(Object.keys(sessionSelect).map((column) => Prisma.raw(`"${column}"`)));

/**
 * Locks a session's row until the transaction ends and reads it; null when there is no such
 * session. Take this lock before changing any of the session's bookings.
 */
export async function lockSessionForBooking(
  tx: Prisma.TransactionClient,
  sessionId: string,
): Promise<BookingSession | null> {
  // Read with the lock in one round trip: every request for a session queues here.
  const [session] = await tx.$queryRaw<BookingSession[]>`
    SELECT ${sessionColumns} FROM "TrainingSession" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
  return session ?? null;
}

/** How a session's places stand: places held, people waiting, and the last place on the waiting list. */
async function placesOf(tx: Prisma.TransactionClient, sessionId: string) {
  const [places] = await tx.$queryRaw<{ taken: number; waiting: number; lastPosition: number }[]>`
    SELECT count(*) FILTER (WHERE "status" = ANY(${[...PLACE_HOLDING_STATUSES]}::"BookingStatus"[]))::int AS "taken",
           count(*) FILTER (WHERE "status" = 'WAITLISTED')::int AS "waiting",
           coalesce(max("waitlistPosition"), 0)::int AS "lastPosition"
    FROM "Booking" WHERE "sessionId" = ${sessionId}::uuid`;
  return places ?? { taken: 0, waiting: 0, lastPosition: 0 };
}

// ---------------------------------------------------------------------------------------------
// Words and emails.

/** "A", "A and B", "A, B and C". */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

type EmailContext = { session: BookingSession; person: IcsPerson; now: Date };

/**
 * One email about a person's booking: the paragraphs, the session's details and a link to their
 * training, with the calendar file when `calendar` is given (`sequence` after this email's bump).
 */
function bookingEmail(
  { session, person, now }: EmailContext,
  kind: string,
  subject: string,
  paragraphs: string[],
  calendar?: { method: "REQUEST" | "CANCEL"; sequence: number },
) {
  const when = `${sessionDay(session.startsAt)}, ${sessionTimes(session.startsAt, session.endsAt)} (UK time)`;
  return {
    to: person.email,
    kind,
    subject,
    text: trainingLetter(person.name, [
      ...paragraphs,
      sessionDetailLines(session, when),
      `See your training: ${appUrl("/agency/training")}`,
    ]),
    ...(calendar
      ? { ics: calendarAttachment(calendar.method, { session, person, sequence: calendar.sequence, now }) }
      : {}),
  };
}

/** The confirmation of a place, with the calendar invitation. `sequence` is after this email's bump. */
export function bookingConfirmedEmail(context: EmailContext, sequence: number, bookedBy: string) {
  const { session, person } = context;
  const day = TRAINING_DAY_LABELS[session.trainingDay];
  return bookingEmail(
    context,
    "booking-confirmed",
    `Training booked: ${day} on ${sessionDay(session.startsAt)}`,
    [
      bookedBy === person.name
        ? `You have booked yourself a place on ${day} of the Connecting People training.`
        : `${bookedBy} has booked you a place on ${day} of the Connecting People training.`,
      "The calendar invitation with this email adds the session to your calendar.",
    ],
    { method: "REQUEST", sequence },
  );
}

/** A place on the waiting list: no calendar invitation until a place is theirs. */
export function bookingWaitlistedEmail(context: EmailContext, position: number, bookedBy: string) {
  const { session, person } = context;
  const day = TRAINING_DAY_LABELS[session.trainingDay];
  return bookingEmail(context, "booking-waitlisted", `Waiting list: ${day} on ${sessionDay(session.startsAt)}`, [
    `${bookedBy === person.name ? "You have put yourself" : `${bookedBy} has put you`} on the waiting list for ${day} of the Connecting People training: the session is full.`,
    `You are number ${position} on the waiting list. If a place comes free you will be booked automatically, and we will email you with a calendar invitation.`,
  ]);
}

/** A place from the waiting list, with the calendar invitation. */
export function bookingPromotedEmail(context: EmailContext, sequence: number) {
  const day = TRAINING_DAY_LABELS[context.session.trainingDay];
  return bookingEmail(
    context,
    "booking-promoted",
    `A place has come free: you are now booked on ${day} on ${sessionDay(context.session.startsAt)}`,
    [
      `A place has come free: you are now booked on ${day} of the Connecting People training. You were first on the waiting list.`,
      "The calendar invitation with this email adds the session to your calendar. If you cannot come, ask your supervisor to cancel the booking so that the next person can have the place.",
    ],
    { method: "REQUEST", sequence },
  );
}

/** A booking given up: the calendar update removes the event when the person held a place. */
export function bookingCancelledEmail(
  context: EmailContext,
  wasBooked: boolean,
  sequence: number,
  cancelledBy: string,
) {
  const { session, person } = context;
  const day = TRAINING_DAY_LABELS[session.trainingDay];
  const by = cancelledBy === person.name ? "You have" : `${cancelledBy} has`;
  return bookingEmail(
    context,
    "booking-cancelled",
    wasBooked
      ? `Training booking cancelled: ${day} on ${sessionDay(session.startsAt)}`
      : `Taken off the waiting list: ${day} on ${sessionDay(session.startsAt)}`,
    [
      wasBooked
        ? `${by} cancelled your place on ${day} of the Connecting People training. The calendar update with this email removes the session from your calendar.`
        : `${by} taken you off the waiting list for ${day} of the Connecting People training.`,
      `If you still need ${day}, ask your supervisor to book you on another session.`,
    ],
    wasBooked ? { method: "CANCEL", sequence } : undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// The waiting list.

export type Promoted = { bookingId: string; userId: string; name: string; email: string };

/**
 * Gives every free place of a session to the people waiting, first in line first: each is booked,
 * emailed a calendar invitation and audited, and the rest of the list moves up. Nothing happens
 * when the session is cancelled or has started. Call it inside a transaction that holds the
 * session's row lock (lockSessionForBooking), after freeing places or raising the capacity.
 */
export async function promoteFromWaitingList(
  tx: Prisma.TransactionClient,
  sessionId: string,
  now: Date,
  actorId: string | null = null,
): Promise<Promoted[]> {
  const session = await tx.trainingSession.findUnique({ where: { id: sessionId }, select: sessionSelect });
  if (!session || session.status !== "SCHEDULED" || session.startsAt <= now) return [];
  const { taken, waiting: waitingCount } = await placesOf(tx, sessionId);
  const free = session.capacity - taken;
  if (free <= 0 || waitingCount === 0) return [];
  const waiting = await tx.booking.findMany({
    where: { sessionId, status: "WAITLISTED", person: { deactivatedAt: null } },
    orderBy: [{ waitlistPosition: "asc" }, { id: "asc" }],
    take: free,
    select: { id: true, waitlistPosition: true, person: { select: { id: true, name: true, email: true } } },
  });
  const promoted: Promoted[] = [];
  for (const booking of waiting) {
    const updated = await tx.booking.update({
      where: { id: booking.id },
      data: { status: "BOOKED", waitlistPosition: null, icsSequence: { increment: 1 } },
      select: { icsSequence: true },
    });
    await enqueueEmail(
      tx,
      bookingPromotedEmail(
        { session, person: booking.person, now },
        sequenceOf(session.icsSequence, updated.icsSequence),
      ),
    );
    await recordAudit(tx, {
      actorId,
      action: "booking.promoted",
      entity: "Booking",
      entityId: booking.id,
      before: { status: "WAITLISTED", waitlistPosition: booking.waitlistPosition },
      after: { status: "BOOKED", sessionId, userId: booking.person.id },
    });
    promoted.push({ bookingId: booking.id, userId: booking.person.id, ...booking.person });
  }
  await closeUpWaitingList(tx, sessionId);
  return promoted;
}

/** Renumbers a session's waiting list 1, 2, 3… in its order, so "number N" is where a person stands. */
async function closeUpWaitingList(tx: Prisma.TransactionClient, sessionId: string) {
  await tx.$executeRaw`
    UPDATE "Booking" AS b SET "waitlistPosition" = ranked.position
    FROM (
      SELECT "id", row_number() OVER (ORDER BY "waitlistPosition", "id")::int AS position
      FROM "Booking" WHERE "sessionId" = ${sessionId}::uuid AND "status" = 'WAITLISTED'
    ) AS ranked
    WHERE b."id" = ranked."id" AND b."waitlistPosition" IS DISTINCT FROM ranked.position`;
}

// ---------------------------------------------------------------------------------------------
// Booking.

const ONLY_BOOKERS = {
  ok: false,
  formError: "Only supervisors and the agency lead can book training. Ask your supervisor to book a place for you.",
} as const;

/**
 * Books one or more people of the actor's agency onto one session: each gets a place while there
 * are places, then a place on the waiting list. All or nothing: when any person cannot be booked,
 * nobody is, and the answer says why for each of them.
 */
export async function bookPeople(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<TrainingResult> {
  // Researchers do not book; to them (and anyone else) the booking form does not exist.
  if (actor.role !== "AGENCY_STAFF") return BOOKING_SESSION_NOT_FOUND;
  if (!canBook(actor.agencyRole)) return ONLY_BOOKERS;
  const parsed = bookSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { sessionId, userIds } = parsed.data;

  return client.$transaction(async (tx): Promise<TrainingResult> => {
    // The agency first, then the session, then the people: the order in which a withdrawal or a
    // change of staff takes its locks too, so one of them in progress finishes before this booking
    // reads the agency, and one that starts now waits for it. FOR KEY SHARE: bookings of one agency
    // do not wait for each other here.
    const [found] = await tx.$queryRaw<Pick<Agency, "stage" | "decisionSentStage" | "teamName">[]>`
      SELECT "stage", "decisionSentStage", "teamName" FROM "Agency" WHERE "id" = ${actor.agencyId}::uuid FOR KEY SHARE`;
    if (!found) return BOOKING_SESSION_NOT_FOUND;
    // An agency books once it is selected (or further) and has been told so, as its page offers.
    const agency = {
      ...found,
      stage: agencyMayBook(found.stage) ? stageShownToAgency(found.stage, found.decisionSentStage) : found.stage,
    };
    const session = await lockSessionForBooking(tx, sessionId);
    if (!session) return BOOKING_SESSION_NOT_FOUND;
    // In id order, so that two requests sharing people never wait for each other in a circle.
    await tx.$queryRaw`
      SELECT "id" FROM "User" WHERE "id" = ANY(${userIds}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`;

    // One after another: a transaction's queries share one connection.
    const settings = await loadTrainingSettings(tx);
    const people = await tx.user.findMany({
      where: { id: { in: userIds } },
      select: {
        id: true,
        name: true,
        email: true,
        agencyId: true,
        agencyRole: true,
        deactivatedAt: true,
        bookings: {
          select: {
            id: true,
            sessionId: true,
            status: true,
            session: { select: { trainingDay: true, startsAt: true, status: true } },
          },
        },
      },
    });
    const byId = new Map(people.map((person) => [person.id, person]));

    const problems = userIds.map((id) => {
      const person = byId.get(id);
      if (!person) return NOT_ON_STAFF_LIST;
      return bookingProblem({
        now,
        settings,
        session,
        booker: { agencyId: actor.agencyId, agencyRole: actor.agencyRole },
        agency,
        person: {
          id: person.id,
          name: person.name,
          agencyId: person.agencyId,
          agencyRole: person.agencyRole,
          active: person.deactivatedAt === null,
        },
        personBookings: person.bookings.map((booking) => ({
          sessionId: booking.sessionId,
          trainingDay: booking.session.trainingDay,
          startsAt: booking.session.startsAt,
          status: booking.status,
          sessionCancelled: booking.session.status === "CANCELLED",
        })),
      });
    });
    const refusals = [...new Set(problems.filter((problem): problem is string => problem !== null))];
    if (refusals.length > 0) {
      // One reason shared by everyone (a cancelled session, say) is about the request, not a person.
      if (refusals.length === 1 && problems.every((problem) => problem === refusals[0])) {
        return { ok: false, formError: refusals[0] };
      }
      const count = problems.filter(Boolean).length;
      return {
        ok: false,
        formError: `Nobody has been booked: ${
          count === 1 ? "1 of the people you chose" : `${count} of the people you chose`
        } cannot be booked on this session. Untick them, or choose another session for them, and try again.`,
        // One message listing every reason: the form shows one message per field.
        fieldErrors: { userIds: [refusals.join(" ")] },
      };
    }

    let places = await placesOf(tx, sessionId);
    if (places.waiting > 0 && places.taken < session.capacity) {
      // Anyone already waiting goes before this request (the capacity may have been raised).
      await promoteFromWaitingList(tx, session.id, now, actor.id);
      places = await placesOf(tx, sessionId);
    }
    let { taken, lastPosition } = places;

    const booked: string[] = [];
    const waitlisted: { name: string; position: number }[] = [];
    for (const id of userIds) {
      const person = byId.get(id)!;
      const status: BookingStatus = taken < session.capacity ? "BOOKED" : "WAITLISTED";
      const waitlistPosition = status === "WAITLISTED" ? ++lastPosition : null;
      if (status === "BOOKED") taken++;
      // A person booked here before and cancelled keeps their row (one per session and person).
      const previous = person.bookings.find((booking) => booking.sessionId === sessionId);
      const data = { status, waitlistPosition, bookedById: actor.id };
      const booking = previous
        ? await tx.booking.update({
            where: { id: previous.id },
            data: {
              ...data,
              cancelledAt: null,
              reminderSentAt: null,
              attendanceMarkedAt: null,
              attendanceMarkedById: null,
              icsSequence: { increment: 1 },
            },
            select: { id: true, icsSequence: true },
          })
        : await tx.booking.create({
            data: { ...data, sessionId, userId: id },
            select: { id: true, icsSequence: true },
          });

      const context = { session, person, now };
      if (waitlistPosition === null) {
        booked.push(person.name);
        await enqueueEmail(
          tx,
          bookingConfirmedEmail(context, sequenceOf(session.icsSequence, booking.icsSequence), actor.name),
        );
      } else {
        waitlisted.push({ name: person.name, position: waitlistPosition });
        await enqueueEmail(tx, bookingWaitlistedEmail(context, waitlistPosition, actor.name));
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "booking.created",
        entity: "Booking",
        entityId: booking.id,
        before: previous ? { status: previous.status } : null,
        after: { sessionId, userId: id, status, waitlistPosition },
      });
    }

    if (found.stage === "SELECTED") {
      // Conditional, so that two first bookings committing together move the agency once.
      const moved = await tx.agency.updateMany({
        where: { id: actor.agencyId, stage: "SELECTED" },
        data: { stage: "TRAINING" },
      });
      if (moved.count === 1) {
        const reason = `First training booking made by ${actor.name}`;
        await tx.stageChange.create({
          data: {
            agencyId: actor.agencyId,
            fromStage: "SELECTED",
            toStage: "TRAINING",
            byId: actor.id,
            at: now,
            reason,
          },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "agency.stage_changed",
          entity: "Agency",
          entityId: actor.agencyId,
          before: { stage: "SELECTED" },
          after: { stage: "TRAINING", reason },
        });
      }
    }

    return { ok: true, message: bookedMessage(session, booked, waitlisted) };
  }, BOOKING_TRANSACTION);
}

function bookedMessage(
  session: BookingSession,
  booked: readonly string[],
  waitlisted: readonly { name: string; position: number }[],
): string {
  const label = sessionLabel(session);
  const parts: string[] = [];
  if (booked.length > 0) parts.push(`Booked ${namesList(booked)} on ${label}.`);
  if (waitlisted.length > 0) {
    const first = waitlisted[0]!.position;
    const last = waitlisted.at(-1)!.position;
    const who =
      waitlisted.length === 1
        ? `${waitlisted[0]!.name} is number ${first} on the waiting list.`
        : `${namesList(waitlisted.map((entry) => entry.name))} are numbers ${first} ${waitlisted.length === 2 ? "and" : "to"} ${last} on the waiting list.`;
    parts.push(booked.length > 0 ? who : `${label} is full: ${who}`);
  }
  parts.push(booked.length + waitlisted.length === 1 ? "We have emailed them." : "We have emailed each of them.");
  return parts.join(" ");
}

// ---------------------------------------------------------------------------------------------
// Cancelling.

/** A booking as cancelling it needs: its place and the person to tell. */
const CANCELLABLE_SELECT = {
  id: true,
  status: true,
  waitlistPosition: true,
  person: { select: { id: true, name: true, email: true } },
} as const satisfies Prisma.BookingSelect;

/**
 * Cancels one booking (a place, or a place on the waiting list) of a session whose row lock the
 * transaction holds: the person is emailed (with a calendar CANCEL when they held a place) and the
 * change is audited, with `reason` when one is given. Returns whether a place was freed; the
 * caller then moves the waiting list on.
 */
async function cancelOne(
  tx: Prisma.TransactionClient,
  {
    session,
    booking,
    now,
    actor,
    reason,
  }: {
    session: BookingSession;
    booking: Prisma.BookingGetPayload<{ select: typeof CANCELLABLE_SELECT }>;
    now: Date;
    actor: { id: string | null; name: string };
    reason?: string;
  },
): Promise<boolean> {
  const wasBooked = booking.status === "BOOKED";
  const updated = await tx.booking.update({
    where: { id: booking.id },
    data: { status: "CANCELLED", cancelledAt: now, waitlistPosition: null, icsSequence: { increment: 1 } },
    select: { icsSequence: true },
  });
  await enqueueEmail(
    tx,
    bookingCancelledEmail(
      { session, person: booking.person, now },
      wasBooked,
      sequenceOf(session.icsSequence, updated.icsSequence),
      actor.name,
    ),
  );
  await recordAudit(tx, {
    actorId: actor.id,
    action: "booking.cancelled",
    entity: "Booking",
    entityId: booking.id,
    before: { status: booking.status, waitlistPosition: booking.waitlistPosition },
    after: {
      status: "CANCELLED",
      sessionId: session.id,
      userId: booking.person.id,
      ...(reason === undefined ? {} : { reason }),
    },
  });
  return wasBooked;
}

/**
 * Cancels one booking (a place or a place on the waiting list). A freed place goes to the first
 * person waiting. Supervisors and the lead cancel for their own team; researchers for anyone.
 */
export async function cancelBooking(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<TrainingResult> {
  if (actor.role === "AGENCY_STAFF" && !canBook(actor.agencyRole)) {
    return {
      ok: false,
      formError:
        "Only supervisors and the agency lead can cancel training bookings. Ask your supervisor to cancel it for you.",
    };
  }
  const parsed = cancelBookingSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { bookingId } = parsed.data;

  return client.$transaction(async (tx): Promise<TrainingResult> => {
    const found = await tx.booking.findUnique({
      where: { id: bookingId },
      select: { sessionId: true, person: { select: { agencyId: true } } },
    });
    // Another agency's booking behaves like one that does not exist.
    if (!found || (actor.role === "AGENCY_STAFF" && found.person.agencyId !== actor.agencyId)) {
      return BOOKING_NOT_FOUND;
    }
    const session = await lockSessionForBooking(tx, found.sessionId);
    if (!session) return BOOKING_NOT_FOUND;
    const booking = await tx.booking.findUnique({
      where: { id: bookingId },
      select: CANCELLABLE_SELECT,
    });
    if (!booking) return BOOKING_NOT_FOUND;
    const { person } = booking;
    const label = sessionLabel(session);

    if (booking.status === "CANCELLED") {
      return { ok: false, formError: `${person.name}'s booking on ${label} is already cancelled.` };
    }
    if (booking.status === "ATTENDED" || booking.status === "ABSENT") {
      return {
        ok: false,
        formError: `${person.name}'s attendance on ${label} has been marked, so the booking can no longer be cancelled. Contact the study team if the record is wrong.`,
      };
    }
    if (session.status === "SCHEDULED" && session.startsAt <= now) {
      return {
        ok: false,
        formError: `${label} has already started, so ${person.name}'s booking can no longer be cancelled. The study team records who came.`,
      };
    }

    const wasBooked = await cancelOne(tx, { session, booking, now, actor });

    const promoted = wasBooked ? await promoteFromWaitingList(tx, session.id, now, actor.id) : [];
    if (!wasBooked) await closeUpWaitingList(tx, session.id);

    const what = wasBooked ? "booking" : "place on the waiting list";
    const moved =
      promoted.length > 0
        ? ` ${namesList(promoted.map((entry) => entry.name))} ${
            promoted.length === 1 ? "was" : "were"
          } first on the waiting list and ${promoted.length === 1 ? "has" : "have"} the place; we have emailed them too.`
        : "";
    return {
      ok: true,
      message: `Cancelled ${person.name}'s ${what} on ${label}. We have emailed ${person.name}.${moved}`,
    };
  }, BOOKING_TRANSACTION);
}

// ---------------------------------------------------------------------------------------------
// Giving up the places of people who no longer take training.

/**
 * Cancels the places and waiting-list places that some people hold on sessions still to come,
 * because they no longer take that training: their agency withdrew, they left its staff list, or
 * their new role does not need those days (`keep` says which days they still need). Each person is
 * told (a calendar CANCEL when they held a place), each change audited with `why`, and each place
 * freed goes to the next on that session's waiting list. Locks each session first, in one order.
 * Returns how many bookings were cancelled.
 */
export async function releaseFutureBookings(
  tx: Prisma.TransactionClient,
  {
    userIds,
    keep = () => false,
    now,
    actor,
    why,
  }: {
    userIds: readonly string[];
    keep?: (trainingDay: TrainingDay) => boolean;
    now: Date;
    actor: { id: string | null; name: string };
    why: string;
  },
): Promise<number> {
  if (userIds.length === 0) return 0;
  const live = await tx.booking.findMany({
    where: {
      userId: { in: [...userIds] },
      status: { in: ["BOOKED", "WAITLISTED"] },
      session: { status: "SCHEDULED", startsAt: { gt: now } },
    },
    select: { sessionId: true, session: { select: { trainingDay: true } } },
  });
  const sessionIds = [
    ...new Set(live.filter((booking) => !keep(booking.session.trainingDay)).map((b) => b.sessionId)),
  ].sort();
  let cancelled = 0;
  for (const sessionId of sessionIds) {
    const session = await lockSessionForBooking(tx, sessionId);
    if (!session || keep(session.trainingDay)) continue;
    // Read again under the lock: a booking changed meanwhile is seen as it now is.
    const bookings = await tx.booking.findMany({
      where: { sessionId, userId: { in: [...userIds] }, status: { in: ["BOOKED", "WAITLISTED"] } },
      select: CANCELLABLE_SELECT,
    });
    let placeFreed = false;
    for (const booking of bookings) {
      const wasBooked = await cancelOne(tx, { session, booking, now, actor, reason: why });
      placeFreed ||= wasBooked;
      cancelled += 1;
    }
    if (placeFreed) await promoteFromWaitingList(tx, sessionId, now, actor.id);
    else await closeUpWaitingList(tx, sessionId);
  }
  return cancelled;
}
