// The sign-in form's schema, shared by the browser (zodResolver) and the server (authorize).
import { z } from "zod";

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address.")
    .max(254, "An email address is at most 254 characters long.")
    .pipe(z.email("Enter your email address in the form name@example.org.")),
  // Capped so a huge body cannot keep the password hasher busy.
  password: z.string().min(1, "Enter your password.").max(256, "A password is at most 256 characters long."),
});

export type SignInInput = z.input<typeof signInSchema>;
export type SignInValues = z.output<typeof signInSchema>;

/** The one message for every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED_MESSAGE =
  "We could not sign you in with that email address and password. Check them and try again.";

/** The error code sign-in reports when it could not check the password at all (e.g. no database). */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";

/** What to tell the person for an error code from next-auth; null when there was no error. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return SIGN_IN_FAILED_MESSAGE;
  if (code === "SessionRequired") return "Please sign in to see that page.";
  return "Signing in is not working at the moment. Please try again in a few minutes.";
}
