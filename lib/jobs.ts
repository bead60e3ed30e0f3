// Background work that each server process repeats on a timer (the email outbox sender, the
// training reminders), started from instrumentation.ts. One place for what every such job needs:
// it starts once per process (a development reload reuses the running one), a run never overlaps
// the one before, a failure is logged and tried again at the next tick instead of crashing the
// server, and the timer never keeps the process alive. No "server-only" marker: instrumentation.ts
// imports the jobs, and that marker is refused there.

type Stop = () => void;

const globalForJobs = globalThis as unknown as { repeatingJobs?: Map<string, Stop> };

function runningJobs(): Map<string, Stop> {
  globalForJobs.repeatingJobs ??= new Map();
  return globalForJobs.repeatingJobs;
}

/** The function that stops the job of this name when it runs in this process, else undefined. */
export function runningJob(name: string): Stop | undefined {
  return runningJobs().get(name);
}

/**
 * Runs `job` now and then every `intervalMs`, never two runs at once; an error is logged with
 * `failureMessage`, never thrown. When a job of this name already runs in this process, nothing
 * new starts and its stop function is returned. Returns a function that stops the job.
 */
export function startRepeatingJob(
  name: string,
  intervalMs: number,
  job: () => Promise<unknown>,
  failureMessage: string,
): Stop {
  const jobs = runningJobs();
  const running = jobs.get(name);
  if (running) return running;

  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await job();
    } catch (error) {
      console.error(failureMessage, error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();

  const stop = () => {
    clearInterval(timer);
    if (jobs.get(name) === stop) jobs.delete(name);
  };
  jobs.set(name, stop);
  return stop;
}
