// The training calendar files, read back by a real iCalendar parser (ical.js): the right UTC
// instants on both sides of each change of the clocks, text that survives escaping and folding,
// stable UIDs, and the METHOD and STATUS that mail programs act on.
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { ukLocalToUtc } from "@/lib/dates";
import {
  calendarOrganizer,
  eventUid,
  foldLine,
  personalCalendar,
  sequenceOf,
  sessionInvitation,
  type CalendarEntry,
  type IcsSession,
} from "./ics";

const SESSION_ID = "5b0e5a4c-6a0e-4c1f-9a51-0d4f3c0b1a01";
const person = { id: "0f3e2d1c-1111-4222-8333-944455566677", name: "Zoë O'Brien", email: "zoe@example.org" };
const now = new Date("2027-03-01T12:34:56Z");
const ORGANIZER = "Connecting People study <no-reply@connecting-people.invalid>";

function uk(date: string, time: string): Date {
  const instant = ukLocalToUtc(date, time);
  if (!instant) throw new Error(`${date} ${time} does not exist in the UK`);
  return instant;
}

function session(overrides: Partial<IcsSession> = {}): IcsSession {
  return {
    id: SESSION_ID,
    trainingDay: "WORKER_1",
    startsAt: uk("2027-03-29", "09:30"),
    endsAt: uk("2027-03-29", "16:30"),
    venue: "Quayside Centre",
    address: "1 Quay Street, Newcastle NE1 3AA",
    onlineUrl: null,
    trainer: "Dr Ada Lovelace",
    notes: "",
    ...overrides,
  };
}

function invitation(overrides: Partial<IcsSession> = {}, method: "REQUEST" | "CANCEL" = "REQUEST", sequence = 3) {
  return sessionInvitation({
    session: session(overrides),
    person,
    sequence,
    method,
    now,
    organizerEmail: ORGANIZER,
  });
}

