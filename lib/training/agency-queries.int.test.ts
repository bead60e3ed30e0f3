// What an agency's own people read about training, against a real database: the team's progress
// and bookings, the sessions open for booking with who could be booked and why not, and a person's
// own training. The database is shared with other tests (the Study row keeps its defaults there:
// 3 worker days, 2 supervisor days), so every test makes its own agencies, people and sessions and
// looks only at those; sessions other tests made may be open too, and are ignored by id.
import { describe, expect, it } from "vitest";
import { createStaff, unique } from "@/lib/accounts/test-helpers";
import type { AgencyStaffUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { AgencyRole, AgencyStage, BookingStatus, TrainingDay } from "@/lib/generated/prisma/client";
import { getAgencyTraining, getOwnCalendarEntries, getOwnTraining, openSessionsFor } from "./agency-queries";

const NOW = new Date("2031-06-10T09:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

async function createAgency(stage: AgencyStage = "SELECTED", told: boolean = true) {
  return db.agency.create({
    data: {
      organisation: `Organisation ${unique()}`,
      teamName: `Team ${unique()}`,
      stage,
      // The decision the agency was told, as the selection pages send it.
      decisionSentStage: told && ["SELECTED", "RESERVE", "NOT_SELECTED"].includes(stage) ? stage : null,
      reserveRank: stage === "RESERVE" ? 1 : null,
    },
  });
}

/** A session starting `days` after NOW at that UK hour's UTC equivalent (June: BST, so 09:00 UTC is 10:00 in the UK). */
async function createSession(
  trainingDay: TrainingDay,
  days: number,
  { capacity = 20, status = "SCHEDULED" as "SCHEDULED" | "CANCELLED" } = {},
) {
  const startsAt = new Date(NOW.getTime() + days * DAY);
  return db.trainingSession.create({
    data: {
      trainingDay,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 60 * 60 * 1000),
      venue: `Venue ${unique()}`,
      address: "1 Quay Street, Newcastle",
      trainer: `Trainer ${unique()}`,
      capacity,
      status,
    },
  });
}

async function book(sessionId: string, userId: string, status: BookingStatus, waitlistPosition: number | null = null) {
  return db.booking.create({ data: { sessionId, userId, status, waitlistPosition } });
}

async function staff(agencyId: string, agencyRole: AgencyRole, name: string) {
  return (await createStaff(agencyId, agencyRole, name)) as AgencyStaffUser;
}

/** A selected agency with a lead, a supervisor, two workers and a removed worker. */
async function createTeam(stage: AgencyStage = "SELECTED", told = true) {
  const agency = await createAgency(stage, told);
  const lead = await staff(agency.id, "LEAD", `Lead ${unique()}`);
  const supervisor = await staff(agency.id, "SUPERVISOR", `Supervisor ${unique()}`);
  const ada = await staff(agency.id, "WORKER", `Ada ${unique()}`);
  const ben = await staff(agency.id, "WORKER", `Ben ${unique()}`);
  const removed = await staff(agency.id, "WORKER", `Removed ${unique()}`);
  await db.user.update({ where: { id: removed.id }, data: { deactivatedAt: NOW } });
  return { agency, lead, supervisor, ada, ben, removed };
}

describe("the team's training", () => {
  it("lists the active supervisors and workers with their required days, states, bookings and completion", async () => {
    const team = await createTeam("TRAINING");
    const other = await createTeam("TRAINING");
    const past = await Promise.all([
      createSession("WORKER_1", -30),
      createSession("WORKER_2", -20),
      createSession("WORKER_3", -10),
    ]);
    for (const session of past) await book(session.id, team.ben.id, "ATTENDED");
    await book(past[0]!.id, team.ada.id, "ABSENT");
    const upcoming = await createSession("WORKER_1", 5);
    const booking = await book(upcoming.id, team.ada.id, "BOOKED");
    // Cancelled bookings, and bookings on a session the study team cancelled, are not plans any more.
    const dropped = await createSession("WORKER_2", 6);
    await book(dropped.id, team.ada.id, "CANCELLED");
    const called = await createSession("WORKER_3", 7, { status: "CANCELLED" });
    await book(called.id, team.ada.id, "BOOKED");
    // Another agency's people on the same session never appear.
    await book(upcoming.id, other.ada.id, "BOOKED");

    const training = await getAgencyTraining(team.supervisor, { now: NOW });
    expect(training).not.toBeNull();
    expect(training!.agency).toMatchObject({ id: team.agency.id, stage: "TRAINING", mayBook: true });
    expect(training!.canBookForTeam).toBe(true);
    expect(training!.trainees.map((trainee) => trainee.name)).toEqual([
      team.supervisor.name,
      team.ada.name,
      team.ben.name,
    ]);
    expect(training!.completedCount).toBe(1);
    expect(training!.traineeCount).toBe(3);

    const [supervisor, ada, ben] = training!.trainees;
    expect(supervisor).toMatchObject({
      isYou: true,
      agencyRole: "SUPERVISOR",
      required: ["WORKER_1", "WORKER_2", "WORKER_3", "SUPERVISOR_1", "SUPERVISOR_2"],
      completed: false,
      bookings: [],
    });
    expect(supervisor!.days.every((day) => day.state === "missing")).toBe(true);
    expect(ada!.days.map((day) => day.state)).toEqual(["booked", "missing", "missing"]);
    // The absence on a past session stays on the record, and cannot be cancelled; soonest first.
    expect(ada!.bookings[1]).toMatchObject({
      bookingId: booking.id,
      sessionId: upcoming.id,
      trainingDay: "WORKER_1",
      status: "BOOKED",
      cancellable: true,
      waitlistPlace: null,
      venue: upcoming.venue,
      trainer: upcoming.trainer,
      sessionCancelled: false,
    });
    expect(ada!.bookings.map((entry) => [entry.trainingDay, entry.status, entry.cancellable])).toEqual([
      ["WORKER_1", "ABSENT", false],
      ["WORKER_1", "BOOKED", true],
    ]);
    expect(ben).toMatchObject({ completed: true, required: ["WORKER_1", "WORKER_2", "WORKER_3"] });
    expect(ben!.days.map((day) => day.state)).toEqual(["attended", "attended", "attended"]);

    const everyone = JSON.stringify(training);
    for (const outsider of [other.ada, other.supervisor, team.removed, team.lead]) {
      expect(everyone).not.toContain(outsider.id);
    }
  });

  it("shows where a waitlisted person stands on the session's waiting list, counting other agencies", async () => {
    const team = await createTeam();
    const other = await createTeam();
    const session = await createSession("WORKER_2", 9, { capacity: 1 });
    await book(session.id, other.ada.id, "BOOKED");
    await book(session.id, other.ben.id, "WAITLISTED", 4);
    await book(session.id, team.ada.id, "WAITLISTED", 7);

    const training = await getAgencyTraining(team.lead, { now: NOW });
    const ada = training!.trainees.find((trainee) => trainee.id === team.ada.id)!;
    expect(ada.bookings).toEqual([
      expect.objectContaining({ sessionId: session.id, status: "WAITLISTED", waitlistPlace: 2, cancellable: true }),
    ]);
    expect(ada.days[1]).toMatchObject({ day: "WORKER_2", state: "waitlisted" });

    const open = (await openSessionsFor(team.lead, { now: NOW })).find((entry) => entry.sessionId === session.id);
    expect(open).toMatchObject({ capacity: 1, booked: 1, waiting: 2, placesLeft: 0, full: true });
  });

  it("tells an agency that has not been selected (or not been told yet) that it cannot book", async () => {
    for (const [stage, told, shown] of [
      ["SHORTLISTED", true, "SHORTLISTED"],
      ["SELECTED", false, "UNDER_REVIEW"],
      ["RESERVE", true, "RESERVE"],
    ] as const) {
      const team = await createTeam(stage, told);
      const training = await getAgencyTraining(team.supervisor, { now: NOW });
      expect(training!.agency).toMatchObject({ stage: shown, mayBook: false });
      expect(training!.canBookForTeam).toBe(false);
      expect(await getOwnTraining(team.ada, { now: NOW })).toMatchObject({ stage: shown, mayBook: false });
      await createSession("WORKER_1", 3);
      expect(await openSessionsFor(team.supervisor, { now: NOW })).toEqual([]);
    }
  });
});

describe("sessions open for booking", () => {
  it("offers each colleague who could be booked, and says why the others cannot", async () => {
    const team = await createTeam("SELECTED");
    const other = await createTeam("SELECTED");
    const worker1 = await createSession("WORKER_1", 14);
    const supervisorDay = await createSession("SUPERVISOR_1", 15);
    const sameDate = await createSession("WORKER_2", 14, { capacity: 3 });
    const started = await createSession("WORKER_3", -1);
    const cancelled = await createSession("WORKER_3", 16, { status: "CANCELLED" });
    await book(worker1.id, team.ada.id, "BOOKED");
    await book(worker1.id, other.ben.id, "BOOKED");
    await book(worker1.id, other.ada.id, "CANCELLED");

    const sessions = await openSessionsFor(team.supervisor, { now: NOW });
    const ids = sessions.map((session) => session.sessionId);
    expect(ids).toEqual(expect.arrayContaining([worker1.id, supervisorDay.id, sameDate.id]));
    expect(ids).not.toContain(started.id);
    expect(ids).not.toContain(cancelled.id);
    // Soonest first.
    const starts = sessions.map((session) => session.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    const byId = new Map(sessions.map((session) => [session.sessionId, session]));
    const w1 = byId.get(worker1.id)!;
    // Places count every agency's live bookings, but only this team's people are named.
    expect(w1).toMatchObject({ capacity: 20, booked: 2, waiting: 0, placesLeft: 18, full: false });
    expect(w1.candidates.map((candidate) => [candidate.name, candidate.problem])).toEqual([
      [team.supervisor.name, null],
      [team.ben.name, null],
      [team.ada.name, `${team.ada.name} is already booked on this session.`],
    ]);
    expect(w1.candidates.find((candidate) => candidate.userId === team.supervisor.id)?.isYou).toBe(true);

    const sup = byId.get(supervisorDay.id)!;
    expect(sup.candidates.map((candidate) => [candidate.name, candidate.problem])).toEqual([
      [team.supervisor.name, null],
      [team.ada.name, `${team.ada.name} is a worker: Supervisor day 1 is for supervisors only.`],
      [team.ben.name, `${team.ben.name} is a worker: Supervisor day 1 is for supervisors only.`],
    ]);

    const clash = byId.get(sameDate.id)!;
    expect(clash.candidates.find((candidate) => candidate.userId === team.ada.id)?.problem).toMatch(
      /already booked for Worker day 1 on .*: one person cannot take two sessions on the same day\./,
    );

    const json = JSON.stringify(sessions);
    for (const outsider of [other.ada, other.ben, other.supervisor, other.lead, team.lead, team.removed]) {
      expect(json).not.toContain(outsider.id);
      expect(json).not.toContain(outsider.name);
    }
  });

  it("says a person already booked for the training day elsewhere, or who attended it, cannot be booked again", async () => {
    const team = await createTeam("TRAINING");
    const attended = await createSession("WORKER_1", -5);
    await book(attended.id, team.ben.id, "ATTENDED");
    const first = await createSession("WORKER_1", 20);
    await book(first.id, team.ada.id, "WAITLISTED", 1);
    const second = await createSession("WORKER_1", 21);

    const sessions = await openSessionsFor(team.lead, { now: NOW });
    const candidates = sessions.find((session) => session.sessionId === second.id)!.candidates;
    expect(candidates.find((candidate) => candidate.userId === team.ben.id)?.problem).toBe(
      `${team.ben.name} has already attended Worker day 1.`,
    );
    expect(candidates.find((candidate) => candidate.userId === team.ada.id)?.problem).toMatch(
      new RegExp(`^${team.ada.name} is already booked for Worker day 1 on .*Cancel that booking first to move it\\.$`),
    );
    expect(
      sessions.find((session) => session.sessionId === first.id)!.candidates.find((c) => c.userId === team.ada.id)
        ?.problem,
    ).toBe(`${team.ada.name} is already on the waiting list for this session.`);
  });

  it("offers nothing to a worker, who does not book", async () => {
    const team = await createTeam("TRAINING");
    await createSession("WORKER_1", 4);
    expect(await openSessionsFor(team.ada, { now: NOW })).toEqual([]);
    const training = await getAgencyTraining(team.ada, { now: NOW });
    expect(training!.canBookForTeam).toBe(false);
  });
});

describe("one's own training", () => {
  it("shows a worker only their own days and bookings", async () => {
    const team = await createTeam("TRAINING");
    const other = await createTeam("TRAINING");
    const session = await createSession("WORKER_2", 8);
    const own = await book(session.id, team.ada.id, "BOOKED");
    await book(session.id, team.ben.id, "BOOKED");
    await book(session.id, other.ada.id, "BOOKED");
    const past = await createSession("WORKER_1", -3);
    await book(past.id, team.ada.id, "ATTENDED");

    const mine = await getOwnTraining(team.ada, { now: NOW });
    expect(mine).toMatchObject({
      name: team.ada.name,
      agencyRole: "WORKER",
      teamName: team.agency.teamName,
      stage: "TRAINING",
      mayBook: true,
      required: ["WORKER_1", "WORKER_2", "WORKER_3"],
      completed: false,
    });
    expect(mine!.days.map((day) => day.state)).toEqual(["attended", "booked", "missing"]);
    expect(mine!.bookings.map((booking) => [booking.bookingId, booking.status])).toEqual([
      [expect.any(String), "ATTENDED"],
      [own.id, "BOOKED"],
    ]);
    const json = JSON.stringify(mine);
    expect(json).not.toContain(team.ben.id);
    expect(json).not.toContain(other.ada.id);
  });

  it("shows a lead that they need no training days", async () => {
    const team = await createTeam("TRAINING");
    const mine = await getOwnTraining(team.lead, { now: NOW });
    expect(mine).toMatchObject({ agencyRole: "LEAD", required: [], days: [], completed: false, bookings: [] });
  });

  it("counts a supervisor complete only with all five days attended", async () => {
    const team = await createTeam("TRAINING");
    const days = ["WORKER_1", "WORKER_2", "WORKER_3", "SUPERVISOR_1"] as const;
    for (const [index, day] of days.entries()) {
      const session = await createSession(day, -40 + index * 2);
      await book(session.id, team.supervisor.id, "ATTENDED");
    }
    expect((await getOwnTraining(team.supervisor, { now: NOW }))!.completed).toBe(false);
    const last = await createSession("SUPERVISOR_2", -30);
    await book(last.id, team.supervisor.id, "ATTENDED");
    expect((await getOwnTraining(team.supervisor, { now: NOW }))!.completed).toBe(true);
    const training = await getAgencyTraining(team.lead, { now: NOW });
    expect(training).toMatchObject({ completedCount: 1, traineeCount: 3 });
  });
});

describe("one's own calendar", () => {
  it("holds only the reader's own bookings, with the sequence of each invitation", async () => {
    const team = await createTeam("TRAINING");
    const other = await createTeam("TRAINING");
    const session = await createSession("WORKER_3", 12);
    await db.trainingSession.update({ where: { id: session.id }, data: { icsSequence: 2 } });
    const own = await book(session.id, team.ada.id, "BOOKED");
    await db.booking.update({ where: { id: own.id }, data: { icsSequence: 3 } });
    await book(session.id, team.ben.id, "BOOKED");
    await book(session.id, other.ada.id, "BOOKED");

    const calendar = await getOwnCalendarEntries(team.ada);
    expect(calendar!.person).toEqual({ id: team.ada.id, name: team.ada.name, email: team.ada.email });
    expect(calendar!.entries).toEqual([
      expect.objectContaining({
        bookingStatus: "BOOKED",
        sequence: 5,
        session: expect.objectContaining({ id: session.id, trainingDay: "WORKER_3", status: "SCHEDULED" }),
      }),
    ]);
    expect(await getOwnCalendarEntries(team.lead)).toEqual({
      person: expect.objectContaining({ id: team.lead.id }),
      entries: [],
    });
  });
});
