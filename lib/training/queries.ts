// What the researchers' training pages read: the sessions of one UK month with how full each is,
// the months that have sessions (for moving between them), one session with everyone booked and
// waiting, and the training matrix of every agency holding a place. The writes are in
// lib/training/researcher-actions.ts; which days a person needs and what counts as done are the
// pure rules of lib/training/rules.ts, used here exactly as the agency's own pages use them.
//
// The pilot has tens of sessions and a few hundred people: each function reads what it needs in a
// fixed number of queries (bookings are counted or read for all sessions or people at once, never
// one query per row) and does the arithmetic here.
import "server-only";
import { z } from "zod";
import { ukLocalToUtc, ukParts } from "@/lib/dates";
import { db, type Db } from "@/lib/db";
import { placeHoldersTrained } from "@/lib/recruitment/dashboard";
import type { AgencyRole, AgencyStage, BookingStatus, SessionStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import {
  dayStates,
  hasCompleted,
  holdsAPlace,
  PLACE_HOLDING_STATUSES,
  requiredDays,
  TRAINEE_ROLES,
  TRAINING_DAYS,
  type DayState,
  type TrainingSettings,
} from "./rules";
import { SESSION_SUMMARY_SELECT, type SessionSummaryFields } from "./session-select";
import { loadTrainingSettings } from "./settings";

/** Scheduled training sessions that have not started yet. */
export function countUpcomingTrainingSessions(now: Date = new Date()): Promise<number> {
  return db.trainingSession.count({ where: { status: "SCHEDULED", startsAt: { gt: now } } });
}

// ---------------------------------------------------------------------------------------------
// Months, as "YYYY-MM" in UK time: a session at 00:30 BST on 1 April belongs to April.

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a value names a month the pages can show, "2027-03" (years 1970 to 9999). */
export function isMonth(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = MONTH_PATTERN.exec(value);
  // Up to 9998, so that the month after it still has a four-digit year.
  return match !== null && Number(match[1]) >= 1970 && Number(match[1]) <= 9998;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The UK month an instant falls in. */
export function ukMonthOf(instant: Date): string {
  const parts = ukParts(instant);
  return `${parts.year}-${pad(parts.month)}`;
}

/** The month `count` months after (or before, when negative) a month. */
export function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + count;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The first instant of the month in UK time and the first of the next: midnight always exists in the UK. */
export function ukMonthBounds(month: string): { start: Date; end: Date } {
  return { start: ukLocalToUtc(`${month}-01`, "00:00")!, end: ukLocalToUtc(`${addMonths(month, 1)}-01`, "00:00")! };
}

const monthName = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** "March 2027". */
export function monthLabel(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return monthName.format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

/**
 * The month the sessions page opens on: this UK month when it has sessions, else the next month
 * that has some, else this month (which then says it has none).
 */
export function defaultMonth(monthsWithSessions: readonly string[], now: Date = new Date()): string {
  const current = ukMonthOf(now);
  return monthsWithSessions.find((month) => month >= current) ?? current;
}

// ---------------------------------------------------------------------------------------------
// Sessions by month.

export type SessionSummary = SessionSummaryFields & {
  id: string;
  capacity: number;
  status: SessionStatus;
  /** People holding a place (booked, attended or absent). */
  booked: number;
  /** People on the waiting list. */
  waiting: number;
};

const SUMMARY_SELECT = { id: true, ...SESSION_SUMMARY_SELECT, capacity: true, status: true } as const;

/** Places taken and people waiting per session, for many sessions in one query. */
async function countBookings(sessionIds: readonly string[]) {
  const counts = new Map<string, { booked: number; waiting: number }>();
  if (sessionIds.length === 0) return counts;
  const groups = await db.booking.groupBy({
    by: ["sessionId", "status"],
    where: { sessionId: { in: [...sessionIds] }, status: { in: [...PLACE_HOLDING_STATUSES, "WAITLISTED"] } },
    _count: { _all: true },
  });
  for (const group of groups) {
    const entry = counts.get(group.sessionId) ?? { booked: 0, waiting: 0 };
    if (group.status === "WAITLISTED") entry.waiting += group._count._all;
    else entry.booked += group._count._all;
    counts.set(group.sessionId, entry);
  }
  return counts;
}

/** The sessions starting in a UK month ("2027-03"), cancelled ones too, in order of start. */
export async function sessionsByMonth(month: string): Promise<SessionSummary[]> {
  if (!isMonth(month)) return [];
  const { start, end } = ukMonthBounds(month);
  const sessions = await db.trainingSession.findMany({
    where: { startsAt: { gte: start, lt: end } },
    select: SUMMARY_SELECT,
    orderBy: [{ startsAt: "asc" }, { trainingDay: "asc" }, { id: "asc" }],
  });
  const counts = await countBookings(sessions.map((session) => session.id));
  return sessions.map((session) => ({ ...session, ...(counts.get(session.id) ?? { booked: 0, waiting: 0 }) }));
}

/** The UK months that have at least one session (cancelled ones included), earliest first. */
export async function sessionMonths(): Promise<string[]> {
  const rows = await db.$queryRaw<{ month: string }[]>`
    SELECT DISTINCT to_char("startsAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month
    FROM "TrainingSession"
    ORDER BY month`;
  return rows.map((row) => row.month);
}

// ---------------------------------------------------------------------------------------------
// One session.

export type SessionBooking = {
  id: string;
  status: BookingStatus;
  waitlistPosition: number | null;
  bookedAt: Date;
  attendanceMarkedAt: Date | null;
  attendanceMarkedBy: string | null;
  person: {
    id: string;
    name: string;
    email: string;
    agencyRole: AgencyRole | null;
    agency: { id: string; teamName: string } | null;
  };
};

export type SessionForResearcher = SessionSummary & {
  notes: string;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdBy: string | null;
  /** Everyone holding a place (booked, attended, absent), by agency then name. */
  people: SessionBooking[];
  /** The waiting list, first in line first. */
  waitingList: SessionBooking[];
  /** Bookings cancelled since they were made. */
  cancelledBookings: number;
};

// One collator for every comparison: localeCompare with options builds a new one on each call.
const collator = new Intl.Collator("en-GB", { sensitivity: "base" });
const byText = (a: string, b: string) => collator.compare(a, b);

/** A session with everyone booked on it and waiting for it; null for an unknown or malformed id. */
export async function getSessionForResearcher(id: string): Promise<SessionForResearcher | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const session = await db.trainingSession.findUnique({
    where: { id },
    select: {
      ...SUMMARY_SELECT,
      notes: true,
      cancelledAt: true,
      cancelReason: true,
      createdBy: { select: { name: true } },
      bookings: {
        select: {
          id: true,
          status: true,
          waitlistPosition: true,
          createdAt: true,
          attendanceMarkedAt: true,
          attendanceMarkedBy: { select: { name: true } },
          person: {
            select: {
              id: true,
              name: true,
              email: true,
              agencyRole: true,
              agency: { select: { id: true, teamName: true } },
            },
          },
        },
      },
    },
  });
  if (!session) return null;
  const { bookings, createdBy, ...rest } = session;
  const all: SessionBooking[] = bookings.map(({ createdAt, attendanceMarkedBy, ...booking }) => ({
    ...booking,
    bookedAt: createdAt,
    attendanceMarkedBy: attendanceMarkedBy?.name ?? null,
  }));
  const people = all
    .filter((booking) => holdsAPlace(booking.status))
    .sort(
      (a, b) =>
        byText(a.person.agency?.teamName ?? "", b.person.agency?.teamName ?? "") ||
        byText(a.person.name, b.person.name) ||
        a.id.localeCompare(b.id),
    );
  const waitingList = all
    .filter((booking) => booking.status === "WAITLISTED")
    .sort(
      (a, b) =>
        (a.waitlistPosition ?? Number.MAX_SAFE_INTEGER) - (b.waitlistPosition ?? Number.MAX_SAFE_INTEGER) ||
        a.bookedAt.getTime() - b.bookedAt.getTime(),
    );
  return {
    ...rest,
    createdBy: createdBy?.name ?? null,
    booked: people.length,
    waiting: waitingList.length,
    people,
    waitingList,
    cancelledBookings: all.filter((booking) => booking.status === "CANCELLED").length,
  };
}

// ---------------------------------------------------------------------------------------------
// The training matrix.

export type MatrixCell = {
  day: TrainingDay;
  /** Null when the person's role does not need this day. */
  state: DayState | null;
  /** The start of the session behind the state (booked, waiting, attended or absent). */
  startsAt: Date | null;
};

export type MatrixPerson = {
  id: string;
  name: string;
  role: "SUPERVISOR" | "WORKER";
  /** One cell per training day, in TRAINING_DAYS order. */
  days: MatrixCell[];
  completed: boolean;
};

export type MatrixAgency = {
  id: string;
  teamName: string;
  organisation: string;
  stage: AgencyStage;
  people: MatrixPerson[];
  trainees: number;
  completed: number;
  /** Every supervisor and worker has completed their training (and there is at least one). */
  allCompleted: boolean;
};

/** The stages of the agencies in the matrix (those holding a place), to filter by. */
export const MATRIX_STAGES = HOLDS_A_PLACE;
export type MatrixStage = (typeof MATRIX_STAGES)[number];

/** Agencies on one page of the matrix: each brings its twenty or so staff, five days each. */
export const MATRIX_AGENCIES_PER_PAGE = 10;

export type MatrixFilter = {
  /** Part of the team or organisation name, any case. */
  search?: string;
  stage?: MatrixStage;
  page?: number;
};

export type TrainingMatrix = {
  settings: TrainingSettings;
  /** This page's agencies, by team name, then organisation. */
  agencies: MatrixAgency[];
  /** Agencies matching the filter, on every page. */
  matching: number;
  page: number;
  pageCount: number;
  /** Every agency holding a place, whatever the filter, and how many have all their staff trained. */
  study: { agencies: number; fullyTrained: number };
};

const ROLE_ORDER = { SUPERVISOR: 0, WORKER: 1 } as const;

/** A LIKE pattern that finds the text anywhere, its own % and _ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * One page of the matrix: the agencies holding a place (selected, or in training, recruiting,
 * follow-up or completed) that match the filter, `MATRIX_AGENCIES_PER_PAGE` a page (a page past the
 * last shows the last), with their active supervisors and workers and where each stands on every
 * training day. Only the page's agencies' staff and bookings are read: four small queries, whatever
 * the number of agencies, and the study-wide count of agencies fully trained from the dashboard's
 * aggregate (kept until the next write). Bookings on cancelled sessions do not count, as the
 * booking rules do not count them.
 */
export async function trainingMatrix(filter: MatrixFilter = {}, client: Db = db): Promise<TrainingMatrix> {
  const stages = filter.stage ? [filter.stage] : [...MATRIX_STAGES];
  const search = filter.search?.trim() ? containsPattern(filter.search.trim()) : null;
  const [settings, study, [{ matching } = { matching: 0 }]] = await Promise.all([
    loadTrainingSettings(client),
    placeHoldersTrained(client),
    client.$queryRaw<{ matching: number }[]>`
      SELECT count(*)::int AS "matching" FROM "Agency"
      WHERE "stage" = ANY(${stages}::"AgencyStage"[])
        AND (${search}::text IS NULL OR "teamName" ILIKE ${search}::text OR "organisation" ILIKE ${search}::text)`,
  ]);
  const pageCount = Math.max(1, Math.ceil(matching / MATRIX_AGENCIES_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1) || 1), pageCount);
  const agencies = await client.$queryRaw<{ id: string; teamName: string; organisation: string; stage: AgencyStage }[]>`
    SELECT "id", "teamName", "organisation", "stage" FROM "Agency"
    WHERE "stage" = ANY(${stages}::"AgencyStage"[])
      AND (${search}::text IS NULL OR "teamName" ILIKE ${search}::text OR "organisation" ILIKE ${search}::text)
    ORDER BY lower("teamName"), lower("organisation"), "id"
    LIMIT ${MATRIX_AGENCIES_PER_PAGE} OFFSET ${(page - 1) * MATRIX_AGENCIES_PER_PAGE}`;
  const agencyIds = agencies.map((agency) => agency.id);
  const staff =
    agencyIds.length === 0
      ? []
      : await client.user.findMany({
          where: {
            agencyId: { in: agencyIds },
            role: "AGENCY_STAFF",
            deactivatedAt: null,
            agencyRole: { in: [...TRAINEE_ROLES] },
          },
          select: { id: true, name: true, agencyRole: true, agencyId: true },
        });
  const personIds = staff.map((person) => person.id);
  const bookings =
    personIds.length === 0
      ? []
      : await client.booking.findMany({
          where: { userId: { in: personIds }, status: { not: "CANCELLED" }, session: { status: "SCHEDULED" } },
          select: { userId: true, status: true, session: { select: { trainingDay: true, startsAt: true } } },
        });
  const bookingsOf = new Map<string, { trainingDay: TrainingDay; status: BookingStatus; startsAt: Date }[]>();
  for (const booking of bookings) {
    const list = bookingsOf.get(booking.userId) ?? [];
    list.push({ status: booking.status, ...booking.session });
    bookingsOf.set(booking.userId, list);
  }
  const staffOf = new Map<string, typeof staff>();
  for (const person of staff) {
    const list = staffOf.get(person.agencyId!) ?? [];
    list.push(person);
    staffOf.set(person.agencyId!, list);
  }

  const rows = agencies.map((agency): MatrixAgency => {
    const people = (staffOf.get(agency.id) ?? [])
      .map((person): MatrixPerson => {
        const role = person.agencyRole as "SUPERVISOR" | "WORKER";
        const required = requiredDays(role, settings);
        const own = bookingsOf.get(person.id) ?? [];
        const states = new Map(dayStates(required, own).map((entry) => [entry.day, entry]));
        return {
          id: person.id,
          name: person.name,
          role,
          days: TRAINING_DAYS.map((day) => {
            const entry = states.get(day);
            return { day, state: entry?.state ?? null, startsAt: entry?.startsAt ?? null };
          }),
          completed: hasCompleted(required, own),
        };
      })
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || byText(a.name, b.name) || a.id.localeCompare(b.id));
    const completed = people.filter((person) => person.completed).length;
    return {
      ...agency,
      people,
      trainees: people.length,
      completed,
      allCompleted: people.length > 0 && completed === people.length,
    };
  });
  return { settings, agencies: rows, matching, page, pageCount, study };
}
