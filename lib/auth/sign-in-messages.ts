// What sign-in tells people, kept apart from the schemas (lib/auth/schema.ts re-exports it) so
// that the sign-in form can use it without bringing zod into the page's first load.

/** The one message for every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED_MESSAGE =
  "We could not sign you in with that email address and password. Check them and try again.";

/** The error code sign-in reports when it could not check the password at all (e.g. no database). */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";

/** The error code sign-in reports after too many failed sign-ins for the email or the address. */
export const TOO_MANY_SIGN_INS = "TooManySignIns";

export const TOO_MANY_SIGN_INS_MESSAGE =
  "Too many failed sign-ins. Wait 15 minutes and try again, or reset your password.";

/** What to tell the person for an error code from next-auth; null when there was no error. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return SIGN_IN_FAILED_MESSAGE;
  if (code === TOO_MANY_SIGN_INS) return TOO_MANY_SIGN_INS_MESSAGE;
  if (code === "SessionRequired") return "Please sign in to see that page.";
  return "Signing in is not working at the moment. Please try again in a few minutes.";
}
