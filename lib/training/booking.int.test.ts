// Booking training against a real database: every booking rule accepted and refused through
// bookPeople (all or nothing), the waiting list and its promotion when a place frees, the agency's
// move to "training" on its first booking, another agency's staff refused as "not found", and the
// emails with their calendar invitations read back by ical.js. Some tests change the study's
// training settings, so this file runs in a database of its own.
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { toCurrentUser, type AgencyStaffUser, type CurrentUser } from "@/lib/auth/user";
import { ukLocalToUtc } from "@/lib/dates";
import type { AgencyRole, AgencyStage, BookingStatus, TrainingDay } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { BOOKING_NOT_FOUND, BOOKING_SESSION_NOT_FOUND, bookPeople, cancelBooking } from "./booking";
import { eventUid } from "./ics";
import { NOT_ON_STAFF_LIST } from "./rules";

const { client } = ownDatabase("cp_training_booking");

/** Monday 6 January 2031, 09:00 UTC (GMT): every session below is after it. */
const NOW = new Date("2031-01-06T09:00:00Z");
const unique = () => randomUUID().slice(0, 8);

beforeEach(async () => {
  await client.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2030-03-16T17:00:00Z") },
    update: { workerTrainingDays: 3, supervisorExtraDays: 2 },
  });
});

/** An agency at `stage`; a selected agency has been told so unless `told` is false. */
async function createAgency(stage: AgencyStage = "TRAINING", told = true) {
  return client.agency.create({
    data: {
      organisation: `Organisation ${unique()}`,
      teamName: `Team ${unique()}`,
      stage,
      reserveRank: stage === "RESERVE" ? 1 : null,
      decisionSentStage:
        told && ["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"].includes(stage) ? "SELECTED" : null,
    },
  });
}

async function createPerson(agencyId: string, agencyRole: AgencyRole, name = `${agencyRole} ${unique()}`) {
  const row = await client.user.create({
    data: {
      email: `${agencyRole.toLowerCase()}.${unique()}@example.org`,
      name,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole,
    },
  });
  return toCurrentUser(row) as AgencyStaffUser;
}

async function createResearcher() {
  const row = await client.user.create({
    data: { email: `researcher.${unique()}@example.org`, name: `Researcher ${unique()}`, role: "RESEARCHER" },
  });
  return toCurrentUser(row)!;
}

/** An agency at `stage` with a supervisor (who books), a lead and `workers` workers. */
async function createTeam(stage: AgencyStage = "TRAINING", workers = 2) {
  const agency = await createAgency(stage);
  const supervisor = await createPerson(agency.id, "SUPERVISOR", `Sam Supervisor ${unique()}`);
  const lead = await createPerson(agency.id, "LEAD", `Lee Lead ${unique()}`);
  const staff: AgencyStaffUser[] = [];
  for (let index = 0; index < workers; index++) {
    staff.push(await createPerson(agency.id, "WORKER", `Worker ${index + 1} ${unique()}`));
  }
  return { agency, supervisor, lead, workers: staff };
}

function uk(date: string, time: string) {
  const instant = ukLocalToUtc(date, time);
  if (!instant) throw new Error(`${date} ${time} is not a UK time`);
  return instant;
}

async function createSession({
  trainingDay = "WORKER_1" as TrainingDay,
  date = "2031-03-31",
  start = "09:30",
  end = "16:30",
  capacity = 20,
  status = "SCHEDULED" as "SCHEDULED" | "CANCELLED",
} = {}) {
  return client.trainingSession.create({
    data: {
      trainingDay,
      startsAt: uk(date, start),
      endsAt: uk(date, end),
      venue: "Quayside Centre",
      address: "1 Quay Street, Newcastle",
      trainer: "Dr Ada Lovelace",
      capacity,
      notes: "Bring lunch; parking, if needed, is free.",
      status,
    },
  });
}

const book = (actor: CurrentUser, sessionId: string, people: { id: string }[], now = NOW) =>
  bookPeople(actor, { sessionId, userIds: people.map((person) => person.id) }, now, client);

const cancel = (actor: CurrentUser, bookingId: string, now = NOW) => cancelBooking(actor, { bookingId }, now, client);

