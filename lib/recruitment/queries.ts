import "server-only";
import { db } from "@/lib/db";

/** Participants recorded across every agency, whatever their status. */
export function countParticipants(): Promise<number> {
  return db.participant.count();
}
