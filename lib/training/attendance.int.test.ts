// Marking attendance against a real database: not before the session starts, then attended or
// absent for each person booked, corrected later, all or nothing when one mark is wrong (another
// session's booking, a cancelled booking, someone waiting), and refused to agency staff. The
// database is shared with other tests: every row here is this file's own.
import { describe, expect, it } from "vitest";
import { unique } from "@/lib/accounts/test-helpers";
import { toCurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { AgencyRole, BookingStatus } from "@/lib/generated/prisma/enums";
import { markAttendance } from "./attendance";
import { SESSION_NOT_FOUND } from "./sessions";

/** Thursday 8 April 2094, 09:30 in London (BST). */
const STARTS = new Date("2094-04-08T08:30:00Z");
const BEFORE = new Date(STARTS.getTime() - 60_000);
const DURING = new Date(STARTS.getTime() + 30 * 60_000);
const NEXT_WEEK = new Date(STARTS.getTime() + 7 * 24 * 3_600_000);

async function createPerson(agencyId: string | null, agencyRole: AgencyRole | null) {
  const row = await db.user.create({
    data: {
      email: `person.${unique()}@example.org`,
      name: `Person ${unique()}`,
      role: agencyId ? "AGENCY_STAFF" : "RESEARCHER",
      agencyId,
      agencyRole,
    },
  });
  return toCurrentUser(row)!;
}

async function createSession(status: "SCHEDULED" | "CANCELLED" = "SCHEDULED") {
  return db.trainingSession.create({
    data: {
      trainingDay: "WORKER_1",
      startsAt: STARTS,
      endsAt: new Date(STARTS.getTime() + 7 * 3_600_000),
      venue: "Quayside Centre",
      address: "1 Quay Street, Newcastle",
      trainer: "Dr Ada Lovelace",
      capacity: 10,
      status,
    },
  });
}

/** A session with one booking per status given, each for a new worker of one agency. */
async function sessionWith(statuses: BookingStatus[], status: "SCHEDULED" | "CANCELLED" = "SCHEDULED") {
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "TRAINING" },
  });
  const session = await createSession(status);
  const bookings = [];
  for (const [index, bookingStatus] of statuses.entries()) {
    const person = await createPerson(agency.id, "WORKER");
    bookings.push(
      await db.booking.create({
        data: {
          sessionId: session.id,
          userId: person.id,
          status: bookingStatus,
          waitlistPosition: bookingStatus === "WAITLISTED" ? index + 1 : null,
        },
      }),
    );
  }
  return { agency, session, bookings };
}

const statusesOf = async (ids: string[]) => {
  const rows = await db.booking.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
  return ids.map((id) => rows.find((row) => row.id === id)!.status);
};

