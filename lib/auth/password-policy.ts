// What makes a password acceptable: at least 10 characters, not one of the 10,000 most common
// passwords (the frequency-ordered list from @zxcvbn-ts/language-common), not the person's email.
// Server only: the list weighs about half a megabyte, so forms must not import this module; they
// check the length with `newPasswordField` from lib/auth/schema and show the server's answer here.
import { dictionary } from "@zxcvbn-ts/language-common";
import { newPasswordField } from "@/lib/auth/schema";

const COMMON_PASSWORDS = new Set((dictionary["passwords-common"] as string[]).slice(0, 10_000));

/** Why this password is refused, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, { email }: { email?: string } = {}): string | null {
  const length = newPasswordField.safeParse(password);
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
