// The benchmark's results as a table on the console and as bench/results.md. The file keeps what
// others wrote into it between markers: the Lighthouse results (scripts/lighthouse.ts) and the lead's
// "What changed" notes. Pure: no I/O.
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { STATUS_ORDER } from "@/lib/recruitment/rules";
import type { PageJs } from "./first-load";
import type { MachineInfo } from "./machine";
import { TARGETS, type LatencySummary, type LiveMemoryVerdict, type MemoryVerdict, type PageVerdict } from "./stats";

export const LIGHTHOUSE_START = "<!-- lighthouse:start -->";
export const LIGHTHOUSE_END = "<!-- lighthouse:end -->";
export const CHANGES_START = "<!-- what-changed:start -->";
export const CHANGES_END = "<!-- what-changed:end -->";

/**
 * The export's own targets, beyond its time. Holding 100,000 rows would grow the server's memory
 * with every row (the file alone is over 20 MiB of text, the rows as objects several times that);
 * a streamed export's memory rises and falls with the garbage collector around a level that does
 * not depend on the number of rows, so a straight line fitted through it is flat. The peak above
 * the start is reported too, but it measures the garbage collector's appetite more than the export.
 */
export const EXPORT_TARGETS = {
  maxMs: TARGETS.maxExportMs,
  /** Growth of the server's memory per 10,000 rows sent, fitted over the samples. */
  maxGrowthPerTenThousandRowsBytes: 5 * 1024 * 1024,
  /**
   * Growth of the memory in use after forced garbage collection per 10,000 rows, in process
   * (export-live-memory.ts): a fifth of what keeping only the bytes already sent would add.
   */
  maxLiveGrowthPerTenThousandRowsBytes: 0.5 * 1024 * 1024,
} as const;

export type PageResult = {
  label: string;
  path: string;
  role: string;
  /** One request on its own, before the load (the second of two, so the code is warm). */
  aloneMs: number;
  /** The size of that answer. */
  pageBytes: number;
  rps: number;
  latency: LatencySummary;
  responses: number;
  errors: number;
  non200: number;
  mismatches: number;
  /**
   * CPU time per answer during the load, from /proc: the server (`next start`) and PostgreSQL
   * (every backend). Null when it could not be read.
   */
  cpuPerAnswer: { serverMs: number; databaseMs: number } | null;
  /** Null for the ceiling itself. */
  verdict: PageVerdict | null;
};

export type ExportRun = {
  firstByteMs: number;
  lastByteMs: number;
  bytes: number;
  rows: number;
  memory: MemoryVerdict;
};

export type BenchReport = {
  machine: MachineInfo;
  settings: { connections: number; durationS: number; warmupS: number; seed: number };
  dataset: {
    today: string;
    reused: boolean;
    generatedAt: string;
    generationMs: number;
    rows: Record<string, number>;
    statusCounts: Record<string, number>;
    stageCounts: Record<string, number>;
    supervisorAgency: { teamName: string; code: number; participants: number };
  };
  buildMs: number | null;
  /** The ceiling measured at the start and at the end; pages are compared with their mean. */
  ceiling: { before: PageResult; after: PageResult | null; rps: number };
  /**
   * The smallest page of the app (the sign-in page, signed out: no query, 13 kB), measured like the
   * others and judged against the same targets, but not one of them: it shows what any page of the
   * app costs before its own work. Null when not measured.
   */
  smallest: PageResult | null;
  pages: PageResult[];
  exportRuns: ExportRun[];
  /** The export's memory in use after forced garbage collection, in process; null when it failed. */
  exportLiveMemory: LiveMemoryVerdict | null;
  expectedRows: number;
  firstLoad: { measured: (PageJs & { label: string })[]; all: PageJs[] };
  notes: string[];
};

// ---------------------------------------------------------------------------------------------
// Numbers as words

