// Small helpers the command scripts share: child processes, ports, readiness.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

export const root = process.cwd();
export const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");

/** Resolves true when nothing listens on `port` (checked the way `next start` binds). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a whole number between 1 and 65535, not "${value}".`);
  }
  return port;
}

/** Runs a command to completion; resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    track(child);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on("error", () => resolve(127));
  });
}

const children = new Set<ChildProcess>();

/** Remembers a child so that stopChildren() can end it on Ctrl-C. */
export function track(child: ChildProcess) {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Sends SIGTERM to every running child and waits (up to 10 s) for them to exit. */
export async function stopChildren() {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          child.on("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}

/** Waits until an HTTP server answers at `url`, or the child exits, or the time runs out. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * Runs `cleanup` once on SIGINT/SIGTERM, then exits. Registered before anything that needs
 * stopping is started, so that no process outlives Ctrl-C.
 */
export function onShutdown(cleanup: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nStopping (${signal})…`);
    cleanup()
      .catch((error) => console.error(error))
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

/** Ends the run with a sentence that says why (after the detail, when there is one): exit code 1. */
export function fail(sentence: string, detail?: string): never {
  if (detail) console.error(detail);
  console.error(`\n${sentence}`);
  process.exit(1);
}

export type Stopper = {
  /** From now on, stopping everything stops the database too (called once it runs). */
  stopDatabaseWith: (stop: () => Promise<void>) => void;
  /** True once stopping has begun: a child that exits after this was stopped, it did not fail. */
  readonly stopping: boolean;
  /** Stops every tracked child, then the database, then `also`. */
  stopEverything: () => Promise<void>;
  /** Stops everything (whatever goes wrong on the way), then fails with the sentence. */
  failAndStop: (sentence: string, detail?: string) => Promise<never>;
};

/**
 * What a command script that starts a database and servers needs to leave nothing running: call it
 * before starting anything, so that Ctrl-C (onShutdown) and a failure stop every tracked child, the
 * database and whatever `also` cleans up, in that order.
 */
export function stopEverythingOnShutdown(also: () => void | Promise<void> = () => {}): Stopper {
  let stopDatabase = async () => {};
  let stopping = false;
  const stopEverything = async () => {
    stopping = true;
    await stopChildren();
    await stopDatabase();
    await also();
  };
  onShutdown(stopEverything);
  return {
    stopDatabaseWith: (stop) => {
      stopDatabase = stop;
    },
    get stopping() {
      return stopping;
    },
    stopEverything,
    failAndStop: async (sentence, detail) => {
      await stopEverything().catch(() => undefined);
      fail(sentence, detail);
    },
  };
}
