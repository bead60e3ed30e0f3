// The first two steps of every researcher-only capability (scoring and moving agencies, sending
// decisions, publishing and changing training sessions, marking attendance): anyone but a
// researcher is answered as if the record did not exist, then the input is parsed with the
// capability's schema, bad input answered with what to fix. Never throws.
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/user";
import { invalidInput, type InvalidInput } from "@/lib/forms";
import { firstNonPlainText, notPlainTextMessage } from "@/lib/plain-text";

/**
 * `{ ok: true, data }` when the actor is a researcher and the input fits the schema; otherwise the
 * answer to give: `notFound` for anyone else, or the form's errors.
 */
export function parseAsResearcher<Schema extends z.ZodType, NotFound extends { ok: false }>(
  actor: CurrentUser,
  schema: Schema,
  input: unknown,
  notFound: NotFound,
): { ok: true; data: z.output<Schema> } | NotFound | InvalidInput {
  if (actor.role !== "RESEARCHER") return notFound;
  // Before the schema, so that a text field whose schema forgot the check still cannot carry a NUL
  // (which PostgreSQL refuses, and which would answer with a 500) to the database.
  const hidden = firstNonPlainText(input);
  if (hidden) {
    const field = typeof hidden[0] === "string" ? hidden[0] : "form";
    return { ok: false, fieldErrors: { [field]: [notPlainTextMessage("this text")] } };
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return { ok: true, data: parsed.data };
}
