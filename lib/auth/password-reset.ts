// Forgotten passwords: a single-use link by email that works for an hour, and setting a new
// password with it. The database keeps only the link's hash (lib/auth/tokens.ts).
import "server-only";
import { appUrl } from "@/lib/app-url";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { emailKey } from "@/lib/auth/rate-limit";
import { hashToken, newToken, PASSWORD_RESET_LIFETIME_MS } from "@/lib/auth/tokens";
import { formatUkDateTime } from "@/lib/dates";
import { db } from "@/lib/db";
import { enqueueEmail } from "@/lib/notifications/outbox";

/** More requests than this for one account within an hour are ignored (without saying so). */
export const MAX_RESET_REQUESTS_PER_HOUR = 3;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Sends a reset link to the account with this email address, if there is an active one. Says
 * nothing either way: the caller shows the same answer whatever happened, so that nobody can use
 * the form to find out who has an account.
 */
export async function requestPasswordReset(rawEmail: string, now = new Date()): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  // Made before the look-up, so that an unknown address costs the same work up to that point.
  const { token, tokenHash } = newToken();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, deactivatedAt: true },
  });
  if (!user || user.deactivatedAt !== null) return;

  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
  await db.$transaction(async (tx) => {
    // One request at a time per person, so that the hourly limit holds for parallel requests too.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${user.id}::uuid FOR UPDATE`;
    const recent = await tx.userToken.count({
      where: { userId: user.id, purpose: "PASSWORD_RESET", createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
    });
    if (recent >= MAX_RESET_REQUESTS_PER_HOUR) return;

    // Only the newest link works, so a forwarded or forgotten older email opens nothing.
    await tx.userToken.updateMany({
      where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const link = await tx.userToken.create({
      data: { purpose: "PASSWORD_RESET", userId: user.id, email: user.email, tokenHash, expiresAt, createdAt: now },
      select: { id: true },
    });
    await enqueueEmail(tx, {
      to: user.email,
      subject: "Reset your password for the Connecting People pilot",
      text: [
        `Hello ${user.name},`,
        "",
        "Someone asked to reset the password of your Connecting People pilot account. If it was you, open this link to choose a new password:",
        "",
        appUrl(`/reset-password/${token}`),
        "",
        `The link works once, for 1 hour (until ${formatUkDateTime(expiresAt)}).`,
        "",
        "If you did not ask for this, you can ignore this email: your password stays as it is.",
      ].join("\n"),
      kind: "password-reset",
    });
    await recordAudit(tx, {
      actorId: null,
      action: "user.password_reset_requested",
      entity: "User",
      entityId: user.id,
      after: { linkId: link.id, expiresAt: expiresAt.toISOString() },
    });
  });
}

/** What a reset link is good for now. */
export type ResetLinkState = "valid" | "used" | "revoked" | "expired" | "unknown";

async function findResetLink(token: string) {
  // A token is 43 URL-safe characters; anything much longer is not worth hashing and looking up.
  if (token.length === 0 || token.length > 100) return null;
  return db.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, name: true, email: true, deactivatedAt: true } },
    },
  });
}

function linkState(link: Awaited<ReturnType<typeof findResetLink>>, now: Date): ResetLinkState {
  if (!link || link.purpose !== "PASSWORD_RESET" || !link.user || link.user.deactivatedAt !== null) return "unknown";
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt <= now) return "expired";
  return "valid";
}

/** Whether the reset page should offer a new password for this link, or say why not. */
export async function checkPasswordResetLink(token: string, now = new Date()): Promise<ResetLinkState> {
  return linkState(await findResetLink(token), now);
}

export type ResetPasswordResult =
  { ok: true } | { ok: false; linkState: Exclude<ResetLinkState, "valid"> } | { ok: false; passwordError: string };

class LinkNoLongerValid extends Error {}

/**
 * Sets a new password with a reset link: uses up the link, ends every session of the person
 * (their session version goes up), revokes their other reset links, forgets the failed sign-ins
 * for their email, and tells them by email.
 */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<ResetPasswordResult> {
  const link = await findResetLink(token);
  const state = linkState(link, now);
  if (state !== "valid" || !link?.user) return { ok: false, linkState: state === "valid" ? "unknown" : state };
  const user = link.user;

  const problem = passwordProblem(password, { email: user.email });
  if (problem) return { ok: false, passwordError: problem };
  // Hashing is slow on purpose: do it before the transaction, not while holding its locks.
  const passwordHash = await hashPassword(password);

  try {
    await db.$transaction(async (tx) => {
      // Guarded, so that of two requests racing with the same link only one sets a password.
      const claimed = await tx.userToken.updateMany({
        where: { id: link.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) throw new LinkNoLongerValid();
      const updated = await tx.user.updateMany({
        where: { id: user.id, deactivatedAt: null },
        data: { passwordHash, sessionVersion: { increment: 1 } },
      });
      if (updated.count !== 1) throw new LinkNoLongerValid();
      await tx.userToken.updateMany({
        where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      // The sign-in page tells someone locked out to reset their password: after that it lets them in.
      await tx.loginAttempt.deleteMany({ where: { key: emailKey(user.email) } });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.password_reset",
        entity: "User",
        entityId: user.id,
        after: { linkId: link.id, signedOutEverywhere: true },
      });
      await enqueueEmail(tx, passwordChangedEmail(user, now));
    });
  } catch (error) {
    if (!(error instanceof LinkNoLongerValid)) throw error;
    const stateNow = await checkPasswordResetLink(token, now);
    return { ok: false, linkState: stateNow === "valid" ? "used" : stateNow };
  }
  return { ok: true };
}

/** The email that tells someone their password was changed, in case it was not them. */
export function passwordChangedEmail(user: { name: string; email: string }, now: Date) {
  return {
    to: user.email,
    subject: "Your password for the Connecting People pilot was changed",
    text: [
      `Hello ${user.name},`,
      "",
      `The password of your Connecting People pilot account (${user.email}) was changed on ${formatUkDateTime(now)}.`,
      "",
      "If you changed it, there is nothing more to do.",
      "",
      "If you did not, reset your password straight away with this link, and tell the research team:",
      "",
      appUrl("/forgot-password"),
    ].join("\n"),
    kind: "password-changed",
  };
}
