// What the researchers' training pages read, against a real database: a UK month's sessions with
// their fill levels (the month's edges in UK time, across the clocks going forward), the months
// that have sessions, one session with its people and waiting list in order, and the training
// matrix with each person's state on every day and each agency's completion. The database is
// shared with other tests: every row here is this file's own, in months nobody else uses, and
// every assertion looks only at this file's rows.
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { unique, uniqueEmail } from "@/lib/accounts/test-helpers";
import { ukLocalToUtc } from "@/lib/dates";
import { db } from "@/lib/db";
import type { AgencyRole, AgencyStage, BookingStatus, SessionStatus, TrainingDay } from "@/lib/generated/prisma/client";
import {
  addMonths,
  defaultMonth,
  getSessionForResearcher,
  isMonth,
  monthLabel,
  sessionMonths,
  sessionsByMonth,
  trainingMatrix,
  ukMonthBounds,
  ukMonthOf,
} from "./queries";

// An April (the clocks have gone forward: midnight on 1 April is 23:00 UTC on 31 March) in a year
// no other test uses.
const YEAR = 2400 + randomInt(0, 500);
const APRIL = `${YEAR}-04`;
const at = (date: string, time: string) => ukLocalToUtc(date, time)!;

async function createSession({
  trainingDay = "WORKER_1" as TrainingDay,
  startsAt,
  capacity = 20,
  status = "SCHEDULED" as SessionStatus,
  trainer = `Trainer ${unique()}`,
}: {
  trainingDay?: TrainingDay;
  startsAt: Date;
  capacity?: number;
  status?: SessionStatus;
  trainer?: string;
}) {
  return db.trainingSession.create({
    data: {
      trainingDay,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      venue: "Civic Centre",
      address: "1 Market Street, Leeds",
      trainer,
      capacity,
      status,
      cancelledAt: status === "CANCELLED" ? new Date() : null,
      cancelReason: status === "CANCELLED" ? "Trainer unwell" : null,
    },
  });
}

async function createAgency(stage: AgencyStage = "TRAINING", teamName = `Team ${unique()}`) {
  return db.agency.create({ data: { organisation: `Organisation ${unique()}`, teamName, stage } });
}

async function createPerson(agencyId: string, agencyRole: AgencyRole, name: string, deactivated = false) {
  return db.user.create({
    data: {
      email: uniqueEmail(agencyRole.toLowerCase()),
      name,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole,
      deactivatedAt: deactivated ? new Date() : null,
    },
  });
}

async function book(
  sessionId: string,
  userId: string,
  status: BookingStatus,
  extra: { waitlistPosition?: number; attendanceMarkedById?: string; attendanceMarkedAt?: Date } = {},
) {
  return db.booking.create({
    data: {
      sessionId,
      userId,
      status,
      cancelledAt: status === "CANCELLED" ? new Date() : null,
      ...extra,
    },
  });
}

describe("months in UK time", () => {
  it("accepts only real months and names them", () => {
    expect(isMonth("2027-03")).toBe(true);
    expect(isMonth("2027-13")).toBe(false);
    expect(isMonth("2027-3")).toBe(false);
    expect(isMonth("1969-12")).toBe(false);
    // The last month whose next month still has a four-digit year (a page for 9999-12 would have no end).
    expect(isMonth("9998-12")).toBe(true);
    expect(isMonth("9999-12")).toBe(false);
    expect(isMonth("march")).toBe(false);
    expect(isMonth(undefined)).toBe(false);
    expect(monthLabel("2027-03")).toBe("March 2027");
  });

  it("steps over the year's end both ways", () => {
    expect(addMonths("2027-12", 1)).toBe("2028-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2027-05", 0)).toBe("2027-05");
  });

  it("starts a summer month at midnight BST and a winter month at midnight GMT", () => {
    expect(ukMonthBounds("2027-04")).toEqual({
      start: new Date("2027-03-31T23:00:00Z"),
      end: new Date("2027-04-30T23:00:00Z"),
    });
    expect(ukMonthBounds("2027-12")).toEqual({
      start: new Date("2027-12-01T00:00:00Z"),
      end: new Date("2028-01-01T00:00:00Z"),
    });
    expect(ukMonthOf(new Date("2027-03-31T23:30:00Z"))).toBe("2027-04");
  });

  it("opens on this month when it has sessions, else the next month that has some, else this month", () => {
    const now = new Date("2027-03-15T12:00:00Z");
    expect(defaultMonth(["2027-01", "2027-03", "2027-05"], now)).toBe("2027-03");
    expect(defaultMonth(["2027-01", "2027-05", "2027-06"], now)).toBe("2027-05");
    expect(defaultMonth(["2027-01"], now)).toBe("2027-03");
    expect(defaultMonth([], now)).toBe("2027-03");
  });
});

