// The repeating jobs of a server process (lib/jobs.ts), on fake timers: a job runs at once and then
// every interval, never overlaps itself, survives its own errors, starts only once per name, and
// stops when told.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runningJob, startRepeatingJob } from "./jobs";

const stops: (() => void)[] = [];

function start(name: string, intervalMs: number, job: () => Promise<unknown>, message = "failed") {
  const stop = startRepeatingJob(name, intervalMs, job, message);
  stops.push(stop);
  return stop;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("startRepeatingJob", () => {
  it("runs the job at once, then every interval, until stopped", async () => {
    const job = vi.fn(async () => {});
    const stop = start("every-interval", 1_000, job);
    expect(job).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(job).toHaveBeenCalledTimes(4);
    stop();
    expect(runningJob("every-interval")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(job).toHaveBeenCalledTimes(4);
  });

  it("never starts a run while the one before is still going", async () => {
    let finish = () => {};
    const job = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    start("slow", 1_000, job);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(job).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(job).toHaveBeenCalledTimes(2);
  });

  it("logs a failure with its message and tries again at the next tick", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Error("database down");
    const job = vi.fn().mockRejectedValueOnce(error).mockResolvedValue(undefined);
    start("failing", 1_000, job, "Testing: the job failed; trying again.");
    await vi.advanceTimersByTimeAsync(0);
    expect(logged).toHaveBeenCalledWith("Testing: the job failed; trying again.", error);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(job).toHaveBeenCalledTimes(2);
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it("starts once per name: a second start returns the running job's stop and runs nothing more", async () => {
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    const stop = start("once", 1_000, first);
    expect(start("once", 10, second)).toBe(stop);
    expect(runningJob("once")).toBe(stop);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(second).not.toHaveBeenCalled();
    expect(first).toHaveBeenCalledTimes(2);

    stop();
    const again = start("once", 1_000, second);
    expect(again).not.toBe(stop);
    expect(second).toHaveBeenCalledTimes(1);
  });
});
