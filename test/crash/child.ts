// Runs a crash-test worker as a separate Node process (the "server" that gets killed), reads the
// lines it prints, and kills it with SIGKILL: no handler runs, no transaction is finished, no buffer
// is flushed, exactly as when the machine loses power or the kernel's OOM killer strikes.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The workers, each bundled with the app's own modules (npm packages stay external). */
export type WorkerBundles = { writes: string; sender: string; remove: () => Promise<void> };

/**
 * Bundles both workers once, so that every (re)start only loads one file: under tsx each start
 * transformed and resolved the app's modules again, several seconds a start on a busy machine.
 * "react-server", as in the Next.js server, lets the app's server-only modules load. Inside
 * node_modules (ignored by git), so that the bundles find the project's packages.
 */
export async function bundleWorkers(): Promise<WorkerBundles> {
  const outdir = join(root, "node_modules", ".cache", "crash-test", String(process.pid));
  await build({
    entryPoints: {
      writes: fileURLToPath(new URL("./writes-worker.ts", import.meta.url)),
      sender: fileURLToPath(new URL("./sender-worker.ts", import.meta.url)),
    },
    absWorkingDir: root,
    tsconfig: join(root, "tsconfig.json"),
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["react-server"],
    outdir,
    outExtension: { ".js": ".mjs" },
    logLevel: "error",
  });
  return {
    writes: join(outdir, "writes.mjs"),
    sender: join(outdir, "sender.mjs"),
    remove: () => rm(outdir, { recursive: true, force: true }),
  };
}

export type Worker = {
  process: ChildProcess;
  /** Every line printed so far, in order (stdout is a pipe: a line printed is a line kept, kill or not). */
  lines: string[];
  /** Waits until `predicate` holds for the lines, or the worker ends; true when it holds. */
  waitFor: (predicate: (lines: readonly string[]) => boolean) => Promise<boolean>;
  /** What it wrote to stderr so far (an error that ended it early, say). */
  stderr: () => string;
  /** SIGKILL, then waits until the process is gone and its output read to the end. */
  kill: () => Promise<void>;
  /** Waits for the worker to end by itself; rejects when it fails (its stderr in the message). */
  finished: () => Promise<void>;
  /**
   * Lets it begin. A worker is started ahead, while the one before it still runs, so that loading
   * its code (seconds on a busy machine) is not counted in the restart; it touches nothing until then.
   */
  go: () => void;
};

/**
 * Starts a bundled worker (bundleWorkers), with `env` added to this process's environment; it loads
 * its code and waits for `go()` (waitForGo). `react-server` lets the packages it imports resolve as
 * in the Next.js server.
 */
export function startWorker(script: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--conditions", "react-server", script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // A worker that has ended (or been killed) no longer reads its input.
  child.stdin!.on("error", () => {});
  const lines: string[] = [];
  let stderr = "";
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    notify();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  // Both the exit and the end of the output: lines already in the pipe are read after a kill.
  let over = false;
  const ended = Promise.all([once(child, "exit"), once(child.stdout!, "close")]).then(() => {
    over = true;
    notify();
  });

  const isRunning = () => child.exitCode === null && child.signalCode === null;

  return {
    process: child,
    lines,
    waitFor(predicate) {
      return new Promise((resolve) => {
        const check = () => {
          if (predicate(lines)) {
            waiters.delete(check);
            resolve(true);
          } else if (over) {
            waiters.delete(check);
            resolve(predicate(lines));
          }
        };
        waiters.add(check);
        check();
      });
    },
    stderr: () => stderr,
    go() {
      child.stdin!.write("go\n");
    },
    async kill() {
      if (isRunning()) child.kill("SIGKILL");
      await ended;
    },
    async finished() {
      await ended;
      if (child.exitCode !== 0) {
        throw new Error(
          `The worker ${script} ended with ${child.exitCode ?? child.signalCode} instead of finishing:\n${stderr}`,
        );
      }
    },
  };
}
