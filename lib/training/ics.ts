// Calendar files (iCalendar, RFC 5545) for training: the invitation sent with each booking email
// (METHOD:REQUEST, or CANCEL when the place is given up) and the file a person downloads with all
// their sessions (METHOD:PUBLISH). Each person's place on a session has one UID for ever, so a
// mail program updates or removes the event it already holds; SEQUENCE only grows (see
// sequenceOf). Times are written as UK wall-clock times with a Europe/London VTIMEZONE, which
// Outlook and Google Calendar both understand. Pure: no database, no environment except the
// organiser's address helper.
import { ukParts } from "@/lib/dates";
import { envSchema } from "@/lib/env";
import type { BookingStatus, SessionStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { holdsAPlace, TRAINING_DAY_LABELS } from "./rules";
import type { SessionDetails } from "./session-select";
import { sessionPlace } from "./words";

/** What a calendar event needs from a session: its id and SESSION_DETAILS_SELECT (session-select.ts). */
export type IcsSession = SessionDetails & { id: string };

export type IcsPerson = { id: string; name: string; email: string };

const PRODID = "-//Connecting People study//Training//EN";
const CRLF = "\r\n";

/** The UID of one person's place on one session: the same in every email and download. */
export function eventUid(sessionId: string, userId: string): string {
  return `cp-training-${sessionId}-${userId}@connecting-people`;
}

/**
 * The SEQUENCE of a person's invitation: the session's count of changes plus the booking's count
 * of calendar emails. Both only grow, so every new email supersedes the one before it.
 */
export function sequenceOf(sessionIcsSequence: number, bookingIcsSequence: number): number {
  return sessionIcsSequence + bookingIcsSequence;
}

/**
 * The organiser of the invitations: the address emails are sent from (EMAIL_FROM, with the same
 * default as lib/env.ts), e.g. "Connecting People study <no-reply@…>". Read without parsing the
 * whole environment, so it works wherever the calendar is built.
 */
export function calendarOrganizer(): string {
  const value = process.env.EMAIL_FROM?.trim();
  return envSchema.shape.EMAIL_FROM.parse(value ? value : undefined);
}

/** "Name <address>" or a bare address, as a name and an address. */
export function parseMailbox(mailbox: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(mailbox);
  if (match) return { name: match[1]!.trim(), email: match[2]! };
  return { name: "", email: mailbox.trim() };
}

// ---------------------------------------------------------------------------------------------
// Values and lines.

/** A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\n/g, "\\n");
}

/** A parameter value (CN=…): always quoted; a double quote cannot appear in one, so it is dropped. */
function paramValue(value: string): string {
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, "").trim()}"`;
}

const encoder = new TextEncoder();

/**
 * Folds one content line so that no line is longer than 75 octets (the leading space of a
 * continuation counts). Splits only between characters, never inside a multi-byte UTF-8 one.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = lines.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      lines.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** An instant in UTC, e.g. 20270329T083000Z. */
