// The bookings and attendance export researchers take to Excel, R and Stata: one row per booking
// (a person on one training session), of every status — booked, waiting, cancelled, attended,
// absent — so that analysts choose what to count. Each row carries its session, the person's agency
// and role, and whether that person has completed the training their role needs; and the data
// dictionary names each column.
//
// People are identified only by person_id (their account's id, a pseudonymous key): staff names and
// email addresses are never written, so the file can go into analysis without them. Column names
// are lower-case snake_case of at most 32 characters (valid Stata names, kept as they are by R), and
// enumerations are written as codes whose words the dictionary gives.
import "server-only";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { BOM_NOTE, BOOLEAN_VALUES, type Cell, type DictionaryEntry } from "@/lib/csv";
import { db } from "@/lib/db";
import { codeList, datetimeColumn, textColumn, toDictionary, type ExportColumn } from "@/lib/export-columns";
import type { AgencyRole, BookingStatus, SessionStatus, TrainingDay } from "@/lib/generated/prisma/client";
import {
  BOOKING_STATUS_LABELS,
  hasCompleted,
  requiredDays,
  TRAINING_DAY_LABELS,
  TRAINING_DAYS,
  type PersonBooking,
} from "./rules";
import { CAPACITY_MAX } from "./schema";
import { loadTrainingSettings } from "./settings";

export type BookingsExport = { header: string[]; rows: Cell[][]; dictionary: DictionaryEntry[] };

const SESSION_STATUS_WORDS = {
  SCHEDULED: "Scheduled (still to come, under way or taken place)",
  CANCELLED: "Cancelled by a researcher (every booking on it is cancelled too)",
} as const satisfies Record<SessionStatus, string>;

const BOOKING_STATUS_WORDS = {
  BOOKED: `${BOOKING_STATUS_LABELS.BOOKED} (holds a place; attendance not marked yet)`,
  WAITLISTED: `${BOOKING_STATUS_LABELS.WAITLISTED} (given a place, in order, when one frees)`,
  CANCELLED: `${BOOKING_STATUS_LABELS.CANCELLED} (by the agency, by a researcher, or with its session; the row is kept)`,
  ATTENDED: BOOKING_STATUS_LABELS.ATTENDED,
  ABSENT: `${BOOKING_STATUS_LABELS.ABSENT} (booked but did not attend)`,
} as const satisfies Record<BookingStatus, string>;

type BookingRow = {
  id: string;
  status: BookingStatus;
  waitlistPosition: number | null;
  createdAt: Date;
  cancelledAt: Date | null;
  attendanceMarkedAt: Date | null;
  session: {
    id: string;
    trainingDay: TrainingDay;
    status: SessionStatus;
    startsAt: Date;
    endsAt: Date;
    venue: string | null;
    onlineUrl: string | null;
    trainer: string;
    capacity: number;
  };
  person: {
    id: string;
    agencyRole: AgencyRole | null;
    deactivatedAt: Date | null;
    agency: { id: string; code: number; teamName: string } | null;
  };
  completed: boolean;
};

type Column = ExportColumn<BookingRow>;

const text = textColumn<BookingRow>;
const datetime = datetimeColumn<BookingRow>;

const blank = (value: string | null) => (value && value.trim() !== "" ? value : null);

const NOW = "As it stands now.";

