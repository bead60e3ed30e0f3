// A payload as a template of a valid one, typed field by field, and the fast-check arbitrary that
// breaks it: each field kept, replaced by junk of its own kind (a misspelt choice, a date that does
// not exist, an id that belongs to nobody) or by junk of any kind, or left out; extra fields added;
// the whole object replaced by an array, a string or a deeply nested value. Some payloads come out
// valid: the tests tell those apart with the action's own schema.
import fc from "fast-check";
import {
  junkBoolean,
  junkChoice,
  junkDate,
  junkEmail,
  junkInteger,
  junkScalar,
  junkString,
  junkTime,
  junkUuid,
  junkValue,
} from "./junk";

export type Template =
  | { kind: "leaf"; value: unknown; junk: fc.Arbitrary<unknown> }
  | { kind: "object"; fields: Record<string, Template> }
  | { kind: "list"; items: Template[]; item: Template; many: unknown };

const leaf = (value: unknown, junk: fc.Arbitrary<unknown>): Template => ({ kind: "leaf", value, junk });

/** Field constructors; `realIds` are the seeded records' ids that uuid fields sometimes take. */
export function fieldKinds(realIds: readonly string[]) {
  const uuidJunk = junkUuid(realIds);
  return {
    uuid: (value: string) => leaf(value, uuidJunk),
    text: (value: string) => leaf(value, junkString),
    email: (value: string) => leaf(value, junkEmail),
    date: (value: string) => leaf(value, junkDate),
    time: (value: string) => leaf(value, junkTime),
    integer: (value: number | string) => leaf(value, junkInteger),
    choice: (value: string, values: readonly string[]) => leaf(value, junkChoice(values)),
    boolean: (value: unknown) => leaf(value, junkBoolean),
    /** A value whose only job is to be exactly itself (a token, `confirm: true`). */
    exact: (value: unknown) => leaf(value, junkValue),
    object: (fields: Record<string, Template>): Template => ({ kind: "object", fields }),
    /** A list given as valid `items`; broken lists are made of `item`, and one far too long of `many`. */
    list: (items: Template[], item: Template, many: unknown): Template => ({ kind: "list", items, item, many }),
  };
}

export type FieldKinds = ReturnType<typeof fieldKinds>;

/** Left out of the object altogether (not even `undefined`). */
const MISSING = Symbol("missing");

const EXTRA_KEYS = fc.constantFrom(
  "__proto__",
  "constructor",
  "id",
  "role",
  "agencyId",
  "agencyRole",
  "createdById",
  "status",
  "passwordHash",
  "$where",
);

/** The arbitrary of a broken (now and then still valid) value from a template. */
export function broken(template: Template): fc.Arbitrary<unknown> {
  switch (template.kind) {
    case "leaf":
      return fc.oneof(
        { weight: 5, arbitrary: fc.constant(template.value) },
        { weight: 4, arbitrary: template.junk },
        { weight: 1, arbitrary: junkValue },
      );
    case "object": {
      const fields = Object.entries(template.fields).map(([key, field]) =>
        fc.tuple(fc.constant(key), fc.option(broken(field), { nil: MISSING, freq: 7 })),
      );
      const extra = fc.oneof(
        { weight: 4, arbitrary: fc.constant([] as [string, unknown][]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(EXTRA_KEYS, junkScalar), { minLength: 1, maxLength: 3 }) },
      );
      // Object.fromEntries makes "__proto__" an own property, as JSON.parse does.
      const built = fc
        .tuple(fc.tuple(...fields), extra)
        .map(([entries, more]) => Object.fromEntries([...entries.filter(([, value]) => value !== MISSING), ...more]));
      return fc.oneof({ weight: 9, arbitrary: built }, { weight: 1, arbitrary: junkValue });
    }
    case "list":
      return fc.oneof(
        { weight: 4, arbitrary: fc.tuple(...template.items.map(broken)) },
        { weight: 3, arbitrary: fc.array(broken(template.item), { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constant(Array.from({ length: 5000 }, () => template.many)) },
        { weight: 1, arbitrary: fc.constant(template.items.map(valid)) },
        { weight: 2, arbitrary: junkValue },
      );
  }
}

/** The template's own valid value. */
export function valid(template: Template): unknown {
  switch (template.kind) {
    case "leaf":
      return template.value;
    case "object":
      return Object.fromEntries(Object.entries(template.fields).map(([key, field]) => [key, valid(field)]));
    case "list":
      return template.items.map(valid);
  }
}

/**
 * The arguments of one call to an action taking one input: mostly a broken payload, sometimes
 * junk in place of the whole input, sometimes the wrong number of arguments.
 */
export function brokenArguments(template: Template): fc.Arbitrary<unknown[]> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(broken(template)) },
    { weight: 1, arbitrary: fc.tuple(junkValue) },
    { weight: 1, arbitrary: fc.array(junkValue, { maxLength: 3 }) },
  );
}

/** Values each field takes in turn in the field-by-field sweep ("missing" leaves the field out). */
export const SWEEP_VALUES: readonly { label: string; value: unknown }[] = [
  { label: "a 100,000-character string", value: "a".repeat(100_000) },
  { label: "a NUL byte in text", value: "a\u0000b" },
  { label: "right-to-left override, emoji and combining marks", value: "\u202Eevil\u202C 👩‍👩‍👧 e\u0301\u0302" },
  { label: "an SQL fragment", value: "' OR 1=1 --" },
  { label: "a script fragment", value: "<script>alert(1)</script>" },
  { label: "null", value: null },
  { label: "undefined", value: undefined },
  { label: "missing", value: MISSING },
  { label: "NaN", value: Number.NaN },
  { label: "1e308", value: 1e308 },
  { label: "-0", value: -0 },
  { label: "the date 0000-00-00", value: "0000-00-00" },
  { label: "the date 9999-12-31", value: "9999-12-31" },
  { label: "an array", value: ["x"] },
  { label: "an object", value: { nested: { deeper: "x" } } },
];

/** A copy of `value` with the leaf at `path` set to `replacement` (or removed for MISSING). */
function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = replaceAt(copy[head as number], rest, replacement);
    if (next === MISSING) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const next = replaceAt(copy[head], rest, replacement);
  if (next === MISSING) delete copy[head];
  else copy[head] = next;
  return copy;
}

function leafPaths(template: Template, path: (string | number)[] = []): (string | number)[][] {
  switch (template.kind) {
    case "leaf":
      return [path];
    case "object":
      return Object.entries(template.fields).flatMap(([key, field]) => leafPaths(field, [...path, key]));
    case "list":
      return template.items.length > 0 ? leafPaths(template.items[0]!, [...path, 0]) : [];
  }
}

/**
 * Each template's valid payload with one field at a time replaced by each of SWEEP_VALUES: every
 * field meets every kind of junk at least once, whatever the random runs pick. Value by value
 * (every field gets the huge string, then every field the NUL byte, …), so that junk which happens
 * to be valid, and is accepted, changes the world only after every field has met the junk before it.
 */
export function oneFieldAtATime(
  templates: readonly Template[],
): { label: string; template: number; payload: unknown }[] {
  const fields = templates.flatMap((template, index) =>
    leafPaths(template).map((path) => ({ index, path, base: valid(template) })),
  );
  return SWEEP_VALUES.flatMap(({ label, value }) =>
    fields.map(({ index, path, base }) => ({
      label: `${path.join(".")} = ${label}`,
      template: index,
      payload: replaceAt(base, path, value),
    })),
  );
}
