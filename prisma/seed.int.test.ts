// The demo study, as a person trying the app would meet it: every stage on the pipeline, each demo
// login working with the right role, training with attendance, bookings and a waiting list, and
// participants at every step. It runs in a database of its own, because it needs the study row
// that no other test may create.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { AgencyStage, ParticipantStatus } from "@/lib/generated/prisma/enums";
import { DEMO_LOGINS, DEMO_PASSWORD, isSeeded, seedDemoStudy } from "./seed";

const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) throw new Error("Set TEST_ADMIN_DATABASE_URL (a server where this test may create a database).");
const database = `seed_test_${process.pid}_${randomBytes(4).toString("hex")}`;
const url = (() => {
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
})();

const now = new Date();
const DAY_MS = 86_400_000;
const SELECTED_OR_LATER: AgencyStage[] = ["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"];
const ACTIVE_BOOKINGS = ["BOOKED", "WAITLISTED", "ATTENDED", "ABSENT"] as const;

let db: ReturnType<typeof createPrismaClient>;

beforeAll(async () => {
  await ensureDatabase(adminUrl, database);
  await applyMigrations(url, { dir: fileURLToPath(new URL("./migrations", import.meta.url)) });
  db = createPrismaClient(url);
  expect(await isSeeded(db)).toBe(false);
  await seedDemoStudy(db, { now });
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(adminUrl, database);
}, 60_000);

async function rowCounts() {
  return {
    study: await db.study.count(),
    users: await db.user.count(),
    agencies: await db.agency.count(),
    stageChanges: await db.stageChange.count(),
    expressions: await db.expressionOfInterest.count(),
    reviews: await db.review.count(),
    sessions: await db.trainingSession.count(),
    bookings: await db.booking.count(),
    participants: await db.participant.count(),
    auditEvents: await db.auditEvent.count(),
  };
}

