// Malformed input for the property-based tests (lib/auth/actions-fuzz.int.test.ts and
// routes-fuzz.int.test.ts): the kinds of junk a form, a direct POST to a server action or a crafted
// address can carry. Each list is written out so that a reader sees what was thrown; fast-check
// mixes them with its own random values and shrinks a failure to the smallest payload.
import fc from "fast-check";

/** "Huge": far beyond every field's limit (the largest is 2,000 characters). */
export const HUGE_LENGTH = 100_000;

export const SQL_FRAGMENTS = [
  "' OR 1=1 --",
  '\'; DROP TABLE "User"; --',
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1' AND SLEEP(5)#",
  "1; SELECT pg_sleep(5); --",
  "' UNION SELECT NULL, NULL, NULL --",
  "admin'--",
  '%\' AND 1=0 UNION SELECT "passwordHash" FROM "User" --',
  "00000000-0000-0000-0000-000000000000'::uuid OR TRUE --",
  "$1",
  "\\'",
] as const;

export const SCRIPT_FRAGMENTS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg onload=alert(1)>",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  "</textarea><script>alert(document.cookie)</script>",
] as const;

export const UNICODE_FRAGMENTS = [
  "\u202Egnp.exe\u202C", // right-to-left override
  "مرحبا بالعالم", // Arabic (RTL)
  "שלום עולם", // Hebrew (RTL)
  "👩‍👩‍👧‍👦🏳️‍🌈🇬🇧", // emoji with joiners and flags
  "e\u0301\u0302\u0303\u0304\u0305\u0306", // stacked combining marks
  "Z̴̡̛̜͎a̷l̸g̵o̶",
  "a\u0000b", // NUL inside text
  "\u0000",
  "\uFEFF\u200B\u200D", // byte-order mark and zero-width characters
  "\uD800", // a lone surrogate
  "line\r\nbreak\ttab\u0007bell",
  "İıßﬀ", // case mappings that change length
  "\u{10FFFF}",
] as const;

/** Dates that do not exist, or lie far outside the study. */
export const DATE_FRAGMENTS = [
  "0000-00-00",
  "9999-12-31",
  "2026-02-30",
  "2025-02-29",
  "2026-13-01",
  "2026-00-10",
  "2026-04-31",
  "0001-01-01",
  "1900-01-01",
  "-0001-01-01",
  "+275760-09-13",
  "2026-1-1",
  "01/02/2026",
  "2026-03-29T01:30:00Z",
  " 2026-03-29 ",
  "tomorrow",
] as const;

export const TIME_FRAGMENTS = [
  "24:00",
  "23:60",
  "-1:00",
  "01:30",
  "9:30",
  "09:30:00",
  "99:99",
  "noon",
  "٠٩:٣٠",
] as const;

export const NUMBER_FRAGMENTS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 53) - 2,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  0.5,
  -1,
  0,
  1e21,
] as const;

/** Numbers as a form's text box could send them. */
export const NUMERIC_TEXT = [
  "1e3",
  "0x10",
  " 7 ",
  "1,000",
  "",
  "-0",
  "NaN",
  "Infinity",
  "1.5",
  "٣",
  "99999999999999999999",
] as const;

const ALL_TEXT_FRAGMENTS = [...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS, ...UNICODE_FRAGMENTS, ...DATE_FRAGMENTS] as const;

/** Strings of every kind above, random full-Unicode text, huge strings, and mixtures. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ALL_TEXT_FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\t\n", "null", "undefined", "true", "[]", "{}") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("a", "'", "<", "é", "\u0000", "👍", "\u0301").map((unit) => unit.repeat(HUGE_LENGTH)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("Team ", "name@example.org", "2026-03-05", ""), fc.constantFrom(...ALL_TEXT_FRAGMENTS))
      .map(([prefix, fragment]) => `${prefix}${fragment}`),
  },
);

export const junkNumber: fc.Arbitrary<number | bigint> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_FRAGMENTS) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }) },
);

/** Other values a React server-action call can carry besides JSON. */
const exoticValue: fc.Arbitrary<unknown> = fc
  .constantFrom(
    () => new Date(Number.NaN),
    () => new Date("9999-12-31T23:59:59Z"),
    () => new Map([["id", "x"]]),
    () => new Set(["x"]),
    () => {
      const form = new FormData();
      form.set("email", "' OR 1=1 --");
      return form;
    },
    () => JSON.parse('{"__proto__": {"isAdmin": true}, "role": "RESEARCHER"}') as unknown,
    () => ({ constructor: { prototype: { polluted: true } } }),
    () => Object.create(null) as unknown,
    () => new Uint8Array([0, 255, 39]),
  )
  .map((make) => make());