describe("sessionsByMonth and sessionMonths", () => {
  let first: { id: string };
  let cancelled: { id: string };
  let last: { id: string };
  let beforeMonth: { id: string };
  let afterMonth: { id: string };

  beforeAll(async () => {
    // 00:30 on 1 April in the UK is 23:30 on 31 March in UTC: it belongs to April.
    first = await createSession({ startsAt: at(`${APRIL}-01`, "00:30"), capacity: 20 });
    cancelled = await createSession({ startsAt: at(`${APRIL}-14`, "09:30"), status: "CANCELLED" });
    last = await createSession({ trainingDay: "SUPERVISOR_2", startsAt: at(`${APRIL}-30`, "23:30") });
    beforeMonth = await createSession({ startsAt: at(`${YEAR}-03-31`, "23:30") });
    afterMonth = await createSession({ startsAt: at(`${YEAR}-05-01`, "00:00") });

    const agency = await createAgency();
    const people = await Promise.all(
      ["Ann", "Ben", "Cat", "Dan", "Eve"].map((name) => createPerson(agency.id, "WORKER", `${name} ${unique()}`)),
    );
    await book(first.id, people[0]!.id, "BOOKED");
    await book(first.id, people[1]!.id, "ATTENDED");
    await book(first.id, people[2]!.id, "ABSENT");
    await book(first.id, people[3]!.id, "WAITLISTED", { waitlistPosition: 1 });
    await book(first.id, people[4]!.id, "CANCELLED");
  });

  it("lists the month's sessions in UK time, in order, with places taken and people waiting", async () => {
    const sessions = await sessionsByMonth(APRIL);
    const ids = sessions.map((session) => session.id);
    expect(ids).toEqual([first.id, cancelled.id, last.id]);
    expect(ids).not.toContain(beforeMonth.id);
    expect(ids).not.toContain(afterMonth.id);
    const [firstRow, cancelledRow, lastRow] = sessions;
    // Booked, attended and absent hold a place; a cancelled booking does not.
    expect(firstRow).toMatchObject({ capacity: 20, booked: 3, waiting: 1, status: "SCHEDULED" });
    expect(cancelledRow).toMatchObject({ booked: 0, waiting: 0, status: "CANCELLED" });
    expect(lastRow).toMatchObject({ trainingDay: "SUPERVISOR_2", booked: 0, waiting: 0 });
  });

  it("returns nothing for a value that is not a month", async () => {
    expect(await sessionsByMonth("not-a-month")).toEqual([]);
  });

  it("names every month that has sessions, in UK time, in order", async () => {
    const months = (await sessionMonths()).filter((month) => month.startsWith(`${YEAR}-`));
    expect(months).toEqual([`${YEAR}-03`, APRIL, `${YEAR}-05`]);
  });
});

