import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nameFromEmail } from "./create-researcher";
import { acceptInvitationSchema, changeStaffRoleSchema, inviteStaffSchema, registerAgencySchema } from "./schema";

const registration = {
  organisation: "  Leeds Community Trust ",
  teamName: "North CMHT",
  name: "Priya Shah",
  email: "  Priya.Shah@Example.ORG ",
  password: "river-lantern-oak-71",
  confirmPassword: "river-lantern-oak-71",
};

const errorsOf = (result: z.ZodSafeParseResult<unknown>): Record<string, string[] | undefined> =>
  result.success ? {} : (z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>);

describe("registerAgencySchema", () => {
  it("trims the answers and lower-cases the email address", () => {
    const parsed = registerAgencySchema.parse(registration);
    expect(parsed.organisation).toBe("Leeds Community Trust");
    expect(parsed.email).toBe("priya.shah@example.org");
  });

  it("says which boxes are empty", () => {
    const errors = errorsOf(registerAgencySchema.safeParse({ ...registration, organisation: " ", teamName: "" }));
    expect(errors).toMatchObject({
      organisation: ["Enter the name of your organisation."],
      teamName: ["Enter the name of your team."],
    });
  });

  it("asks for the same password twice, even when another box has a problem", () => {
    const errors = errorsOf(
      registerAgencySchema.safeParse({ ...registration, name: "", confirmPassword: "river-lantern-oak-72" }),
    );
    expect(errors.confirmPassword).toEqual(["The two passwords are different. Type the same password in both boxes."]);
    expect(errors.name).toBeDefined();
  });

  it("asks for a password of at least 10 characters and an email address that looks like one", () => {
    const errors = errorsOf(
      registerAgencySchema.safeParse({ ...registration, email: "priya", password: "short", confirmPassword: "short" }),
    );
    expect(errors.password).toEqual(["Use at least 10 characters."]);
    expect(errors.email).toEqual(["Enter the email address in the form name@example.org."]);
  });
});

describe("the other account schemas", () => {
  it("lets a lead invite only workers and supervisors (a colleague becomes lead by a role change)", () => {
    expect(inviteStaffSchema.safeParse({ email: "a@example.org", agencyRole: "WORKER" }).success).toBe(true);
    expect(inviteStaffSchema.safeParse({ email: "a@example.org", agencyRole: "LEAD" }).success).toBe(false);
    expect(changeStaffRoleSchema.safeParse({ userId: crypto.randomUUID(), agencyRole: "LEAD" }).success).toBe(true);
  });

  it("needs the token, a name and matching passwords to accept an invitation", () => {
    const errors = errorsOf(
      acceptInvitationSchema.safeParse({ token: "t", name: "", password: "a-long-password", confirmPassword: "x" }),
    );
    expect(Object.keys(errors).sort()).toEqual(["confirmPassword", "name"]);
  });
});

describe("nameFromEmail", () => {
  it("makes a readable name from an address", () => {
    expect(nameFromEmail("ana.lopez@example.org")).toBe("Ana Lopez");
    expect(nameFromEmail("@example.org")).toBe("Researcher");
  });
});