/** Parses a calendar and registers its own VTIMEZONE, so that TZID times are read with our rules. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  expect(zone).not.toBeNull();
  ICAL.TimezoneService.register(zone!);
  const events = calendar.getAllSubcomponents("vevent");
  return { calendar, events, event: events[0]! };
}

const utc = (event: ICAL.Component, name: "dtstart" | "dtend") =>
  (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe("an invitation", () => {
  it("is a REQUEST for one confirmed event with a stable UID, its SEQUENCE, organiser and attendee", () => {
    const text = invitation({}, "REQUEST", 7);
    const { calendar, events, event } = parse(text);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toMatch(/Connecting People/);
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(events).toHaveLength(1);
    expect(event.getFirstPropertyValue("uid")).toBe(`cp-training-${SESSION_ID}-${person.id}@connecting-people`);
    expect(event.getFirstPropertyValue("sequence")).toBe(7);
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.getFirstPropertyValue("summary")).toBe("Connecting People training: Worker day 1");
    expect(event.getFirstPropertyValue("location")).toBe("Quayside Centre, 1 Quay Street, Newcastle NE1 3AA");
    expect((event.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().toISOString()).toBe(
      "2027-03-01T12:34:56.000Z",
    );

    const organizer = event.getFirstProperty("organizer")!;
    expect(organizer.getFirstValue()).toBe("mailto:no-reply@connecting-people.invalid");
    expect(organizer.getParameter("cn")).toBe("Connecting People study");
    const attendee = event.getFirstProperty("attendee")!;
    expect(attendee.getFirstValue()).toBe("mailto:zoe@example.org");
    expect(attendee.getParameter("cn")).toBe("Zoë O'Brien");
    expect(attendee.getParameter("partstat")).toBe("ACCEPTED");
    expect(attendee.getParameter("rsvp")).toBe("FALSE");
    expect(attendee.getParameter("role")).toBe("REQ-PARTICIPANT");
  });

  it("is the same event in every email: the UID depends only on the session and the person", () => {
    const first = parse(invitation({ trainer: "A" }, "REQUEST", 0)).event.getFirstPropertyValue("uid");
    const later = parse(invitation({ trainer: "B", notes: "Moved" }, "CANCEL", 4)).event.getFirstPropertyValue("uid");
    expect(later).toBe(first);
    expect(eventUid(SESSION_ID, person.id)).toBe(first);
    expect(eventUid(SESSION_ID, "another-person")).not.toBe(first);
  });

  it("withdraws the event with METHOD:CANCEL and STATUS:CANCELLED", () => {
    const { calendar, event } = parse(invitation({}, "CANCEL", 5));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.getFirstPropertyValue("sequence")).toBe(5);
    expect(event.getFirstProperty("attendee")?.getFirstValue()).toBe("mailto:zoe@example.org");
  });

  it("adds the session's change count and the booking's email count for the SEQUENCE", () => {
    expect(sequenceOf(0, 0)).toBe(0);
    expect(sequenceOf(2, 3)).toBe(5);
  });
});

describe("times across the changes of the clocks", () => {
  it.each([
    [
      "2027-03-26",
      "the Friday before the clocks go forward (GMT)",
      "2027-03-26T09:30:00.000Z",
      "2027-03-26T16:30:00.000Z",
    ],
    [
      "2027-03-29",
      "the Monday after the clocks go forward (BST)",
      "2027-03-29T08:30:00.000Z",
      "2027-03-29T15:30:00.000Z",
    ],
    [
      "2027-10-29",
      "the Friday before the clocks go back (BST)",
      "2027-10-29T08:30:00.000Z",
      "2027-10-29T15:30:00.000Z",
    ],
    ["2027-11-01", "the Monday after the clocks go back (GMT)", "2027-11-01T09:30:00.000Z", "2027-11-01T16:30:00.000Z"],
    ["2026-07-15", "midsummer 2026 (BST)", "2026-07-15T08:30:00.000Z", "2026-07-15T15:30:00.000Z"],
    ["2028-01-10", "midwinter 2028 (GMT)", "2028-01-10T09:30:00.000Z", "2028-01-10T16:30:00.000Z"],
  ])("09:30 to 16:30 UK time on %s, %s", (date, _when, start, end) => {
    const text = invitation({ startsAt: uk(date, "09:30"), endsAt: uk(date, "16:30") });
    const compact = date.replace(/-/g, "");
    expect(text).toContain(`\r\nDTSTART;TZID=Europe/London:${compact}T093000\r\n`);
    expect(text).toContain(`\r\nDTEND;TZID=Europe/London:${compact}T163000\r\n`);
    const { event } = parse(text);
    expect(utc(event, "dtstart")).toBe(start);
    expect(utc(event, "dtend")).toBe(end);
  });

  it("describes Europe/London's two rules in the calendar's VTIMEZONE", () => {
    const { calendar } = parse(invitation());
    const zone = calendar.getFirstSubcomponent("vtimezone")!;
    expect(zone.getFirstPropertyValue("tzid")).toBe("Europe/London");
    const daylight = zone.getFirstSubcomponent("daylight")!;
    const standard = zone.getFirstSubcomponent("standard")!;
    expect(daylight.getFirstPropertyValue("tzname")).toBe("BST");
    expect(standard.getFirstPropertyValue("tzname")).toBe("GMT");
    expect(String(daylight.getFirstPropertyValue("rrule"))).toBe("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    expect(String(standard.getFirstPropertyValue("rrule"))).toBe("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
  });

  it("writes a time in the hour that happens twice, when the clocks go back, in UTC: a wall time would be ambiguous", () => {
    const firstOneThirty = new Date("2027-10-31T00:30:00Z"); // 01:30 BST
    const secondOneThirty = new Date("2027-10-31T01:30:00Z"); // 01:30 GMT
    const text = invitation({ startsAt: firstOneThirty, endsAt: secondOneThirty });
    expect(text).toContain("\r\nDTSTART:20271031T003000Z\r\n");
    expect(text).toContain("\r\nDTEND:20271031T013000Z\r\n");
    const { event } = parse(text);
    expect(utc(event, "dtstart")).toBe(firstOneThirty.toISOString());
    expect(utc(event, "dtend")).toBe(secondOneThirty.toISOString());
    // Just outside that hour, the wall time is unambiguous again.
    const after = invitation({ startsAt: new Date("2027-10-31T02:00:00Z"), endsAt: new Date("2027-10-31T03:00:00Z") });
    expect(after).toContain("\r\nDTSTART;TZID=Europe/London:20271031T020000\r\n");
    expect(utc(parse(after).event, "dtstart")).toBe("2027-10-31T02:00:00.000Z");
  });
});

describe("text", () => {
  const notes =
    "Bring: lunch, a pen; and your ID.\nParking at C:\\Car park\\Level 2 — free 🚗🅿️.\r\nQuestions? Ring 0191 496 0123, ext. 4; or email.";

  it("round-trips commas, semicolons, backslashes, line breaks, accents and emoji", () => {
    const { event } = parse(
      invitation({
        trainer: "Siobhán Ní Bhriain; with Tom, Jr.",
        venue: "Café Ōsaka, upstairs",
        address: "12 High St; Hexham",
        notes,
      }),
    );
    expect(event.getFirstPropertyValue("location")).toBe("Café Ōsaka, upstairs, 12 High St; Hexham");
    const description = String(event.getFirstPropertyValue("description"));
    expect(description).toContain("Trainer: Siobhán Ní Bhriain; with Tom, Jr.\n");
    expect(description).toContain("Where: Café Ōsaka, upstairs, 12 High St; Hexham\n");
    expect(description.endsWith(notes.replace("\r\n", "\n"))).toBe(true);
  });

  it("drops double quotes from a name given as a parameter, so the attendee line stays valid", () => {
    const text = sessionInvitation({
      session: session(),
      person: { ...person, name: 'Sam "The Trainer", Smith; Jr' },
      sequence: 0,
      method: "REQUEST",
      now,
      organizerEmail: "no-reply@example.org",
    });
    const { event } = parse(text);
    expect(event.getFirstProperty("attendee")!.getParameter("cn")).toBe("Sam The Trainer, Smith; Jr");
    expect(event.getFirstProperty("organizer")!.getFirstValue()).toBe("mailto:no-reply@example.org");
  });

  it("puts an online session's link in LOCATION, URL and the description", () => {
    const link = "https://meet.example.org/j/123?pwd=a,b;c";
    const { event } = parse(invitation({ venue: null, address: null, onlineUrl: link }));
    expect(event.getFirstPropertyValue("location")).toBe(link);
    expect(event.getFirstPropertyValue("url")).toBe(link);
    expect(String(event.getFirstPropertyValue("description"))).toContain(`Online: ${link}`);
  });

  it("keeps a session in a place without a URL property", () => {
    const { event } = parse(invitation());
    expect(event.getFirstProperty("url")).toBeNull();
  });
});

describe("lines", () => {
  const long = `${"Ünïcödé ✓ 😀 ".repeat(40)}end`;

  it("ends every line with CRLF and folds none longer than 75 octets", () => {
    const text = invitation({ notes: long, trainer: "é".repeat(120) });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const { event } = parse(text);
    expect(String(event.getFirstPropertyValue("description")).endsWith(long)).toBe(true);
  });

  it.each([
    ["plain ASCII", `DESCRIPTION:${"a".repeat(300)}`],
    ["two-octet characters", `DESCRIPTION:${"é".repeat(200)}`],
    ["three-octet characters", `DESCRIPTION:${"✓".repeat(200)}`],
    ["four-octet characters (emoji)", `DESCRIPTION:${"😀".repeat(100)}`],
    ["a mix at every offset", `DESCRIPTION:x${"aé✓😀".repeat(60)}`],
    ["exactly 75 octets", `SUMMARY:${"b".repeat(67)}`],
  ])("folds %s without splitting a character and unfolds to the original", (_kind, line) => {
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    for (const [index, part] of parts.entries()) {
      expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(" ")).toBe(true);
      // A lone surrogate would mean a character was cut in half.
      expect(part.isWellFormed()).toBe(true);
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    if (Buffer.byteLength(line, "utf8") <= 75) expect(parts).toHaveLength(1);
  });
});

describe("a person's own calendar", () => {
  const live = (id: string, date: string, bookingStatus: CalendarEntry["bookingStatus"]): CalendarEntry => ({
    session: { ...session({ id, startsAt: uk(date, "10:00"), endsAt: uk(date, "15:00") }), status: "SCHEDULED" },
    bookingStatus,
    sequence: 2,
  });
  const ids = [1, 2, 3, 4, 5, 6].map((n) => `00000000-0000-4000-8000-00000000000${n}`);

  it("is published with one event per place held, in date order, and leaves out what is not held", () => {
    const entries: CalendarEntry[] = [
      live(ids[0]!, "2027-04-12", "BOOKED"),
      live(ids[1]!, "2027-03-22", "ATTENDED"),
      live(ids[2]!, "2027-05-03", "WAITLISTED"),
      live(ids[3]!, "2027-05-10", "CANCELLED"),
      {
        ...live(ids[4]!, "2027-05-17", "BOOKED"),
        session: { ...live(ids[4]!, "2027-05-17", "BOOKED").session, status: "CANCELLED" },
      },
      live(ids[5]!, "2027-06-07", "BOOKED"),
    ];
    const text = personalCalendar({ person, entries, now, organizerEmail: ORGANIZER });
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(events.map((event) => event.getFirstPropertyValue("uid"))).toEqual([
      eventUid(ids[1]!, person.id),
      eventUid(ids[0]!, person.id),
      eventUid(ids[5]!, person.id),
    ]);
    expect(events.map((event) => utc(event, "dtstart"))).toEqual([
      "2027-03-22T10:00:00.000Z",
      "2027-04-12T09:00:00.000Z",
      "2027-06-07T09:00:00.000Z",
    ]);
    for (const event of events) {
      expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
      expect(event.getFirstPropertyValue("sequence")).toBe(2);
      expect(event.getFirstProperty("attendee")).toBeNull();
    }
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });

  it("is a valid, empty calendar when the person has no sessions", () => {
    const { calendar, events } = parse(personalCalendar({ person, entries: [], now, organizerEmail: ORGANIZER }));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(events).toEqual([]);
  });
});

describe("the organiser", () => {
  const saved = process.env.EMAIL_FROM;
  afterEach(() => {
    if (saved === undefined) delete process.env.EMAIL_FROM;
    else process.env.EMAIL_FROM = saved;
  });

  it("is the address emails are sent from, with the app's default when none is set", () => {
    process.env.EMAIL_FROM = "Pilot team <pilot@example.org>";
    expect(calendarOrganizer()).toBe("Pilot team <pilot@example.org>");
    delete process.env.EMAIL_FROM;
    expect(calendarOrganizer()).toBe("Connecting People study <no-reply@connecting-people.invalid>");
    process.env.EMAIL_FROM = "";
    expect(calendarOrganizer()).toBe("Connecting People study <no-reply@connecting-people.invalid>");
  });
});