describe("getSessionForResearcher", () => {
  it("is null for an id that is malformed or unknown", async () => {
    expect(await getSessionForResearcher("not-an-id")).toBeNull();
    expect(await getSessionForResearcher("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("gives the people holding a place by agency and name, and the waiting list in its order", async () => {
    const session = await createSession({ startsAt: at(`${YEAR}-06-10`, "09:30"), capacity: 2 });
    const researcher = await db.user.create({
      data: { email: uniqueEmail("researcher"), name: `Researcher ${unique()}`, role: "RESEARCHER" },
    });
    const token = unique();
    const alpha = await createAgency("TRAINING", `Alpha ${token}`);
    const beta = await createAgency("TRAINING", `Beta ${token}`);
    const zoe = await createPerson(alpha.id, "WORKER", `Zoe ${token}`);
    const adam = await createPerson(beta.id, "SUPERVISOR", `Adam ${token}`);
    const second = await createPerson(beta.id, "WORKER", `Second ${token}`);
    const firstInLine = await createPerson(alpha.id, "WORKER", `First ${token}`);
    const gone = await createPerson(alpha.id, "WORKER", `Gone ${token}`);
    const markedAt = new Date("2030-01-01T12:00:00Z");
    await book(session.id, adam.id, "ATTENDED", { attendanceMarkedById: researcher.id, attendanceMarkedAt: markedAt });
    await book(session.id, zoe.id, "BOOKED");
    await book(session.id, second.id, "WAITLISTED", { waitlistPosition: 2 });
    await book(session.id, firstInLine.id, "WAITLISTED", { waitlistPosition: 1 });
    await book(session.id, gone.id, "CANCELLED");

    const found = await getSessionForResearcher(session.id);
    expect(found).toMatchObject({ id: session.id, capacity: 2, booked: 2, waiting: 2, cancelledBookings: 1 });
    expect(found!.people.map((booking) => booking.person.name)).toEqual([`Zoe ${token}`, `Adam ${token}`]);
    expect(found!.people[0]!.person).toMatchObject({
      email: zoe.email,
      agencyRole: "WORKER",
      agency: { id: alpha.id, teamName: `Alpha ${token}` },
    });
    expect(found!.people[1]).toMatchObject({
      status: "ATTENDED",
      attendanceMarkedBy: researcher.name,
      attendanceMarkedAt: markedAt,
    });
    expect(found!.waitingList.map((booking) => [booking.person.name, booking.waitlistPosition])).toEqual([
      [`First ${token}`, 1],
      [`Second ${token}`, 2],
    ]);
  });
});

describe("trainingMatrix", () => {
  it("shows every trainee of every agency holding a place, their state on each day, and completion", async () => {
    const token = unique();
    const inTraining = await createAgency("TRAINING", `Matrix training ${token}`);
    const finished = await createAgency("SELECTED", `Matrix finished ${token}`);
    const notSelected = await createAgency("NOT_SELECTED", `Matrix not selected ${token}`);
    const supervisor = await createPerson(inTraining.id, "SUPERVISOR", `Sam ${token}`);
    const worker = await createPerson(inTraining.id, "WORKER", `Wendy ${token}`);
    await createPerson(inTraining.id, "LEAD", `Lee ${token}`);
    await createPerson(inTraining.id, "WORKER", `Former ${token}`, true);
    const done = await createPerson(finished.id, "WORKER", `Dora ${token}`);
    await createPerson(notSelected.id, "WORKER", `Reggie ${token}`);

    const base = `${YEAR}-07`;
    const sessions = {} as Record<TrainingDay, { id: string; startsAt: Date }>;
    for (const [index, day] of (
      ["WORKER_1", "WORKER_2", "WORKER_3", "SUPERVISOR_1", "SUPERVISOR_2"] as const
    ).entries()) {
      sessions[day] = await createSession({ trainingDay: day, startsAt: at(`${base}-${10 + index}`, "09:30") });
    }
    const cancelledSession = await createSession({
      trainingDay: "WORKER_3",
      startsAt: at(`${base}-20`, "09:30"),
      status: "CANCELLED",
    });
    // Sam: attended worker days 1 and 2, absent on 3, booked on supervisor day 1, waiting for day 2.
    await book(sessions.WORKER_1.id, supervisor.id, "ATTENDED");
    await book(sessions.WORKER_2.id, supervisor.id, "ATTENDED");
    await book(sessions.WORKER_3.id, supervisor.id, "ABSENT");
    await book(sessions.SUPERVISOR_1.id, supervisor.id, "BOOKED");
    await book(sessions.SUPERVISOR_2.id, supervisor.id, "WAITLISTED", { waitlistPosition: 1 });
    // Wendy: attended day 1; her day 2 booking was cancelled; her day 3 session was cancelled.
    await book(sessions.WORKER_1.id, worker.id, "ATTENDED");
    await book(sessions.WORKER_2.id, worker.id, "CANCELLED");
    await book(cancelledSession.id, worker.id, "BOOKED");
    // Dora: every worker day attended.
    for (const day of ["WORKER_1", "WORKER_2", "WORKER_3"] as const) await book(sessions[day].id, done.id, "ATTENDED");

    // The database is shared: this test's agencies are found by their names, as a researcher would.
    const matrix = await trainingMatrix({ search: token });
    expect(matrix.settings).toEqual({ workerTrainingDays: 3, supervisorExtraDays: 2 });
    const ids = matrix.agencies.map((agency) => agency.id);
    expect(ids).toContain(inTraining.id);
    expect(ids).toContain(finished.id);
    expect(ids).not.toContain(notSelected.id);

    const training = matrix.agencies.find((agency) => agency.id === inTraining.id)!;
    // Supervisors first, then workers; the lead and the deactivated worker take no training here.
    expect(training.people.map((person) => person.name)).toEqual([`Sam ${token}`, `Wendy ${token}`]);
    expect(training).toMatchObject({ trainees: 2, completed: 0, allCompleted: false });
    const [sam, wendy] = training.people;
    expect(sam!.days.map((cell) => cell.state)).toEqual(["attended", "attended", "absent", "booked", "waitlisted"]);
    expect(sam!.days[3]!.startsAt).toEqual(sessions.SUPERVISOR_1.startsAt);
    expect(wendy!.days.map((cell) => cell.state)).toEqual(["attended", "missing", "missing", null, null]);
    expect(wendy!.completed).toBe(false);

    const complete = matrix.agencies.find((agency) => agency.id === finished.id)!;
    expect(complete).toMatchObject({ trainees: 1, completed: 1, allCompleted: true });
    expect(complete.people[0]!.days.map((cell) => cell.state)).toEqual([
      "attended",
      "attended",
      "attended",
      null,
      null,
    ]);
  });

  it("never counts an agency with no supervisors or workers as complete", async () => {
    const empty = await createAgency("TRAINING");
    await createPerson(empty.id, "LEAD", `Lead ${unique()}`);
    const row = (await trainingMatrix({ search: empty.teamName })).agencies.find((agency) => agency.id === empty.id);
    expect(row).toMatchObject({ trainees: 0, completed: 0, allCompleted: false, people: [] });
  });
  it("shows a page of agencies at a time, filtered by name and stage, and only their staff", async () => {
    const token = unique();
    // Twelve agencies named so that their order is known: 10 on the first page, 2 on the second.
    const agencies = [];
    for (let index = 1; index <= 12; index++) {
      agencies.push(
        await createAgency(
          index % 2 === 0 ? "RECRUITING" : "TRAINING",
          `Paged ${token} ${String(index).padStart(2, "0")}`,
        ),
      );
    }
    await createPerson(agencies[10]!.id, "WORKER", `Eleventh worker ${token}`);
    await createAgency("NOT_SELECTED", `Paged ${token} not selected`);

    const first = await trainingMatrix({ search: `paged ${token}` });
    expect(first).toMatchObject({ matching: 12, page: 1, pageCount: 2 });
    expect(first.agencies.map((agency) => agency.teamName)).toEqual(
      agencies.slice(0, 10).map((agency) => agency.teamName),
    );
    const second = await trainingMatrix({ search: `paged ${token}`, page: 2 });
    expect(second).toMatchObject({ matching: 12, page: 2, pageCount: 2 });
    expect(second.agencies.map((agency) => agency.teamName)).toEqual([`Paged ${token} 11`, `Paged ${token} 12`]);
    expect(second.agencies[0]!.people.map((person) => person.name)).toEqual([`Eleventh worker ${token}`]);
    // A page past the last shows the last.
    expect((await trainingMatrix({ search: `paged ${token}`, page: 50 })).page).toBe(2);

    const recruiting = await trainingMatrix({ search: `paged ${token}`, stage: "RECRUITING" });
    expect(recruiting.matching).toBe(6);
    expect(recruiting.agencies.every((agency) => agency.stage === "RECRUITING")).toBe(true);

    // The search is text, not a pattern: % and _ match only themselves.
    expect((await trainingMatrix({ search: `paged%${token}` })).matching).toBe(0);
    expect((await trainingMatrix({ search: `paged_${token}` })).matching).toBe(0);
    // The study-wide count does not depend on the filter.
    expect(second.study).toEqual(first.study);
    expect(first.study.agencies).toBeGreaterThanOrEqual(12);
  });
});
