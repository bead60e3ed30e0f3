// The data the crash test works on, and the lines its writes worker prints. Shared by the test
// (which creates the data and reads the lines) and the worker (which reads the data back from the
// database, so that a restarted worker carries on where the killed one stopped).
import type { Db } from "@/lib/db";
import type { TrainingDay } from "@/lib/generated/prisma/client";

/** The clock of every write: sessions are months ahead, participants' dates up to this day. */
export const NOW = new Date("2031-01-06T09:00:00Z");
export const TODAY = "2031-01-06";

/** Agencies 1 and 2 are selected (their first booking moves them to training); the others recruit. */
export const AGENCY_COUNT = 6;
const SELECTED_AGENCIES = 2;
export const WORKERS_PER_AGENCY = 6;
const DAYS = ["WORKER_1", "WORKER_2", "WORKER_3"] as const satisfies readonly TrainingDay[];
const SESSIONS_PER_DAY = 4;
/** Small, so that sessions fill up and waiting lists form, move up and close up. */
export const SESSION_CAPACITY = 3;

/** Creates the agencies, their staff and the sessions in an empty database. */
export async function createScenario(db: Db) {
  for (let index = 1; index <= AGENCY_COUNT; index++) {
    const agency = await db.agency.create({
      data: {
        organisation: `Crash test organisation ${index}`,
        teamName: `Team ${index}`,
        stage: index <= SELECTED_AGENCIES ? "SELECTED" : "RECRUITING",
        decisionSentStage: "SELECTED",
      },
    });
    const person = (agencyRole: "SUPERVISOR" | "WORKER", name: string, email: string) => ({
      email,
      name,
      role: "AGENCY_STAFF" as const,
      agencyId: agency.id,
      agencyRole,
    });
    await db.user.createMany({
      data: [
        person("SUPERVISOR", `Supervisor ${index}`, `supervisor.${index}@crash.example.org`),
        ...Array.from({ length: WORKERS_PER_AGENCY }, (_, worker) =>
          person("WORKER", `Worker ${index}-${worker + 1}`, `worker.${index}.${worker + 1}@crash.example.org`),
        ),
      ],
    });
  }
  // One session a day from 3 March 2031, each day's sessions on different dates.
  await db.trainingSession.createMany({
    data: DAYS.flatMap((trainingDay, dayIndex) =>
      Array.from({ length: SESSIONS_PER_DAY }, (_, index) => {
        const offset = dayIndex * SESSIONS_PER_DAY + index;
        const startsAt = new Date(Date.UTC(2031, 2, 3 + offset, 9, 30));
        return {
          trainingDay,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 7 * 3_600_000),
          onlineUrl: "https://meet.example.org/connecting-people",
          trainer: "Dr Ada Lovelace",
          capacity: SESSION_CAPACITY,
        };
      }),
    ),
  });
}

export type OpKind = "book" | "cancel" | "refer" | "step";

/** What a capability answered, as the worker prints it. */
export type OpResult = {
  ok: boolean;
  message?: string;
  formError?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  participantId?: string;
  studyId?: string;
};

/** Printed before a write starts. */
export type BeginLine = { e: "begin"; op: string; loop: number; kind: OpKind; actorId: string; input: unknown };
/** Printed once the write has returned: when `ok`, its transaction has committed. */
export type DoneLine = { e: "done"; op: string; result: OpResult };
/** Printed when a write threw instead of answering: whether it committed is unknown, as for one in flight. */
export type ErrorLine = { e: "error"; op: string; message: string };
/** Printed when the worker has done all its operations. */
export type FinishedLine = { e: "finished" };
export type WorkerLine = BeginLine | DoneLine | ErrorLine | FinishedLine;

export type BookInput = { sessionId: string; userIds: string[] };
export type CancelInput = { bookingId: string };
export type ReferInput = { workerId: string; subgroup: string; isNewReferral: boolean; referralDate: string };
export type StepInput = { participantId: string; step: string; date: string } & Record<string, unknown>;
