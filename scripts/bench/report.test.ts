import { describe, expect, it } from "vitest";
import type { PageJs } from "./first-load";
import {
  blockBetween,
  CHANGES_END,
  CHANGES_START,
  consoleSummary,
  inOrder,
  judgeExport,
  LIGHTHOUSE_END,
  LIGHTHOUSE_START,
  markdownTable,
  renderResults,
  textTable,
  type BenchReport,
  type ExportRun,
  type PageResult,
} from "./report";
import { judgePage, liveMemoryVerdict, summariseLatencies } from "./stats";

const MIB = 1024 * 1024;

function page(label: string, path: string, rps: number, latencies: number[], ceiling: number | null): PageResult {
  const latency = summariseLatencies(latencies);
  const result = {
    label,
    path,
    role: "researcher",
    aloneMs: 25,
    pageBytes: 180_000,
    rps,
    latency,
    responses: latencies.length,
    errors: 0,
    non200: 0,
    mismatches: 0,
    cpuPerAnswer: { serverMs: 1000 / rps, databaseMs: 250 / rps },
  };
  return { ...result, verdict: ceiling === null ? null : judgePage({ ...result, p95: latency.p95 }, ceiling) };
}

const exportRun = (lastByteMs: number, perTenThousand: number, rows = 100_000): ExportRun => ({
  firstByteMs: 40,
  lastByteMs,
  bytes: 30 * MIB,
  rows,
  memory: {
    baselineBytes: 200 * MIB,
    peakBytes: 230 * MIB,
    growthBytes: 30 * MIB,
    perTenThousandRowsBytes: perTenThousand,
  },
});

const js = (route: string, gzipBytes: number): PageJs => ({
  route,
  entry: `${route}/page`,
  files: ["a.js"],
  rawBytes: gzipBytes * 3,
  gzipBytes,
});

function report(): BenchReport {
  const ceiling = page("Ceiling", "/api/health", 2000, [2, 3, 4], null);
  return {
    machine: {
      cpu: "Test CPU",
      cores: 2,
      memoryGiB: 24,
      node: "v20.20.2",
      kernel: "6.1",
      date: "2026-11-26T03:00:00.000Z",
      commit: "abc1234",
      dirty: true,
    },
    settings: { connections: 16, durationS: 10, warmupS: 2, seed: 8 },
    dataset: {
      today: "2026-11-26",
      reused: false,
      generatedAt: "2026-11-26T02:50:00.000Z",
      generationMs: 41_900,
      rows: { Agency: 1000, Participant: 100_000 },
      statusCounts: { REFERRED: 10, BASELINE_DONE: 20 },
      stageCounts: { RECRUITING: 450 },
      supervisorAgency: { teamName: "Leeds North Recovery Team", code: 2, participants: 100 },
    },
    buildMs: 95_000,
    ceiling: { before: ceiling, after: { ...ceiling, rps: 1800 }, rps: 1900 },
    smallest: page("Smallest page", "/signin", 1500, [5, 8, 9], 1900),
    pages: [
      page("Dashboard", "/researcher", 1200, [20, 30, 40], 1900),
      page("Training matrix", "/researcher/training/matrix", 3, [2000, 3000, 4000], 1900),
    ],
    exportRuns: [exportRun(2500, 0.1 * MIB), exportRun(2600, 0.2 * MIB), exportRun(2400, -0.1 * MIB)],
    expectedRows: 100_000,
    firstLoad: {
      measured: [{ ...js("/researcher", 149_000), label: "Dashboard" }],
      all: [js("/researcher", 149_000), js("/signin", 197_300)],
    },
    exportLiveMemory: liveMemoryVerdict(100_000, flatLive),
    notes: ["The ceiling moved."],
  };
}

/** Memory in use after collection every 10,000 rows: a streamed export (flat, with a batch's wobble). */
const flatLive = Array.from({ length: 11 }, (_, index) => ({
  rows: index * 10_000,
  liveBytes: 29 * MIB + (index % 4 === 0 ? 2 * MIB : 0),
}));
/** One that keeps the bytes it has sent: 2.3 MiB more for every 10,000 rows. */
const holdingLive = flatLive.map((sample) => ({ ...sample, liveBytes: 29 * MIB + sample.rows * 0.00023 * MIB }));

