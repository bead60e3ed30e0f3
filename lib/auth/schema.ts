// The schemas of the sign-in, forgotten-password and profile forms, each shared by the browser
// (zodResolver) and the server (authorize, server actions). The server also checks every new
// password with passwordProblem (lib/auth/password-policy.ts), which is too big for the browser.
import { z } from "zod";
import { plainText } from "@/lib/plain-text";

/** An email address as people type it: trimmed and lower-cased, as the database stores it. */
const emailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "An email address is at most 254 characters long.")
  .pipe(z.email("Enter your email address in the form name@example.org."));

export const signInSchema = z.object({
  email: emailField,
  // Capped so a huge body cannot keep the password hasher busy.
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(256, "A password is at most 256 characters long."),
});

export type SignInInput = z.input<typeof signInSchema>;
export type SignInValues = z.output<typeof signInSchema>;

// The sign-in messages live in a module without zod, so that the sign-in page can show them
// without loading zod with the page (components/lazy-resolver.ts).
export {
  SIGN_IN_FAILED_MESSAGE,
  SIGN_IN_UNAVAILABLE,
  signInErrorMessage,
  TOO_MANY_SIGN_INS,
  TOO_MANY_SIGN_INS_MESSAGE,
} from "@/lib/auth/sign-in-messages";

export const forgotPasswordSchema = z.object({ email: emailField });

export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** What the forgotten-password page always says, whether or not the address has an account. */
export const RESET_LINK_SENT_MESSAGE =
  "If an account exists for that address, we have sent a link to reset the password. It works for 1 hour.";

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The length rule for a new password, shared by the browser and the server. The rest of the
 * policy (the 10,000 common passwords) is `passwordProblem` in lib/auth/password-policy.ts, which
 * forms must not import: it would send the list (about 550 kB) to every browser.
 */
export const newPasswordField = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

const confirmPasswordField = z
  .string({ error: "Type the new password again." })
  .min(1, "Type the new password again.")
  .max(256, "A password is at most 256 characters long.");

function passwordsMatch(values: { password: string; confirmPassword: string }) {
  return values.password === values.confirmPassword;
}

const passwordsDiffer = {
  path: ["confirmPassword"],
  message: "The two new passwords are not the same. Type the new password again.",
};

export const resetPasswordSchema = z
  .object({ password: newPasswordField, confirmPassword: confirmPasswordField })
  .refine(passwordsMatch, passwordsDiffer);

export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(256, "A password is at most 256 characters long."),
    password: newPasswordField,
    confirmPassword: confirmPasswordField,
  })
  .refine(passwordsMatch, passwordsDiffer);

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const changeNameSchema = z.object({
  name: plainText(
    z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(100, "Use at most 100 characters for your name."),
    "your name",
  ),
});

export type ChangeNameInput = z.input<typeof changeNameSchema>;

/** What a form's server action answers when it did not make the change (on success it redirects). */
export type FormResult<Field extends string> =
  { ok: true } | { ok: false; fieldErrors?: Partial<Record<Field, string[]>>; formError?: string };
