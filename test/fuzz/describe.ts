// A payload written out short enough to read in a failure message: long strings cut with their
// length, deep nesting cut with its depth, and the values JSON cannot show (NaN, -0, undefined,
// bigint, Map, invalid dates) named as they are.
const MAX_STRING = 120;
const MAX_DEPTH = 6;

export function describeValue(value: unknown, depth = 0): string {
  if (typeof value === "string") {
    const shown = JSON.stringify(value.length > MAX_STRING ? value.slice(0, MAX_STRING) : value);
    return value.length > MAX_STRING ? `${shown}… (${value.length.toLocaleString("en-GB")} characters)` : shown;
  }
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === undefined) return "undefined";
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value !== "object") return String(value);
  if (depth >= MAX_DEPTH) return `…(nested ${nestingDepth(value)} more levels)`;
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  if (value instanceof Map) return `Map(${describeValue([...value.entries()], depth + 1)})`;
  if (value instanceof Set) return `Set(${describeValue([...value], depth + 1)})`;
  if (typeof FormData !== "undefined" && value instanceof FormData) {
    return `FormData(${describeValue([...value.entries()], depth + 1)})`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map((item) => describeValue(item, depth + 1));
    if (value.length > 8) shown.push(`… (${value.length} items)`);
    return `[${shown.join(", ")}]`;
  }
  const entries = Object.entries(value).map(
    ([key, item]) => `${JSON.stringify(key)}: ${describeValue(item, depth + 1)}`,
  );
  return `{${entries.join(", ")}}`;
}

function nestingDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (current && typeof current === "object") {
    const next: unknown = Array.isArray(current) ? current[0] : Object.values(current)[0];
    current = next;
    depth += 1;
  }
  return depth;
}

export function describeArguments(args: readonly unknown[]): string {
  return `(${args.map((arg) => describeValue(arg)).join(", ")})`;
}
