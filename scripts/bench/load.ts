// One load test with autocannon: `connections` clients request one address over and over for a
// fixed time, each response's status and time recorded, and each body checked to be the real page
// (not the sign-in page a lost session would get).
import autocannon from "autocannon";
import { summariseLatencies, throughput, type LatencySummary } from "./stats";

export type LoadOptions = {
  url: string;
  cookie?: string;
  connections: number;
  durationS: number;
  /** True when a body is the page asked for. */
  verify: (body: string) => boolean;
  /** Seconds before a slow answer counts as an error. */
  timeoutS?: number;
};

export type LoadResult = {
  durationMs: number;
  responses: number;
  rps: number;
  latency: LatencySummary;
  statusCounts: Record<string, number>;
  /** Responses other than 200. */
  non200: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** 200s whose body was not the page. */
  mismatches: number;
  /** Bytes received per response, on average. */
  meanBytes: number;
};

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statusCounts: Record<string, number> = {};
    let bytes = 0;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        timeout: options.timeoutS ?? 30,
        headers: options.cookie ? { cookie: options.cookie } : {},
        verifyBody: options.verify,
      },
      (error, result) => {
        if (error) return reject(error);
        const durationMs = result.finish.getTime() - result.start.getTime();
        const responses = latencies.length;
        resolve({
          durationMs,
          responses,
          rps: throughput(responses, durationMs),
          latency: summariseLatencies(latencies),
          statusCounts,
          non200: responses - (statusCounts["200"] ?? 0),
          errors: result.errors,
          timeouts: result.timeouts,
          mismatches: result.mismatches,
          meanBytes: responses === 0 ? 0 : bytes / responses,
        });
      },
    );
    instance.on("response", (_client, statusCode, responseBytes, ms) => {
      latencies.push(ms);
      statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      bytes += responseBytes;
    });
  });
}
