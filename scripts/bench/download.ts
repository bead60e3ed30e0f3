// The participants export, downloaded the way a researcher's browser does: the time to the first
// and the last byte, the rows it held, and the server's memory sampled every 50 ms meanwhile.
import { csvRecordCounter } from "./csv-count";
import { serverRss } from "./server";
import { memoryVerdict, type MemorySample, type MemoryVerdict } from "./stats";

export type DownloadResult = {
  status: number;
  contentType: string;
  firstByteMs: number;
  lastByteMs: number;
  bytes: number;
  /** Data rows (the header line not counted). */
  rows: number;
  memory: MemoryVerdict;
  samples: MemorySample[];
};

export async function measureDownload(url: string, cookie: string, serverPid: number, intervalMs = 50) {
  const samples: MemorySample[] = [];
  const counter = csvRecordCounter();
  const baseline = serverRss(serverPid);
  const started = performance.now();
  const sample = () =>
    samples.push({
      atMs: performance.now() - started,
      rssBytes: serverRss(serverPid),
      rows: Math.max(0, counter.records() - 1),
    });
  const timer = setInterval(sample, intervalMs);
  try {
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    let firstByteMs = Number.NaN;
    let bytes = 0;
    const reader = response.body?.getReader();
    for (;;) {
      const next = await reader?.read();
      if (!next || next.done) break;
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += next.value.length;
      counter.push(next.value);
    }
    const lastByteMs = performance.now() - started;
    sample();
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      firstByteMs,
      lastByteMs,
      bytes,
      rows: Math.max(0, counter.records() - 1),
      memory: memoryVerdict(baseline, samples),
      samples,
    } satisfies DownloadResult;
  } finally {
    clearInterval(timer);
  }
}
