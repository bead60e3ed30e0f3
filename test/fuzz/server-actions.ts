// Every exported function of every "use server" module under lib/ and app/, found the way
// lib/auth/actions-access.int.test.ts finds them, so that a new action cannot escape the tests
// that call them all.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type ServerAction = { name: string; file: string; run: (...args: unknown[]) => Promise<unknown> };

function serverActionModules(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "generated" ? [] : serverActionModules(path);
    if (!/\.tsx?$/.test(entry) || entry.includes(".test.")) return [];
    return /^\s*["']use server["'];/m.test(readFileSync(path, "utf8")) ? [path] : [];
  });
}

export async function loadServerActions(): Promise<ServerAction[]> {
  const actions: ServerAction[] = [];
  for (const file of [...serverActionModules("lib"), ...serverActionModules("app")]) {
    const exports = (await import(/* @vite-ignore */ pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function") actions.push({ name, file, run: value as ServerAction["run"] });
    }
  }
  return actions;
}

/** What Next.js turns redirect() and notFound() into. */
export function digestOf(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : null;
}