export const kB = (bytes: number, digits = 1) => (bytes < 100 ? `${bytes} B` : `${(bytes / 1000).toFixed(digits)} kB`);
export const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(1)) : "–");
const rps = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const percent = (ratio: number | null) => (ratio === null ? "–" : `${(ratio * 100).toFixed(0)} %`);
const passFail = (pass: boolean) => (pass ? "pass" : "FAIL");
const signedMiB = (bytes: number) => `${bytes < 0 ? "−" : ""}${MiB(Math.abs(bytes))}`;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type ExportVerdict = {
  medianMs: number;
  rowsOk: boolean;
  timeOk: boolean;
  memoryOk: boolean;
  pass: boolean;
  worstGrowthPerTenThousandRows: number | null;
  worstPeakGrowth: number;
};

/**
 * The export passes when every download held every participant, the median download finished
 * within 3 s, and no download after the first made the server's memory grow with the rows (see
 * EXPORT_TARGETS). The first download of a fresh server also loads and compiles the export's code
 * and grows the heap to its working size, so its memory says little about streaming; it still
 * counts for the rows and the time.
 */
export function judgeExport(
  runs: readonly ExportRun[],
  expectedRows: number,
  /** The in-process measurement; null when it could not be made (a fail), undefined when not asked for. */
  live?: LiveMemoryVerdict | null,
): ExportVerdict {
  const medianMs = median(runs.map((run) => run.lastByteMs));
  const warm = runs.length > 1 ? runs.slice(1) : runs;
  const growths = warm.map((run) => run.memory.perTenThousandRowsBytes);
  const worstGrowthPerTenThousandRows =
    growths.length === 0 || growths.some((growth) => growth === null) ? null : Math.max(...(growths as number[]));
  const worstPeakGrowth = Math.max(...warm.map((run) => run.memory.growthBytes));
  const rowsOk = runs.length > 0 && runs.every((run) => run.rows === expectedRows);
  const timeOk = medianMs <= EXPORT_TARGETS.maxMs;
  const liveOk =
    live === undefined ||
    (live !== null &&
      live.rows === expectedRows &&
      live.perTenThousandRowsBytes !== null &&
      live.perTenThousandRowsBytes <= EXPORT_TARGETS.maxLiveGrowthPerTenThousandRowsBytes);
  const memoryOk =
    liveOk &&
    worstGrowthPerTenThousandRows !== null &&
    worstGrowthPerTenThousandRows <= EXPORT_TARGETS.maxGrowthPerTenThousandRowsBytes;
  return {
    medianMs,
    rowsOk,
    timeOk,
    memoryOk,
    pass: rowsOk && timeOk && memoryOk,
    worstGrowthPerTenThousandRows,
    worstPeakGrowth,
  };
}

// ---------------------------------------------------------------------------------------------
// Tables

