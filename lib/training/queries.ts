import "server-only";
import { db } from "@/lib/db";

/** Scheduled training sessions that have not started yet. */
export function countUpcomingTrainingSessions(now: Date = new Date()): Promise<number> {
  return db.trainingSession.count({ where: { status: "SCHEDULED", startsAt: { gt: now } } });
}
