// The training rules without a database: the days each role needs under the study's settings,
// what counts as completed, and every reason a booking is refused, in the words a supervisor reads.
import { describe, expect, it } from "vitest";
import type { AgencyRole, BookingStatus, TrainingDay } from "@/lib/generated/prisma/client";
import {
  bookingProblem,
  NOT_ON_STAFF_LIST,
  dayStates,
  hasCompleted,
  holdsAPlace,
  requiredDays,
  ukDate,
  type BookingFacts,
} from "./rules";

const FULL = { workerTrainingDays: 3, supervisorExtraDays: 2 };

describe("requiredDays", () => {
  it("gives workers the worker days and supervisors those and the supervisor days", () => {
    expect(requiredDays("WORKER", FULL)).toEqual(["WORKER_1", "WORKER_2", "WORKER_3"]);
    expect(requiredDays("SUPERVISOR", FULL)).toEqual([
      "WORKER_1",
      "WORKER_2",
      "WORKER_3",
      "SUPERVISOR_1",
      "SUPERVISOR_2",
    ]);
  });

  it("follows a study with fewer days, and asks nothing of the agency lead", () => {
    const short = { workerTrainingDays: 2, supervisorExtraDays: 0 };
    expect(requiredDays("WORKER", short)).toEqual(["WORKER_1", "WORKER_2"]);
    expect(requiredDays("SUPERVISOR", short)).toEqual(["WORKER_1", "WORKER_2"]);
    expect(requiredDays("LEAD", FULL)).toEqual([]);
  });
});

const at = (iso: string) => new Date(iso);
const booking = (trainingDay: TrainingDay, status: BookingStatus, startsAt = at("2027-04-01T08:30:00Z")) => ({
  trainingDay,
  status,
  startsAt,
});

describe("dayStates and hasCompleted", () => {
  const required = requiredDays("WORKER", FULL);

  it("marks each required day by its best booking: attended, booked, waiting, absent, missing", () => {
    const states = dayStates(required, [
      booking("WORKER_1", "ABSENT"),
      booking("WORKER_1", "ATTENDED"),
      booking("WORKER_2", "WAITLISTED"),
      booking("WORKER_2", "CANCELLED"),
      booking("WORKER_3", "ABSENT"),
    ]);
    expect(states.map((entry) => entry.state)).toEqual(["attended", "waitlisted", "absent"]);
    expect(dayStates(required, []).map((entry) => entry.state)).toEqual(["missing", "missing", "missing"]);
  });

  it("counts a person as completed only when every required day is attended", () => {
    const twoDone = [booking("WORKER_1", "ATTENDED"), booking("WORKER_2", "ATTENDED")];
    expect(hasCompleted(required, twoDone)).toBe(false);
    expect(hasCompleted(required, [...twoDone, booking("WORKER_3", "BOOKED")])).toBe(false);
    expect(hasCompleted(required, [...twoDone, booking("WORKER_3", "ATTENDED")])).toBe(true);
    expect(hasCompleted([], [])).toBe(false);
  });
});

