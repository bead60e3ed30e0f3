// What an agency's own people read about training: the team's progress (each supervisor's and
// worker's required days, where they stand on each, and their bookings), the sessions open for
// booking with who could be booked on each and why not, and one person's own training. Every read
// is scoped by the signed-in person's agencyId in the query itself, so another agency's people and
// bookings never reach the page; other agencies' bookings only count towards places taken. The
// page offers a booking only when bookingProblem (rules.ts), given the facts loaded here, finds
// none: the server asks the same question again inside its transaction (lib/training/booking.ts).
import "server-only";
import type { AgencyStaffUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import type { AgencyRole, AgencyStage, BookingStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { stageShownToAgency } from "@/lib/selection/transitions";
import { sequenceOf, type CalendarEntry, type IcsPerson } from "./ics";
import {
  agencyMayBook,
  bookingProblem,
  canBook,
  dayStates,
  hasCompleted,
  isActive,
  PLACE_HOLDING_STATUSES,
  requiredDays,
  TRAINEE_ROLES,
  type DayState,
  type TrainingSettings,
} from "./rules";
import { SESSION_DETAILS_SELECT, SESSION_SUMMARY_SELECT, type SessionSummaryFields } from "./session-select";
import { loadTrainingSettings } from "./settings";

/** Where a session is held and when, as people need it to turn up. */
export type SessionPlace = SessionSummaryFields & {
  sessionId: string;
  /** True when the study team cancelled the session. */
  sessionCancelled: boolean;
};

/** One booking of one person, with its session. */
export type TrainingBooking = SessionPlace & {
  bookingId: string;
  status: BookingStatus;
  /** 1 for the first on the session's waiting list; null unless waitlisted. */
  waitlistPlace: number | null;
  /** A live booking on a session still to come: the person (or their supervisor) may cancel it. */
  cancellable: boolean;
};

export type TraineeDay = { day: TrainingDay; state: DayState; startsAt: Date | null };

export type Trainee = {
  id: string;
  name: string;
  agencyRole: "SUPERVISOR" | "WORKER";
  isYou: boolean;
  required: TrainingDay[];
  days: TraineeDay[];
  completed: boolean;
  /** Bookings still holding or waiting for a place, and past ones with attendance; soonest first. */
  bookings: TrainingBooking[];
};

export type CandidateForSession = {
  userId: string;
  name: string;
  agencyRole: "SUPERVISOR" | "WORKER";
  isYou: boolean;
  /** Null when the person could be booked on the session; otherwise why not, in words. */
  problem: string | null;
};

export type OpenSession = SessionPlace & {
  capacity: number;
  notes: string;
  booked: number;
  waiting: number;
  placesLeft: number;
  full: boolean;
  /** The team's supervisors and workers, those who can be booked first. Empty when the reader cannot book. */
  candidates: CandidateForSession[];
};

type Settings = TrainingSettings;

const sessionSelect = { id: true, ...SESSION_SUMMARY_SELECT, status: true } as const;

type SessionRow = SessionSummaryFields & { id: string; status: "SCHEDULED" | "CANCELLED" };

type BookingRow = {
  id: string;
  userId: string;
  sessionId: string;
  status: BookingStatus;
  waitlistPosition: number | null;
  session: SessionRow;
};

function toPlace(session: SessionRow): SessionPlace {
  return {
    sessionId: session.id,
    trainingDay: session.trainingDay,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    venue: session.venue,
    address: session.address,
    onlineUrl: session.onlineUrl,
    trainer: session.trainer,
    sessionCancelled: session.status === "CANCELLED",
  };
}

/** Each person's bookings, in one query for all of them; cancelled bookings are left out. */
async function loadBookings(userIds: string[], client: Db): Promise<BookingRow[]> {
  if (userIds.length === 0) return [];
  return client.booking.findMany({
    where: { userId: { in: userIds } },
    select: {
      id: true,
      userId: true,
      sessionId: true,
      status: true,
      waitlistPosition: true,
      session: { select: sessionSelect },
    },
    orderBy: [{ session: { startsAt: "asc" } }, { id: "asc" }],
  });
}

/**
 * Where each waitlisted booking stands on its session's list (1 = next to get a place), from the
 * positions of every waitlisted booking on those sessions, in one query. Other agencies' bookings
 * are counted here but never named.
 */
async function waitlistPlaces(bookings: BookingRow[], client: Db): Promise<Map<string, number>> {
  const waiting = bookings.filter((booking) => booking.status === "WAITLISTED");
  if (waiting.length === 0) return new Map();
  const queue = await client.booking.findMany({
    where: { sessionId: { in: [...new Set(waiting.map((booking) => booking.sessionId))] }, status: "WAITLISTED" },
    select: { id: true, sessionId: true, waitlistPosition: true, createdAt: true },
    orderBy: [{ waitlistPosition: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  const places = new Map<string, number>();
  const counters = new Map<string, number>();
  for (const entry of queue) {
    const place = (counters.get(entry.sessionId) ?? 0) + 1;
    counters.set(entry.sessionId, place);
    places.set(entry.id, place);
  }
  return places;
}

function toTrainingBooking(booking: BookingRow, places: Map<string, number>, now: Date): TrainingBooking {
  return {
    ...toPlace(booking.session),
    bookingId: booking.id,
    status: booking.status,
    waitlistPlace: booking.status === "WAITLISTED" ? (places.get(booking.id) ?? null) : null,
    cancellable: isActive(booking.status) && booking.session.status === "SCHEDULED" && booking.session.startsAt > now,
  };
}

/** What a person's day states and completion are counted from: bookings on sessions that were not cancelled. */
function personBookings(bookings: BookingRow[]) {
  return bookings
    .filter((booking) => booking.session.status !== "CANCELLED")
    .map((booking) => ({
      trainingDay: booking.session.trainingDay,
      status: booking.status,
      startsAt: booking.session.startsAt,
    }));
}

/** Bookings worth showing: cancelled ones (and those on cancelled sessions) are history, not plans. */
function shownBookings(bookings: BookingRow[]) {
  return bookings.filter((booking) => booking.status !== "CANCELLED" && booking.session.status !== "CANCELLED");
}

function describeTrainee(
  person: { id: string; name: string; agencyRole: "SUPERVISOR" | "WORKER" },
  bookings: BookingRow[],
  places: Map<string, number>,
  settings: Settings,
  viewerId: string,
  now: Date,
): Trainee {
  const required = requiredDays(person.agencyRole, settings);
  const counted = personBookings(bookings);
  return {
    id: person.id,
    name: person.name,
    agencyRole: person.agencyRole,
    isYou: person.id === viewerId,
    required,
    days: dayStates(required, counted),
    completed: hasCompleted(required, counted),
    bookings: shownBookings(bookings).map((booking) => toTrainingBooking(booking, places, now)),
  };
}

const ROLE_ORDER = { SUPERVISOR: 0, WORKER: 1 } as const;

type TeamData = {
  agency: {
    id: string;
    teamName: string;
    organisation: string;
    /** The stage as the agency may see it (a decision not yet sent stays internal). */
    stage: AgencyStage;
    /** The stage as it is, which the booking rules use. */
    actualStage: AgencyStage;
    /** Whether the agency may book training at all (selected, and told so). */
    mayBook: boolean;
  };
  settings: Settings;
  people: { id: string; name: string; agencyRole: "SUPERVISOR" | "WORKER" }[];
  bookingsByPerson: Map<string, BookingRow[]>;
  places: Map<string, number>;
};

/** The agency, the study's settings, its active supervisors and workers, and all their bookings: four queries. */
async function loadTeam(user: AgencyStaffUser, client: Db): Promise<TeamData | null> {
  const [agency, settings, staff] = await Promise.all([
    client.agency.findUnique({
      where: { id: user.agencyId },
      select: { id: true, teamName: true, organisation: true, stage: true, decisionSentStage: true },
    }),
    loadTrainingSettings(client),
    client.user.findMany({
      where: {
        agencyId: user.agencyId,
        role: "AGENCY_STAFF",
        deactivatedAt: null,
        agencyRole: { in: [...TRAINEE_ROLES] },
      },
      select: { id: true, name: true, agencyRole: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  if (!agency) return null;
  const people = staff
    .filter((person): person is typeof person & { agencyRole: "SUPERVISOR" | "WORKER" } =>
      (TRAINEE_ROLES as readonly (AgencyRole | null)[]).includes(person.agencyRole),
    )
    .sort((a, b) => ROLE_ORDER[a.agencyRole] - ROLE_ORDER[b.agencyRole]);
  const bookings = await loadBookings(
    people.map((person) => person.id),
    client,
  );
  const places = await waitlistPlaces(bookings, client);
  const bookingsByPerson = new Map<string, BookingRow[]>(people.map((person) => [person.id, []]));
  for (const booking of bookings) bookingsByPerson.get(booking.userId)?.push(booking);
  const shown = stageShownToAgency(agency.stage, agency.decisionSentStage);
  return {
    agency: {
      id: agency.id,
      teamName: agency.teamName,
      organisation: agency.organisation,
      stage: shown,
      actualStage: agency.stage,
      mayBook: agencyMayBook(agency.stage) && agencyMayBook(shown),
    },
    settings,
    people,
    bookingsByPerson,
    places,
  };
}

export type AgencyTraining = {
  agency: TeamData["agency"];
  settings: Settings;
  /** Whether the reader books for the team: a supervisor or the lead of an agency that may book. */
  canBookForTeam: boolean;
  trainees: Trainee[];
  completedCount: number;
  traineeCount: number;
};

/**
 * The reader's agency and its training: every active supervisor and worker with the days their
 * role needs, where they stand on each, whether they have completed, and their bookings; with the
 * agency's "n of m completed". Null when the reader's agency does not exist.
 */
export async function getAgencyTraining(
  user: AgencyStaffUser,
  { now = new Date(), client = db }: { now?: Date; client?: Db } = {},
): Promise<AgencyTraining | null> {
  const team = await loadTeam(user, client);
  if (!team) return null;
  const trainees = team.people.map((person) =>
    describeTrainee(person, team.bookingsByPerson.get(person.id) ?? [], team.places, team.settings, user.id, now),
  );
  return {
    agency: team.agency,
    settings: team.settings,
    canBookForTeam: team.agency.mayBook && canBook(user.agencyRole),
    trainees,
    completedCount: trainees.filter((trainee) => trainee.completed).length,
    traineeCount: trainees.length,
  };
}

/**
 * Sessions the reader could book people on: scheduled, starting after `now`, soonest first; each
 * with its places left and waiting list, and every supervisor and worker of the reader's agency
 * with whether they could be booked on it and, if not, why (those who can come first). Empty for
 * anyone who does not book, or whose agency may not book.
 */
export async function openSessionsFor(
  user: AgencyStaffUser,
  { now = new Date(), client = db }: { now?: Date; client?: Db } = {},
): Promise<OpenSession[]> {
  if (!canBook(user.agencyRole)) return [];
  const [team, sessions] = await Promise.all([
    loadTeam(user, client),
    client.trainingSession.findMany({
      where: { status: "SCHEDULED", startsAt: { gt: now } },
      select: { ...sessionSelect, capacity: true, notes: true },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
  ]);
  if (!team?.agency.mayBook || sessions.length === 0) return [];
  const counts = await client.booking.groupBy({
    by: ["sessionId", "status"],
    where: {
      sessionId: { in: sessions.map((session) => session.id) },
      status: { in: [...PLACE_HOLDING_STATUSES, "WAITLISTED"] },
    },
    _count: { _all: true },
  });
  const count = (sessionId: string, statuses: readonly BookingStatus[]) =>
    counts
      .filter((row) => row.sessionId === sessionId && statuses.includes(row.status))
      .reduce((sum, row) => sum + row._count._all, 0);

  return sessions.map((session) => {
    // A place is held by a booking, and stays held once attendance is marked (as the booking code counts it).
    const booked = count(session.id, PLACE_HOLDING_STATUSES);
    const waiting = count(session.id, ["WAITLISTED"]);
    const placesLeft = Math.max(0, session.capacity - booked);
    const candidates = team.people.map((person): CandidateForSession => {
      const problem = bookingProblem({
        now,
        settings: team.settings,
        session: {
          id: session.id,
          trainingDay: session.trainingDay,
          startsAt: session.startsAt,
          status: session.status,
        },
        booker: { agencyId: user.agencyId, agencyRole: user.agencyRole },
        agency: { stage: team.agency.actualStage, teamName: team.agency.teamName },
        person: {
          id: person.id,
          name: person.name,
          agencyId: user.agencyId,
          agencyRole: person.agencyRole,
          active: true,
        },
        personBookings: (team.bookingsByPerson.get(person.id) ?? []).map((booking) => ({
          sessionId: booking.sessionId,
          sessionCancelled: booking.session.status === "CANCELLED",
          trainingDay: booking.session.trainingDay,
          status: booking.status,
          startsAt: booking.session.startsAt,
        })),
      });
      return {
        userId: person.id,
        name: person.name,
        agencyRole: person.agencyRole,
        isYou: person.id === user.id,
        problem,
      };
    });
    return {
      ...toPlace(session),
      capacity: session.capacity,
      notes: session.notes,
      booked,
      waiting,
      placesLeft,
      full: placesLeft === 0,
      candidates: [
        ...candidates.filter((candidate) => candidate.problem === null),
        ...candidates.filter((candidate) => candidate.problem !== null),
      ],
    };
  });
}

export type OwnTraining = {
  name: string;
  agencyRole: AgencyRole;
  teamName: string;
  /** The stage as the agency may see it. */
  stage: AgencyStage;
  /** Whether the agency may book training (selected, and told so). */
  mayBook: boolean;
  required: TrainingDay[];
  days: TraineeDay[];
  completed: boolean;
  bookings: TrainingBooking[];
};

/**
 * The reader's own training: the days their role needs, where they stand on each, their bookings
 * (soonest first) and whether they have completed. Only their own bookings are read. Null when
 * the reader no longer exists in their agency.
 */
export async function getOwnTraining(
  user: AgencyStaffUser,
  { now = new Date(), client = db }: { now?: Date; client?: Db } = {},
): Promise<OwnTraining | null> {
  const [person, settings, bookings] = await Promise.all([
    client.user.findFirst({
      where: { id: user.id, agencyId: user.agencyId, role: "AGENCY_STAFF" },
      select: {
        name: true,
        agencyRole: true,
        agency: { select: { teamName: true, stage: true, decisionSentStage: true } },
      },
    }),
    loadTrainingSettings(client),
    loadBookings([user.id], client),
  ]);
  if (!person?.agencyRole || !person.agency) return null;
  const places = await waitlistPlaces(bookings, client);
  const required = requiredDays(person.agencyRole, settings);
  const counted = personBookings(bookings);
  const stage = stageShownToAgency(person.agency.stage, person.agency.decisionSentStage);
  return {
    name: person.name,
    agencyRole: person.agencyRole,
    teamName: person.agency.teamName,
    stage,
    mayBook: agencyMayBook(person.agency.stage) && agencyMayBook(stage),
    required,
    days: dayStates(required, counted),
    completed: hasCompleted(required, counted),
    bookings: shownBookings(bookings).map((booking) => toTrainingBooking(booking, places, now)),
  };
}

/**
 * What the reader's own calendar download holds: their bookings (only theirs, whatever their
 * role) with each session as a calendar event needs it. personalCalendar (ics.ts) leaves out
 * waiting lists, cancelled bookings and cancelled sessions. Null when the reader no longer exists.
 */
export async function getOwnCalendarEntries(
  user: AgencyStaffUser,
  { client = db }: { client?: Db } = {},
): Promise<{ person: IcsPerson; entries: CalendarEntry[] } | null> {
  const [person, bookings] = await Promise.all([
    client.user.findFirst({
      where: { id: user.id, agencyId: user.agencyId, role: "AGENCY_STAFF" },
      select: { id: true, name: true, email: true },
    }),
    client.booking.findMany({
      where: { userId: user.id },
      select: {
        status: true,
        icsSequence: true,
        session: { select: { id: true, ...SESSION_DETAILS_SELECT, status: true, icsSequence: true } },
      },
      orderBy: [{ session: { startsAt: "asc" } }, { id: "asc" }],
    }),
  ]);
  if (!person) return null;
  return {
    person,
    entries: bookings.map(({ session: { icsSequence, ...session }, status, icsSequence: bookingSequence }) => ({
      session,
      bookingStatus: status,
      sequence: sequenceOf(icsSequence, bookingSequence),
    })),
  };
}
