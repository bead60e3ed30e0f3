import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db";
import { createResearcher } from "./create-researcher";
import { GOOD_PASSWORD, uniqueEmail } from "./test-helpers";

// The script opens its own client, as here, rather than the app's shared one.
const client = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => client.$disconnect());

describe("createResearcher (npm run user:create)", () => {
  it("creates a researcher who can sign in, recorded in the audit trail as made from the command line", async () => {
    const email = uniqueEmail("Ana.Lopez");

    const result = await createResearcher(client, {
      email: ` ${email.toUpperCase()} `,
      name: "Ana Lopez",
      password: GOOD_PASSWORD,
    });

    expect(result).toMatchObject({ ok: true, email: email.toLowerCase() });
    const user = await client.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({
      name: "Ana Lopez",
      role: "RESEARCHER",
      agencyId: null,
      agencyRole: null,
      deactivatedAt: null,
    });
    expect(await verifyPassword(user.passwordHash!, GOOD_PASSWORD)).toBe(true);
    expect(await client.auditEvent.findFirst({ where: { entityId: user.id } })).toMatchObject({
      actorId: null,
      action: "user.created",
      after: { via: "cli", role: "RESEARCHER" },
    });
  });

  it("refuses an email that already has an account, whatever its case", async () => {
    const email = uniqueEmail("twice");
    expect((await createResearcher(client, { email, name: "First", password: GOOD_PASSWORD })).ok).toBe(true);

    const again = await createResearcher(client, {
      email: email.toUpperCase(),
      name: "Second",
      password: GOOD_PASSWORD,
    });

    expect(again).toEqual({
      ok: false,
      problem: `An account with the email address ${email} already exists. Sign in with it, or reset its password from the sign-in page.`,
    });
    expect(await client.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ name: "First" });
  });

  it("refuses a weak password or a malformed address, creating nothing", async () => {
    const email = uniqueEmail("weak");
    expect(await createResearcher(client, { email, name: "Weak", password: "qwertyuiop" })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^Password: .*most common/),
    });
    expect(await createResearcher(client, { email: "not-an-email", name: "X", password: GOOD_PASSWORD })).toMatchObject(
      {
        ok: false,
        problem: expect.stringMatching(/name@example.org/),
      },
    );
    expect(await client.user.count({ where: { email } })).toBe(0);
  });
});
