import { describe, expect, it } from "vitest";
import { judgePage, memoryVerdict, percentile, ratioOf, slope, summariseLatencies, throughput } from "./stats";

const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

describe("percentile (nearest rank)", () => {
  it("gives the value at or below which the share of values lies", () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 95)).toBe(40);
    expect(percentile([7], 1)).toBe(7);
  });

  it("is NaN without values and refuses a percentile out of range", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(oneToHundred, 0)).toThrow(RangeError);
    expect(() => percentile(oneToHundred, 101)).toThrow(RangeError);
  });
});

describe("summariseLatencies", () => {
  it("sorts a copy and reports mean, p50, p95, p99 and max", () => {
    const shuffled = [...oneToHundred].reverse();
    const summary = summariseLatencies(shuffled);
    expect(summary).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(shuffled[0]).toBe(100); // untouched
  });

  it("sorts numbers as numbers, not as text", () => {
    expect(summariseLatencies([9, 100, 10]).p50).toBe(10);
  });

  it("says nothing was measured when there were no answers", () => {
    const summary = summariseLatencies([]);
    expect(summary.count).toBe(0);
    expect(summary.p95).toBeNaN();
  });
});

describe("throughput and ratio", () => {
  it("turns requests over milliseconds into requests per second", () => {
    expect(throughput(500, 10_000)).toBe(50);
    expect(() => throughput(1, 0)).toThrow(RangeError);
  });

  it("gives a page's share of the ceiling, or null without a ceiling", () => {
    expect(ratioOf(250, 1000)).toBe(0.25);
    expect(ratioOf(250, 0)).toBeNull();
    expect(ratioOf(250, Number.NaN)).toBeNull();
  });
});

describe("judgePage", () => {
  const good = { rps: 500, p95: 100, errors: 0, non200: 0, mismatches: 0 };

  it("passes a page at exactly half the ceiling with p95 of exactly 100 ms", () => {
    expect(judgePage(good, 1000)).toEqual({ ratio: 0.5, ratioOk: true, p95Ok: true, clean: true, pass: true });
  });

  it("fails a page below half the ceiling", () => {
    const verdict = judgePage({ ...good, rps: 499 }, 1000);
    expect(verdict.ratioOk).toBe(false);
    expect(verdict.pass).toBe(false);
  });

  it("fails a page whose p95 is over 100 ms, or unknown", () => {
    expect(judgePage({ ...good, p95: 100.1 }, 1000).pass).toBe(false);
    expect(judgePage({ ...good, p95: Number.NaN }, 1000).pass).toBe(false);
  });

  it("fails a fast page that answered with errors, another status or the wrong body", () => {
    expect(judgePage({ ...good, errors: 1 }, 1000).pass).toBe(false);
    expect(judgePage({ ...good, non200: 1 }, 1000).pass).toBe(false);
    expect(judgePage({ ...good, mismatches: 1 }, 1000).pass).toBe(false);
  });
});

describe("memory while a download runs", () => {
  it("fits the growth per row: a file held in memory grows with every row", () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 10, y: 21 },
        { x: 20, y: 41 },
      ]),
    ).toBeCloseTo(2);
    expect(
      slope([
        { x: 5, y: 1 },
        { x: 5, y: 2 },
      ]),
    ).toBeNull();
    expect(slope([{ x: 5, y: 1 }])).toBeNull();

    const mib = 1024 * 1024;
    const held = Array.from({ length: 11 }, (_, step) => ({
      atMs: step * 50,
      rows: step * 10_000,
      rssBytes: 100 * mib + step * 20 * mib,
    }));
    const verdict = memoryVerdict(100 * mib, held);
    expect(verdict.perTenThousandRowsBytes).toBeCloseTo(20 * mib);
    expect(verdict.growthBytes).toBe(200 * mib);
  });

  it("shows a streamed download as flat, whatever the noise", () => {
    const mib = 1024 * 1024;
    const streamed = Array.from({ length: 11 }, (_, step) => ({
      atMs: step * 50,
      rows: step * 10_000,
      rssBytes: 120 * mib + (step % 2) * mib,
    }));
    const verdict = memoryVerdict(100 * mib, streamed);
    expect(Math.abs(verdict.perTenThousandRowsBytes!)).toBeLessThan(0.2 * mib);
    expect(verdict.peakBytes).toBe(121 * mib);
    expect(verdict.growthBytes).toBe(21 * mib);
  });

  it("leaves out the samples taken before the first row arrived", () => {
    const verdict = memoryVerdict(10, [
      { atMs: 0, rows: 0, rssBytes: 500 },
      { atMs: 50, rows: 10_000, rssBytes: 20 },
      { atMs: 100, rows: 20_000, rssBytes: 20 },
    ]);
    expect(verdict.perTenThousandRowsBytes).toBe(0);
    expect(verdict.peakBytes).toBe(500);
  });
});
