// Training reminders against a real database: one email to each person still booked on a session
// starting within two days, and one to each supervisor of their team; never twice (a second run,
// or two processes running at once, send nothing more); nothing for people waiting, cancelled
// bookings, cancelled sessions, sessions further off or already started. queueTrainingReminders
// looks at every booking in the database, so this file runs in a database of its own.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AgencyRole, BookingStatus, SessionStatus } from "@/lib/generated/prisma/enums";
import { toCurrentUser } from "@/lib/auth/user";
import { ownDatabase } from "@/test/own-database";
import { queueTrainingReminders } from "./reminders";
import { updateSession } from "./sessions";

const database = ownDatabase("cp_training_reminders");
const { client } = database;
// A second client stands for a second server process.
const other = database.connect();

const unique = () => randomUUID().slice(0, 8);
const HOUR = 3_600_000;

async function createAgency() {
  return client.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "TRAINING" },
  });
}

async function createPerson(agencyId: string, agencyRole: AgencyRole, deactivated = false) {
  return client.user.create({
    data: {
      email: `${agencyRole.toLowerCase()}.${unique()}@example.org`,
      name: `${agencyRole} ${unique()}`,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole,
      deactivatedAt: deactivated ? new Date("2020-01-01T00:00:00Z") : null,
    },
  });
}

async function createSession(startsAt: Date, status: SessionStatus = "SCHEDULED") {
  return client.trainingSession.create({
    data: {
      trainingDay: "WORKER_1",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * HOUR),
      venue: "Quayside Centre",
      address: "1 Quay Street, Newcastle",
      trainer: "Dr Ada Lovelace",
      capacity: 10,
      notes: "Bring lunch",
      status,
    },
  });
}

const createBooking = (sessionId: string, userId: string, status: BookingStatus = "BOOKED") =>
  client.booking.create({
    data: { sessionId, userId, status, waitlistPosition: status === "WAITLISTED" ? 1 : null },
  });

const reminders = () =>
  client.outboxEmail.findMany({ where: { kind: "training-reminder" }, orderBy: [{ to: "asc" }, { subject: "asc" }] });

