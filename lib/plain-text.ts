// Text a person could have typed, and PostgreSQL can store: no NUL (a text column refuses it, and a
// JSON column refuses its escape, so it gave a 500), no other control characters but tab and line
// breaks (they come from pasting, or from a crafted request), and no half of a surrogate pair (a
// JSON column refuses that too). Pure: the forms check with it in the browser, the server again.
import type { z } from "zod";

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isPlainText(text: string): boolean {
  return !CONTROL_CHARACTERS.test(text) && !LONE_SURROGATE.test(text);
}

/** The message for text that is not plain; `what` names the field in a sentence, e.g. "the venue". */
export function notPlainTextMessage(what: string): string {
  return `Remove the hidden control characters from ${what} (they can come from pasting): type it again as plain text.`;
}

/** `schema` (a string schema) refusing text that is not plain, with a message naming `what`. */
export function plainText<Schema extends z.ZodType<string>>(schema: Schema, what: string): Schema {
  return schema.refine(isPlainText, notPlainTextMessage(what)) as Schema;
}

/**
 * The path of the first string anywhere in `input` that is not plain text (e.g. ["marks", 0,
 * "status"]), or null. For the server's check of a whole input before its schema parses it.
 */
export function firstNonPlainText(input: unknown): (string | number)[] | null {
  const seen = new Set<object>();
  const visit = (value: unknown, path: (string | number)[]): (string | number)[] | null => {
    if (typeof value === "string") return isPlainText(value) ? null : path;
    if (!value || typeof value !== "object" || seen.has(value)) return null;
    seen.add(value);
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (const [key, item] of entries) {
      if (typeof key === "string" && !isPlainText(key)) return [...path, key];
      const found = visit(item, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  return visit(input, []);
}