describe("marking attendance", () => {
  it("is refused before the session starts, and accepted from its start", async () => {
    const researcher = await createPerson(null, null);
    const { session, bookings } = await sessionWith(["BOOKED", "BOOKED", "BOOKED"]);
    const ids = bookings.map((booking) => booking.id);
    const marks = [
      { bookingId: ids[0]!, status: "ATTENDED" },
      { bookingId: ids[1]!, status: "ATTENDED" },
      { bookingId: ids[2]!, status: "ABSENT" },
    ];

    expect(await markAttendance(researcher, { sessionId: session.id, marks }, BEFORE)).toEqual({
      ok: false,
      formError: "You can mark attendance from the start of the session, at Thursday, 8 April 2094 at 09:30 (UK time).",
    });
    expect(await statusesOf(ids)).toEqual(["BOOKED", "BOOKED", "BOOKED"]);

    expect(await markAttendance(researcher, { sessionId: session.id, marks }, DURING)).toEqual({
      ok: true,
      message: "Marked 2 attended and 1 absent.",
    });
    expect(await statusesOf(ids)).toEqual(["ATTENDED", "ATTENDED", "ABSENT"]);
    const marked = await db.booking.findUniqueOrThrow({ where: { id: ids[2]! } });
    expect(marked).toMatchObject({ attendanceMarkedById: researcher.id, attendanceMarkedAt: DURING });
    const audit = await db.auditEvent.findMany({
      where: { entity: "Booking", entityId: { in: ids }, action: "booking.attendance_marked" },
    });
    expect(audit).toHaveLength(3);
    expect(audit.find((entry) => entry.entityId === ids[2])).toMatchObject({
      actorId: researcher.id,
      before: { status: "BOOKED" },
      after: { status: "ABSENT", sessionId: session.id },
    });
  });

  it("can be corrected later: an absence becomes attended, and the reverse", async () => {
    const researcher = await createPerson(null, null);
    const { session, bookings } = await sessionWith(["ABSENT", "ATTENDED"]);
    const [absent, attended] = bookings.map((booking) => booking.id) as [string, string];
    const result = await markAttendance(
      researcher,
      {
        sessionId: session.id,
        marks: [
          { bookingId: absent, status: "ATTENDED" },
          { bookingId: attended, status: "ABSENT" },
        ],
      },
      NEXT_WEEK,
    );
    expect(result).toEqual({ ok: true, message: "Marked 1 attended and 1 absent." });
    expect(await statusesOf([absent, attended])).toEqual(["ATTENDED", "ABSENT"]);
    expect(await db.booking.findUniqueOrThrow({ where: { id: absent } })).toMatchObject({
      attendanceMarkedAt: NEXT_WEEK,
    });
  });

  it("waits for a change of the agency in progress (a move to recruiting checks attendance under that lock)", async () => {
    const researcher = await createPerson(null, null);
    const { agency, session, bookings } = await sessionWith(["ATTENDED"]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // A stage move holds the agency FOR UPDATE while it reads everyone's attendance.
    const move = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Agency" WHERE "id" = ${agency.id}::uuid FOR UPDATE`;
      locked();
      await released;
    });
    await isLocked;
    let done = false;
    const correction = markAttendance(
      researcher,
      { sessionId: session.id, marks: [{ bookingId: bookings[0]!.id, status: "ABSENT" }] },
      NEXT_WEEK,
    ).then((result) => {
      done = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Without the agency lock the correction would be written while the move reads attendance.
    expect(done).toBe(false);
    expect(await statusesOf([bookings[0]!.id])).toEqual(["ATTENDED"]);
    release();
    await move;
    expect(await correction).toEqual({ ok: true, message: "Marked 0 attended and 1 absent." });
    expect(await statusesOf([bookings[0]!.id])).toEqual(["ABSENT"]);
  });

  it("marks nobody when one mark is for another session's booking, a cancelled booking or someone waiting", async () => {
    const researcher = await createPerson(null, null);
    const { session, bookings } = await sessionWith(["BOOKED", "CANCELLED", "WAITLISTED"]);
    const [booked, cancelled, waiting] = bookings.map((booking) => booking.id) as [string, string, string];
    const elsewhere = (await sessionWith(["BOOKED"])).bookings[0]!.id;

    const mark = (bookingId: string) =>
      markAttendance(
        researcher,
        {
          sessionId: session.id,
          marks: [
            { bookingId: booked, status: "ATTENDED" },
            { bookingId, status: "ATTENDED" },
          ],
        },
        DURING,
      );
    expect(await mark(elsewhere)).toEqual({
      ok: false,
      formError: "Someone in the list is not booked on this session. Reload the page and mark attendance again.",
    });
    expect(await mark(cancelled)).toMatchObject({ ok: false, formError: expect.stringContaining("was cancelled") });
    expect(await mark(waiting)).toMatchObject({ ok: false, formError: expect.stringContaining("waiting list") });
    expect(await mark(booked)).toMatchObject({ ok: false, formError: expect.stringContaining("only once") });
    expect(await statusesOf([booked, cancelled, waiting, elsewhere])).toEqual([
      "BOOKED",
      "CANCELLED",
      "WAITLISTED",
      "BOOKED",
    ]);
  });

  it("is refused on a cancelled session, on a session that does not exist, and with nothing marked", async () => {
    const researcher = await createPerson(null, null);
    const { session, bookings } = await sessionWith(["CANCELLED"], "CANCELLED");
    const marks = [{ bookingId: bookings[0]!.id, status: "ATTENDED" }];
    expect(await markAttendance(researcher, { sessionId: session.id, marks }, DURING)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("was cancelled"),
    });
    expect(
      await markAttendance(researcher, { sessionId: "00000000-0000-4000-8000-000000000000", marks }, DURING),
    ).toEqual(SESSION_NOT_FOUND);
    expect(await markAttendance(researcher, { sessionId: session.id, marks: [] }, DURING)).toMatchObject({
      ok: false,
      fieldErrors: { marks: ["Mark at least one person as attended or absent."] },
    });
  });

  it("is refused to agency staff as if the session did not exist, even their own supervisor", async () => {
    const { agency, session, bookings } = await sessionWith(["BOOKED"]);
    const supervisor = await createPerson(agency.id, "SUPERVISOR");
    const result = await markAttendance(
      supervisor,
      { sessionId: session.id, marks: [{ bookingId: bookings[0]!.id, status: "ATTENDED" }] },
      DURING,
    );
    expect(result).toEqual(SESSION_NOT_FOUND);
    expect(await statusesOf([bookings[0]!.id])).toEqual(["BOOKED"]);
  });
});
