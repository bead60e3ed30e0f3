// Many supervisors booking the last places of one session at the same moment, against a real
// database and the app's own connection pool: never over capacity, nobody refused, and the waiting
// list in the order the requests were served. The database is shared with other test files, so
// everything here is this file's own: its agencies, people and sessions.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toCurrentUser, type AgencyStaffUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { AgencyRole, AgencyStage } from "@/lib/generated/prisma/enums";
import { bookPeople, cancelBooking } from "./booking";

const NOW = new Date("2031-01-06T09:00:00Z");
const unique = () => randomUUID().slice(0, 8);

async function createPeople(agencyId: string, agencyRole: AgencyRole, count: number) {
  const rows = await db.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, index) => ({
      email: `${agencyRole.toLowerCase()}.${index}.${unique()}@example.org`,
      name: `${agencyRole === "WORKER" ? "Worker" : "Supervisor"} ${index + 1} ${unique()}`,
      role: "AGENCY_STAFF" as const,
      agencyId,
      agencyRole,
    })),
  });
  return rows.map((row) => toCurrentUser(row) as AgencyStaffUser);
}

/** `agencies` agencies at `stage`, each with a supervisor and `workers` workers. */
async function createTeams(agencies: number, workers: number, stage: AgencyStage) {
  const teams = [];
  for (let index = 0; index < agencies; index++) {
    const agency = await db.agency.create({
      // Told it is selected: a decision not yet sent does not let an agency book.
      data: {
        organisation: `Organisation ${unique()}`,
        teamName: `Team ${unique()}`,
        stage,
        decisionSentStage: "SELECTED",
      },
    });
    const [supervisor] = await createPeople(agency.id, "SUPERVISOR", 1);
    teams.push({ agency, supervisor: supervisor!, workers: await createPeople(agency.id, "WORKER", workers) });
  }
  return teams;
}

function createSession(capacity: number, startsAt: string, endsAt: string) {
  return db.trainingSession.create({
    data: {
      trainingDay: "WORKER_2",
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      onlineUrl: "https://meet.example.org/cp-training",
      trainer: "Dr Ada Lovelace",
      capacity,
    },
  });
}

/** The people booked on a session, in the order their bookings were written: audit ids come from a
 * sequence, taken while the request held the session's lock. */
async function servedOrder(sessionId: string) {
  const entries = await db.auditEvent.findMany({
    where: { action: "booking.created", after: { path: ["sessionId"], equals: sessionId } },
    orderBy: { id: "asc" },
  });
  return entries.map((entry) => (entry.after as { userId: string }).userId);
}

describe("simultaneous bookings of one session", () => {
  it("books exactly 20 of 200 simultaneous requests and waits-lists the other 180 in the order they were served", async () => {
    const teams = await createTeams(10, 20, "SELECTED");
    const session = await createSession(20, "2031-09-01T08:30:00Z", "2031-09-01T15:30:00Z");
    // Interleaved across agencies: the session is the one thing every request contends for.
    const requests = Array.from({ length: 200 }, (_, index) => {
      const team = teams[index % 10]!;
      return { actor: team.supervisor, person: team.workers[Math.floor(index / 10)]! };
    });

    const results = await Promise.all(
      requests.map(({ actor, person }) => bookPeople(actor, { sessionId: session.id, userIds: [person.id] }, NOW)),
    );

    expect(results.filter((result) => !result.ok)).toEqual([]);
    const bookings = await db.booking.findMany({ where: { sessionId: session.id } });
    expect(bookings).toHaveLength(200);
    const byUser = new Map(bookings.map((booking) => [booking.userId, booking]));
    expect(bookings.filter((booking) => booking.status === "BOOKED")).toHaveLength(20);
    expect(bookings.filter((booking) => booking.status === "WAITLISTED")).toHaveLength(180);

    // Served first, booked first; then the waiting list numbered 1..180 in the order served.
    const order = await servedOrder(session.id);
    expect(order).toHaveLength(200);
    expect(order.map((userId) => byUser.get(userId)!.waitlistPosition)).toEqual([
      ...Array<null>(20).fill(null),
      ...Array.from({ length: 180 }, (_, index) => index + 1),
    ]);

    // Each supervisor was told what happened to their request.
    requests.forEach(({ person }, index) => {
      const booking = byUser.get(person.id)!;
      const message = (results[index] as { message: string }).message;
      expect(message).toContain(
        booking.status === "BOOKED"
          ? `Booked ${person.name} on `
          : `${person.name} is number ${booking.waitlistPosition} on the waiting list.`,
      );
    });

    // And each person by email: an invitation for a place, their number for the waiting list.
    const emails = await db.outboxEmail.findMany({ where: { to: { in: requests.map(({ person }) => person.email) } } });
    expect(emails.filter((email) => email.kind === "booking-confirmed" && email.icsMethod === "REQUEST")).toHaveLength(
      20,
    );
    expect(emails.filter((email) => email.kind === "booking-waitlisted" && email.icsContent === null)).toHaveLength(
      180,
    );

    // Every agency moved to training once, however many of its requests raced.
    for (const { agency } of teams) {
      expect((await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage).toBe("TRAINING");
      expect(await db.stageChange.count({ where: { agencyId: agency.id } })).toBe(1);
    }
  }, 300_000);

  it("gives places freed at the same moment to those already waiting, never to newcomers", async () => {
    const teams = await createTeams(5, 8, "TRAINING");
    const everyone = teams.flatMap((team) => team.workers.map((person) => ({ actor: team.supervisor, person })));
    const [booked, waiting, newcomers] = [everyone.slice(0, 20), everyone.slice(20, 30), everyone.slice(30, 40)];
    const session = await createSession(20, "2031-09-08T08:30:00Z", "2031-09-08T15:30:00Z");
    for (const { actor, person } of [...booked, ...waiting]) {
      expect(await bookPeople(actor, { sessionId: session.id, userIds: [person.id] }, NOW)).toMatchObject({ ok: true });
    }
    const bookingIds = await Promise.all(
      booked.slice(0, 10).map(async ({ person }) => {
        const booking = await db.booking.findUniqueOrThrow({
          where: { sessionId_userId: { sessionId: session.id, userId: person.id } },
        });
        return booking.id;
      }),
    );

    const results = await Promise.all([
      ...bookingIds.map((bookingId, index) => cancelBooking(booked[index]!.actor, { bookingId }, NOW)),
      ...newcomers.map(({ actor, person }) => bookPeople(actor, { sessionId: session.id, userIds: [person.id] }, NOW)),
    ]);
    expect(results.filter((result) => !result.ok)).toEqual([]);

    const bookings = await db.booking.findMany({ where: { sessionId: session.id } });
    const status = new Map(bookings.map((booking) => [booking.userId, booking]));
    expect(bookings.filter((booking) => booking.status === "BOOKED")).toHaveLength(20);
    expect(waiting.every(({ person }) => status.get(person.id)!.status === "BOOKED")).toBe(true);
    expect(newcomers.every(({ person }) => status.get(person.id)!.status === "WAITLISTED")).toBe(true);
    expect(newcomers.map(({ person }) => status.get(person.id)!.waitlistPosition).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 10 }, (_, index) => index + 1),
    );
  }, 300_000);
});