describe("judgeExport", () => {
  it("passes a complete export whose median is within 3 s and whose memory stays flat", () => {
    expect(judgeExport([exportRun(2500, 0), exportRun(3500, 0), exportRun(2900, 0)], 100_000)).toMatchObject({
      medianMs: 2900,
      pass: true,
    });
  });

  it("fails a slow export, a short one, and one whose memory grows with the rows", () => {
    expect(judgeExport([exportRun(3100, 0)], 100_000)).toMatchObject({ timeOk: false, pass: false });
    expect(judgeExport([exportRun(2000, 0, 99_999)], 100_000)).toMatchObject({ rowsOk: false, pass: false });
    expect(judgeExport([exportRun(2000, 20 * MIB)], 100_000)).toMatchObject({ memoryOk: false, pass: false });
    expect(judgeExport([], 100_000).pass).toBe(false);
  });

  it("judges memory on the downloads after the first, which also warms the server up", () => {
    expect(judgeExport([exportRun(2000, 20 * MIB), exportRun(2000, 0.5 * MIB)], 100_000).memoryOk).toBe(true);
    expect(judgeExport([exportRun(2000, 0), exportRun(2000, 20 * MIB)], 100_000).memoryOk).toBe(false);
  });
});

describe("the export's memory in use after garbage collection", () => {
  it("passes a streamed export and fails one that keeps what it has sent, or that could not be measured", () => {
    const runs = [exportRun(2000, 0), exportRun(2000, 0)];
    const flat = liveMemoryVerdict(100_000, flatLive);
    expect(Math.abs(flat.perTenThousandRowsBytes!)).toBeLessThan(0.2 * MIB);
    expect(judgeExport(runs, 100_000, flat)).toMatchObject({ memoryOk: true, pass: true });
    const holding = liveMemoryVerdict(100_000, holdingLive);
    expect(holding.perTenThousandRowsBytes! / MIB).toBeCloseTo(2.3, 5);
    expect(judgeExport(runs, 100_000, holding)).toMatchObject({ memoryOk: false, pass: false });
    expect(judgeExport(runs, 100_000, null)).toMatchObject({ memoryOk: false, pass: false });
    expect(judgeExport(runs, 100_000, liveMemoryVerdict(99_000, flatLive)).memoryOk).toBe(false);
  });

  it("says what it measured, and FAIL when it could not", () => {
    expect(consoleSummary(report())).toMatch(
      /Memory in use after garbage collection, every 10,000 of 100,000 rows: 29\.0 MiB to 31\.0 MiB, −?0\.\d MiB per 10,000 rows: pass\./,
    );
    const unmeasured = report();
    unmeasured.exportLiveMemory = null;
    expect(consoleSummary(unmeasured)).toContain("not measured");
    expect(consoleSummary(unmeasured)).toMatch(/Participants export .*: FAIL/);
    expect(renderResults(report(), null)).toContain("scripts/bench/export-live-memory.ts");
  });
});

describe("tables", () => {
  it("writes a Markdown table with the pipe character escaped", () => {
    expect(markdownTable(["a", "b"], [["x|y", "1"]])).toBe("| a | b |\n| --- | --- |\n| x\\|y | 1 |");
  });

  it("lines up a text table: first column to the left, numbers to the right", () => {
    expect(
      textTable(
        ["Target", "req/s"],
        [
          ["Dashboard", "12.5"],
          ["Matrix", "3.1"],
        ],
      ).split("\n"),
    ).toEqual(["Target     req/s", "---------  -----", "Dashboard   12.5", "Matrix       3.1"]);
  });

  it("shows each page against the ceiling with the reason it fails", () => {
    const text = consoleSummary(report());
    expect(text).toMatch(
      /Dashboard \/researcher\s+researcher\s+180\.0 kB\s+25\.0\s+1200\s+63 %\s+30\.0\s+40\.0\s+40\.0\s+0\.8\s+0\.2\s+0\s+pass/,
    );
    expect(text).toMatch(/Training matrix \/researcher\/training\/matrix .* FAIL \(< 50 %, p95 > 100 ms\)/);
    expect(text).toContain("Participants export (100,000 participants; target ≤ 3 s and constant memory): pass");
    expect(text).toContain("Largest of all 2 pages: /signin at 197.3 kB.");
  });

  it("shows the CPU each answer cost, and the smallest page as a reference that decides nothing", () => {
    const text = consoleSummary(report());
    // Dashboard: 1,200 req/s, so 1000 / 1200 = 0.8 ms of server CPU and 0.2 ms of database per answer.
    expect(text).toMatch(/Dashboard \/researcher .* 40\.0\s+0\.8\s+0\.2\s+0\s+pass/);
    expect(text).toMatch(/Smallest page \/signin .* reference: would pass/);
    const failing = report();
    failing.smallest = page("Smallest page", "/signin", 300, [150, 160, 170], 1900);
    expect(consoleSummary(failing)).toMatch(/Smallest page \/signin .* reference: would fail \(< 50 %, p95 > 100 ms\)/);
    // The reference does not decide the result: the pages alone do.
    const passing = report();
    passing.pages = [passing.pages[0]!];
    passing.smallest = failing.smallest;
    expect(renderResults(passing, null)).toContain("Result: **pass**");
    const md = renderResults(report(), null);
    expect(md).toContain("is the app's smallest page (`/signin`, signed out");
  });

  it("shows a dash where the CPU could not be read", () => {
    const unread = report();
    unread.pages = [{ ...unread.pages[0]!, cpuPerAnswer: null }];
    expect(consoleSummary(unread)).toMatch(/Dashboard \/researcher .* 40\.0\s+–\s+–\s+0\s+pass/);
  });

  it("says when a page gave no answer at all within the measured time", () => {
    const slow = report();
    slow.pages = [{ ...page("Training matrix", "/researcher/training/matrix", 0, [], 1900) }];
    expect(consoleSummary(slow)).toMatch(/Training matrix .* FAIL \(no answer within 10 s, < 50 %, p95 > 100 ms\)/);
  });
});

