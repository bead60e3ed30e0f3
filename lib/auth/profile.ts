// A signed-in person changing their own name and password.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { passwordChangedEmail } from "@/lib/auth/password-reset";
import { beginSignInAttempt, signInSucceeded } from "@/lib/auth/rate-limit";
import { TOO_MANY_SIGN_INS_MESSAGE } from "@/lib/auth/schema";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/notifications/outbox";

/** Changes the person's own name; records the old and new name in the audit trail. */
export async function changeName(userId: string, name: string): Promise<{ ok: boolean }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT "name" FROM "User" WHERE "id" = ${userId}::uuid AND "deactivatedAt" IS NULL FOR UPDATE`;
    const before = rows[0];
    if (!before) return { ok: false };
    if (before.name === name) return { ok: true };
    await tx.user.update({ where: { id: userId }, data: { name } });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.name_changed",
      entity: "User",
      entityId: userId,
      before: { name: before.name },
      after: { name },
    });
    return { ok: true };
  });
}

export const WRONG_CURRENT_PASSWORD_MESSAGE = "That is not your current password. Check it and try again.";

export type ChangePasswordResult =
  { ok: true; sessionVersion: number } | { ok: false; field?: "currentPassword" | "password"; message: string };

/**
 * Changes the person's own password once their current one checks out. Raises their session
 * version, which ends every session they have; the caller keeps the current one going
 * (keepCurrentSession). Wrong current passwords count as failed sign-ins, so a borrowed session
 * cannot be used to guess the password at speed.
 */
export async function changePassword(
  userId: string,
  { currentPassword, password }: { currentPassword: string; password: string },
  { address, now = new Date() }: { address: string; now?: Date },
): Promise<ChangePasswordResult> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, passwordHash: true, sessionVersion: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt !== null) return { ok: false, message: "Your account is no longer active." };

  const attempt = await beginSignInAttempt({ email: user.email, address, now });
  if (!attempt.allowed) return { ok: false, message: TOO_MANY_SIGN_INS_MESSAGE };
  if (attempt.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, attempt.delayMs));
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD_MESSAGE };
  }
  await signInSucceeded(attempt);

  const problem = passwordProblem(password, { email: user.email });
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(password);

  const changed = await db.$transaction(async (tx) => {
    // Only over the version just checked: a reset or removal in the meantime wins.
    const updated = await tx.user.updateMany({
      where: { id: user.id, sessionVersion: user.sessionVersion, deactivatedAt: null },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_changed",
      entity: "User",
      entityId: user.id,
      after: { otherSessionsEnded: true },
    });
    await enqueueEmail(tx, passwordChangedEmail(user, now));
    return true;
  });
  if (!changed) {
    return { ok: false, message: "Your account changed while you were typing. Sign in again and try once more." };
  }
  return { ok: true, sessionVersion: user.sessionVersion + 1 };
}
