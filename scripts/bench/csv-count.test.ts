import { describe, expect, it } from "vitest";
import { csvRecordCounter } from "./csv-count";

const encode = (text: string) => new TextEncoder().encode(text);

function count(text: string, chunkSize = Number.POSITIVE_INFINITY): number {
  const counter = csvRecordCounter();
  const bytes = encode(text);
  const size = Math.min(chunkSize, bytes.length || 1);
  for (let start = 0; start < bytes.length; start += size) counter.push(bytes.subarray(start, start + size));
  return counter.records();
}

describe("csvRecordCounter", () => {
  const file =
    '\uFEFFstudy_id,reason\r\nCP-01-0001,"Moved away,\r\nno new address"\r\nCP-01-0002,"Said ""no"""\r\nCP-01-0003,\r\n';

  it("counts records, not lines: a line break inside quotes is part of the cell", () => {
    expect(count(file)).toBe(4);
  });

  it("gives the same count however the bytes are split into chunks", () => {
    for (const size of [1, 2, 3, 7, 64]) expect(count(file, size)).toBe(4);
  });

  it("counts a last record with no line break after it, and nothing for an empty file", () => {
    expect(count("a,b\r\n1,2")).toBe(2);
    expect(count("a,b\n1,2\n")).toBe(2);
    expect(count("")).toBe(0);
  });
});
