// The arithmetic of the benchmark: percentiles of response times, throughput against the ceiling,
// the pass/fail of each target, and how fast memory grows with rows. Pure: no I/O.

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest value that at least
 * p % of the values are less than or equal to. `sorted` must be in ascending order. NaN when empty.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`A percentile is above 0 and at most 100, not ${p}.`);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type LatencySummary = { count: number; mean: number; p50: number; p95: number; p99: number; max: number };

/** Response times (ms) summarised; the input need not be sorted and is not changed. */
export function summariseLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const values = Array.from(sorted);
  const count = values.length;
  return {
    count,
    mean: count === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / count,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: count === 0 ? Number.NaN : values[count - 1]!,
  };
}

/** Requests per second over a run. */
export function throughput(requests: number, durationMs: number): number {
  if (!(durationMs > 0)) throw new RangeError("A run lasts more than 0 ms.");
  return (requests * 1000) / durationMs;
}

/** A page's throughput as a share of the ceiling's (0.5 = half); null when the ceiling is unknown or 0. */
export function ratioOf(value: number, ceiling: number): number | null {
  if (!Number.isFinite(ceiling) || ceiling <= 0 || !Number.isFinite(value)) return null;
  return value / ceiling;
}

export const TARGETS = {
  /** Each page serves at least this share of the ceiling's requests per second. */
  minRatio: 0.5,
  /** Each page's 95th percentile response time, in ms. */
  maxP95Ms: 100,
  /** The whole participants export, to the last byte, in ms. */
  maxExportMs: 3_000,
  /** First-load JavaScript per page, gzipped, in bytes (150 kB). */
  maxFirstLoadBytes: 150 * 1000,
} as const;

export type PageVerdict = { ratio: number | null; ratioOk: boolean; p95Ok: boolean; clean: boolean; pass: boolean };

/**
 * Whether a page meets its targets: at least half the ceiling's throughput, p95 at most 100 ms, and
 * every answer a 200 with the real page (no errors, no other status, no wrong body).
 */
export function judgePage(
  page: { rps: number; p95: number; errors: number; non200: number; mismatches: number },
  ceilingRps: number,
  targets: Pick<typeof TARGETS, "minRatio" | "maxP95Ms"> = TARGETS,
): PageVerdict {
  const ratio = ratioOf(page.rps, ceilingRps);
  const ratioOk = ratio !== null && ratio >= targets.minRatio;
  const p95Ok = Number.isFinite(page.p95) && page.p95 <= targets.maxP95Ms;
  const clean = page.errors === 0 && page.non200 === 0 && page.mismatches === 0;
  return { ratio, ratioOk, p95Ok, clean, pass: ratioOk && p95Ok && clean };
}

/** Least-squares slope of y on x; null with fewer than two distinct x values. */
export function slope(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const { x, y } of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? null : numerator / denominator;
}

export type MemorySample = { atMs: number; rssBytes: number; rows: number };

export type MemoryVerdict = {
  baselineBytes: number;
  peakBytes: number;
  /** Peak minus baseline. */
  growthBytes: number;
  /** RSS growth per 10,000 rows sent, fitted over the download; null without enough samples. */
  perTenThousandRowsBytes: number | null;
};

/**
 * How the server's memory behaved during a download: the peak above the baseline (the RSS just
 * before the request), and the growth per 10,000 rows fitted over the samples taken while rows were
 * arriving. A streamed export holds a batch at a time, so the fitted growth stays near zero
 * however many rows there are; one that builds the whole file grows with every row.
 */
export function memoryVerdict(baselineBytes: number, samples: readonly MemorySample[]): MemoryVerdict {
  const peakBytes = samples.reduce((peak, sample) => Math.max(peak, sample.rssBytes), baselineBytes);
  const during = samples.filter((sample) => sample.rows > 0);
  const fitted = slope(during.map((sample) => ({ x: sample.rows, y: sample.rssBytes })));
  return {
    baselineBytes,
    peakBytes,
    growthBytes: peakBytes - baselineBytes,
    perTenThousandRowsBytes: fitted === null ? null : fitted * 10_000,
  };
}

export type LiveMemorySample = { rows: number; liveBytes: number };

export type LiveMemoryVerdict = {
  rows: number;
  /** Memory in use after a forced garbage collection: the least and the most seen during the export. */
  lowestBytes: number;
  highestBytes: number;
  /** Its growth per 10,000 rows, fitted over the samples taken once rows were flowing. */
  perTenThousandRowsBytes: number | null;
};

/**
 * The export's memory in use (after forced garbage collection, every 10,000 rows; see
 * export-live-memory.ts). Streamed, it holds the same whatever the row, so the fitted growth is
 * about zero; holding only the bytes already sent would add about 2.3 MiB per 10,000 rows.
 */
export function liveMemoryVerdict(rows: number, samples: readonly LiveMemorySample[]): LiveMemoryVerdict {
  const flowing = samples.filter((sample) => sample.rows > 0);
  const fitted = slope(flowing.map((sample) => ({ x: sample.rows, y: sample.liveBytes })));
  const sizes = flowing.map((sample) => sample.liveBytes);
  return {
    rows,
    lowestBytes: sizes.length > 0 ? Math.min(...sizes) : 0,
    highestBytes: sizes.length > 0 ? Math.max(...sizes) : 0,
    perTenThousandRowsBytes: fitted === null ? null : fitted * 10_000,
  };
}
