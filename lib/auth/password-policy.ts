// What makes a password acceptable: at least 10 characters, not one of the 10,000 most common
// passwords (the frequency-ordered list from @zxcvbn-ts/language-common), not the person's email.
// Server side only in practice (the list is too big for the browser); forms check the length
// with `passwordSchema` and show the server's answer for the rest.
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

/** The length rule, shared by the browser and the server. */
export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

const COMMON_PASSWORDS = new Set((dictionary["passwords-common"] as string[]).slice(0, 10_000));

/** Why this password is refused, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, { email }: { email?: string } = {}): string | null {
  const length = passwordSchema.safeParse(password);
  if (!length.success) return length.error.issues[0]!.message;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(password)) {
    return "This password is one of the most common passwords, so it is easy to guess. Choose another.";
  }
  if (email && lower.includes(email.trim().toLowerCase().split("@")[0]!) && email.split("@")[0]!.length >= 4) {
    return "Don't use your email address in your password.";
  }
  return null;
}