/** A Markdown table; cells are escaped for the pipe character. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A plain-text table with columns padded to line up on a terminal. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

const PAGE_HEADER = [
  "Target",
  "Signed in as",
  "size",
  "alone ms",
  "req/s",
  "of ceiling",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "server CPU ms",
  "db CPU ms",
  "errors",
  "result",
];

const cpuCells = (page: PageResult) =>
  page.cpuPerAnswer ? [ms(page.cpuPerAnswer.serverMs), ms(page.cpuPerAnswer.databaseMs)] : ["–", "–"];

function pageRows(report: BenchReport): string[][] {
  const ceilingRow = (page: PageResult, when: string) => [
    `${page.label} (${when})`,
    page.role,
    kB(page.pageBytes),
    ms(page.aloneMs),
    rps(page.rps),
    "100 %",
    ms(page.latency.p50),
    ms(page.latency.p95),
    ms(page.latency.p99),
    ...cpuCells(page),
    String(page.errors + page.non200 + page.mismatches),
    "ceiling",
  ];
  // Both measurements of the ceiling first; the pages follow in the order they were measured.
  const rows = [ceilingRow(report.ceiling.before, "start")];
  if (report.ceiling.after) rows.push(ceilingRow(report.ceiling.after, "end"));
  const pages = report.smallest ? [report.smallest, ...report.pages] : report.pages;
  for (const page of pages) {
    const verdict = page.verdict!;
    const why = [
      page.responses === 0 ? `no answer within ${report.settings.durationS} s` : null,
      verdict.ratioOk ? null : `< ${TARGETS.minRatio * 100} %`,
      verdict.p95Ok ? null : `p95 > ${TARGETS.maxP95Ms} ms`,
      verdict.clean ? null : "errors",
    ].filter(Boolean);
    rows.push([
      `${page.label} ${page.path}`,
      page.role,
      kB(page.pageBytes),
      ms(page.aloneMs),
      rps(page.rps),
      percent(verdict.ratio),
      ms(page.latency.p50),
      ms(page.latency.p95),
      ms(page.latency.p99),
      ...cpuCells(page),
      String(page.errors + page.non200 + page.mismatches),
      page === report.smallest
        ? `reference: ${verdict.pass ? "would pass" : `would fail (${why.join(", ")})`}`
        : verdict.pass
          ? "pass"
          : `FAIL (${why.join(", ")})`,
    ]);
  }
  return rows;
}

function exportRows(report: BenchReport): string[][] {
  return report.exportRuns.map((run, index) => [
    String(index + 1),
    ms(run.firstByteMs),
    ms(run.lastByteMs),
    run.rows.toLocaleString("en-GB"),
    MiB(run.bytes),
    signedMiB(run.memory.growthBytes),
    run.memory.perTenThousandRowsBytes === null ? "–" : signedMiB(run.memory.perTenThousandRowsBytes),
  ]);
}
const EXPORT_HEADER = [
  "Download",
  "first byte ms",
  "last byte ms",
  "rows",
  "size",
  "peak − baseline",
  "per 10,000 rows",
];

function firstLoadRows(pages: readonly (PageJs & { label?: string })[]): string[][] {
  return pages.map((page) => [
    page.label ? `${page.label} ${page.route}` : page.route,
    String(page.files.length),
    kB(page.rawBytes),
    kB(page.gzipBytes, 2),
    passFail(page.gzipBytes <= TARGETS.maxFirstLoadBytes),
  ]);
}
const FIRST_LOAD_HEADER = ["Page", "files", "raw", "gzipped", "≤ 150 kB"];

/** The summary printed at the end of a run. */
export function consoleSummary(report: BenchReport): string {
  const verdict = judgeExport(report.exportRuns, report.expectedRows, report.exportLiveMemory);
  return [
    `Pages under load (${report.settings.connections} connections, ${report.settings.durationS} s each after ${report.settings.warmupS} s warm-up; targets: ≥ ${TARGETS.minRatio * 100} % of the ceiling, p95 ≤ ${TARGETS.maxP95Ms} ms):`,
    textTable(PAGE_HEADER, pageRows(report)),
    "",
    `Participants export (${report.expectedRows.toLocaleString("en-GB")} participants; target ≤ ${TARGETS.maxExportMs / 1000} s and constant memory): ${passFail(verdict.pass)}`,
    textTable(EXPORT_HEADER, exportRows(report)),
    liveMemoryLine(report.exportLiveMemory),
    "",
    "First-load JavaScript (gzipped):",
    textTable(FIRST_LOAD_HEADER, firstLoadRows(report.firstLoad.measured)),
    `Largest of all ${report.firstLoad.all.length} pages: ${largestPage(report.firstLoad.all)}.`,
  ].join("\n");
}

function liveMemoryLine(live: LiveMemoryVerdict | null): string {
  if (!live)
    return "Memory in use after garbage collection: not measured (the in-process export failed; see above): FAIL.";
  const growth = live.perTenThousandRowsBytes;
  const ok = growth !== null && growth <= EXPORT_TARGETS.maxLiveGrowthPerTenThousandRowsBytes;
  return `Memory in use after garbage collection, every 10,000 of ${live.rows.toLocaleString("en-GB")} rows: ${MiB(live.lowestBytes)} to ${MiB(live.highestBytes)}, ${growth === null ? "–" : signedMiB(growth)} per 10,000 rows: ${passFail(ok)}.`;
}

function largestPage(pages: readonly PageJs[]): string {
  const largest = [...pages].sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
  return largest ? `${largest.route} at ${kB(largest.gzipBytes)}` : "none";
}

