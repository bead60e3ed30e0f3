// Places given up by people who no longer take training, against a real database: a withdrawn
// agency's staff, a colleague removed from the staff list, and a supervisor made a worker (who keeps
// the worker days). Each place freed goes to the first person waiting, and everyone is told.
// The database is shared with other tests: every agency, person and session here is this file's own.
import { describe, expect, it } from "vitest";
import { changeStaffRole, removeStaff } from "@/lib/accounts/staff";
import { createResearcherUser, createStaff, unique } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import type { BookingStatus, TrainingDay } from "@/lib/generated/prisma/enums";
import { moveAgencyStage } from "@/lib/selection/moves";

const DAY = 86_400_000;

async function trainingAgency() {
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "TRAINING" },
  });
  return {
    agency,
    lead: await createStaff(agency.id, "LEAD"),
    supervisor: await createStaff(agency.id, "SUPERVISOR"),
    worker: await createStaff(agency.id, "WORKER"),
  };
}

/** A one-place session in the future (or the past), and a waiting person from another agency. */
async function fullSession(trainingDay: TrainingDay, holderId: string, inDays = 30) {
  const startsAt = new Date(Date.now() + inDays * DAY);
  const session = await db.trainingSession.create({
    data: {
      trainingDay,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
      trainer: "Trainer",
      capacity: 1,
      onlineUrl: "https://example.org/training",
    },
  });
  const { supervisor: waiting } = await trainingAgency();
  const held = await db.booking.create({ data: { sessionId: session.id, userId: holderId, status: "BOOKED" } });
  const wait = await db.booking.create({
    data: { sessionId: session.id, userId: waiting.id, status: "WAITLISTED", waitlistPosition: 1 },
  });
  return { session, held, wait, waiting };
}

const statusOf = async (bookingId: string): Promise<BookingStatus> =>
  (await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status;

const emailsTo = (email: string) => db.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

describe("places given up", () => {
  it("by a withdrawn agency go to the people waiting, and its staff are sent a calendar cancellation", async () => {
    const { agency, worker } = await trainingAgency();
    const { held, wait, waiting } = await fullSession("WORKER_1", worker.id);
    const past = await fullSession("WORKER_2", worker.id, -30);
    const researcher = await createResearcherUser();

    const result = await moveAgencyStage(
      researcher,
      { agencyId: agency.id, to: "WITHDRAWN", reason: "Service closed" },
      new Date(),
    );

    expect(result).toMatchObject({ ok: true });
    expect(await statusOf(held.id)).toBe("CANCELLED");
    expect(await statusOf(wait.id)).toBe("BOOKED");
    // The past session's record stays as it was.
    expect(await statusOf(past.held.id)).toBe("BOOKED");
    expect(await emailsTo(worker.email)).toEqual([
      expect.objectContaining({ kind: "booking-cancelled", icsMethod: "CANCEL" }),
    ]);
    expect(await emailsTo(waiting.email)).toEqual([
      expect.objectContaining({ kind: "booking-promoted", icsMethod: "REQUEST" }),
    ]);
    expect(await db.auditEvent.findFirst({ where: { action: "booking.cancelled", entityId: held.id } })).toMatchObject({
      actorId: researcher.id,
      after: expect.objectContaining({ reason: expect.stringContaining("Service closed") }),
    });
  });

  it("by a colleague removed from the staff list", async () => {
    const { lead, worker } = await trainingAgency();
    const { held, wait } = await fullSession("WORKER_1", worker.id);

    expect(await removeStaff(lead, { userId: worker.id })).toMatchObject({ ok: true });

    expect(await statusOf(held.id)).toBe("CANCELLED");
    expect(await statusOf(wait.id)).toBe("BOOKED");
  });

  it("by a supervisor made a worker: the supervisor days only, the worker days kept", async () => {
    const { lead, supervisor } = await trainingAgency();
    const supervisorDay = await fullSession("SUPERVISOR_1", supervisor.id);
    const workerDay = await fullSession("WORKER_1", supervisor.id, 31);

    expect(await changeStaffRole(lead, { userId: supervisor.id, agencyRole: "WORKER" })).toMatchObject({ ok: true });

    expect(await statusOf(supervisorDay.held.id)).toBe("CANCELLED");
    expect(await statusOf(supervisorDay.wait.id)).toBe("BOOKED");
    expect(await statusOf(workerDay.held.id)).toBe("BOOKED");
    expect(await statusOf(workerDay.wait.id)).toBe("WAITLISTED");
  });
});
