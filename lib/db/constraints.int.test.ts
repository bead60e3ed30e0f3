// The rules the migrations add by hand (Prisma's schema cannot express them), checked in the
// database itself so that no code path can get around them.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "./index";

const db = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const unique = () => randomUUID().slice(0, 8);

async function createAgency() {
  return db.agency.create({ data: { organisation: `Org ${unique()}`, teamName: "Team" } });
}

describe("database rules", () => {
  it("keeps emails unique whatever their case, by storing them lower-cased", async () => {
    const email = `person.${unique()}@example.org`;
    await db.user.create({ data: { email, name: "A", role: "RESEARCHER" } });
    await expect(db.user.create({ data: { email, name: "B", role: "RESEARCHER" } })).rejects.toThrow(
      /Unique constraint/,
    );
    await expect(
      db.user.create({ data: { email: email.toUpperCase(), name: "C", role: "RESEARCHER" } }),
    ).rejects.toThrow(/User_email_lowercase/);
  });

  it("gives agency staff an agency and a role in it, and researchers neither", async () => {
    const agency = await createAgency();
    await expect(
      db.user.create({ data: { email: `s.${unique()}@example.org`, name: "S", role: "AGENCY_STAFF" } }),
    ).rejects.toThrow(/User_role_matches_agency/);
    await expect(
      db.user.create({
        data: { email: `r.${unique()}@example.org`, name: "R", role: "RESEARCHER", agencyId: agency.id },
      }),
    ).rejects.toThrow(/User_role_matches_agency/);
    const staff = await db.user.create({
      data: {
        email: `w.${unique()}@example.org`,
        name: "W",
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "WORKER",
      },
    });
    expect(staff.agencyRole).toBe("WORKER");
  });

  it("books a person on a session once, and puts a position only on waiting-list places", async () => {
    const agency = await createAgency();
    const person = await db.user.create({
      data: {
        email: `b.${unique()}@example.org`,
        name: "B",
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "WORKER",
      },
    });
    const session = await db.trainingSession.create({
      data: {
        trainingDay: "WORKER_1",
        startsAt: new Date("2030-05-01T08:30:00Z"),
        endsAt: new Date("2030-05-01T15:30:00Z"),
        trainer: "Trainer",
        capacity: 10,
      },
    });
    await db.booking.create({ data: { sessionId: session.id, userId: person.id, status: "BOOKED" } });
    await expect(
      db.booking.create({ data: { sessionId: session.id, userId: person.id, status: "BOOKED" } }),
    ).rejects.toThrow(/Unique constraint/);
    await expect(
      db.booking.update({
        where: { sessionId_userId: { sessionId: session.id, userId: person.id } },
        data: { status: "WAITLISTED" },
      }),
    ).rejects.toThrow(/Booking_waitlist_position/);
    await expect(
      db.trainingSession.create({
        data: {
          trainingDay: "WORKER_2",
          startsAt: new Date("2030-05-02T15:00:00Z"),
          endsAt: new Date("2030-05-02T09:00:00Z"),
          trainer: "T",
          capacity: 5,
        },
      }),
    ).rejects.toThrow(/TrainingSession_ends_after_start/);
  });

  it("keeps participant study IDs unique and in the CP-07-0012 form", async () => {
    const agency = await createAgency();
    const studyId = `CP-${String(agency.code).padStart(2, "0")}-0001`;
    const base = {
      agencyId: agency.id,
      subgroup: "ADULT_MENTAL_HEALTH" as const,
      isNewReferral: true,
      referralDate: new Date("2030-01-10"),
    };
    await db.participant.create({ data: { ...base, studyId, sequence: 1 } });
    await expect(db.participant.create({ data: { ...base, studyId, sequence: 2 } })).rejects.toThrow(
      /Unique constraint/,
    );
    await expect(db.participant.create({ data: { ...base, studyId: "Jane Smith", sequence: 3 } })).rejects.toThrow(
      /Participant_study_id_format/,
    );
  });

  it("refuses a participant's date before the study could have started, such as a date of birth", async () => {
    const agency = await createAgency();
    const data = {
      agencyId: agency.id,
      subgroup: "ADULT_MENTAL_HEALTH" as const,
      isNewReferral: true,
      studyId: `CP-${String(agency.code).padStart(2, "0")}-0001`,
      sequence: 1,
    };
    await expect(db.participant.create({ data: { ...data, referralDate: new Date("1950-03-01") } })).rejects.toThrow(
      /Participant_dates_from_study_start/,
    );
    await db.participant.create({ data: { ...data, referralDate: new Date("2020-01-01") } });
  });

  it("never lets a review score fall outside 1–5", async () => {
    const agency = await createAgency();
    const reviewer = await db.user.create({
      data: { email: `rv.${unique()}@example.org`, name: "R", role: "RESEARCHER" },
    });
    const scores = {
      similarityScore: 3,
      trainingCapacityScore: 3,
      recruitmentCapacityScore: 3,
      clientGroupFitScore: 6,
    };
    await expect(
      db.review.create({ data: { agencyId: agency.id, reviewerId: reviewer.id, ...scores } }),
    ).rejects.toThrow(/Review_scores_1_to_5/);
  });

  it("keeps the audit trail append-only", async () => {
    const event = await db.auditEvent.create({ data: { action: "test.created", entity: "Test", entityId: unique() } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "changed" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUnique({ where: { id: event.id } })).toMatchObject({ action: "test.created" });
  });

  it("holds the study's settings in a single row", async () => {
    await expect(
      db.study.create({ data: { id: 2, name: "Second study", questionnaireDeadline: new Date() } }),
    ).rejects.toThrow(/Study_single_row/);
  });

  it("gives an agency a place on the reserve list exactly while it is on the list", async () => {
    const base = () => ({ organisation: `Org ${unique()}`, teamName: "Team" });
    await expect(db.agency.create({ data: { ...base(), stage: "RESERVE" } })).rejects.toThrow(
      /Agency_reserve_rank_only_on_reserve/,
    );
    await expect(db.agency.create({ data: { ...base(), stage: "SELECTED", reserveRank: 1 } })).rejects.toThrow(
      /Agency_reserve_rank_only_on_reserve/,
    );
    const reserve = await db.agency.create({ data: { ...base(), stage: "RESERVE", reserveRank: 1 } });
    // Leaving the list without giving up the rank is refused; giving it up in the same change is not.
    await expect(db.agency.update({ where: { id: reserve.id }, data: { stage: "SELECTED" } })).rejects.toThrow(
      /Agency_reserve_rank_only_on_reserve/,
    );
    await db.agency.update({ where: { id: reserve.id }, data: { stage: "SELECTED", reserveRank: null } });
  });

  it("records only one of the three decisions as the decision an agency was told", async () => {
    await expect(
      db.agency.create({ data: { organisation: `Org ${unique()}`, teamName: "Team", decisionSentStage: "TRAINING" } }),
    ).rejects.toThrow(/Agency_decision_sent_is_a_decision/);
    const told = await db.agency.create({
      data: { organisation: `Org ${unique()}`, teamName: "Team", decisionSentStage: "NOT_SELECTED" },
    });
    expect(told.decisionSentStage).toBe("NOT_SELECTED");
  });
});
