// Forgotten passwords: the link by email, its single use and expiry, and what a reset ends.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { authorizeCredentials } from "./options";
import { hashPassword, verifyPassword } from "./password";
import {
  checkPasswordResetLink,
  MAX_RESET_REQUESTS_PER_HOUR,
  requestPasswordReset,
  resetPassword,
} from "./password-reset";
import { findSessionUser } from "./queries";
import { MAX_FAILED_SIGN_INS } from "./rate-limit";
import { TOO_MANY_SIGN_INS } from "./schema";
import { hashToken } from "./tokens";

const db = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const unique = () => randomUUID().slice(0, 8);
const OLD_PASSWORD = "the-old-password-for-tests";
const NEW_PASSWORD = "copper-kettle-harbour-58";
const oldHash = hashPassword(OLD_PASSWORD);
const HOUR = 60 * 60 * 1000;

async function createResearcher() {
  return db.user.create({
    data: {
      email: `reset.${unique()}@example.org`,
      name: "Rosa Reset",
      role: "RESEARCHER",
      passwordHash: await oldHash,
    },
  });
}

function resetEmails(to: string) {
  return db.outboxEmail.findMany({ where: { to, kind: "password-reset" }, orderBy: { createdAt: "asc" } });
}

/** The token in the newest reset email: the only place it exists outside the person's hands. */
async function tokenFromEmail(to: string): Promise<string> {
  const emails = await resetEmails(to);
  const text = emails.at(-1)?.text ?? "";
  const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no reset link in an email to ${to}`);
  return token;
}

describe("asking for a reset link", () => {
  it("emails an active account a link that works for an hour, keeps only its hash, and audits it", async () => {
    const user = await createResearcher();
    const now = new Date();
    await requestPasswordReset(`  ${user.email.toUpperCase()} `, now);

    const emails = await resetEmails(user.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain("http");
    const token = await tokenFromEmail(user.email);
    const stored = await db.userToken.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: "PASSWORD_RESET", email: user.email, tokenHash: hashToken(token) });
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.expiresAt.getTime() - now.getTime()).toBe(HOUR);
    const audit = await db.auditEvent.findMany({ where: { entityId: user.id } });
    expect(audit.map((event) => event.action)).toEqual(["user.password_reset_requested"]);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(token);
  });

  it("answers an unknown address the same way, with no email and no link", async () => {
    const email = `nobody.${unique()}@example.org`;
    await expect(requestPasswordReset(email)).resolves.toBeUndefined();
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(0);
    expect(await db.userToken.count({ where: { email } })).toBe(0);
  });

  it("sends nothing to a deactivated account", async () => {
    const user = await createResearcher();
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    await requestPasswordReset(user.email);
    expect(await db.outboxEmail.count({ where: { to: user.email } })).toBe(0);
  });

  it("revokes the earlier link when a new one is asked for", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const first = await tokenFromEmail(user.email);
    await requestPasswordReset(user.email);
    const second = await tokenFromEmail(user.email);

    expect(second).not.toBe(first);
    expect(await checkPasswordResetLink(first)).toBe("revoked");
    expect(await resetPassword(first, NEW_PASSWORD)).toEqual({ ok: false, linkState: "revoked" });
    expect(await checkPasswordResetLink(second)).toBe("valid");
  });

  it(`ignores more than ${MAX_RESET_REQUESTS_PER_HOUR} requests an hour for one account`, async () => {
    const user = await createResearcher();
    const start = new Date();
    for (let i = 0; i < MAX_RESET_REQUESTS_PER_HOUR + 2; i++) {
      await requestPasswordReset(user.email, new Date(start.getTime() + i * 60_000));
    }
    expect(await resetEmails(user.email)).toHaveLength(MAX_RESET_REQUESTS_PER_HOUR);
    // The newest link that was sent still works.
    expect(await checkPasswordResetLink(await tokenFromEmail(user.email))).toBe("valid");

    await requestPasswordReset(user.email, new Date(start.getTime() + HOUR + 5 * 60_000));
    expect(await resetEmails(user.email)).toHaveLength(MAX_RESET_REQUESTS_PER_HOUR + 1);
  });
});

describe("setting a new password with the link", () => {
  it("sets the password, ends every session, uses up the link, audits it and tells the person", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const token = await tokenFromEmail(user.email);

    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: true });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, OLD_PASSWORD)).toBe(false);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    // A session from before the reset carries the old version: it no longer counts.
    expect(await findSessionUser(user.id, user.sessionVersion)).toBeNull();
    expect(await findSessionUser(user.id, after.sessionVersion)).toMatchObject({ id: user.id });

    expect(await db.userToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).toMatchObject({
      usedAt: expect.any(Date),
    });
    const audit = await db.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["user.password_reset_requested", null],
      ["user.password_reset", user.id],
    ]);
    expect(JSON.stringify(audit.map((event) => [event.before, event.after]))).not.toContain("$argon2");
    expect(await db.outboxEmail.count({ where: { to: user.email, kind: "password-changed" } })).toBe(1);
  });

  it("lets someone locked out by failed sign-ins in again once they have reset their password", async () => {
    const user = await createResearcher();
    const signIn = (password: string) =>
      authorizeCredentials({ email: user.email, password }, { "x-forwarded-for": `192.0.2.${unique()}` });
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect(await signIn(`wrong-guess-${i}`)).toBeNull();
    await expect(signIn(OLD_PASSWORD)).rejects.toThrow(TOO_MANY_SIGN_INS);

    await requestPasswordReset(user.email);
    expect(await resetPassword(await tokenFromEmail(user.email), NEW_PASSWORD)).toEqual({ ok: true });
    expect(await signIn(NEW_PASSWORD)).toMatchObject({ id: user.id });
  });

  it("refuses a link that has been used", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const token = await tokenFromEmail(user.email);
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: true });

    expect(await checkPasswordResetLink(token)).toBe("used");
    expect(await resetPassword(token, "another-password-entirely-7")).toEqual({ ok: false, linkState: "used" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("lets only one of two requests racing with the same link set a password", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const token = await tokenFromEmail(user.email);

    const results = await Promise.all([
      resetPassword(token, NEW_PASSWORD),
      resetPassword(token, "another-password-entirely-7"),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results).toContainEqual({ ok: false, linkState: "used" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("refuses a link after its hour", async () => {
    const user = await createResearcher();
    const asked = new Date(Date.now() - HOUR - 60_000);
    await requestPasswordReset(user.email, asked);
    const token = await tokenFromEmail(user.email);

    expect(await checkPasswordResetLink(token, new Date(asked.getTime() + HOUR - 1000))).toBe("valid");
    expect(await checkPasswordResetLink(token)).toBe("expired");
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, linkState: "expired" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect(after.sessionVersion).toBe(user.sessionVersion);
  });

  it("refuses a revoked link and one that never existed", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const token = await tokenFromEmail(user.email);
    await db.userToken.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });

    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, linkState: "revoked" });
    expect(await resetPassword(`${token}x`, NEW_PASSWORD)).toEqual({ ok: false, linkState: "unknown" });
    expect(await checkPasswordResetLink("")).toBe("unknown");
  });

  it("refuses a common password and keeps the link usable", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const token = await tokenFromEmail(user.email);

    expect(await resetPassword(token, "qwertyuiop")).toEqual({
      ok: false,
      passwordError: expect.stringMatching(/most common passwords/),
    });
    expect(await checkPasswordResetLink(token)).toBe("valid");
  });

  it("does not reset the password of an account deactivated after the link was sent", async () => {
    const user = await createResearcher();
    await requestPasswordReset(user.email);
    const token = await tokenFromEmail(user.email);
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });

    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, linkState: "unknown" });
  });
});
