// Repeated failed sign-ins are slowed down, then refused for 15 minutes, per email and per address.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { authorizeCredentials } from "./options";
import { hashPassword } from "./password";
import { addressKey, beginSignInAttempt, emailKey, MAX_FAILED_SIGN_INS } from "./rate-limit";
import { TOO_MANY_SIGN_INS } from "./schema";

const db = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const unique = () => randomUUID().slice(0, 8);
const PASSWORD = "rate-limit-test-password-9";
const passwordHash = hashPassword(PASSWORD);
const MINUTE = 60 * 1000;

async function createResearcher() {
  return db.user.create({
    data: {
      email: `rl.${unique()}@example.org`,
      name: "Rae Limit",
      role: "RESEARCHER",
      passwordHash: await passwordHash,
    },
  });
}

/** A sign-in through the real `authorize`, from the given address at the given moment. */
function signIn(email: string, password: string, address: string, now = new Date()) {
  return authorizeCredentials({ email, password }, { "x-forwarded-for": address }, now);
}

async function failTimes(times: number, email: string, address: string, now = new Date()) {
  for (let i = 0; i < times; i++) {
    expect(await signIn(email, "not-the-password", address, now)).toBeNull();
  }
}

describe("sign-in rate limiting", () => {
  it("refuses the 6th attempt after 5 failures for one email, even with the right password", async () => {
    const user = await createResearcher();
    await failTimes(MAX_FAILED_SIGN_INS, user.email, `198.51.100.${unique()}`);

    // From another address, so that only the email's count can be the reason.
    await expect(signIn(user.email, PASSWORD, `203.0.113.${unique()}`)).rejects.toThrow(TOO_MANY_SIGN_INS);
  });

  it("counts the email whatever its case", async () => {
    const user = await createResearcher();
    await failTimes(MAX_FAILED_SIGN_INS, user.email.toUpperCase(), `198.51.100.${unique()}`);
    await expect(signIn(user.email, PASSWORD, `203.0.113.${unique()}`)).rejects.toThrow(TOO_MANY_SIGN_INS);
  });

  it("refuses an address after 5 failures, whichever emails they were for", async () => {
    const address = `192.0.2.${unique()}`;
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      await failTimes(1, `nobody.${unique()}@example.org`, address);
    }
    const user = await createResearcher();
    await expect(signIn(user.email, PASSWORD, address)).rejects.toThrow(TOO_MANY_SIGN_INS);
    // The same person from another address is fine: nothing failed for their email.
    expect(await signIn(user.email, PASSWORD, `203.0.113.${unique()}`)).toMatchObject({ id: user.id });
  });

  it("slows down from the third failure", async () => {
    const email = `slow.${unique()}@example.org`;
    const address = `192.0.2.${unique()}`;
    const delays: number[] = [];
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      const attempt = await beginSignInAttempt({ email, address });
      if (!attempt.allowed) throw new Error("refused too early");
      delays.push(attempt.delayMs);
    }
    expect(delays).toEqual([0, 0, 0, 250, 500]);
    expect(await beginSignInAttempt({ email, address })).toEqual({ allowed: false, failures: 5 });
  });

  it("forgets the email's failures after a successful sign-in, but not the address's other failures", async () => {
    const user = await createResearcher();
    const address = `198.51.100.${unique()}`;
    await failTimes(3, `someone.${unique()}@example.org`, address);
    await failTimes(MAX_FAILED_SIGN_INS - 1, user.email, `203.0.113.${unique()}`);

    expect(await signIn(user.email, PASSWORD, address)).toMatchObject({ id: user.id, email: user.email });

    expect(await db.loginAttempt.count({ where: { key: emailKey(user.email) } })).toBe(0);
    // The successful attempt itself does not count against the address either.
    expect(await db.loginAttempt.count({ where: { key: addressKey(address) } })).toBe(3);
    // So the person has all 5 tries again.
    await failTimes(MAX_FAILED_SIGN_INS - 1, user.email, `203.0.113.${unique()}`);
    expect(await signIn(user.email, PASSWORD, `203.0.113.${unique()}`)).toMatchObject({ id: user.id });
  });

  it("lets the person try again 15 minutes after the failures", async () => {
    const user = await createResearcher();
    const address = `198.51.100.${unique()}`;
    const start = new Date();
    await failTimes(MAX_FAILED_SIGN_INS, user.email, address, start);

    await expect(signIn(user.email, PASSWORD, address, new Date(start.getTime() + 14 * MINUTE))).rejects.toThrow(
      TOO_MANY_SIGN_INS,
    );
    // A refused attempt is not counted, so the wait does not start again with every try.
    expect(await db.loginAttempt.count({ where: { key: emailKey(user.email) } })).toBe(MAX_FAILED_SIGN_INS);
    expect(await signIn(user.email, PASSWORD, address, new Date(start.getTime() + 16 * MINUTE))).toMatchObject({
      id: user.id,
    });
  });

  it("deletes attempts older than a day as new ones come in", async () => {
    const key = emailKey(`old.${unique()}@example.org`);
    await db.loginAttempt.create({ data: { key, at: new Date(Date.now() - 25 * 60 * MINUTE) } });
    await beginSignInAttempt({ email: `new.${unique()}@example.org`, address: `192.0.2.${unique()}` });
    expect(await db.loginAttempt.count({ where: { key } })).toBe(0);
  });

  it("counts the right password of a deactivated account as a failure", async () => {
    const user = await createResearcher();
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await signIn(user.email, PASSWORD, `192.0.2.${unique()}`)).toBeNull();
    expect(await db.loginAttempt.count({ where: { key: emailKey(user.email) } })).toBe(1);
  });
});
