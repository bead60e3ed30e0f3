import { describe, expect, it } from "vitest";
import { afterSignInPath, safeLocalPath, toCurrentUser } from "./user";

describe("afterSignInPath", () => {
  it("sends each role to its own area by default", () => {
    expect(afterSignInPath("RESEARCHER", null)).toBe("/researcher");
    expect(afterSignInPath("AGENCY_STAFF", undefined)).toBe("/agency");
  });

  it("follows a callback inside the person's own area", () => {
    expect(afterSignInPath("RESEARCHER", "/researcher/agencies?stage=SUBMITTED")).toBe(
      "/researcher/agencies?stage=SUBMITTED",
    );
    expect(afterSignInPath("AGENCY_STAFF", "/agency")).toBe("/agency");
  });

  it("ignores a callback into the other role's area or a look-alike path", () => {
    expect(afterSignInPath("AGENCY_STAFF", "/researcher")).toBe("/agency");
    expect(afterSignInPath("RESEARCHER", "/researcher-evil")).toBe("/researcher");
  });
});

describe("safeLocalPath", () => {
  it.each(["https://evil.example/researcher", "//evil.example/x", "/\\evil.example", "researcher", "", null])(
    "refuses %s",
    (value) => {
      expect(safeLocalPath(value)).toBeNull();
    },
  );

  it("keeps a local path with its query", () => {
    expect(safeLocalPath("/agency?tab=staff")).toBe("/agency?tab=staff");
  });
});

describe("toCurrentUser", () => {
  const person = { id: "u1", name: "Sam", email: "sam@example.org" };

  it("types agency staff with their agency", () => {
    expect(toCurrentUser({ ...person, role: "AGENCY_STAFF", agencyId: "a1", agencyRole: "LEAD" })).toEqual({
      ...person,
      role: "AGENCY_STAFF",
      agencyId: "a1",
      agencyRole: "LEAD",
    });
  });

  it("refuses a row whose role and agency disagree", () => {
    expect(toCurrentUser({ ...person, role: "AGENCY_STAFF", agencyId: null, agencyRole: null })).toBeNull();
    expect(toCurrentUser({ ...person, role: "RESEARCHER", agencyId: "a1", agencyRole: "LEAD" })).toBeNull();
  });
});