const bookingsOf = (sessionId: string) =>
  client.booking.findMany({ where: { sessionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

const bookingOf = (sessionId: string, userId: string) =>
  client.booking.findUniqueOrThrow({ where: { sessionId_userId: { sessionId, userId } } });

const emailsTo = (person: { email: string }) =>
  client.outboxEmail.findMany({ where: { to: person.email }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

function parseIcs(content: string | null) {
  expect(content).toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(content!));
  ICAL.TimezoneService.register(calendar.getFirstSubcomponent("vtimezone")!);
  const event = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    status: event.getFirstPropertyValue("status"),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().toISOString(),
    attendee: event.getFirstProperty("attendee")?.getFirstValue(),
  };
}

/** Nothing at all was written for these people on this session: no booking, email or audit entry. */
async function expectNothingWritten(sessionId: string, people: { id: string; email: string }[]) {
  expect(await bookingsOf(sessionId)).toEqual([]);
  for (const person of people) expect(await emailsTo(person)).toEqual([]);
  expect(
    await client.auditEvent.count({
      where: { action: "booking.created", after: { path: ["sessionId"], equals: sessionId } },
    }),
  ).toBe(0);
}

describe("booking a team onto a session", () => {
  it("books several people at once, emails each a calendar invitation, and audits each booking", async () => {
    const { supervisor, workers } = await createTeam();
    const session = await createSession({ date: "2031-03-31" });
    const people = [supervisor, ...workers];

    const result = await book(supervisor, session.id, people);
    expect(result).toEqual({
      ok: true,
      message: `Booked ${people[0]!.name}, ${people[1]!.name} and ${people[2]!.name} on Worker day 1, Monday 31 March 2031, 09:30–16:30. We have emailed each of them.`,
    });

    const bookings = await bookingsOf(session.id);
    expect(
      bookings.map((booking) => [booking.userId, booking.status, booking.waitlistPosition, booking.bookedById]),
    ).toEqual(expect.arrayContaining(people.map((person) => [person.id, "BOOKED", null, supervisor.id])));
    expect(bookings).toHaveLength(3);

    for (const person of people) {
      const [email, ...others] = await emailsTo(person);
      expect(others).toEqual([]);
      expect(email).toMatchObject({ kind: "booking-confirmed", icsMethod: "REQUEST" });
      expect(email!.subject).toBe("Training booked: Worker day 1 on Monday 31 March 2031");
      expect(email!.text).toContain(`Hello ${person.name},`);
      expect(email!.text).toContain("When: Monday 31 March 2031, 09:30 to 16:30 (UK time)");
      expect(email!.text).toContain(
        person.id === supervisor.id ? "You have booked yourself a place" : `${supervisor.name} has booked you a place`,
      );
      // 31 March 2031 is after the clocks went forward: 09:30 BST is 08:30 UTC.
      expect(parseIcs(email!.icsContent)).toEqual({
        method: "REQUEST",
        uid: eventUid(session.id, person.id),
        sequence: 0,
        status: "CONFIRMED",
        start: "2031-03-31T08:30:00.000Z",
        end: "2031-03-31T15:30:00.000Z",
        attendee: `mailto:${person.email}`,
      });
    }

    const audit = await client.auditEvent.findMany({
      where: { action: "booking.created", entityId: { in: bookings.map((booking) => booking.id) } },
    });
    expect(audit).toHaveLength(3);
    expect(audit.every((entry) => entry.actorId === supervisor.id)).toBe(true);
  });

  it("lets the agency lead book, but refuses a worker who tries to book", async () => {
    const { lead, workers } = await createTeam();
    const session = await createSession();
    expect(await book(workers[0]!, session.id, [workers[0]!])).toEqual({
      ok: false,
      formError: "Only supervisors and the agency lead can book training. Ask your supervisor to book a place for you.",
    });
    await expectNothingWritten(session.id, [workers[0]!]);

    expect(await book(lead, session.id, [workers[0]!])).toMatchObject({ ok: true });
    expect((await bookingOf(session.id, workers[0]!.id)).status).toBe("BOOKED");
  });

  it("refuses a cancelled session, and books a scheduled one", async () => {
    const { supervisor, workers } = await createTeam();
    const cancelled = await createSession({ status: "CANCELLED" });
    expect(await book(supervisor, cancelled.id, workers)).toEqual({
      ok: false,
      formError: "This Worker day 1 session has been cancelled, so nobody can be booked on it.",
    });
    await expectNothingWritten(cancelled.id, workers);
    expect(await book(supervisor, (await createSession()).id, workers)).toMatchObject({ ok: true });
  });

  it("refuses a session that has started, and books one that has not", async () => {
    const { supervisor, workers } = await createTeam();
    const session = await createSession({ date: "2031-03-31", start: "09:30" });
    expect(await book(supervisor, session.id, [workers[0]!], uk("2031-03-31", "09:30"))).toEqual({
      ok: false,
      formError: "This Worker day 1 session has already started, so it can no longer be booked.",
    });
    await expectNothingWritten(session.id, [workers[0]!]);
    expect(await book(supervisor, session.id, [workers[0]!], uk("2031-03-31", "09:29"))).toMatchObject({ ok: true });
  });

  it("books only supervisors on supervisor days", async () => {
    const { supervisor, workers } = await createTeam();
    const session = await createSession({ trainingDay: "SUPERVISOR_1" });
    expect(await book(supervisor, session.id, [workers[0]!])).toEqual({
      ok: false,
      formError: `${workers[0]!.name} is a worker: Supervisor day 1 is for supervisors only.`,
    });
    await expectNothingWritten(session.id, [workers[0]!]);
    expect(await book(supervisor, session.id, [supervisor])).toMatchObject({ ok: true });
  });

  it("does not book the agency lead, who does not take the training", async () => {
    const { supervisor, lead } = await createTeam();
    const session = await createSession();
    expect(await book(supervisor, session.id, [lead])).toEqual({
      ok: false,
      formError: `${lead.name} is the agency lead; only supervisors and workers take the training.`,
    });
    await expectNothingWritten(session.id, [lead]);
  });

  it("books only the booker's own team: not another agency's staff, nor someone removed from the team", async () => {
    const { supervisor } = await createTeam();
    const other = await createTeam();
    const removed = await createPerson(supervisor.agencyId, "WORKER");
    await client.user.update({ where: { id: removed.id }, data: { deactivatedAt: NOW } });
    const session = await createSession();

    for (const person of [other.workers[0]!, removed]) {
      const result = await book(supervisor, session.id, [person]);
      expect(result).toEqual({ ok: false, formError: NOT_ON_STAFF_LIST });
      // The refusal does not reveal the other person's name.
      expect(JSON.stringify(result)).not.toContain(person.name);
    }
    await expectNothingWritten(session.id, [other.workers[0]!, removed]);
  });

  it("refuses a person who does not exist", async () => {
    const { supervisor } = await createTeam();
    const session = await createSession();
    expect(await book(supervisor, session.id, [{ id: randomUUID() }])).toEqual({
      ok: false,
      formError: "Someone you chose is no longer on your team's staff list. Reload the page and try again.",
    });
  });

  it("refuses an agency told it was selected and since moved to the reserve list", async () => {
    const agency = await createAgency("RESERVE");
    await client.agency.update({ where: { id: agency.id }, data: { decisionSentStage: "SELECTED" } });
    const supervisor = toCurrentUser(
      await client.user.create({
        data: {
          email: `supervisor.${unique()}@example.org`,
          name: `Supervisor ${unique()}`,
          role: "AGENCY_STAFF",
          agencyId: agency.id,
          agencyRole: "SUPERVISOR",
        },
      }),
    ) as AgencyStaffUser;
    const session = await createSession();
    expect(await book(supervisor, session.id, [supervisor])).toEqual({
      ok: false,
      formError: `${agency.teamName} has not been selected for the pilot, so it cannot book training.`,
    });
    expect(await client.booking.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("refuses a selected agency that has not been told yet: the decision is not sent", async () => {
    const agency = await createAgency("SELECTED", false);
    const supervisor = toCurrentUser(
      await client.user.create({
        data: {
          email: `supervisor.${unique()}@example.org`,
          name: `Supervisor ${unique()}`,
          role: "AGENCY_STAFF",
          agencyId: agency.id,
          agencyRole: "SUPERVISOR",
        },
      }),
    ) as AgencyStaffUser;
    const session = await createSession();
    expect(await book(supervisor, session.id, [supervisor])).toEqual({
      ok: false,
      formError: `${agency.teamName} has not been selected for the pilot, so it cannot book training.`,
    });
    expect(await client.booking.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it.each(["DRAFT", "SUBMITTED", "SHORTLISTED", "RESERVE", "NOT_SELECTED", "WITHDRAWN", "COMPLETED"] as const)(
    "refuses an agency at the stage %s: only selected agencies book",
    async (stage) => {
      const { agency, supervisor, workers } = await createTeam(stage);
      const session = await createSession();
      expect(await book(supervisor, session.id, workers)).toEqual({
        ok: false,
        formError: `${agency.teamName} has not been selected for the pilot, so it cannot book training.`,
      });
      await expectNothingWritten(session.id, workers);
      expect((await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage).toBe(stage);
    },
  );

  it.each(["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP"] as const)(
    "books for an agency at the stage %s",
    async (stage) => {
      const { supervisor, workers } = await createTeam(stage);
      expect(await book(supervisor, (await createSession()).id, workers)).toMatchObject({ ok: true });
    },
  );

  it("does not book a person twice for the same training day, and books them again once that booking is cancelled", async () => {
    const { supervisor, workers } = await createTeam();
    const [worker] = workers;
    const first = await createSession({ date: "2031-03-31" });
    const second = await createSession({ date: "2031-04-07" });
    expect(await book(supervisor, first.id, [worker!])).toMatchObject({ ok: true });

    expect(await book(supervisor, second.id, [worker!])).toEqual({
      ok: false,
      formError: `${worker!.name} is already booked for Worker day 1 on Monday, 31 March 2031. Cancel that booking first to move it.`,
    });
    await expectNothingWritten(second.id, [{ id: worker!.id, email: "nobody@example.org" }]);

    // Another training day on another date is fine.
    expect(
      await book(supervisor, (await createSession({ trainingDay: "WORKER_2", date: "2031-04-08" })).id, [worker!]),
    ).toMatchObject({ ok: true });

    await cancel(supervisor, (await bookingOf(first.id, worker!.id)).id);
    expect(await book(supervisor, second.id, [worker!])).toMatchObject({ ok: true });
  });

  it("does not book a person for a training day they are waiting for, or have attended", async () => {
    const { supervisor, workers } = await createTeam();
    const [waiting, attended] = workers;
    const full = await createSession({ capacity: 1, date: "2031-03-31" });
    await book(supervisor, full.id, [supervisor, waiting!]);
    expect((await bookingOf(full.id, waiting!.id)).status).toBe("WAITLISTED");
    const later = await createSession({ date: "2031-04-14" });
    expect(await book(supervisor, later.id, [waiting!])).toMatchObject({
      ok: false,
      formError: expect.stringContaining(`${waiting!.name} is already booked for Worker day 1`),
    });

    const past = await createSession({ date: "2031-03-03" });
    await client.booking.create({ data: { sessionId: past.id, userId: attended!.id, status: "ATTENDED" } });
    expect(await book(supervisor, later.id, [attended!])).toEqual({
      ok: false,
      formError: `${attended!.name} has already attended Worker day 1.`,
    });
  });

  it("books a person who was absent on a training day onto another session of it", async () => {
    const { supervisor, workers } = await createTeam();
    const past = await createSession({ date: "2031-03-03" });
    await client.booking.create({ data: { sessionId: past.id, userId: workers[0]!.id, status: "ABSENT" } });
    expect(await book(supervisor, (await createSession({ date: "2031-04-14" })).id, [workers[0]!])).toMatchObject({
      ok: true,
    });
  });

  it("does not book a person on two sessions on the same UK date, but does across midnight UK time", async () => {
    const { supervisor, workers } = await createTeam();
    const [worker] = workers;
    // 1 April 2031, 22:00–23:30 BST is 21:00–22:30 UTC.
    const evening = await createSession({ trainingDay: "WORKER_1", date: "2031-04-01", start: "22:00", end: "23:30" });
    expect(await book(supervisor, evening.id, [worker!])).toMatchObject({ ok: true });

    const sameDay = await createSession({ trainingDay: "WORKER_2", date: "2031-04-01", start: "09:00", end: "12:00" });
    expect(await book(supervisor, sameDay.id, [worker!])).toEqual({
      ok: false,
      formError: `${worker!.name} is already booked for Worker day 1 on Tuesday, 1 April 2031: one person cannot take two sessions on the same day.`,
    });

    // 00:30 BST on 2 April is still 1 April in UTC (23:30), but another day in the UK.
    const nextDay = await createSession({ trainingDay: "WORKER_2", date: "2031-04-02", start: "00:30", end: "03:00" });
    expect(nextDay.startsAt.toISOString()).toBe("2031-04-01T23:30:00.000Z");
    expect(await book(supervisor, nextDay.id, [worker!])).toMatchObject({ ok: true });
  });

  it("does not book a person already on this session or its waiting list", async () => {
    const { supervisor, workers } = await createTeam();
    const session = await createSession({ capacity: 1 });
    await book(supervisor, session.id, workers);
    expect(await book(supervisor, session.id, [workers[0]!])).toEqual({
      ok: false,
      formError: `${workers[0]!.name} is already booked on this session.`,
    });
    expect(await book(supervisor, session.id, [workers[1]!])).toEqual({
      ok: false,
      formError: `${workers[1]!.name} is already on the waiting list for this session.`,
    });
  });

  it("books only the training days the study has: fewer worker days, fewer supervisor days", async () => {
    const { supervisor, workers } = await createTeam();
    await client.study.update({ where: { id: 1 }, data: { workerTrainingDays: 2, supervisorExtraDays: 1 } });
    const day3 = await createSession({ trainingDay: "WORKER_3" });
    expect(await book(supervisor, day3.id, [workers[0]!])).toEqual({
      ok: false,
      formError: `${workers[0]!.name} does not need Worker day 3: the study's training has fewer days.`,
    });
    const supervisorDay2 = await createSession({ trainingDay: "SUPERVISOR_2" });
    expect(await book(supervisor, supervisorDay2.id, [supervisor])).toEqual({
      ok: false,
      formError: `${supervisor.name} does not need Supervisor day 2: the study's training has fewer days.`,
    });
    expect(
      await book(supervisor, (await createSession({ trainingDay: "SUPERVISOR_1" })).id, [supervisor]),
    ).toMatchObject({
      ok: true,
    });
  });

  it("refuses the whole request when one person cannot be booked, says why for each, and writes nothing", async () => {
    const { agency, supervisor, lead, workers } = await createTeam("SELECTED");
    const session = await createSession({ trainingDay: "SUPERVISOR_1" });
    const people = [supervisor, workers[0]!, lead, workers[1]!];

    const result = await book(supervisor, session.id, people);
    expect(result).toEqual({
      ok: false,
      formError:
        "Nobody has been booked: 3 of the people you chose cannot be booked on this session. Untick them, or choose another session for them, and try again.",
      fieldErrors: {
        // One message, listing each person's reason: the form shows one message per field.
        userIds: [
          [
            `${workers[0]!.name} is a worker: Supervisor day 1 is for supervisors only.`,
            `${lead.name} is the agency lead; only supervisors and workers take the training.`,
            `${workers[1]!.name} is a worker: Supervisor day 1 is for supervisors only.`,
          ].join(" "),
        ],
      },
    });
    await expectNothingWritten(session.id, people);
    expect((await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage).toBe("SELECTED");
    expect(await client.stageChange.count({ where: { agencyId: agency.id } })).toBe(0);
  });

  it("answers a researcher, an unknown session and malformed input without booking", async () => {
    const { supervisor, workers } = await createTeam();
    const researcher = await createResearcher();
    const session = await createSession();
    expect(await book(researcher, session.id, workers)).toEqual(BOOKING_SESSION_NOT_FOUND);
    expect(await book(supervisor, randomUUID(), workers)).toEqual(BOOKING_SESSION_NOT_FOUND);
    expect(await bookPeople(supervisor, { sessionId: session.id, userIds: [] }, NOW, client)).toEqual({
      ok: false,
      fieldErrors: { userIds: ["Choose at least one person to book."] },
    });
    expect(await bookPeople(supervisor, "junk", NOW, client)).toMatchObject({
      ok: false,
      formError: expect.any(String),
    });
    expect(await bookingsOf(session.id)).toEqual([]);
  });
});

describe("the waiting list", () => {
  it("puts people on the waiting list in order once a session is full, and tells them their place", async () => {
    const { supervisor, workers } = await createTeam("TRAINING", 5);
    const [a, b, c, d, e] = workers;
    const session = await createSession({ capacity: 2, date: "2031-03-31" });
    const label = "Worker day 1, Monday 31 March 2031, 09:30–16:30";

    expect(await book(supervisor, session.id, [a!, b!, c!, d!])).toEqual({
      ok: true,
      message: `Booked ${a!.name} and ${b!.name} on ${label}. ${c!.name} and ${d!.name} are numbers 1 and 2 on the waiting list. We have emailed each of them.`,
    });
    expect(await book(supervisor, session.id, [e!])).toEqual({
      ok: true,
      message: `${label} is full: ${e!.name} is number 3 on the waiting list. We have emailed them.`,
    });

    const rows = new Map((await bookingsOf(session.id)).map((row) => [row.userId, row]));
    expect(
      [a, b, c, d, e].map((person) => [rows.get(person!.id)!.status, rows.get(person!.id)!.waitlistPosition]),
    ).toEqual([
      ["BOOKED", null],
      ["BOOKED", null],
      ["WAITLISTED", 1],
      ["WAITLISTED", 2],
      ["WAITLISTED", 3],
    ]);

    const [waitEmail, ...others] = await emailsTo(d!);
    expect(others).toEqual([]);
    expect(waitEmail).toMatchObject({ kind: "booking-waitlisted", icsContent: null, icsMethod: null });
    expect(waitEmail!.subject).toBe("Waiting list: Worker day 1 on Monday 31 March 2031");
    expect(waitEmail!.text).toContain("You are number 2 on the waiting list.");
  });

  it("gives a freed place to the first person waiting, emails them an invitation, and moves the list up", async () => {
    const { supervisor, workers } = await createTeam("TRAINING", 5);
    const [a, b, c, d, e] = workers;
    const session = await createSession({ capacity: 2, date: "2031-03-31" });
    await book(supervisor, session.id, [a!, b!, c!, d!, e!]);
    const before = await bookingOf(session.id, a!.id);

    const result = await cancel(supervisor, before.id);
    expect(result).toEqual({
      ok: true,
      message: `Cancelled ${a!.name}'s booking on Worker day 1, Monday 31 March 2031, 09:30–16:30. We have emailed ${a!.name}. ${c!.name} was first on the waiting list and has the place; we have emailed them too.`,
    });

    const after = await bookingOf(session.id, a!.id);
    expect(after).toMatchObject({ status: "CANCELLED", cancelledAt: NOW, waitlistPosition: null });
    expect(after.icsSequence).toBe(before.icsSequence + 1);

    // The cancelled person's calendar drops the event: same UID, a higher SEQUENCE, METHOD:CANCEL.
    const [confirmed, cancelled] = await emailsTo(a!);
    const invitation = parseIcs(confirmed!.icsContent);
    expect(cancelled).toMatchObject({ kind: "booking-cancelled", icsMethod: "CANCEL" });
    const withdrawal = parseIcs(cancelled!.icsContent);
    expect(withdrawal).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: invitation.uid });
    expect(withdrawal.sequence).toBeGreaterThan(invitation.sequence);

    // C was first in line: booked, emailed an invitation.
    expect(await bookingOf(session.id, c!.id)).toMatchObject({ status: "BOOKED", waitlistPosition: null });
    const promotedEmail = (await emailsTo(c!)).at(-1)!;
    expect(promotedEmail).toMatchObject({ kind: "booking-promoted", icsMethod: "REQUEST" });
    expect(promotedEmail.subject).toBe(
      "A place has come free: you are now booked on Worker day 1 on Monday 31 March 2031",
    );
    expect(parseIcs(promotedEmail.icsContent)).toMatchObject({
      method: "REQUEST",
      status: "CONFIRMED",
      uid: eventUid(session.id, c!.id),
      start: "2031-03-31T08:30:00.000Z",
    });

    // D and E keep their order and move up.
    expect((await bookingOf(session.id, d!.id)).waitlistPosition).toBe(1);
    expect((await bookingOf(session.id, e!.id)).waitlistPosition).toBe(2);
    expect(await emailsTo(d!)).toHaveLength(1);

    const promotedAudit = await client.auditEvent.findMany({
      where: { action: "booking.promoted", entityId: (await bookingOf(session.id, c!.id)).id },
    });
    expect(promotedAudit).toHaveLength(1);
    expect(promotedAudit[0]!.actorId).toBe(supervisor.id);
    expect(await client.auditEvent.count({ where: { action: "booking.cancelled", entityId: before.id } })).toBe(1);
  });

  it("takes a person off the waiting list without promoting anyone, and closes up the list", async () => {
    const { supervisor, workers } = await createTeam("TRAINING", 4);
    const [a, b, c, d] = workers;
    const session = await createSession({ capacity: 1 });
    await book(supervisor, session.id, [a!, b!, c!, d!]);
    const waiting = await bookingOf(session.id, b!.id);

    expect(await cancel(supervisor, waiting.id)).toMatchObject({
      ok: true,
      message: expect.stringMatching(new RegExp(`^Cancelled ${b!.name}'s place on the waiting list on Worker day 1`)),
    });
    expect((await bookingOf(session.id, a!.id)).status).toBe("BOOKED");
    expect((await bookingOf(session.id, c!.id)).waitlistPosition).toBe(1);
    expect((await bookingOf(session.id, d!.id)).waitlistPosition).toBe(2);
    const taken = (await emailsTo(b!)).at(-1)!;
    expect(taken).toMatchObject({ kind: "booking-cancelled", icsContent: null });
    expect(taken.subject).toBe("Taken off the waiting list: Worker day 1 on Monday 31 March 2031");
    expect(
      await client.auditEvent.count({
        where: { action: "booking.promoted", after: { path: ["sessionId"], equals: session.id } },
      }),
    ).toBe(0);
  });

  it("puts a re-booked person at the end of the list, with a new invitation SEQUENCE", async () => {
    const { supervisor, workers } = await createTeam("TRAINING", 3);
    const [a, b, c] = workers;
    const session = await createSession({ capacity: 1 });
    await book(supervisor, session.id, [a!, b!]);
    await cancel(supervisor, (await bookingOf(session.id, a!.id)).id);
    // B has A's place; C and then A again queue behind.
    await book(supervisor, session.id, [c!]);
    expect(await book(supervisor, session.id, [a!])).toMatchObject({ ok: true });
    const rows = await bookingsOf(session.id);
    expect(rows).toHaveLength(3);
    expect((await bookingOf(session.id, a!.id)).waitlistPosition).toBe(2);

    await cancel(supervisor, (await bookingOf(session.id, b!.id)).id);
    await cancel(supervisor, (await bookingOf(session.id, c!.id)).id);
    expect((await bookingOf(session.id, a!.id)).status).toBe("BOOKED");
    const sequences = (await emailsTo(a!))
      .filter((email) => email.icsContent)
      .map((email) => parseIcs(email.icsContent).sequence);
    expect(sequences).toHaveLength(3); // booked, cancelled, promoted
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(new Set(sequences).size).toBe(3);
  });

  it("serves people already waiting before a new request when places have been added", async () => {
    const { supervisor, workers } = await createTeam("TRAINING", 3);
    const [a, b, c] = workers;
    const session = await createSession({ capacity: 1 });
    await book(supervisor, session.id, [a!, b!]);
    await client.trainingSession.update({ where: { id: session.id }, data: { capacity: 2 } });
    expect(await book(supervisor, session.id, [c!])).toMatchObject({
      ok: true,
      message: expect.stringContaining(`${c!.name} is number 1 on the waiting list.`),
    });
    expect((await bookingOf(session.id, b!.id)).status).toBe("BOOKED");
  });
});

describe("cancelling", () => {
  it("refuses another agency's staff as not found, and a worker in plain words; a researcher may cancel", async () => {
    const { supervisor, workers } = await createTeam();
    const other = await createTeam();
    const session = await createSession();
    await book(supervisor, session.id, [workers[0]!]);
    const booking = await bookingOf(session.id, workers[0]!.id);

    expect(await cancel(other.supervisor, booking.id)).toEqual(BOOKING_NOT_FOUND);
    expect(await cancel(other.lead, booking.id)).toEqual(BOOKING_NOT_FOUND);
    expect(await cancel(supervisor, randomUUID())).toEqual(BOOKING_NOT_FOUND);
    expect(await cancel(workers[0]!, booking.id)).toEqual({
      ok: false,
      formError:
        "Only supervisors and the agency lead can cancel training bookings. Ask your supervisor to cancel it for you.",
    });
    expect((await bookingOf(session.id, workers[0]!.id)).status).toBe("BOOKED");

    expect(await cancel(await createResearcher(), booking.id)).toMatchObject({ ok: true });
    expect((await bookingOf(session.id, workers[0]!.id)).status).toBe("CANCELLED");
    expect(await cancel(supervisor, booking.id)).toEqual({
      ok: false,
      formError: `${workers[0]!.name}'s booking on Worker day 1, Monday 31 March 2031, 09:30–16:30 is already cancelled.`,
    });
  });

  it("does not cancel once the session has started or attendance is marked", async () => {
    const { supervisor, workers } = await createTeam();
    const session = await createSession({ date: "2031-03-31" });
    await book(supervisor, session.id, workers);
    const [first, second] = await Promise.all(workers.map((worker) => bookingOf(session.id, worker.id)));
    expect(await cancel(supervisor, first!.id, uk("2031-03-31", "10:00"))).toMatchObject({
      ok: false,
      formError: expect.stringContaining("has already started"),
    });
    await client.booking.update({ where: { id: second!.id }, data: { status: "ATTENDED" } });
    expect(await cancel(supervisor, second!.id)).toMatchObject({
      ok: false,
      formError: expect.stringContaining(
        "attendance on Worker day 1, Monday 31 March 2031, 09:30–16:30 has been marked",
      ),
    });
  });
});

describe("the agency's stage", () => {
  it("moves a selected agency to training on its first booking only", async () => {
    const { agency, supervisor, workers } = await createTeam("SELECTED");
    await book(supervisor, (await createSession({ date: "2031-03-31" })).id, [workers[0]!]);
    await book(supervisor, (await createSession({ date: "2031-04-01" })).id, [workers[1]!]);

    expect((await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage).toBe("TRAINING");
    const changes = await client.stageChange.findMany({ where: { agencyId: agency.id } });
    expect(changes).toEqual([
      expect.objectContaining({
        fromStage: "SELECTED",
        toStage: "TRAINING",
        byId: supervisor.id,
        at: NOW,
        reason: `First training booking made by ${supervisor.name}`,
      }),
    ]);
    const audit = await client.auditEvent.findMany({ where: { action: "agency.stage_changed", entityId: agency.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ stage: "TRAINING" });
  });

  it("moves the agency once when its first two bookings are made at the same moment", async () => {
    const { agency, supervisor, lead, workers } = await createTeam("SELECTED");
    const [first, second] = await Promise.all([
      book(supervisor, (await createSession({ date: "2031-05-05" })).id, [workers[0]!]),
      book(lead, (await createSession({ date: "2031-05-06" })).id, [workers[1]!]),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(await client.stageChange.count({ where: { agencyId: agency.id } })).toBe(1);
  });

  it("leaves an agency already training where it is", async () => {
    const { agency, supervisor, workers } = await createTeam("RECRUITING");
    await book(supervisor, (await createSession()).id, workers);
    expect((await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage).toBe("RECRUITING");
    expect(await client.stageChange.count({ where: { agencyId: agency.id } })).toBe(0);
  });
});

describe("one person booked twice at the same moment", () => {
  it("books them on only one of two sessions on the same date", async () => {
    const { supervisor, lead, workers } = await createTeam();
    const morning = await createSession({ trainingDay: "WORKER_1", date: "2031-06-02", start: "09:00", end: "12:00" });
    const afternoon = await createSession({
      trainingDay: "WORKER_2",
      date: "2031-06-02",
      start: "13:00",
      end: "16:00",
    });
    const results = await Promise.all([
      book(supervisor, morning.id, [workers[0]!]),
      book(lead, afternoon.id, [workers[0]!]),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      formError: expect.stringContaining("one person cannot take two sessions on the same day"),
    });
    const live = await client.booking.count({
      where: { userId: workers[0]!.id, status: { in: ["BOOKED", "WAITLISTED"] as BookingStatus[] } },
    });
    expect(live).toBe(1);
  });
});