// ---------------------------------------------------------------------------------------------
// bench/results.md

/** The block between two markers in `text`, markers included; null when either is missing. */
export function blockBetween(text: string | null, start: string, end: string): string | null {
  if (!text) return null;
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return null;
  return text.slice(from, to + end.length);
}

const TABLE_ORDER = [
  "Study",
  "Agency",
  "User",
  "ExpressionOfInterest",
  "StageChange",
  "Review",
  "TrainingSession",
  "Booking",
  "Participant",
  "OutboxEmail",
];

/** A record's entries in a known order (a marker read back from jsonb has its keys in its own order); others last. */
export function inOrder<T>(record: Record<string, T>, order: readonly string[]): [string, T][] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(record).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

const LIGHTHOUSE_PLACEHOLDER = [
  LIGHTHOUSE_START,
  "Not measured yet: `npm run bench:lighthouse` writes its results here.",
  LIGHTHOUSE_END,
].join("\n");

const CHANGES_PLACEHOLDER = [
  CHANGES_START,
  "_To be filled in by the lead: what was changed to meet the targets above, and the numbers before and after._",
  CHANGES_END,
].join("\n");

/** The whole results file; `previous` is the file as it was, whose marked blocks are carried over. */
export function renderResults(report: BenchReport, previous: string | null): string {
  const { machine, dataset, settings } = report;
  const verdict = judgeExport(report.exportRuns, report.expectedRows, report.exportLiveMemory);
  const pagesPass = report.pages.every((page) => page.verdict?.pass);
  const jsPass = report.firstLoad.measured.every((page) => page.gzipBytes <= TARGETS.maxFirstLoadBytes);
  const rowsTable = markdownTable(
    ["Table", "rows"],
    inOrder(dataset.rows, TABLE_ORDER).map(([table, count]) => [table, count.toLocaleString("en-GB")]),
  );
  const statuses = inOrder(dataset.statusCounts, STATUS_ORDER)
    .map(([status, count]) => `${status} ${count.toLocaleString("en-GB")}`)
    .join(", ");
  const stages = inOrder(dataset.stageCounts, STAGE_ORDER)
    .map(([stage, count]) => `${stage} ${count}`)
    .join(", ");
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (scripts/bench.ts): a production build of the app, served by `next start` against",
    "its own embedded PostgreSQL holding a national-scale data set, measured with autocannon. Run it again to",
    "refresh this file; the Lighthouse section is written by `npm run bench:lighthouse`, and the two marked",
    "sections are kept when the file is written again.",
    "",
    "## Run",
    "",
    `- Date: ${machine.date}`,
    `- Commit: ${machine.commit}${machine.dirty ? " (with uncommitted changes)" : ""}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; Linux ${machine.kernel}; Node.js ${machine.node}`,
    `- Load: ${settings.connections} connections for ${settings.durationS} s per target, all in one run, after ${settings.warmupS} s of warm-up at the same load (pages that take a second or more on their own are warmed by the two requests that time them instead, so that no queue of cut-off requests is left behind); the load generator runs on the same machine as the server and the database`,
    `- Build: ${report.buildMs === null ? "reused from an earlier run (--reuse-build)" : `${(report.buildMs / 1000).toFixed(0)} s`}`,
    "",
    "## Data set",
    "",
    `Seed ${settings.seed}, told from ${dataset.today}; ${dataset.reused ? `reused (generated ${dataset.generatedAt} in` : "generated in"} ${(dataset.generationMs / 1000).toFixed(1)} s${dataset.reused ? ")" : ""}, bulk inserts in one transaction, then VACUUM ANALYZE.`,
    "",
    rowsTable,
    "",
    `Agencies by stage: ${stages}.`,
    "",
    `Participants by status: ${statuses}.`,
    "",
    `The supervisor signs in to ${dataset.supervisorAgency.teamName} (agency ${dataset.supervisorAgency.code}, recruiting, ${dataset.supervisorAgency.participants} participants).`,
    "",
    "## Pages under load",
    "",
    `Targets: each page at least ${TARGETS.minRatio * 100} % of the ceiling's requests per second (\`GET /api/health\`, a route that does nothing, measured in the same run at the start and the end; pages are compared with the mean of the two) and a 95th percentile at most ${TARGETS.maxP95Ms} ms; every answer a 200 with the page itself. Result: **${passFail(pagesPass)}**.`,
    "",
    markdownTable(PAGE_HEADER, pageRows(report)),
    "",
    '"size" and "alone ms" are one request on its own before the load (the second of two, so the code is warm); "server CPU ms" and "db CPU ms" are the CPU time the server (`next start`) and PostgreSQL (all its processes) spent per answer during the load, from /proc; "errors" counts connection errors, timeouts, answers other than 200 and answers that were not the page (the sign-in page, an error page).',
    ...(report.smallest
      ? [
          "",
          `"${report.smallest.label}" is the app's smallest page (\`${report.smallest.path}\`, signed out: no query, no data), measured in the same way but not one of the targets: what any page costs before doing its own work. A page of this app cannot do better than it.`,
        ]
      : []),
    "",
    "## Participants export",
    "",
    `\`GET /researcher/export/participants\`, downloaded ${report.exportRuns.length} times one after another as a researcher, with the server's memory (resident set of \`next start\` and its children, from /proc) sampled every 50 ms. Targets: every participant (${report.expectedRows.toLocaleString("en-GB")} rows), the median download within ${TARGETS.maxExportMs / 1000} s, and constant memory: in each download after the first (which also loads the code and grows the heap to its working size), a straight line fitted through the samples may rise by at most ${MiB(EXPORT_TARGETS.maxGrowthPerTenThousandRowsBytes)} per 10,000 rows sent. Holding the rows would make it rise with every row; streamed, the memory goes up and down with the garbage collector around a level that does not depend on the number of rows. The peak above the start is shown for information: it measures the garbage collector's appetite more than the export.`,
    "",
    markdownTable(EXPORT_HEADER, exportRows(report)),
    "",
    `The resident memory cannot tell a streamed export from one that keeps the bytes it has sent (22 MiB here), so the export is also run in a process of its own against the same database, as the route streams it, with the garbage collector forced every 10,000 rows and the memory still in use then written down (\`scripts/bench/export-live-memory.ts\`). Target: a straight line through it rises by at most ${MiB(EXPORT_TARGETS.maxLiveGrowthPerTenThousandRowsBytes)} per 10,000 rows; keeping the bytes already sent would add about 2.3 MiB. ${liveMemoryLine(report.exportLiveMemory)}`,
    "",
    `Result: **${passFail(verdict.pass)}**: rows ${passFail(verdict.rowsOk)}, time ${passFail(verdict.timeOk)} (median ${ms(verdict.medianMs)} ms), memory ${passFail(verdict.memoryOk)}.`,
    "",
    "## First-load JavaScript",
    "",
    `The JavaScript a first visit loads, from the build's manifests (the root main files and the client chunks of the page, its layouts and boundaries: the same files as the script tags of the page as served, less the polyfills that only browsers without modules load), each file gzipped on its own at zlib's default level; 1 kB = 1,000 bytes. Target: at most ${TARGETS.maxFirstLoadBytes / 1000} kB per page. Result for the measured pages: **${passFail(jsPass)}**.`,
    "",
    markdownTable(FIRST_LOAD_HEADER, firstLoadRows(report.firstLoad.measured)),
    "",
    "<details><summary>Every page</summary>",
    "",
    markdownTable(FIRST_LOAD_HEADER, firstLoadRows(report.firstLoad.all)),
    "",
    "</details>",
    "",
    ...(report.notes.length > 0 ? ["## Notes", "", ...report.notes.map((note) => `- ${note}`), ""] : []),
    "## What changed",
    "",
    blockBetween(previous, CHANGES_START, CHANGES_END) ?? CHANGES_PLACEHOLDER,
    "",
    "## Lighthouse",
    "",
    blockBetween(previous, LIGHTHOUSE_START, LIGHTHOUSE_END) ?? LIGHTHOUSE_PLACEHOLDER,
    "",
  ];
  return lines.join("\n");
}
