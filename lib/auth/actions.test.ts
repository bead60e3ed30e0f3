// The profile actions are public POST endpoints: called without a session, they go no further
// than sending the caller to sign in.
import { describe, expect, it, vi } from "vitest";
import { changeNameAction, changePasswordAction } from "./actions";

// Nobody is signed in: next-auth finds no session in the request.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => null,
}));

const redirectsToSignIn = (error: unknown) => {
  const digest = String((error as { digest?: unknown }).digest ?? "");
  return digest.startsWith("NEXT_REDIRECT") && digest.includes("/signin");
};

describe("profile actions without a session", () => {
  it("send the caller to sign in", async () => {
    await expect(changeNameAction({ name: "Changed" })).rejects.toSatisfy(redirectsToSignIn);
    await expect(
      changePasswordAction({
        currentPassword: "x",
        password: "new-password-long-1",
        confirmPassword: "new-password-long-1",
      }),
    ).rejects.toSatisfy(redirectsToSignIn);
  });
});
