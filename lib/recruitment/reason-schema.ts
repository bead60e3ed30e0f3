// The zod schema of a typed reason, kept apart from the identifier checks (lib/recruitment/identifiers.ts)
// so that the reason box in the browser can warn as people type without loading zod with the page.
import { z } from "zod";
import { identifierCheck, REASON_MAX } from "./identifiers";

/** Characters no typed reason holds (NUL, which PostgreSQL cannot store, and the other C0 controls but tab and line breaks). */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * The zod schema for a short free-text reason, shared by the form and the server: required, trimmed,
 * at most REASON_MAX characters, and refused when it holds an obvious identifier (one issue for
 * each kind, saying what to remove). Warnings are not refusals; the form shows them from
 * identifierCheck as the person types. `what` names the field in a sentence, e.g. "the reason".
 */
export function reasonField(what: string) {
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(REASON_MAX, {
      // Stop here: the identifier scan below takes a minute on 100,000 characters (a crafted request).
      abort: true,
      error: (issue) =>
        `Shorten ${what} to ${REASON_MAX} characters or fewer (it has ${String(issue.input).length}). A few words are enough.`,
    })
    .superRefine((text, ctx) => {
      if (CONTROL_CHARACTERS.test(text)) {
        ctx.addIssue({
          code: "custom",
          message: `Remove the hidden control characters from ${what} (they come from pasting): type it again as plain text.`,
          input: text,
        });
        return;
      }
      for (const message of identifierCheck(text).refuse) ctx.addIssue({ code: "custom", message, input: text });
    });
}