export const junkScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkString },
  { weight: 3, arbitrary: junkNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, true, false) },
  { weight: 1, arbitrary: exoticValue },
);

/** An object nested `depth` levels deep ({ a: { a: … } }), or an array as deep. */
function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level += 1) value = asArray ? [value] : { a: value };
  return value;
}

/** Anything: scalars, arrays where objects are expected, objects with junk keys, deep nesting. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: junkScalar },
  { weight: 2, arbitrary: fc.array(junkScalar, { maxLength: 5 }) },
  {
    weight: 2,
    arbitrary: fc.dictionary(
      fc.oneof(fc.constantFrom("__proto__", "constructor", "id", "role"), junkString),
      junkScalar,
      {
        maxKeys: 4,
      },
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 20, max: 1000 }), fc.boolean())
      .map(([depth, asArray]) => nested(depth, asArray)),
  },
);

/** Ids: random but valid-looking uuids, the seeded ones (so lookups succeed), and near misses. */
export function junkUuid(realIds: readonly string[]): fc.Arbitrary<unknown> {
  const real = fc.constantFrom(...realIds);
  return fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: real },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          real,
          fc.constantFrom<(id: string) => string>(
            (id) => id.toUpperCase(),
            (id) => ` ${id} `,
            (id) => id.replaceAll("-", ""),
            (id) => `${id}' OR 1=1 --`,
            (id) => `{${id}}`,
            (id) => id.slice(0, -1),
            (id) => `${id}\u0000`,
          ),
        )
        .map(([id, change]) => change(id)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "1",
        "me",
      ),
    },
    { weight: 1, arbitrary: junkValue },
  );
}

export const junkEmail: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.emailAddress() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "a@b",
      "@example.org",
      "person@",
      "person@example.org' OR 1=1 --",
      "<script>@example.org",
      "Person@Example.ORG",
      "dé@exämple.org",
      "person\u0000@example.org",
      " person@example.org ",
      `${"a".repeat(250)}@example.org`,
      `${"a".repeat(64)}@${"b".repeat(180)}.org`,
      "a@b@c.org",
    ),
  },
  { weight: 2, arbitrary: junkValue },
);

export const junkDate: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DATE_FRAGMENTS) },
  {
    weight: 1,
    arbitrary: fc.date({ min: new Date("1000-01-01"), max: new Date("9999-12-31") }).map((date) => date.toISOString()),
  },
  { weight: 2, arbitrary: junkValue },
);

export const junkTime: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TIME_FRAGMENTS) },
  { weight: 2, arbitrary: junkValue },
);

export const junkInteger: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: junkNumber },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_TEXT) },
  { weight: 1, arbitrary: fc.integer({ min: -1000, max: 100_000 }) },
  { weight: 1, arbitrary: junkValue },
);

/** An enum's own values misspelt, plus junk. */
export function junkChoice(values: readonly string[]): fc.Arbitrary<unknown> {
  const value = fc.constantFrom(...values);
  return fc.oneof(
    { weight: 2, arbitrary: value.map((choice) => choice.toLowerCase()) },
    { weight: 1, arbitrary: value.map((choice) => ` ${choice} `) },
    { weight: 1, arbitrary: value.map((choice) => [choice]) },
    { weight: 1, arbitrary: value.map((choice) => `${choice}' OR 1=1 --`) },
    { weight: 3, arbitrary: junkValue },
  );
}

export const junkBoolean: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom("yes", "no", "true", "false", "on", 1, 0, "", "Yes") },
  { weight: 2, arbitrary: junkValue },
);