describe("the demo study", () => {
  it("is a study part-way through, with a deadline that has passed", async () => {
    expect(await isSeeded(db)).toBe(true);
    const study = await db.study.findUniqueOrThrow({ where: { id: 1 } });
    expect(study.name).toBe("Connecting People pilot");
    expect(study.questionnaireDeadline.getTime()).toBeLessThan(now.getTime());
    expect(study.questionnaireDeadline.toLocaleTimeString("en-GB", { timeZone: "Europe/London" })).toBe("17:00:00");
    expect(study).toMatchObject({
      agenciesToSelect: 12,
      workerTrainingDays: 3,
      supervisorExtraDays: 2,
      followUpMonths: 9,
      participantTarget: 240,
    });
  });

  it("has agencies at every stage, in all client groups and across England", async () => {
    const agencies = await db.agency.findMany();
    expect(new Set(agencies.map((agency) => agency.stage))).toEqual(new Set(Object.values(AgencyStage)));
    expect(new Set(agencies.flatMap((agency) => agency.clientGroups)).size).toBe(3);
    expect(new Set(agencies.map((agency) => agency.region)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(agencies.map((agency) => agency.sector)).size).toBe(4);
    expect(agencies.filter((agency) => SELECTED_OR_LATER.includes(agency.stage)).length).toBeLessThanOrEqual(12);
    const reserve = agencies.filter((agency) => agency.stage === "RESERVE").map((agency) => agency.reserveRank);
    expect(reserve.sort()).toEqual([1, 2]);
  });

  it("records each agency's path from draft to its current stage, in order", async () => {
    const agencies = await db.agency.findMany({ include: { stageChanges: { orderBy: { at: "asc" } } } });
    for (const agency of agencies) {
      const changes = agency.stageChanges;
      expect(changes[0]).toMatchObject({ fromStage: null, toStage: "DRAFT" });
      changes.slice(1).forEach((change, index) => expect(change.fromStage).toBe(changes[index]?.toStage));
      expect(changes.at(-1)?.toStage).toBe(agency.stage);
      expect(
        changes.every((change) => change.at.getTime() < now.getTime() && change.byId !== null && change.reason !== ""),
      ).toBe(true);
    }
    const everSelected = agencies.filter((agency) =>
      agency.stageChanges.some((change) => change.toStage === "SELECTED"),
    );
    expect(everSelected.length).toBeLessThanOrEqual(12);
  });

  it("lets every demo login sign in with the demo password, with the right role and agency", async () => {
    expect(DEMO_LOGINS.map((login) => login.email)).toEqual([
      "researcher@example.org",
      "lead@example.org",
      "supervisor@example.org",
      "worker@example.org",
      "recruiter@example.org",
    ]);
    const expected: Record<string, { role: string; agencyRole: string | null; stage: AgencyStage | null }> = {
      "researcher@example.org": { role: "RESEARCHER", agencyRole: null, stage: null },
      "lead@example.org": { role: "AGENCY_STAFF", agencyRole: "LEAD", stage: "DRAFT" },
      "supervisor@example.org": { role: "AGENCY_STAFF", agencyRole: "SUPERVISOR", stage: "TRAINING" },
      "worker@example.org": { role: "AGENCY_STAFF", agencyRole: "WORKER", stage: "TRAINING" },
      "recruiter@example.org": { role: "AGENCY_STAFF", agencyRole: "SUPERVISOR", stage: "RECRUITING" },
    };
    for (const login of DEMO_LOGINS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: login.email }, include: { agency: true } });
      expect({ role: user.role, agencyRole: user.agencyRole, stage: user.agency?.stage ?? null }).toEqual(
        expected[login.email],
      );
      expect(user.passwordHash).not.toBeNull();
      expect(await verifyPassword(user.passwordHash ?? "", DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(user.passwordHash ?? "", "not-the-password")).toBe(false);
      expect(login.description.length).toBeGreaterThan(10);
    }
    const supervisor = await db.user.findUniqueOrThrow({ where: { email: "supervisor@example.org" } });
    const worker = await db.user.findUniqueOrThrow({ where: { email: "worker@example.org" } });
    expect(worker.agencyId).toBe(supervisor.agencyId);
  });

  it("leaves the lead's questionnaire open as a draft, reopened by a researcher after the deadline", async () => {
    const lead = await db.user.findUniqueOrThrow({ where: { email: "lead@example.org" } });
    const eoi = await db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId: lead.agencyId ?? "" } });
    expect(eoi.status).toBe("DRAFT");
    expect(eoi.submittedAt).toBeNull();
    expect(eoi.reopenedAt?.getTime()).toBeLessThan(now.getTime());
    expect(eoi.reopenedUntil?.getTime()).toBeGreaterThan(now.getTime() + 13 * DAY_MS);
    expect(eoi.answers).toMatchObject({ team: { teamName: expect.any(String), contactEmail: "lead@example.org" } });
  });

  it("keeps every submitted questionnaire exactly as submitted, before the deadline", async () => {
    const study = await db.study.findUniqueOrThrow({ where: { id: 1 } });
    const agencies = await db.agency.findMany({ include: { expressionOfInterest: true } });
    for (const agency of agencies) {
      const eoi = agency.expressionOfInterest;
      expect(eoi).not.toBeNull();
      if (agency.stage === "DRAFT") {
        expect(eoi?.status).toBe("DRAFT");
        continue;
      }
      expect(eoi?.status).toBe("SUBMITTED");
      expect(eoi?.submittedAt?.getTime()).toBeLessThan(study.questionnaireDeadline.getTime());
      expect(eoi?.submittedAnswers).toEqual(eoi?.answers);
      expect(eoi?.answers).toMatchObject({
        team: { teamName: agency.teamName, region: agency.region, sector: agency.sector },
        practice: { community: { rating: expect.any(Number) }, supervision: { rating: expect.any(Number) } },
        agreement: { evaluation: true, recruitment: true },
      });
    }
  });

  it("has researchers' scores for agencies that have been reviewed, and none for the rest", async () => {
    const agencies = await db.agency.findMany({ include: { reviews: { include: { reviewer: true } } } });
    for (const agency of agencies) {
      if (agency.stage === "DRAFT" || agency.stage === "SUBMITTED") expect(agency.reviews).toHaveLength(0);
      else expect(agency.reviews.length).toBeGreaterThanOrEqual(1);
      for (const review of agency.reviews) expect(review.reviewer.role).toBe("RESEARCHER");
    }
    expect(agencies.some((agency) => agency.reviews.length >= 3)).toBe(true);
  });

  it("has training with attendance, bookings and a waiting list, within the booking rules", async () => {
    const bookings = await db.booking.findMany({ include: { session: true, person: { include: { agency: true } } } });
    const statuses = new Set(bookings.map((booking) => booking.status));
    for (const status of ["ATTENDED", "ABSENT", "BOOKED", "WAITLISTED"] as const) expect(statuses).toContain(status);
    expect(bookings.find((booking) => booking.status === "WAITLISTED")?.waitlistPosition).toBe(1);

    // Only supervisors on supervisor days.
    const workersOnSupervisorDays = bookings.filter(
      (booking) => booking.person.agencyRole !== "SUPERVISOR" && booking.session.trainingDay.startsWith("SUPERVISOR"),
    );
    expect(workersOnSupervisorDays).toHaveLength(0);

    // Nobody twice for the same training day or on the same date.
    const active = bookings.filter((booking) => (ACTIVE_BOOKINGS as readonly string[]).includes(booking.status));
    const perPersonDay = new Set(active.map((booking) => `${booking.userId}:${booking.session.trainingDay}`));
    expect(perPersonDay.size).toBe(active.length);
    const perPersonDate = new Set(
      active.map((booking) => `${booking.userId}:${booking.session.startsAt.toISOString().slice(0, 10)}`),
    );
    expect(perPersonDate.size).toBe(active.length);

    // Past sessions carry attendance, future ones bookings; no session over capacity; waiting lists only when full.
    const sessions = await db.trainingSession.findMany({ include: { bookings: true } });
    expect(sessions.some((session) => session.status === "CANCELLED" && session.bookings.length === 0)).toBe(true);
    expect(sessions.some((session) => session.onlineUrl !== null)).toBe(true);
    for (const session of sessions) {
      const taken = session.bookings.filter(
        (booking) => booking.status !== "CANCELLED" && booking.status !== "WAITLISTED",
      );
      expect(taken.length).toBeLessThanOrEqual(session.capacity);
      const past = session.startsAt.getTime() < now.getTime();
      for (const booking of taken) expect(["ATTENDED", "ABSENT"].includes(booking.status)).toBe(past);
      const waiting = session.bookings.filter((booking) => booking.status === "WAITLISTED");
      if (waiting.length > 0) expect(taken.length).toBe(session.capacity);
      expect(waiting.map((booking) => booking.waitlistPosition).sort()).toEqual(waiting.map((_, index) => index + 1));
    }
    const days = new Set(sessions.map((session) => session.trainingDay));
    expect(days.size).toBe(5);
  });

  it("has trained everyone in agencies that are recruiting or later", async () => {
    const staff = await db.user.findMany({
      where: {
        agency: { stage: { in: ["RECRUITING", "FOLLOW_UP", "COMPLETED"] } },
        agencyRole: { in: ["SUPERVISOR", "WORKER"] },
      },
      include: { bookings: { where: { status: "ATTENDED" }, include: { session: true } } },
    });
    expect(staff.length).toBeGreaterThan(0);
    for (const person of staff) {
      const done = new Set(person.bookings.map((booking) => booking.session.trainingDay));
      const needed = person.agencyRole === "SUPERVISOR" ? 5 : 3;
      expect(done.size).toBe(needed);
    }
  });

  it("has pseudonymised participants at every step, with dates in order and none in the future", async () => {
    const participants = await db.participant.findMany({ include: { agency: true } });
    expect(participants.length).toBeGreaterThanOrEqual(30);
    expect(new Set(participants.map((participant) => participant.status))).toEqual(
      new Set(Object.values(ParticipantStatus)),
    );
    const today = new Date(`${now.toLocaleDateString("en-CA", { timeZone: "Europe/London" })}T00:00:00Z`).getTime();
    const groupOf = {
      ADULT_MENTAL_HEALTH: "MENTAL_HEALTH_WORKING_AGE",
      OLDER_ADULT_MENTAL_HEALTH: "MENTAL_HEALTH_OLDER_ADULTS",
      LEARNING_DISABILITY: "LEARNING_DISABILITY",
    } as const;
    for (const participant of participants) {
      const { agency } = participant;
      expect(["RECRUITING", "FOLLOW_UP", "COMPLETED"]).toContain(agency.stage);
      expect(participant.studyId).toBe(
        `CP-${String(agency.code).padStart(2, "0")}-${String(participant.sequence).padStart(4, "0")}`,
      );
      expect(agency.clientGroups).toContain(groupOf[participant.subgroup]);
      const steps = [
        participant.referralDate,
        participant.screenedDate,
        participant.consentDate ?? participant.declinedDate,
        participant.baselineDate,
        participant.followUpDate,
      ]
        .filter((date): date is Date => date !== null)
        .map((date) => date.getTime());
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      const ends = [participant.withdrawnDate, participant.lostDate]
        .filter((date): date is Date => date !== null)
        .map((date) => date.getTime());
      for (const time of [...steps, ...ends]) expect(time).toBeLessThanOrEqual(today);
      for (const end of ends) expect(end).toBeGreaterThanOrEqual(Math.max(...steps));
      switch (participant.status) {
        case "NOT_ELIGIBLE":
          expect(participant.ineligibleReason).toBeTruthy();
          break;
        case "DECLINED":
          expect(participant.declineReason).toBeTruthy();
          break;
        case "BASELINE_DONE":
          expect(participant.baselineMeasures.length).toBeGreaterThan(0);
          break;
        case "FOLLOW_UP_DONE":
          expect(participant.followUpMeasures.length).toBeGreaterThan(0);
          break;
        case "WITHDRAWN":
          expect(participant.withdrawalReason).toBeTruthy();
          expect(participant.keepDataOnWithdrawal).not.toBeNull();
          break;
        case "LOST_TO_FOLLOW_UP":
          expect(participant.lostReason).toBeTruthy();
          break;
        default:
          break;
      }
    }
    // Some baselines were about nine months ago, so follow-up interviews are due or overdue.
    const awaitingFollowUp = participants.filter(
      (participant) =>
        participant.status === "BASELINE_DONE" &&
        participant.baselineDate !== null &&
        today - participant.baselineDate.getTime() > 255 * DAY_MS,
    );
    expect(awaitingFollowUp.length).toBeGreaterThanOrEqual(2);
  });

  it("does nothing when run again", async () => {
    const before = await rowCounts();
    expect(before.study).toBe(1);
    await seedDemoStudy(db, { now });
    await seedDemoStudy(db);
    expect(await rowCounts()).toEqual(before);
  });
});
