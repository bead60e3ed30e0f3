// The part of autocannon 8's programmatic API the benchmark uses (the package has no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds a request may take before it counts as a timeout (and an error). */
    timeout?: number;
    headers?: Record<string, string>;
    verifyBody?: (body: string) => boolean;
    excludeErrorStats?: boolean;
  };

  export type Result = {
    start: Date;
    finish: Date;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    requests: { total: number; average: number };
  };

  export type Instance = EventEmitter & {
    on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): Instance;
    on(event: "reqError", listener: (error: Error) => void): Instance;
    stop(): void;
  };

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
