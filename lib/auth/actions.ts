"use server";
// The forgotten-password and profile forms' server actions. Each is a public POST endpoint: it
// checks who is calling and what they sent, whatever the page showed.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { keepCurrentSession } from "@/lib/auth/options";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { changeName, changePassword } from "@/lib/auth/profile";
import { clientAddress } from "@/lib/auth/rate-limit";
import { env } from "@/lib/env";
import {
  changeNameSchema,
  changePasswordSchema,
  forgotPasswordSchema,
  resetPasswordSchema,
  type FormResult,
} from "@/lib/auth/schema";
import { requireUser } from "@/lib/auth/session";
import { invalidInput } from "@/lib/forms";

/** Always answers the same way; the work happens after the answer has gone (see below). */
export async function requestPasswordResetAction(input: unknown): Promise<FormResult<"email">> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { email } = parsed.data;

  // After the response, so that how long it takes does not tell whether the address has an
  // account (a known one writes a link, an email and an audit entry; an unknown one nothing).
  after(async () => {
    try {
      await requestPasswordReset(email);
    } catch (error) {
      console.error("Could not handle a password reset request", error);
    }
  });
  redirect("/forgot-password?sent=1");
}

export async function resetPasswordAction(token: string, input: unknown): Promise<FormResult<"password">> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  if (typeof token !== "string") return { ok: false, formError: "This link does not work." };

  const result = await resetPassword(token, parsed.data.password);
  if (!result.ok) {
    if ("passwordError" in result) return { ok: false, fieldErrors: { password: [result.passwordError] } };
    // The link expired or was used meanwhile: its page says so and offers a new one.
    redirect(`/reset-password/${encodeURIComponent(token)}`);
  }
  redirect("/signin?reset=done");
}

export async function changeNameAction(input: unknown): Promise<FormResult<"name">> {
  const user = await requireUser();
  const parsed = changeNameSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);

  const result = await changeName(user.id, parsed.data.name);
  if (!result.ok) return { ok: false, formError: "Your account is no longer active." };
  revalidatePath("/profile");
  redirect("/profile?updated=name");
}

export async function changePasswordAction(
  input: unknown,
): Promise<FormResult<"currentPassword" | "password" | "confirmPassword">> {
  const user = await requireUser();
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);

  const address = clientAddress(Object.fromEntries(await headers()), env().TRUSTED_PROXIES);
  const result = await changePassword(user.id, parsed.data, { address });
  if (!result.ok) {
    return result.field
      ? { ok: false, fieldErrors: { [result.field]: [result.message] } }
      : { ok: false, formError: result.message };
  }
  // The raised session version ends every session of this person; this browser carries on.
  await keepCurrentSession(user.id, result.sessionVersion);
  revalidatePath("/profile");
  redirect("/profile?updated=password");
}
