import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { isUniqueViolation } from "./errors";
import { registerAgency } from "./registration";
import { EMAIL_TAKEN_MESSAGE } from "./schema";
import { GOOD_PASSWORD, unique, uniqueEmail } from "./test-helpers";

afterAll(() => db.$disconnect());

function registration(overrides: Record<string, string> = {}) {
  return {
    organisation: `Organisation ${unique()}`,
    teamName: `Team ${unique()}`,
    name: "Priya Shah",
    email: uniqueEmail("lead"),
    password: GOOD_PASSWORD,
    confirmPassword: GOOD_PASSWORD,
    ...overrides,
  };
}

describe("registerAgency", () => {
  it("creates the draft agency, its questionnaire, its first stage change, its lead and the audit entries", async () => {
    const input = registration({ email: ` Priya.${unique()}@Example.ORG ` });
    const result = await registerAgency(input);
    expect(result).toMatchObject({ ok: true, email: input.email.trim().toLowerCase() });
    if (!result.ok) return;

    const agency = await db.agency.findUniqueOrThrow({
      where: { id: result.agencyId },
      include: { staff: true, stageChanges: true, expressionOfInterest: true },
    });
    expect(agency).toMatchObject({ organisation: input.organisation, teamName: input.teamName, stage: "DRAFT" });
    expect(agency.expressionOfInterest).toMatchObject({ status: "DRAFT", submittedAt: null });
    expect(agency.stageChanges).toEqual([
      expect.objectContaining({ fromStage: null, toStage: "DRAFT", reason: "Registered", byId: result.userId }),
    ]);
    expect(agency.staff).toHaveLength(1);
    const lead = agency.staff[0]!;
    expect(lead).toMatchObject({ email: result.email, name: "Priya Shah", role: "AGENCY_STAFF", agencyRole: "LEAD" });
    expect(lead.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(lead.passwordHash!, GOOD_PASSWORD)).toBe(true);

    const audit = await db.auditEvent.findMany({ where: { actorId: lead.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.entityId])).toEqual([
      ["agency.registered", agency.id],
      ["user.created", lead.id],
    ]);
  });

  it("refuses an email that already has an account, whatever its case, and writes nothing", async () => {
    const first = await registerAgency(registration());
    if (!first.ok) throw new Error("the first registration should work");
    const second = registration({ email: first.email.toUpperCase() });

    const result = await registerAgency(second);

    expect(result).toEqual({ ok: false, fieldErrors: { email: [EMAIL_TAKEN_MESSAGE] } });
    expect(await db.agency.count({ where: { organisation: second.organisation } })).toBe(0);
    expect(await db.user.count({ where: { email: first.email } })).toBe(1);
  });

  it("gives the same clear answer when two people register one email at the same moment", async () => {
    const email = uniqueEmail("race");
    const attempts = [registration({ email }), registration({ email })];

    const results = await Promise.all(attempts.map((attempt) => registerAgency(attempt)));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, fieldErrors: { email: [EMAIL_TAKEN_MESSAGE] } });
    const agencies = await db.agency.count({
      where: { organisation: { in: attempts.map((attempt) => attempt.organisation) } },
    });
    expect(agencies).toBe(1);
  });

  it("answers bad input with what to fix instead of failing", async () => {
    const input = registration({ password: "password123", confirmPassword: "password123" });
    const common = await registerAgency(input);
    expect(common).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/most common/)] } });

    const empty = await registerAgency({});
    expect(empty.ok).toBe(false);
    expect(Object.keys((!empty.ok && empty.fieldErrors) || {})).toEqual(
      expect.arrayContaining(["organisation", "teamName", "name", "email", "password", "confirmPassword"]),
    );
    expect(await db.agency.count({ where: { organisation: input.organisation } })).toBe(0);
  });
});

describe("isUniqueViolation", () => {
  it("recognises the database refusing a second account with the same email", async () => {
    const email = uniqueEmail("twice");
    await db.user.create({ data: { email, name: "A", role: "RESEARCHER" } });
    const error = await db.user.create({ data: { email, name: "B", role: "RESEARCHER" } }).catch((caught) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("something else"))).toBe(false);
  });
});
