// The rules of training, with no database: which days each person needs, what counts as done, and
// why a booking is refused, in plain words. The server (lib/training/booking.ts) gathers the facts
// inside its transaction and asks bookingProblem; the pages use the same functions to offer only
// what would be accepted. Pure: safe in client components.
import { toUkInputValues } from "@/lib/dates";
import type { AgencyRole, AgencyStage, BookingStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { sessionDate } from "./words";

export const TRAINING_DAYS = [
  "WORKER_1",
  "WORKER_2",
  "WORKER_3",
  "SUPERVISOR_1",
  "SUPERVISOR_2",
] as const satisfies readonly TrainingDay[];

export const TRAINING_DAY_LABELS = {
  WORKER_1: "Worker day 1",
  WORKER_2: "Worker day 2",
  WORKER_3: "Worker day 3",
  SUPERVISOR_1: "Supervisor day 1",
  SUPERVISOR_2: "Supervisor day 2",
} as const satisfies Record<TrainingDay, string>;

export const BOOKING_STATUS_LABELS = {
  BOOKED: "Booked",
  WAITLISTED: "On the waiting list",
  CANCELLED: "Cancelled",
  ATTENDED: "Attended",
  ABSENT: "Absent",
} as const satisfies Record<BookingStatus, string>;

export function isSupervisorDay(day: TrainingDay): boolean {
  return day === "SUPERVISOR_1" || day === "SUPERVISOR_2";
}

/** The study's training settings (Study.workerTrainingDays 1–3, Study.supervisorExtraDays 0–2). */
export type TrainingSettings = { workerTrainingDays: number; supervisorExtraDays: number };

/** Agency roles that take training: workers, and supervisors (who take the worker days too). Leads do not. */
export const TRAINEE_ROLES = ["SUPERVISOR", "WORKER"] as const satisfies readonly AgencyRole[];

/** Agency roles that book training for their team. */
export const BOOKER_ROLES = ["SUPERVISOR", "LEAD"] as const satisfies readonly AgencyRole[];

export function isTrainee(role: AgencyRole): boolean {
  return (TRAINEE_ROLES as readonly AgencyRole[]).includes(role);
}

export function canBook(role: AgencyRole): boolean {
  return (BOOKER_ROLES as readonly AgencyRole[]).includes(role);
}

/** Agencies that may book training: selected, and on until recruitment ends (new staff may still train). */
export const BOOKING_STAGES = [
  "SELECTED",
  "TRAINING",
  "RECRUITING",
  "FOLLOW_UP",
] as const satisfies readonly AgencyStage[];

export function agencyMayBook(stage: AgencyStage): boolean {
  return (BOOKING_STAGES as readonly AgencyStage[]).includes(stage);
}

/** The training days a person needs, in order: worker days 1..N, and for supervisors supervisor days 1..M. */
export function requiredDays(role: AgencyRole, settings: TrainingSettings): TrainingDay[] {
  if (!isTrainee(role)) return [];
  const worker = (["WORKER_1", "WORKER_2", "WORKER_3"] as const).slice(0, settings.workerTrainingDays);
  const supervisor =
    role === "SUPERVISOR" ? (["SUPERVISOR_1", "SUPERVISOR_2"] as const).slice(0, settings.supervisorExtraDays) : [];
  return [...worker, ...supervisor];
}

/**
 * Bookings that take one of a session's places: booked, and afterwards attended or absent. They are
 * what counts against the capacity, what attendance is marked on, and what a calendar shows.
 */
export const PLACE_HOLDING_STATUSES = ["BOOKED", "ATTENDED", "ABSENT"] as const satisfies readonly BookingStatus[];

export function holdsAPlace(status: BookingStatus): boolean {
  return (PLACE_HOLDING_STATUSES as readonly BookingStatus[]).includes(status);
}

/** A booking that still holds (or waits for) a place. */
export const ACTIVE_STATUSES = ["BOOKED", "WAITLISTED"] as const satisfies readonly BookingStatus[];

export function isActive(status: BookingStatus): boolean {
  return status === "BOOKED" || status === "WAITLISTED";
}

/** Where a person stands on one required day. */
export type DayState = "attended" | "booked" | "waitlisted" | "absent" | "missing";

export const DAY_STATE_LABELS = {
  attended: "Attended",
  booked: "Booked",
  waitlisted: "On the waiting list",
  absent: "Absent (needs another session)",
  missing: "Not booked",
} as const satisfies Record<DayState, string>;

export type PersonBooking = { trainingDay: TrainingDay; status: BookingStatus; startsAt: Date };

/**
 * A person's state on each required day, from all their bookings (any session). Attended wins; then
 * a live booking (booked, then waitlisted); an absence counts only when nothing newer holds the day.
 */
export function dayStates(required: readonly TrainingDay[], bookings: readonly PersonBooking[]) {
  return required.map((day) => {
    const onDay = bookings.filter((booking) => booking.trainingDay === day);
    const pick = (status: BookingStatus) => onDay.find((booking) => booking.status === status);
    const attended = pick("ATTENDED");
    const booked = pick("BOOKED");
    const waitlisted = pick("WAITLISTED");
    const absent = pick("ABSENT");
    const state: DayState = attended
      ? "attended"
      : booked
        ? "booked"
        : waitlisted
          ? "waitlisted"
          : absent
            ? "absent"
            : "missing";
    const booking = attended ?? booked ?? waitlisted ?? absent ?? null;
    return { day, state, startsAt: booking?.startsAt ?? null };
  });
}

/** A person has completed training when they attended every day their role needs (and needs at least one). */
export function hasCompleted(required: readonly TrainingDay[], bookings: readonly PersonBooking[]): boolean {
  return required.length > 0 && dayStates(required, bookings).every((entry) => entry.state === "attended");
}

/** The UK calendar date ("2026-03-29") a session falls on: two sessions on one UK day clash. */
export function ukDate(instant: Date): string {
  return toUkInputValues(instant).date;
}

// ---------------------------------------------------------------------------------------------
// Why one person cannot be booked on one session. The booking code gathers these facts inside its
// transaction (with the session and the people locked) and books only when every person passes.

export type BookingFacts = {
  now: Date;
  settings: TrainingSettings;
  session: { id: string; trainingDay: TrainingDay; startsAt: Date; status: "SCHEDULED" | "CANCELLED" };
  /** The agency of the person booking, and of the person booked. */
  booker: { agencyId: string; agencyRole: AgencyRole };
  agency: { stage: AgencyStage; teamName: string };
  person: { id: string; name: string; agencyId: string | null; agencyRole: AgencyRole | null; active: boolean };
  /** Every booking the person has on any session, with that session's day, start and status. */
  personBookings: readonly (PersonBooking & { sessionId: string; sessionCancelled: boolean })[];
};

/**
 * One answer for a person who is not (or no longer) on the booker's staff list, whether the id is
 * another agency's person or nobody's: the answer never confirms that someone exists elsewhere.
 */
export const NOT_ON_STAFF_LIST =
  "Someone you chose is no longer on your team's staff list. Reload the page and try again.";

/** Null when the person may be booked on the session; otherwise why not, naming the person. */
export function bookingProblem(facts: BookingFacts): string | null {
  const { session, person, now } = facts;
  const day = TRAINING_DAY_LABELS[session.trainingDay];
  if (session.status === "CANCELLED") return `This ${day} session has been cancelled, so nobody can be booked on it.`;
  if (session.startsAt <= now) return `This ${day} session has already started, so it can no longer be booked.`;
  if (!canBook(facts.booker.agencyRole)) return "Only supervisors and the agency lead can book training.";
  if (!agencyMayBook(facts.agency.stage)) {
    return `${facts.agency.teamName} has not been selected for the pilot, so it cannot book training.`;
  }
  if (person.agencyId !== facts.booker.agencyId || !person.active) {
    return NOT_ON_STAFF_LIST;
  }
  if (!person.agencyRole || !isTrainee(person.agencyRole)) {
    return `${person.name} is the agency lead; only supervisors and workers take the training.`;
  }
  if (isSupervisorDay(session.trainingDay) && person.agencyRole !== "SUPERVISOR") {
    return `${person.name} is a worker: ${day} is for supervisors only.`;
  }
  if (!requiredDays(person.agencyRole, facts.settings).includes(session.trainingDay)) {
    return `${person.name} does not need ${day}: the study's training has fewer days.`;
  }
  const live = facts.personBookings.filter((booking) => !booking.sessionCancelled);
  if (live.some((booking) => booking.sessionId === session.id && isActive(booking.status))) {
    return `${person.name} is already ${
      live.find((booking) => booking.sessionId === session.id)?.status === "WAITLISTED"
        ? "on the waiting list for"
        : "booked on"
    } this session.`;
  }
  const sameDay = live.find(
    (booking) =>
      booking.trainingDay === session.trainingDay && (isActive(booking.status) || booking.status === "ATTENDED"),
  );
  if (sameDay) {
    return sameDay.status === "ATTENDED"
      ? `${person.name} has already attended ${day}.`
      : `${person.name} is already booked for ${day} on ${sessionDate(sameDay.startsAt)}. Cancel that booking first to move it.`;
  }
  const date = ukDate(session.startsAt);
  // Any booking that is not cancelled holds the person's day: a place, a place on a waiting list,
  // or a session already attended (or missed) earlier that same day.
  const clash = live.find(
    (booking) =>
      booking.sessionId !== session.id && booking.status !== "CANCELLED" && ukDate(booking.startsAt) === date,
  );
  if (clash) {
    return `${person.name} is already booked for ${TRAINING_DAY_LABELS[clash.trainingDay]} on ${sessionDate(
      clash.startsAt,
    )}: one person cannot take two sessions on the same day.`;
  }
  return null;
}

/** The most people one training session can take. */
export const CAPACITY_MAX = 500;