describe("inOrder", () => {
  it("puts known keys in the given order and the others after them", () => {
    expect(inOrder({ b: 2, z: 9, a: 1 }, ["a", "b"])).toEqual([
      ["a", 1],
      ["b", 2],
      ["z", 9],
    ]);
  });
});

describe("bench/results.md", () => {
  const previous = [
    "# Benchmark results",
    "old numbers",
    CHANGES_START,
    "Added an index on Booking(userId); the matrix went from 3 to 200 req/s.",
    CHANGES_END,
    "## Lighthouse",
    LIGHTHOUSE_START,
    "| Page | Accessibility | Performance |",
    "| /signin | 100 | 98 |",
    LIGHTHOUSE_END,
    "",
  ].join("\n");

  it("finds a marked block, markers included, or null", () => {
    expect(blockBetween(previous, LIGHTHOUSE_START, LIGHTHOUSE_END)).toBe(
      `${LIGHTHOUSE_START}\n| Page | Accessibility | Performance |\n| /signin | 100 | 98 |\n${LIGHTHOUSE_END}`,
    );
    expect(blockBetween("no markers", LIGHTHOUSE_START, LIGHTHOUSE_END)).toBeNull();
    expect(blockBetween(`${LIGHTHOUSE_END} ${LIGHTHOUSE_START}`, LIGHTHOUSE_START, LIGHTHOUSE_END)).toBeNull();
    expect(blockBetween(null, LIGHTHOUSE_START, LIGHTHOUSE_END)).toBeNull();
  });

  it("carries over the Lighthouse results and the lead's notes, and replaces the old numbers", () => {
    const text = renderResults(report(), previous);
    expect(text).toContain("| /signin | 100 | 98 |");
    expect(text).toContain("Added an index on Booking(userId)");
    expect(text).not.toContain("old numbers");
    expect(text.split(LIGHTHOUSE_START)).toHaveLength(2);
  });

  it("says where the machine, the commit and the data set came from", () => {
    const text = renderResults(report(), null);
    expect(text).toContain("- Commit: abc1234 (with uncommitted changes)");
    expect(text).toContain("- Machine: Test CPU, 2 cores, 24 GiB memory; Linux 6.1; Node.js v20.20.2");
    expect(text).toContain("Seed 8, told from 2026-11-26; generated in 41.9 s");
    expect(text).toContain("| Participant | 100,000 |");
    expect(text).toContain("Result: **FAIL**");
    expect(text).toContain("- The ceiling moved.");
  });

  it("leaves marked places for the Lighthouse results and the lead's notes in a new file", () => {
    const text = renderResults(report(), null);
    expect(blockBetween(text, LIGHTHOUSE_START, LIGHTHOUSE_END)).toContain("npm run bench:lighthouse");
    expect(blockBetween(text, CHANGES_START, CHANGES_END)).toContain("To be filled in by the lead");
  });
});
