import "server-only";
import { db } from "@/lib/db";
import { toCurrentUser, type CurrentUser } from "@/lib/auth/user";

/** The account behind an email address, with what sign-in needs to decide. */
export function findUserForSignIn(email: string) {
  return db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: {
      id: true,
      name: true,
      email: true,
      passwordHash: true,
      role: true,
      agencyId: true,
      agencyRole: true,
      sessionVersion: true,
      deactivatedAt: true,
    },
  });
}

/**
 * The person a session token speaks for, read fresh on every request: a deactivated account or a
 * raised session version (password reset, removal) ends the session at once, and a changed role
 * or agency applies without signing in again.
 */
export async function findSessionUser(id: string, sessionVersion: number): Promise<CurrentUser | null> {
  const row = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      agencyId: true,
      agencyRole: true,
      sessionVersion: true,
      deactivatedAt: true,
    },
  });
  if (!row || row.deactivatedAt !== null || row.sessionVersion !== sessionVersion) return null;
  return toCurrentUser(row);
}
