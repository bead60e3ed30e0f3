// The app's server actions, found and called as a browser could call them: every exported function
// of every "use server" module under lib/ and app/, with whoever signInAs() names as the signed-in
// person. Shared by the access tests (lib/auth/actions-access.int.test.ts,
// lib/auth/actions-cross-agency.int.test.ts). Importing this module replaces, for the test file,
// only what needs a live request: who next-auth says is signed in, revalidatePath and after().
// Everything else the actions do (parsing, checks, the database) is real.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
// The one stand-in: who next-auth says is signed in.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
// These need a live request; outside one they would throw for reasons unrelated to access.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));
// The request's headers, which an action reads for the caller's address: none outside a request.
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => new Headers(),
}));

/** Who the actions see as signed in from now on; null for a signed-out visitor. */
export function signInAs(user: CurrentUser | Record<string, unknown> | null) {
  session.current = user ? { user: { ...user }, expires: "2999-01-01T00:00:00Z" } : null;
}

export type ServerAction = { name: string; file: string; run: (...args: unknown[]) => Promise<unknown> };

/** The files under `dir` that start with "use server" (tests and the generated client left out). */
export function serverActionModules(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "generated" ? [] : serverActionModules(path);
    if (!/\.tsx?$/.test(entry) || entry.includes(".test.")) return [];
    return /^\s*["']use server["'];/m.test(readFileSync(path, "utf8")) ? [path] : [];
  });
}

/** Every exported function of every "use server" module: each is a public POST endpoint. */
export async function loadActions(): Promise<ServerAction[]> {
  const actions: ServerAction[] = [];
  for (const file of [...serverActionModules("lib"), ...serverActionModules("app")]) {
    const exports = (await import(/* @vite-ignore */ pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function")
        actions.push({ name, file, run: value as (...args: unknown[]) => Promise<unknown> });
    }
  }
  return actions;
}

/** Actions for anyone, signed in or not: registration, accepting an invitation, password reset. */
export const PUBLIC_ACTIONS: ReadonlySet<string> = new Set([
  "registerAgencyAction",
  "acceptInvitationAction",
  "requestPasswordResetAction",
  "resetPasswordAction",
]);

/** Actions for anyone signed in, on their own account only (the profile page). */
export const OWN_ACCOUNT_ACTIONS: ReadonlySet<string> = new Set(["changeNameAction", "changePasswordAction"]);

export type ActionKind = "public" | "own account" | "researchers" | "agency staff";

/**
 * Who an action is for, from its name and file: "…ResearcherAction" or a researchers' module, and
 * "…StaffAction" or the questionnaire's module; the rest are named above. undefined for an action
 * nobody has placed yet: the access tests fail until it is.
 */
export function kindOf(action: ServerAction): ActionKind | undefined {
  if (PUBLIC_ACTIONS.has(action.name)) return "public";
  if (OWN_ACCOUNT_ACTIONS.has(action.name)) return "own account";
  const researchers =
    /Researcher/.test(action.name) || /researcher-actions|lib\/study\/|lib\/selection\//.test(action.file);
  const staff = /Staff/.test(action.name) || action.file === join("lib", "eoi", "actions.ts");
  if (researchers && !staff) return "researchers";
  if (staff && !researchers) return "agency staff";
  return undefined;
}

/** What Next.js turns redirect() and notFound() into. */
export function digestOf(error: unknown) {
  return String((error as { digest?: string })?.digest ?? error);
}

/** An action's answer as one line: `returned {…}`, or the digest of what it threw. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    (value) => `returned ${JSON.stringify(value)}`,
    (error: unknown) => digestOf(error),
  );
}