describe("ukDate", () => {
  it("names the UK calendar day, which differs from the UTC day late at night in summer", () => {
    expect(ukDate(at("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
    expect(ukDate(at("2027-01-31T23:30:00Z"))).toBe("2027-01-31");
  });
});

const NOW = at("2027-03-01T12:00:00Z");
const SESSION_START = at("2027-03-29T08:30:00Z"); // 09:30 UK, summer time

function facts(
  overrides: {
    session?: Partial<BookingFacts["session"]>;
    booker?: Partial<BookingFacts["booker"]>;
    agency?: Partial<BookingFacts["agency"]>;
    person?: Partial<BookingFacts["person"]>;
    personBookings?: BookingFacts["personBookings"];
    role?: AgencyRole;
  } = {},
): BookingFacts {
  return {
    now: NOW,
    settings: FULL,
    session: { id: "s1", trainingDay: "WORKER_1", startsAt: SESSION_START, status: "SCHEDULED", ...overrides.session },
    booker: { agencyId: "a1", agencyRole: "SUPERVISOR", ...overrides.booker },
    agency: { stage: "SELECTED", teamName: "Riverside Team", ...overrides.agency },
    person: {
      id: "p1",
      name: "Priya Shah",
      agencyId: "a1",
      agencyRole: "WORKER",
      active: true,
      ...overrides.person,
    },
    personBookings: overrides.personBookings ?? [],
  };
}

const other = (
  trainingDay: TrainingDay,
  status: BookingStatus,
  startsAt: Date,
  sessionId = "s2",
  sessionCancelled = false,
) => ({ trainingDay, status, startsAt, sessionId, sessionCancelled });

describe("bookingProblem", () => {
  it("accepts a worker of a selected agency on a future worker day", () => {
    expect(bookingProblem(facts())).toBeNull();
    expect(bookingProblem(facts({ agency: { stage: "TRAINING" }, booker: { agencyRole: "LEAD" } }))).toBeNull();
  });

  it("refuses cancelled and started sessions", () => {
    expect(bookingProblem(facts({ session: { status: "CANCELLED" } }))).toMatch(/has been cancelled/);
    expect(bookingProblem(facts({ session: { startsAt: NOW } }))).toMatch(/already started/);
  });

  it("lets only supervisors and the lead book, and only for a selected agency's own staff", () => {
    expect(bookingProblem(facts({ booker: { agencyRole: "WORKER" } }))).toMatch(/Only supervisors and the agency lead/);
    expect(bookingProblem(facts({ agency: { stage: "RESERVE" } }))).toMatch(/has not been selected/);
    expect(bookingProblem(facts({ person: { agencyId: "a2" } }))).toBe(NOT_ON_STAFF_LIST);
    expect(bookingProblem(facts({ person: { active: false } }))).toBe(NOT_ON_STAFF_LIST);
    expect(bookingProblem(facts({ person: { agencyRole: "LEAD" } }))).toMatch(/only supervisors and workers/);
  });

  it("keeps supervisor days for supervisors, and days the study does not have for nobody", () => {
    const supervisorDay = { session: { trainingDay: "SUPERVISOR_1" as const } };
    expect(bookingProblem(facts(supervisorDay))).toBe(
      "Priya Shah is a worker: Supervisor day 1 is for supervisors only.",
    );
    expect(bookingProblem(facts({ ...supervisorDay, person: { agencyRole: "SUPERVISOR" } }))).toBeNull();
    const twoDays = {
      ...facts({ session: { trainingDay: "WORKER_3" } }),
      settings: { ...FULL, workerTrainingDays: 2 },
    };
    expect(bookingProblem(twoDays)).toMatch(/does not need Worker day 3/);
  });

  it("books nobody twice on one session, for one training day, or on one UK date", () => {
    expect(bookingProblem(facts({ personBookings: [other("WORKER_1", "WAITLISTED", SESSION_START, "s1")] }))).toMatch(
      /already on the waiting list for this session/,
    );
    expect(
      bookingProblem(facts({ personBookings: [other("WORKER_1", "BOOKED", at("2027-04-05T08:30:00Z"))] })),
    ).toMatch(/already booked for Worker day 1 on Monday,? 5 April 2027/);
    expect(
      bookingProblem(facts({ personBookings: [other("WORKER_1", "ATTENDED", at("2027-02-05T09:30:00Z"))] })),
    ).toMatch(/has already attended Worker day 1/);
    // A morning session already attended (attendance is marked from the start) holds the day too.
    expect(
      bookingProblem(facts({ personBookings: [other("WORKER_2", "ATTENDED", at("2027-03-29T07:00:00Z"))] })),
    ).toMatch(/one person cannot take two sessions on the same day/);
    // Another day's session on the same UK date, in the afternoon.
    expect(
      bookingProblem(facts({ personBookings: [other("WORKER_2", "BOOKED", at("2027-03-29T13:00:00Z"))] })),
    ).toMatch(/one person cannot take two sessions on the same day/);
  });

  it("ignores cancelled bookings, absences and cancelled sessions when looking for clashes", () => {
    expect(
      bookingProblem(
        facts({
          personBookings: [
            other("WORKER_1", "CANCELLED", at("2027-04-05T08:30:00Z")),
            other("WORKER_1", "ABSENT", at("2027-02-05T09:30:00Z"), "s3"),
            other("WORKER_2", "BOOKED", at("2027-03-29T13:00:00Z"), "s4", true),
          ],
        }),
      ),
    ).toBeNull();
  });
});

describe("holdsAPlace", () => {
  it("counts a booking that took a place, before and after attendance, and not one waiting or cancelled", () => {
    const statuses: BookingStatus[] = ["BOOKED", "WAITLISTED", "CANCELLED", "ATTENDED", "ABSENT"];
    expect(statuses.filter(holdsAPlace)).toEqual(["BOOKED", "ATTENDED", "ABSENT"]);
  });
});
