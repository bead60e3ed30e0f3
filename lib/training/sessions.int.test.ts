// A researcher publishing, editing and cancelling training sessions against a real database: UK
// times across the change to summer time, no session in the past, an edit that sends everyone
// booked an updated calendar invitation (read back by ical.js), the capacity never below the
// people booked, a larger capacity giving places to the waiting list in order, and a cancellation
// that frees every booking with a calendar CANCEL. The database is shared with other tests: every
// row here is this file's own, and sessions are in 2092, far from anyone else's.
import ICAL from "ical.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unique } from "@/lib/accounts/test-helpers";
import { toCurrentUser, type AgencyStaffUser, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { AgencyRole, TrainingDay } from "@/lib/generated/prisma/enums";
import { bookPeople } from "./booking";
import { eventUid } from "./ics";
import type { SessionInput } from "./schema";
import { cancelSession, createSession, SESSION_NOT_FOUND, updateSession } from "./sessions";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

/** 1 March 2092, GMT. The clocks go forward on Sunday, 30 March 2092. */
const NOW = new Date("2092-03-01T10:00:00Z");

afterEach(() => {
  ICAL.TimezoneService.reset();
});

async function createPerson(agencyId: string | null, agencyRole: AgencyRole | null, name = `Person ${unique()}`) {
  const row = await db.user.create({
    data: {
      email: `${(agencyRole ?? "researcher").toLowerCase()}.${unique()}@example.org`,
      name,
      role: agencyId ? "AGENCY_STAFF" : "RESEARCHER",
      agencyId,
      agencyRole,
    },
  });
  return toCurrentUser(row)!;
}

const createResearcher = () => createPerson(null, null, `Researcher ${unique()}`);

/** A selected agency with a supervisor (who books) and `count` workers. */
async function createTeam(count: number) {
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "TRAINING" },
  });
  const supervisor = (await createPerson(agency.id, "SUPERVISOR", `Supervisor ${unique()}`)) as AgencyStaffUser;
  const workers: AgencyStaffUser[] = [];
  for (let index = 0; index < count; index++) {
    workers.push((await createPerson(agency.id, "WORKER", `Worker ${index + 1} ${unique()}`)) as AgencyStaffUser);
  }
  return { agency, supervisor, workers };
}

function sessionInput(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    trainingDay: "WORKER_1" as TrainingDay,
    date: "2092-04-08",
    startTime: "09:30",
    endTime: "16:30",
    venue: "Quayside Centre",
    address: "1 Quay Street, Newcastle",
    onlineUrl: "",
    trainer: "Dr Ada Lovelace",
    capacity: 20,
    notes: "",
    ...overrides,
  };
}

async function publish(researcher: CurrentUser, overrides: Partial<SessionInput> = {}) {
  const result = await createSession(researcher, sessionInput(overrides), NOW);
  if (!result.ok) throw new Error(`the session was not created: ${JSON.stringify(result)}`);
  return { id: result.sessionId, input: sessionInput(overrides) };
}

async function book(supervisor: AgencyStaffUser, sessionId: string, people: { id: string }[]) {
  const result = await bookPeople(supervisor, { sessionId, userIds: people.map((person) => person.id) }, NOW);
  expect(result).toMatchObject({ ok: true });
}

const bookingOf = (sessionId: string, userId: string) =>
  db.booking.findUniqueOrThrow({ where: { sessionId_userId: { sessionId, userId } } });

