// What the numbers were measured on and with: the machine, Node, the kernel, the date and the commit.
import { execFileSync } from "node:child_process";
import { cpus, release, totalmem } from "node:os";
import { root } from "../lib/process";

export type MachineInfo = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
  date: string;
  commit: string;
  dirty: boolean;
};

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function machineInfo(now = new Date()): MachineInfo {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() || "unknown",
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: release(),
    date: now.toISOString(),
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    dirty: git(["status", "--porcelain"]) !== "",
  };
}
