// A researcher marks who came to a training session: each booked person attended or absent. It can
// be done from the moment the session starts, and corrected later (an absence becomes attended, or
// the reverse). Attendance is what completes a person's training (rules.ts hasCompleted), so every
// mark is written with who marked it and when, and an audit entry, in one transaction.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { formatUkDateTime } from "@/lib/dates";
import { db, type Db } from "@/lib/db";
import { holdsAPlace } from "./rules";
import { attendanceSchema, type TrainingResult } from "./schema";
import { changeLockedSession, SESSION_NOT_FOUND } from "./sessions";

export async function markAttendance(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<TrainingResult> {
  // Only researchers mark attendance; to anyone else the session does not exist.
  const parsed = parseAsResearcher(actor, attendanceSchema, input, SESSION_NOT_FOUND);
  if (!parsed.ok) return parsed;
  const { sessionId, marks } = parsed.data;
  const bookingIds = marks.map((mark) => mark.bookingId);
  if (new Set(bookingIds).size !== bookingIds.length) {
    return { ok: false, formError: "Each person can be marked only once. Reload the page and try again." };
  }

  // Locked so that an edit or a cancellation of the session at the same moment waits for this.
  // First the agencies of the people marked (FOR KEY SHARE, in id order, before the session as a
  // booking takes them): a researcher's move of one of them to "recruiting", which checks
  // everyone's attendance under the agency's FOR UPDATE lock, then either finishes before this
  // mark is read or waits for it, so the gate never decides on attendance being corrected.
  return changeLockedSession(
    client,
    sessionId,
    (session, day) =>
      session.status === "CANCELLED"
        ? `This ${day} session was cancelled, so nobody's attendance can be marked.`
        : session.startsAt > now
          ? `You can mark attendance from the start of the session, at ${formatUkDateTime(session.startsAt)} (UK time).`
          : null,
    async (tx): Promise<TrainingResult> => {
      const bookings = await tx.booking.findMany({
        where: { id: { in: bookingIds } },
        select: { id: true, sessionId: true, status: true, person: { select: { name: true } } },
      });
      const byId = new Map(bookings.map((booking) => [booking.id, booking]));
      for (const { bookingId } of marks) {
        const booking = byId.get(bookingId);
        if (!booking || booking.sessionId !== sessionId) {
          return {
            ok: false,
            formError: "Someone in the list is not booked on this session. Reload the page and mark attendance again.",
          };
        }
        if (!holdsAPlace(booking.status)) {
          return {
            ok: false,
            formError:
              booking.status === "WAITLISTED"
                ? `${booking.person.name} is on the waiting list, not booked, so their attendance cannot be marked. Reload the page and mark only the people booked.`
                : `${booking.person.name}'s booking was cancelled, so their attendance cannot be marked. Reload the page and mark only the people booked.`,
          };
        }
      }

      for (const status of ["ATTENDED", "ABSENT"] as const) {
        const ids = marks.filter((mark) => mark.status === status).map((mark) => mark.bookingId);
        if (ids.length === 0) continue;
        await tx.booking.updateMany({
          where: { id: { in: ids } },
          data: { status, attendanceMarkedById: actor.id, attendanceMarkedAt: now },
        });
      }
      for (const mark of marks) {
        await recordAudit(tx, {
          actorId: actor.id,
          action: "booking.attendance_marked",
          entity: "Booking",
          entityId: mark.bookingId,
          before: { status: byId.get(mark.bookingId)!.status },
          after: { status: mark.status, sessionId },
        });
      }

      const attended = marks.filter((mark) => mark.status === "ATTENDED").length;
      return {
        ok: true,
        message: `Marked ${attended} attended and ${marks.length - attended} absent.`,
      };
    },
    undefined,
    async (tx) => {
      await tx.$queryRaw`
        SELECT a."id" FROM "Agency" a
        WHERE a."id" IN (
          SELECT u."agencyId" FROM "Booking" b JOIN "User" u ON u."id" = b."userId"
          WHERE b."id" = ANY(${bookingIds}::uuid[]) AND u."agencyId" IS NOT NULL
        )
        ORDER BY a."id"
        FOR KEY SHARE OF a`;
    },
  );
}