const emailsTo = (person: { email: string }, kind?: string) =>
  db.outboxEmail.findMany({
    where: { to: person.email, ...(kind ? { kind } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

/** The one event of an invitation, read with the calendar's own time zone. */
function readInvitation(text: string | null) {
  expect(text).toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(text!));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  if (zone) ICAL.TimezoneService.register(zone);
  const event = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    status: event.getFirstPropertyValue("status"),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().toISOString(),
    location: event.getFirstPropertyValue("location"),
  };
}

describe("publishing a session", () => {
  it("turns UK times into instants across the change to summer time, and refuses the hour that does not exist", async () => {
    const researcher = await createResearcher();
    const trainer = `Trainer ${unique()}`;

    const skipped = await createSession(
      researcher,
      sessionInput({ date: "2092-03-30", startTime: "01:30", endTime: "09:00", trainer }),
      NOW,
    );
    expect(skipped).toEqual({
      ok: false,
      fieldErrors: {
        startTime: [
          "01:30 does not exist in the UK on Sunday, 30 March 2092: the clocks go forward an hour that night. Choose a time after 02:00.",
        ],
      },
    });
    expect(await db.trainingSession.count({ where: { trainer } })).toBe(0);

    const result = await createSession(
      researcher,
      sessionInput({ date: "2092-03-30", startTime: "09:30", endTime: "16:30", trainer, capacity: "12" as never }),
      NOW,
    );
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.message).toBe(
      "Worker day 1 on Sunday, 30 March 2092 at 09:30 to 16:30 (UK time) is published, with 12 places.",
    );
    const created = await db.trainingSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    // 09:30 in summer time is 08:30 UTC; the day before, in winter time, it would have been 09:30.
    expect(created).toMatchObject({
      startsAt: new Date("2092-03-30T08:30:00Z"),
      endsAt: new Date("2092-03-30T15:30:00Z"),
      trainer,
      capacity: 12,
      status: "SCHEDULED",
      venue: "Quayside Centre",
      onlineUrl: null,
      createdById: researcher.id,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "TrainingSession", entityId: created.id } });
    expect(audit).toMatchObject({ action: "training_session.created", actorId: researcher.id });
    expect(audit.after).toMatchObject({ startsAt: "2092-03-30T08:30:00.000Z", capacity: 12 });

    const winter = await createSession(researcher, sessionInput({ date: "2092-03-29", trainer }), NOW);
    expect(winter.ok).toBe(true);
    if (winter.ok) {
      const row = await db.trainingSession.findUniqueOrThrow({ where: { id: winter.sessionId } });
      expect(row.startsAt).toEqual(new Date("2092-03-29T09:30:00Z"));
    }
  });

  it("refuses a session that starts in the past, and one that ends before it starts", async () => {
    const researcher = await createResearcher();
    const trainer = `Trainer ${unique()}`;
    const past = await createSession(
      researcher,
      sessionInput({ date: "2092-03-01", startTime: "09:30", trainer }),
      NOW,
    );
    expect(past).toEqual({
      ok: false,
      fieldErrors: {
        date: [expect.stringMatching(/^Choose a date and time in the future\. It is now Saturday, 1 March 2092/)],
      },
    });
    const backwards = await createSession(
      researcher,
      sessionInput({ startTime: "16:00", endTime: "09:00", trainer }),
      NOW,
    );
    expect(backwards).toMatchObject({ ok: false, fieldErrors: { endTime: ["The session must end after it starts."] } });
    expect(await db.trainingSession.count({ where: { trainer } })).toBe(0);
  });

  it("is refused to agency staff as if it did not exist, through the functions and the server actions", async () => {
    const researcher = await createResearcher();
    const { supervisor } = await createTeam(0);
    const trainer = `Trainer ${unique()}`;
    const { id } = await publish(researcher, { trainer });

    expect(await createSession(supervisor, sessionInput({ trainer }), NOW)).toEqual(SESSION_NOT_FOUND);
    expect(
      await updateSession(supervisor, { ...sessionInput({ trainer: "Someone else" }), sessionId: id }, NOW),
    ).toEqual(SESSION_NOT_FOUND);
    expect(await cancelSession(supervisor, { sessionId: id, reason: "Because" }, NOW)).toEqual(SESSION_NOT_FOUND);
    expect(await db.trainingSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      trainer,
      status: "SCHEDULED",
    });
    expect(await db.trainingSession.count({ where: { trainer } })).toBe(1);

    // The server actions answer "not found" (Next's notFound throws) before reading the input.
    const { createSessionResearcherAction, cancelSessionResearcherAction } = await import("./researcher-actions");
    session.current = { user: supervisor, expires: "2999-01-01T00:00:00Z" };
    await expect(createSessionResearcherAction(sessionInput({ trainer }))).rejects.toThrow();
    await expect(cancelSessionResearcherAction({ sessionId: id, reason: "Because" })).rejects.toThrow();
    expect(await db.trainingSession.count({ where: { trainer } })).toBe(1);

    session.current = { user: researcher, expires: "2999-01-01T00:00:00Z" };
    const result = await createSessionResearcherAction(sessionInput({ trainer, date: "2092-06-01" }));
    expect(result).toMatchObject({ ok: true, sessionId: expect.any(String) });
    session.current = null;
  });
});