export function utcStamp(instant: Date): string {
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

/**
 * DTSTART/DTEND: the UK wall-clock time with TZID=Europe/London. A wall time in the hour that
 * happens twice when the clocks go back names two instants, and parsers disagree on which is
 * meant (RFC 5545 says the first; ical.js reads the second), so such a time is written in UTC.
 */
function ukDateTimeProperty(name: "DTSTART" | "DTEND", instant: Date): string {
  const parts = ukParts(instant);
  const wall = (candidate: number) => JSON.stringify(ukParts(candidate));
  const here = wall(instant.getTime());
  const ambiguous = [-3_600_000, 3_600_000].some((shift) => wall(instant.getTime() + shift) === here);
  if (ambiguous) return `${name}:${utcStamp(instant)}`;
  const date = `${pad(parts.year, 4)}${pad(parts.month)}${pad(parts.day)}`;
  return `${name};TZID=Europe/London:${date}T${pad(parts.hour)}${pad(parts.minute)}${pad(parts.second)}`;
}

/** London since 1996: BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
const VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "X-LIC-LOCATION:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** The title of a session's event, e.g. "Connecting People training: Worker day 1". */
export function eventSummary(trainingDay: TrainingDay): string {
  return `Connecting People training: ${TRAINING_DAY_LABELS[trainingDay]}`;
}

function eventLocation(session: IcsSession): string {
  return sessionPlace(session) || session.onlineUrl || "";
}

function eventDescription(session: IcsSession): string {
  const where = sessionPlace(session);
  return [
    `${TRAINING_DAY_LABELS[session.trainingDay]} of the Connecting People training.`,
    `Trainer: ${session.trainer}`,
    ...(where ? [`Where: ${where}`] : []),
    ...(session.onlineUrl ? [`Online: ${session.onlineUrl}`] : []),
    ...(session.notes ? ["", session.notes] : []),
  ].join("\n");
}

type EventOptions = {
  session: IcsSession;
  person: IcsPerson;
  sequence: number;
  now: Date;
  organizer: { name: string; email: string };
  status: "CONFIRMED" | "CANCELLED";
  /** Invitations name the attendee; a published calendar does not (RFC 5546). */
  withAttendee: boolean;
};

function vevent({ session, person, sequence, now, organizer, status, withAttendee }: EventOptions): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${eventUid(session.id, person.id)}`,
    `SEQUENCE:${sequence}`,
    `DTSTAMP:${utcStamp(now)}`,
    ukDateTimeProperty("DTSTART", session.startsAt),
    ukDateTimeProperty("DTEND", session.endsAt),
    `SUMMARY:${escapeText(eventSummary(session.trainingDay))}`,
    ...(eventLocation(session) ? [`LOCATION:${escapeText(eventLocation(session))}`] : []),
    `DESCRIPTION:${escapeText(eventDescription(session))}`,
    ...(session.onlineUrl ? [`URL:${session.onlineUrl}`] : []),
    `ORGANIZER${organizer.name ? `;CN=${paramValue(organizer.name)}` : ""}:mailto:${organizer.email}`,
    ...(withAttendee
      ? [
          `ATTENDEE;CN=${paramValue(person.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${person.email}`,
        ]
      : []),
    `STATUS:${status}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
  ];
}

function calendar(method: "REQUEST" | "CANCEL" | "PUBLISH", body: string[], extra: string[] = []): string {
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...extra,
    ...VTIMEZONE,
    ...body,
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

export type InvitationOptions = {
  session: IcsSession;
  person: IcsPerson;
  /** sequenceOf(session.icsSequence, booking.icsSequence), after this email's bump. */
  sequence: number;
  method: "REQUEST" | "CANCEL";
  now: Date;
  /** "Name <address>" or an address; calendarOrganizer() gives the app's own. */
  organizerEmail: string;
};

/** The invitation (REQUEST) or its withdrawal (CANCEL) for one person's place on one session. */
export function sessionInvitation({
  session,
  person,
  sequence,
  method,
  now,
  organizerEmail,
}: InvitationOptions): string {
  return calendar(
    method,
    vevent({
      session,
      person,
      sequence,
      now,
      organizer: parseMailbox(organizerEmail),
      status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
      withAttendee: true,
    }),
  );
}

export type CalendarEntry = {
  session: IcsSession & { status: SessionStatus };
  bookingStatus: BookingStatus;
  /** sequenceOf(session.icsSequence, booking.icsSequence). */
  sequence: number;
};

export type PersonalCalendarOptions = {
  person: IcsPerson;
  entries: readonly CalendarEntry[];
  now: Date;
  organizerEmail: string;
};

/**
 * A person's own calendar of training (a download): every session they hold or held a place on,
 * with the same UIDs as their invitations. Cancelled sessions, cancelled bookings and places on a
 * waiting list are left out.
 */
export function personalCalendar({ person, entries, now, organizerEmail }: PersonalCalendarOptions): string {
  const organizer = parseMailbox(organizerEmail);
  const events = entries
    // A session is in the person's own calendar when they hold, or held, a place on it.
    .filter((entry) => entry.session.status !== "CANCELLED" && holdsAPlace(entry.bookingStatus))
    .toSorted((a, b) => a.session.startsAt.getTime() - b.session.startsAt.getTime())
    .flatMap((entry) =>
      vevent({
        session: entry.session,
        person,
        sequence: entry.sequence,
        now,
        organizer,
        status: "CONFIRMED",
        withAttendee: false,
      }),
    );
  return calendar("PUBLISH", events, [
    `X-WR-CALNAME:${escapeText(`Connecting People training: ${person.name}`)}`,
    "X-WR-TIMEZONE:Europe/London",
  ]);
}
