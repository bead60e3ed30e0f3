import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("accepts a long, uncommon password", () => {
    expect(passwordProblem("river-lantern-oak-71")).toBeNull();
  });

  it("asks for at least 10 characters", () => {
    expect(passwordProblem("short1!")).toBe("Use at least 10 characters.");
  });

  it.each(["1234567890", "qwertyuiop", "Password123", "manchester"])("refuses the common password %s", (password) => {
    expect(passwordProblem(password)).toMatch(/most common passwords/);
  });

  it("refuses a password made from the person's email address", () => {
    expect(passwordProblem("margaret.hughes2026", { email: "Margaret.Hughes@example.org" })).toMatch(/email address/);
  });
});
