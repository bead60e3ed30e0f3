import { describe, expect, it } from "vitest";
import {
  changePasswordSchema,
  newPasswordField,
  resetPasswordSchema,
  SIGN_IN_FAILED_MESSAGE,
  signInErrorMessage,
  TOO_MANY_SIGN_INS,
  TOO_MANY_SIGN_INS_MESSAGE,
} from "./schema";

describe("signInErrorMessage", () => {
  it("gives one message for wrong credentials and another for too many failures", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(SIGN_IN_FAILED_MESSAGE);
    expect(signInErrorMessage(TOO_MANY_SIGN_INS)).toBe(TOO_MANY_SIGN_INS_MESSAGE);
    expect(TOO_MANY_SIGN_INS_MESSAGE).toBe(
      "Too many failed sign-ins. Wait 15 minutes and try again, or reset your password.",
    );
    expect(signInErrorMessage(null)).toBeNull();
  });
});

describe("new password forms", () => {
  it("ask for the same new password twice", () => {
    const result = resetPasswordSchema.safeParse({
      password: "long-enough-password",
      confirmPassword: "different-one",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["confirmPassword"]);
  });

  it("need the current password to change it", () => {
    const result = changePasswordSchema.safeParse({
      currentPassword: "",
      password: "long-enough-password",
      confirmPassword: "long-enough-password",
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["currentPassword"]]);
  });
});

describe("newPasswordField", () => {
  it.each([
    ["", "Use at least 10 characters."],
    ["123456789", "Use at least 10 characters."],
    ["1234567890", undefined],
    ["x".repeat(200), undefined],
    ["x".repeat(201), "Use at most 200 characters."],
  ])("judges %j", (password, message) => {
    expect(newPasswordField.safeParse(password).error?.issues[0]?.message).toBe(message);
  });
});