const COLUMNS: readonly Column[] = [
  {
    column: "booking_id",
    label: "The booking's unique identifier (a UUID): one person on one session",
    type: "text",
    notes: `One row per booking, of every status: filter on booking_status for what you need. A person cancelled and booked again on the same session keeps the same row. ${BOM_NOTE}`,
    value: (row) => row.id,
  },
  {
    column: "session_id",
    label: "The training session's unique identifier (a UUID)",
    type: "text",
    value: (row) => row.session.id,
  },
  {
    column: "training_day",
    label: "Which training day the session is",
    type: "code",
    values: codeList(TRAINING_DAY_LABELS, TRAINING_DAYS),
    notes: "Supervisors take the worker days and the supervisor days; workers take the worker days.",
    value: (row) => row.session.trainingDay,
  },
  {
    column: "session_status",
    label: "Whether the session is going ahead",
    type: "code",
    values: codeList(SESSION_STATUS_WORDS),
    notes: NOW,
    value: (row) => row.session.status,
  },
  datetime("session_starts_at", "When the session starts", (row) => row.session.startsAt),
  datetime("session_ends_at", "When the session ends", (row) => row.session.endsAt),
  {
    column: "session_online",
    label: "Whether the session can be joined online (it has an online link)",
    type: "boolean",
    values: BOOLEAN_VALUES,
    notes: "A session may be both online and at a venue.",
    value: (row) => blank(row.session.onlineUrl) !== null,
  },
  text(
    "session_venue",
    "Where the session is held",
    (row) => blank(row.session.venue),
    "Empty for a session that is online only.",
  ),
  text("trainer", "Who runs the session", (row) => row.session.trainer),
  {
    column: "capacity",
    label: "How many places the session has",
    type: "integer",
    values: `1 to ${CAPACITY_MAX}`,
    notes: `${NOW} People beyond this number wait on the waiting list.`,
    value: (row) => row.session.capacity,
  },
  {
    column: "agency_code",
    label: "The person's agency's short number, used in its participants' study IDs (CP-07-0012 is agency 7)",
    type: "integer",
    notes: "The same code as in the agencies export. Empty if the person is no longer linked to an agency.",
    value: (row) => row.person.agency?.code ?? null,
  },
  {
    column: "agency_id",
    label: "The person's agency's unique identifier in the app (a UUID)",
    type: "text",
    notes: "The same identifier as in the agencies export.",
    value: (row) => row.person.agency?.id ?? null,
  },
  text("team_name", "The person's agency's team name", (row) => row.person.agency?.teamName ?? null, NOW),
  {
    column: "person_id",
    label: "The person booked: their account's unique identifier (a UUID), a pseudonymous key",
    type: "text",
    notes:
      "The same person has the same person_id on every row. Staff names and email addresses are not in this file: people are identified only by person_id.",
    value: (row) => row.person.id,
  },
  {
    column: "person_role",
    label: "The person's role in their agency",
    type: "code",
    values: codeList(AGENCY_ROLE_LABELS, ["SUPERVISOR", "WORKER", "LEAD"]),
    notes: `${NOW} Agency leads do not take the training: a lead has bookings only from before their role changed.`,
    value: (row) => row.person.agencyRole,
  },
  {
    column: "person_active",
    label: "Whether the person is still on their agency's staff list",
    type: "boolean",
    values: BOOLEAN_VALUES,
    notes: `${NOW} 0 = removed from the staff list (their bookings still to come were given up).`,
    value: (row) => row.person.deactivatedAt === null,
  },
  {
    column: "booking_status",
    label: "Where the booking stands",
    type: "code",
    values: codeList(BOOKING_STATUS_WORDS),
    notes: `${NOW} ATTENDED and ABSENT are marked by a researcher once the session has started.`,
    value: (row) => row.status,
  },
  {
    column: "waitlist_position",
    label: "Place on the session's waiting list (lower = offered a place sooner)",
    type: "integer",
    notes: "Empty unless booking_status is WAITLISTED. The numbers keep their order but may have gaps.",
    value: (row) => row.waitlistPosition,
  },
  datetime(
    "booked_at",
    "When the booking was first made",
    (row) => row.createdAt,
    "A person cancelled and booked again on the same session keeps the time of the first booking.",
  ),
  datetime(
    "cancelled_at",
    "When the booking was cancelled",
    (row) => row.cancelledAt,
    "Empty unless booking_status is CANCELLED.",
  ),
  datetime(
    "attendance_marked_at",
    "When attendance (attended or absent) was last marked",
    (row) => row.attendanceMarkedAt,
    "Empty until attendance is marked.",
  ),
  {
    column: "person_completed_training",
    label: "Whether the person has completed the training their role needs",
    type: "boolean",
    values: BOOLEAN_VALUES,
    notes:
      "Worked out from all of the person's bookings, as the training matrix does: 1 when they attended every day their role needs under the study's settings now (the worker days, and for supervisors also the supervisor days). Always 0 for agency leads, who take no training. The same on every row of the person.",
    value: (row) => row.completed,
  },
];

/** The data dictionary of the bookings export: the columns are fixed, so no database is needed. */
export function bookingsExportDictionary(): DictionaryEntry[] {
  return toDictionary(COLUMNS);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function loadBookings(): Promise<BookingRow[]> {
  const [settings, bookings] = await Promise.all([
    loadTrainingSettings(),
    // One query for every booking: completion is then worked out in memory, person by person.
    db.booking.findMany({
      select: {
        id: true,
        status: true,
        waitlistPosition: true,
        createdAt: true,
        cancelledAt: true,
        attendanceMarkedAt: true,
        session: {
          select: {
            id: true,
            trainingDay: true,
            status: true,
            startsAt: true,
            endsAt: true,
            venue: true,
            onlineUrl: true,
            trainer: true,
            capacity: true,
          },
        },
        person: {
          select: {
            id: true,
            agencyRole: true,
            deactivatedAt: true,
            agency: { select: { id: true, code: true, teamName: true } },
          },
        },
      },
    }),
  ]);

  // Bookings on cancelled sessions do not count towards completion, as in the training matrix.
  const countedOf = new Map<string, PersonBooking[]>();
  for (const booking of bookings) {
    if (booking.session.status === "CANCELLED") continue;
    const list = countedOf.get(booking.person.id) ?? [];
    list.push({ trainingDay: booking.session.trainingDay, status: booking.status, startsAt: booking.session.startsAt });
    countedOf.set(booking.person.id, list);
  }
  const completedOf = new Map<string, boolean>();
  const completed = (person: BookingRow["person"]) => {
    let known = completedOf.get(person.id);
    if (known === undefined) {
      const required = person.agencyRole ? requiredDays(person.agencyRole, settings) : [];
      known = hasCompleted(required, countedOf.get(person.id) ?? []);
      completedOf.set(person.id, known);
    }
    return known;
  };

  return bookings
    .map((booking): BookingRow => ({ ...booking, completed: completed(booking.person) }))
    .sort(
      (a, b) =>
        a.session.startsAt.getTime() - b.session.startsAt.getTime() ||
        compare(a.session.id, b.session.id) ||
        // People no longer linked to an agency come after the agencies.
        (a.person.agency?.code ?? Number.MAX_SAFE_INTEGER) - (b.person.agency?.code ?? Number.MAX_SAFE_INTEGER) ||
        compare(a.person.id, b.person.id),
    );
}

/**
 * Every booking, in order of its session's start (sessions starting together kept apart by their
 * id), then of the person's agency code, then of person_id: the header, rows and data dictionary
 * of one CSV file.
 */
export async function bookingsExport(): Promise<BookingsExport> {
  const bookings = await loadBookings();
  return {
    header: COLUMNS.map((column) => column.column),
    rows: bookings.map((booking) => COLUMNS.map((column) => column.value(booking))),
    dictionary: bookingsExportDictionary(),
  };
}
