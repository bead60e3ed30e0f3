// Turning input that fails its schema into an answer a form can show: messages per field, and a
// message for the form as a whole when the input was not even the right shape (a direct call to a
// server action with junk, an outdated page).
import { z } from "zod";

export type InvalidInput = { ok: false; fieldErrors: Record<string, string[] | undefined>; formError?: string };

export function invalidInput(error: z.ZodError): InvalidInput {
  const { fieldErrors, formErrors } = z.flattenError(error);
  return formErrors.length > 0
    ? {
        ok: false,
        fieldErrors: fieldErrors as Record<string, string[] | undefined>,
        formError: "The form was sent incomplete or in an unexpected form. Reload the page and try again.",
      }
    : { ok: false, fieldErrors: fieldErrors as Record<string, string[] | undefined> };
}
