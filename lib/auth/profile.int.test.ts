// A signed-in person changing their own name and password.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { changeName, changePassword, WRONG_CURRENT_PASSWORD_MESSAGE } from "./profile";
import { findSessionUser } from "./queries";
import { MAX_FAILED_SIGN_INS } from "./rate-limit";
import { TOO_MANY_SIGN_INS_MESSAGE } from "./schema";

const db = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const unique = () => randomUUID().slice(0, 8);
const CURRENT = "the-current-password-for-tests";
const NEW_PASSWORD = "willow-bicycle-lantern-33";
const currentHash = hashPassword(CURRENT);
const address = () => `192.0.2.${unique()}`;

async function createWorker() {
  const agency = await db.agency.create({ data: { organisation: `Org ${unique()}`, teamName: "Team" } });
  return db.user.create({
    data: {
      email: `profile.${unique()}@example.org`,
      name: "Pat Profile",
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "WORKER",
      passwordHash: await currentHash,
    },
  });
}

describe("changing one's name", () => {
  it("changes the name and records the old and new name", async () => {
    const user = await createWorker();
    expect(await changeName(user.id, "Pat Newname")).toEqual({ ok: true });

    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Pat Newname");
    const audit = await db.auditEvent.findMany({ where: { entityId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: user.id,
      action: "user.name_changed",
      entity: "User",
      before: { name: "Pat Profile" },
      after: { name: "Pat Newname" },
    });
  });

  it("records nothing when the name stays the same", async () => {
    const user = await createWorker();
    expect(await changeName(user.id, user.name)).toEqual({ ok: true });
    expect(await db.auditEvent.count({ where: { entityId: user.id } })).toBe(0);
  });

  it("refuses a deactivated account", async () => {
    const user = await createWorker();
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await changeName(user.id, "Someone Else")).toEqual({ ok: false });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
  });
});

describe("changing one's password", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createWorker();
    const result = await changePassword(
      user.id,
      { currentPassword: "not-my-password-at-all", password: NEW_PASSWORD },
      { address: address() },
    );

    expect(result).toEqual({ ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD_MESSAGE });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect(after.sessionVersion).toBe(user.sessionVersion);
    expect(await db.auditEvent.count({ where: { entityId: user.id } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { to: user.email } })).toBe(0);
  });

  it("refuses a common new password", async () => {
    const user = await createWorker();
    const result = await changePassword(
      user.id,
      { currentPassword: CURRENT, password: "password123" },
      { address: address() },
    );
    expect(result).toMatchObject({ ok: false, field: "password", message: expect.stringMatching(/common/) });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("changes the password, ends the other sessions, audits it without the hash and tells the person", async () => {
    const user = await createWorker();
    const result = await changePassword(
      user.id,
      { currentPassword: CURRENT, password: NEW_PASSWORD },
      { address: address() },
    );

    expect(result).toEqual({ ok: true, sessionVersion: user.sessionVersion + 1 });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await findSessionUser(user.id, user.sessionVersion)).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { entityId: user.id } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([["user.password_changed", user.id]]);
    expect(JSON.stringify(audit.map((event) => [event.before, event.after]))).not.toContain("$argon2");
    expect(await db.outboxEmail.count({ where: { to: user.email, kind: "password-changed" } })).toBe(1);
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    const user = await createWorker();
    const from = address();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await changePassword(
        user.id,
        { currentPassword: `wrong-${i}-password`, password: NEW_PASSWORD },
        { address: from },
      );
    }
    const result = await changePassword(
      user.id,
      { currentPassword: CURRENT, password: NEW_PASSWORD },
      { address: from },
    );
    expect(result).toEqual({ ok: false, message: TOO_MANY_SIGN_INS_MESSAGE });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });
});