describe("editing a session", () => {
  it("emails every person booked an updated invitation with the same UID and a higher SEQUENCE", async () => {
    const researcher = await createResearcher();
    const { supervisor, workers } = await createTeam(3);
    const { id, input } = await publish(researcher, { capacity: 2 });
    await book(supervisor, id, workers); // two booked, the third waits
    const [first, second, third] = workers as [AgencyStaffUser, AgencyStaffUser, AgencyStaffUser];
    const confirmation = readInvitation((await emailsTo(first, "booking-confirmed"))[0]!.icsContent);
    expect(confirmation.start).toBe("2092-04-08T08:30:00.000Z");

    const result = await updateSession(
      researcher,
      { ...input, sessionId: id, date: "2092-04-09", startTime: "10:00", endTime: "15:00", venue: "Civic Centre" },
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      message:
        "Worker day 1 on Wednesday, 9 April 2092 at 10:00 to 15:00 (UK time) is saved. We have emailed the 2 people booked and the 1 person on the waiting list about the change.",
    });

    for (const person of [first, second]) {
      const [changed, ...more] = await emailsTo(person, "training-session-changed");
      expect(more).toHaveLength(0);
      expect(changed!.icsMethod).toBe("REQUEST");
      expect(changed!.text).toContain("Where: Civic Centre, 1 Quay Street, Newcastle");
      const before = readInvitation((await emailsTo(person, "booking-confirmed"))[0]!.icsContent);
      const after = readInvitation(changed!.icsContent);
      expect(after).toMatchObject({
        method: "REQUEST",
        uid: eventUid(id, person.id),
        status: "CONFIRMED",
        start: "2092-04-09T09:00:00.000Z",
        end: "2092-04-09T14:00:00.000Z",
        location: "Civic Centre, 1 Quay Street, Newcastle",
      });
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBeGreaterThan(before.sequence);
    }
    // The person waiting is told in plain words, with no invitation to a place they do not hold.
    const [waiting, ...moreWaiting] = await emailsTo(third, "training-session-changed");
    expect(moreWaiting).toHaveLength(0);
    expect(waiting!.icsContent).toBeNull();
    expect(waiting!.text).toContain("You are still on the waiting list.");

    const row = await db.trainingSession.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ startsAt: new Date("2092-04-09T09:00:00Z"), venue: "Civic Centre", icsSequence: 1 });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { entity: "TrainingSession", entityId: id, action: "training_session.updated" },
    });
    expect(audit.before).toMatchObject({ startsAt: "2092-04-08T08:30:00.000Z", venue: "Quayside Centre" });
    expect(audit.after).toMatchObject({ startsAt: "2092-04-09T09:00:00.000Z", venue: "Civic Centre" });

    // A second edit raises the SEQUENCE again.
    await updateSession(researcher, { ...input, sessionId: id, date: "2092-04-09", trainer: "Mary Somerville" }, NOW);
    const changes = await emailsTo(first, "training-session-changed");
    expect(changes).toHaveLength(2);
    expect(readInvitation(changes[1]!.icsContent).sequence).toBeGreaterThan(
      readInvitation(changes[0]!.icsContent).sequence,
    );
  });

  it("never lowers the capacity below the people booked, nor changes the training day of a booked session", async () => {
    const researcher = await createResearcher();
    const { supervisor, workers } = await createTeam(3);
    const { id, input } = await publish(researcher, { capacity: 3 });
    await book(supervisor, id, workers);

    expect(await updateSession(researcher, { ...input, sessionId: id, capacity: 2 }, NOW)).toEqual({
      ok: false,
      fieldErrors: { capacity: ["3 people are booked: the capacity cannot go below 3. Cancel bookings first."] },
    });
    expect(await updateSession(researcher, { ...input, sessionId: id, trainingDay: "WORKER_2" }, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { trainingDay: [expect.stringContaining("its training day cannot change")] },
    });
    expect(await db.trainingSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      capacity: 3,
      trainingDay: "WORKER_1",
      icsSequence: 0,
    });
    // Exactly the people booked is fine.
    expect(
      await updateSession(researcher, { ...input, sessionId: id, capacity: 3, notes: "Bring lunch" }, NOW),
    ).toMatchObject({ ok: true });
  });

  it("gives the places a larger capacity frees to the waiting list, first in line first", async () => {
    const researcher = await createResearcher();
    const { supervisor, workers } = await createTeam(4);
    const { id, input } = await publish(researcher, { capacity: 1 });
    await book(supervisor, id, workers);
    const [first, second, third, fourth] = workers as [
      AgencyStaffUser,
      AgencyStaffUser,
      AgencyStaffUser,
      AgencyStaffUser,
    ];
    expect((await bookingOf(id, fourth.id)).waitlistPosition).toBe(3);

    const result = await updateSession(researcher, { ...input, sessionId: id, capacity: 3 }, NOW);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.message).toContain("2 people from the waiting list have a place now");

    expect(await bookingOf(id, first.id)).toMatchObject({ status: "BOOKED" });
    expect(await bookingOf(id, second.id)).toMatchObject({ status: "BOOKED", waitlistPosition: null });
    expect(await bookingOf(id, third.id)).toMatchObject({ status: "BOOKED", waitlistPosition: null });
    expect(await bookingOf(id, fourth.id)).toMatchObject({ status: "WAITLISTED", waitlistPosition: 1 });
    for (const person of [second, third]) {
      const [promoted] = await emailsTo(person, "booking-promoted");
      expect(readInvitation(promoted!.icsContent ?? null)).toMatchObject({
        method: "REQUEST",
        uid: eventUid(id, person.id),
      });
    }
    expect(await emailsTo(fourth, "booking-promoted")).toHaveLength(0);
    // Only the capacity changed: nobody is told the session changed.
    for (const person of workers) expect(await emailsTo(person, "training-session-changed")).toHaveLength(0);
  });

  it("refuses a move to a date on which someone booked already has another session", async () => {
    const researcher = await createResearcher();
    const { supervisor, workers } = await createTeam(1);
    const worker = workers[0]!;
    const dayTwo = await publish(researcher, { trainingDay: "WORKER_2", date: "2092-04-15" });
    const dayOne = await publish(researcher, { date: "2092-04-08" });
    await book(supervisor, dayTwo.id, [worker]);
    await book(supervisor, dayOne.id, [worker]);

    const result = await updateSession(researcher, { ...dayOne.input, sessionId: dayOne.id, date: "2092-04-15" }, NOW);
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { date: [expect.stringContaining(`${worker.name} is already booked for Worker day 2 on`)] },
    });
    expect((await db.trainingSession.findUniqueOrThrow({ where: { id: dayOne.id } })).startsAt).toEqual(
      new Date("2092-04-08T08:30:00Z"),
    );
  });

  it("sees a booking of the same person on the new date that is being made at that moment", async () => {
    const researcher = await createResearcher();
    const { supervisor, workers } = await createTeam(1);
    const worker = workers[0]!;
    const dayTwo = await publish(researcher, { trainingDay: "WORKER_2", date: "2092-04-16" });
    const dayOne = await publish(researcher, { date: "2092-04-09" });
    await book(supervisor, dayOne.id, [worker]);

    // A booking of the worker onto day 2 in progress: it holds the person as bookPeople does, has
    // written its row, and has not committed yet.
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const booking = db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${worker.id}::uuid FOR NO KEY UPDATE`;
      await tx.booking.create({ data: { sessionId: dayTwo.id, userId: worker.id, status: "BOOKED" } });
      written();
      await committing;
    });
    await isWritten;
    const edit = updateSession(researcher, { ...dayOne.input, sessionId: dayOne.id, date: "2092-04-16" }, NOW);
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await booking;
    // Without the lock on the people, the edit would not see the booking and would be saved.
    expect(await edit).toMatchObject({
      ok: false,
      fieldErrors: { date: [expect.stringContaining(`${worker.name} is already booked for Worker day 2 on`)] },
    });
  });
});

describe("cancelling a session", () => {
  it("frees every booking and place on the waiting list, and tells each person why, with a calendar CANCEL", async () => {
    const researcher = await createResearcher();
    const { supervisor, workers } = await createTeam(3);
    const { id, input } = await publish(researcher, { capacity: 2 });
    await book(supervisor, id, workers);
    const [first, second, third] = workers as [AgencyStaffUser, AgencyStaffUser, AgencyStaffUser];

    const result = await cancelSession(researcher, { sessionId: id, reason: "The trainer is ill." }, NOW);
    expect(result).toEqual({
      ok: true,
      message:
        "Worker day 1 on Tuesday, 8 April 2092 at 09:30 to 16:30 (UK time) is cancelled. We have emailed the 2 people booked and the 1 person on the waiting list.",
    });

    expect(await db.trainingSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "The trainer is ill.",
      cancelledAt: NOW,
      icsSequence: 1,
    });
    for (const person of workers) {
      expect(await bookingOf(id, person.id)).toMatchObject({
        status: "CANCELLED",
        waitlistPosition: null,
        cancelledAt: NOW,
      });
    }
    for (const person of [first, second]) {
      const [cancelled, ...more] = await emailsTo(person, "training-session-cancelled");
      expect(more).toHaveLength(0);
      expect(cancelled!.text).toContain("The reason: The trainer is ill.");
      expect(cancelled!.icsMethod).toBe("CANCEL");
      const before = readInvitation((await emailsTo(person, "booking-confirmed"))[0]!.icsContent);
      const after = readInvitation(cancelled!.icsContent);
      expect(after).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: before.uid });
      expect(after.sequence).toBeGreaterThan(before.sequence);
    }
    const [waiting] = await emailsTo(third, "training-session-cancelled");
    expect(waiting!.icsContent).toBeNull();
    expect(waiting!.text).toContain("The reason: The trainer is ill.");

    // A freed person can be booked on another session for the same day.
    const other = await publish(researcher, { date: "2092-04-10" });
    await book(supervisor, other.id, [first]);
    expect(await bookingOf(other.id, first.id)).toMatchObject({ status: "BOOKED" });

    // A cancelled session cannot be cancelled again, edited or booked.
    expect(await cancelSession(researcher, { sessionId: id, reason: "Again" }, NOW)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("already cancelled"),
    });
    expect(await updateSession(researcher, { ...input, sessionId: id, trainer: "Someone" }, NOW)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("has been cancelled"),
    });
    expect(await emailsTo(first, "training-session-cancelled")).toHaveLength(1);
  });

  it("refuses a session that has started, and an unknown session", async () => {
    const researcher = await createResearcher();
    const { id } = await publish(researcher);
    const later = new Date("2092-04-08T09:00:00Z");
    expect(await cancelSession(researcher, { sessionId: id, reason: "Too late" }, later)).toMatchObject({
      ok: false,
      formError: expect.stringContaining("has already started"),
    });
    expect(
      await cancelSession(researcher, { sessionId: "00000000-0000-4000-8000-000000000000", reason: "No" }, NOW),
    ).toEqual(SESSION_NOT_FOUND);
    expect(await cancelSession(researcher, { sessionId: id, reason: "" }, NOW)).toMatchObject({
      ok: false,
      fieldErrors: { reason: [expect.any(String)] },
    });
  });
});
