// Shared by the CSV export tests (agencies, training bookings, participants): a reader for the
// files they write, and the checks every download route must pass for people who may not have it.
import { expect } from "vitest";
import type { Cell } from "@/lib/csv";

/** A small RFC 4180 reader (quoted fields may hold commas, doubled quotes and line ends). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const pattern = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n|$)/gy;
  let record: string[] = [];
  while (pattern.lastIndex < text.length) {
    const match = pattern.exec(text);
    if (!match) throw new Error(`Not CSV at ${pattern.lastIndex}`);
    const [, raw = "", end] = match;
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (end !== ",") {
      records.push(record);
      record = [];
    }
  }
  return records;
}

/** A row of an export as { column: cell }. */
export const rowOf = (header: string[], row: readonly Cell[]) =>
  Object.fromEntries(header.map((name, i) => [name, row[i]]));

type Get = (request: Request) => Promise<Response>;

/** A signed-out visitor is sent to sign in (303), and back to the same address after. */
export async function expectSentToSignIn(get: Get, url: string) {
  const response = await get(new Request(url));
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("Location")!);
  expect(location.pathname).toBe("/signin");
  expect(location.searchParams.get("callbackUrl")).toBe(new URL(url).pathname);
}

/** "Page not found" as plain text (404), with none of `hidden` in it. */
export async function expectNotFound(get: Get, url: string, hidden: readonly string[]) {
  const response = await get(new Request(url));
  expect(response.status).toBe(404);
  expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
  const text = await response.text();
  expect(text).toContain("Page not found");
  for (const each of hidden) expect(text).not.toContain(each);
}