describe("training reminders", () => {
  it("reach each person still booked within two days and their supervisors, once", async () => {
    const now = new Date("2091-06-02T12:00:00Z");
    const agency = await createAgency();
    const [worker, supervisor, secondSupervisor, formerSupervisor, lead] = [
      await createPerson(agency.id, "WORKER"),
      await createPerson(agency.id, "SUPERVISOR"),
      await createPerson(agency.id, "SUPERVISOR"),
      await createPerson(agency.id, "SUPERVISOR", true),
      await createPerson(agency.id, "LEAD"),
    ];
    // Another team's supervisor hears nothing about this team.
    const elsewhere = await createAgency();
    const otherSupervisor = await createPerson(elsewhere.id, "SUPERVISOR");

    const soon = await createSession(new Date(now.getTime() + 20 * HOUR));
    const workerBooking = await createBooking(soon.id, worker.id);
    const supervisorBooking = await createBooking(soon.id, supervisor.id);

    // Not reminded: further off than two days, waiting, cancelled, on a cancelled session, started.
    const later = await createSession(new Date(now.getTime() + 49 * HOUR));
    const waitingPerson = await createPerson(agency.id, "WORKER");
    const cancelledPerson = await createPerson(agency.id, "WORKER");
    const cancelledSession = await createSession(new Date(now.getTime() + 20 * HOUR), "CANCELLED");
    const started = await createSession(new Date(now.getTime() - HOUR));
    const notDue = [
      await createBooking(later.id, worker.id),
      await createBooking(soon.id, waitingPerson.id, "WAITLISTED"),
      await createBooking(soon.id, cancelledPerson.id, "CANCELLED"),
      await createBooking(cancelledSession.id, lead.id, "CANCELLED"),
      await createBooking(started.id, secondSupervisor.id),
    ];

    expect(await queueTrainingReminders(now, client)).toBe(2);

    const sent = await reminders();
    const byBooking = (bookingId: string) =>
      sent
        .filter((email) => email.dedupeKey?.startsWith(`training-reminder:${bookingId}:`))
        .map((email) => email.to)
        .toSorted();
    // The worker and both active supervisors about the worker; the supervisor once about themselves.
    expect(byBooking(workerBooking.id)).toEqual([worker.email, supervisor.email, secondSupervisor.email].toSorted());
    expect(byBooking(supervisorBooking.id)).toEqual([supervisor.email, secondSupervisor.email].toSorted());
    expect(sent).toHaveLength(5);
    expect(sent.map((email) => email.to)).not.toContain(formerSupervisor.email);
    expect(sent.map((email) => email.to)).not.toContain(otherSupervisor.email);

    const toWorker = sent.find((email) => email.to === worker.email)!;
    expect(toWorker.subject).toBe("Reminder: Worker day 1 training on Sunday, 3 June 2091 at 09:00");
    expect(toWorker.text).toContain("When: Sunday, 3 June 2091 at 09:00 to 16:00 (UK time)");
    expect(toWorker.text).toContain("Where: Quayside Centre, 1 Quay Street, Newcastle");
    const toSupervisor = sent.find(
      (email) => email.to === secondSupervisor.email && email.dedupeKey?.includes(workerBooking.id),
    )!;
    expect(toSupervisor.subject).toBe(
      `Reminder: ${worker.name} has Worker day 1 training on Sunday, 3 June 2091 at 09:00`,
    );

    const marked = await client.booking.findMany({ where: { id: { in: [workerBooking.id, supervisorBooking.id] } } });
    expect(marked.map((booking) => booking.reminderSentAt)).toEqual([now, now]);
    const untouched = await client.booking.findMany({ where: { id: { in: notDue.map((booking) => booking.id) } } });
    expect(untouched.map((booking) => booking.reminderSentAt)).toEqual(notDue.map(() => null));

    // A second run, a few minutes later, sends nothing more.
    expect(await queueTrainingReminders(new Date(now.getTime() + 5 * 60_000), client)).toBe(0);
    expect(await reminders()).toHaveLength(5);

    // The later session comes within two days the next day: the worker (still booked) is reminded.
    expect(await queueTrainingReminders(new Date(now.getTime() + 24 * HOUR), client)).toBe(1);
    expect((await reminders()).filter((email) => email.dedupeKey?.includes(notDue[0]!.id))).toHaveLength(3);
  });

  it("are sent again when a researcher moves the session to another day after the first reminder", async () => {
    const now = new Date("2091-11-05T12:00:00Z");
    const agency = await createAgency();
    const worker = await createPerson(agency.id, "WORKER");
    const session = await createSession(new Date(now.getTime() + 30 * HOUR));
    const booking = await createBooking(session.id, worker.id);
    expect(await queueTrainingReminders(now, client)).toBe(1);

    const researcher = toCurrentUser(
      await client.user.create({
        data: { email: `researcher.${unique()}@example.org`, name: "Researcher", role: "RESEARCHER" },
      }),
    )!;
    // Moved three days later (09:00 UK, in winter: 09:00Z).
    const moved = await updateSession(
      researcher,
      {
        sessionId: session.id,
        trainingDay: "WORKER_1",
        date: "2091-11-09",
        startTime: "09:00",
        endTime: "16:00",
        venue: "Quayside Centre",
        address: "1 Quay Street, Newcastle",
        onlineUrl: "",
        trainer: "Dr Ada Lovelace",
        capacity: 10,
        notes: "Bring lunch",
      },
      now,
      client,
    );
    expect(moved).toMatchObject({ ok: true });
    expect(await client.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      reminderSentAt: null,
    });

    // Not yet: the new date is more than two days off. Two days before it, the reminder goes again.
    expect(await queueTrainingReminders(now, client)).toBe(0);
    expect(await queueTrainingReminders(new Date("2091-11-07T10:00:00Z"), client)).toBe(1);
    const toWorker = (await reminders()).filter((email) => email.to === worker.email);
    expect(toWorker.map((email) => email.subject)).toEqual(
      [
        "Reminder: Worker day 1 training on Tuesday, 6 November 2091 at 18:00",
        "Reminder: Worker day 1 training on Friday, 9 November 2091 at 09:00",
      ].toSorted(),
    );
  });

  it("are queued once when two processes run at the same moment", async () => {
    const now = new Date("2091-09-10T08:00:00Z");
    const agency = await createAgency();
    const supervisor = await createPerson(agency.id, "SUPERVISOR");
    const session = await createSession(new Date(now.getTime() + 40 * HOUR));
    const workers = await client.user.createManyAndReturn({
      data: Array.from({ length: 150 }, (_, index) => ({
        email: `worker.${index}.${unique()}@example.org`,
        name: `Worker ${index + 1}`,
        role: "AGENCY_STAFF" as const,
        agencyId: agency.id,
        agencyRole: "WORKER" as const,
      })),
    });
    await client.booking.createMany({
      data: workers.map((worker) => ({ sessionId: session.id, userId: worker.id, status: "BOOKED" as const })),
    });

    const counts = await Promise.all([queueTrainingReminders(now, client), queueTrainingReminders(now, other)]);
    expect(counts[0]! + counts[1]!).toBe(150);

    const emails = await client.outboxEmail.findMany({
      where: { kind: "training-reminder", to: { in: [supervisor.email, ...workers.map((worker) => worker.email)] } },
    });
    // One to each worker and one to the supervisor about each worker.
    expect(emails).toHaveLength(300);
    expect(new Set(emails.map((email) => email.dedupeKey)).size).toBe(300);
    expect(emails.filter((email) => email.to === supervisor.email)).toHaveLength(150);
    expect(await client.booking.count({ where: { sessionId: session.id, reminderSentAt: null } })).toBe(0);
  });
});
