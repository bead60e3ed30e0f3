// The app under test: a production build in its own folder (.next-bench) served by `next start`,
// and the memory of the server's processes read from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nextBin, root, track } from "../lib/process";

export const BENCH_DIST_DIR = ".next-bench";

/**
 * Runs `next build` into the bench's own folder, its output kept in `logFile`; resolves with the exit
 * code. `next build` adds its folder's type files to tsconfig.json's "include" when they are not
 * there (and reformats the file); the file is put back as it was, so that a benchmark run leaves
 * the working tree as it found it. Returns whether it had to.
 */
export async function buildApp(
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ code: number; restoredTsconfig: boolean }> {
  const tsconfig = join(root, "tsconfig.json");
  const before = readFileSync(tsconfig, "utf8");
  const code = await runBuild(env, logFile);
  const changed = readFileSync(tsconfig, "utf8") !== before;
  if (changed) writeFileSync(tsconfig, before);
  return { code, restoredTsconfig: changed };
}

function runBuild(env: NodeJS.ProcessEnv, logFile: string): Promise<number> {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile);
    const child = track(
      spawn(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] }),
    );
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.on("exit", (code, signal) => log.end(() => resolve(code ?? (signal ? 128 : 1))));
    child.on("error", () => log.end(() => resolve(127)));
  });
}

/** Starts `next start` on `port`; its output goes to `logFile`. */
export function startServer(env: NodeJS.ProcessEnv, port: number, logFile: string): ChildProcess {
  const log = createWriteStream(logFile);
  const child = track(
    spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.on("exit", () => log.end());
  return child;
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let index = 0; index < all.length; index += 1) {
    const current = all[index]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue; // gone
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return all;
}

/** Resident memory (VmRSS) of one process in bytes, or 0 when it has gone. */
export function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The resident memory of the server: `next start` and every process it started. */
export function serverRss(pid: number): number {
  return processTree(pid).reduce((sum, each) => sum + rssOf(each), 0);
}

/**
 * CPU time (user and system, in ms) used so far by `pid` and every process below it, with the
 * time of children that have ended and been waited for (which the kernel adds to their parent's
 * "cutime" and "cstime"). Read from /proc/<pid>/stat, whose times are in clock ticks of 1/100 s
 * on Linux.
 */
export function cpuMsOfTree(pid: number): number {
  let ticks = 0;
  for (const each of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${each}/stat`, "utf8");
      // The fields after the command name, which is in brackets and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, cutime, cstime: fields 14-17 of proc(5), 12-15 here.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10;
}

/** The postmaster of a PostgreSQL data folder: the first line of its postmaster.pid. */
export function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * The export's memory in use after forced garbage collection, measured in a process of its own
 * (export-live-memory.ts) against `databaseUrl`; null, with the reason in `log`, when it failed.
 */
export function measureExportLiveMemory(
  databaseUrl: string,
  log: (line: string) => void,
): Promise<{ rows: number; samples: { rows: number; liveBytes: number }[] } | null> {
  return new Promise((resolve) => {
    const child = track(
      spawn(
        process.execPath,
        [
          "--expose-gc",
          "--conditions=react-server",
          "--import",
          "tsx",
          join("scripts", "bench", "export-live-memory.ts"),
        ],
        { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"] },
      ),
    );
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("error", (error) => {
      log(`could not start: ${error.message}`);
      resolve(null);
    });
    child.on("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last) as { rows: number; samples: { rows: number; liveBytes: number }[] });
      } catch (error) {
        log(
          `failed (${error instanceof Error ? error.message : String(error)}): ${err.trim().split("\n").slice(-5).join(" / ")}`,
        );
        resolve(null);
      }
    });
  });
}
