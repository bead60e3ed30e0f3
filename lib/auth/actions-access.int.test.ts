// Every server action is a public POST endpoint: whatever page shows its button, anyone can call
// it directly. This finds every exported function in every "use server" module and calls it with
// no session (and with a session of the wrong kind): each must refuse before doing anything.
// Public actions (registration, invitations, password reset) must answer junk with a message.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
// The one stand-in in this test: who next-auth says is signed in. Everything after it is real.
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

const PUBLIC_ACTIONS = new Set([
  "registerAgencyAction",
  "acceptInvitationAction",
  "requestPasswordResetAction",
  "resetPasswordAction",
]);

function serverActionModules(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "generated" ? [] : serverActionModules(path);
    if (!/\.tsx?$/.test(entry) || entry.includes(".test.")) return [];
    return /^\s*["']use server["'];/m.test(readFileSync(path, "utf8")) ? [path] : [];
  });
}

async function loadActions() {
  const actions: { name: string; file: string; run: (...args: unknown[]) => Promise<unknown> }[] = [];
  for (const file of [...serverActionModules("lib"), ...serverActionModules("app")]) {
    const exports = (await import(/* @vite-ignore */ pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function")
        actions.push({ name, file, run: value as (...args: unknown[]) => Promise<unknown> });
    }
  }
  return actions;
}

/** What Next.js turns redirect() and notFound() into. */
function digestOf(error: unknown) {
  return String((error as { digest?: string })?.digest ?? error);
}

const JUNK: unknown[][] = [
  [],
  [{}],
  [{ id: "00000000-0000-0000-0000-000000000000", email: "x@example.org" }],
  ["x", {}],
];

beforeEach(() => {
  session.current = null;
});

describe("server actions called directly", () => {
  it("finds the app's server actions", async () => {
    const names = (await loadActions()).map((action) => action.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "inviteStaffAction",
        "changePasswordAction",
        ...PUBLIC_ACTIONS,
        // Selecting agencies (lib/selection/actions.ts): refused to agency staff below.
        "saveReviewAction",
        "moveAgencyStageAction",
        "reorderReserveAction",
        "sendDecisionsAction",
        // Recruitment (lib/recruitment/*-actions.ts): each refused to the other role below.
        "createParticipantStaffAction",
        "recordParticipantStepStaffAction",
        "correctParticipantResearcherAction",
        "setAgencyTargetResearcherAction",
      ]),
    );
  });

  it("refuses every non-public action without a session, sending the caller to sign in", async () => {
    const refusals: string[] = [];
    for (const action of await loadActions()) {
      if (PUBLIC_ACTIONS.has(action.name)) continue;
      for (const args of JUNK) {
        const outcome = await action.run(...args).then(
          (value) => `returned ${JSON.stringify(value)}`,
          (error: unknown) => digestOf(error),
        );
        // A redirect to sign in, or (for forms that keep what was typed) an answer saying so.
        const refused =
          (outcome.startsWith("NEXT_REDIRECT") && outcome.includes("/signin")) ||
          outcome.includes('"sessionEnded":true');
        refusals.push(`${action.name}: ${refused ? "sign in" : outcome}`);
      }
    }
    expect(refusals.filter((line) => !line.endsWith(": sign in"))).toEqual([]);
  });

  it("refuses researcher actions to agency staff, and agency actions to researchers, as not found", async () => {
    const staff = {
      id: "00000000-0000-0000-0000-000000000001",
      role: "AGENCY_STAFF",
      agencyId: "00000000-0000-0000-0000-000000000002",
      agencyRole: "LEAD",
      name: "Lead",
      email: "lead@example.org",
    };
    const researcher = {
      id: "00000000-0000-0000-0000-000000000003",
      role: "RESEARCHER",
      agencyId: null,
      agencyRole: null,
      name: "R",
      email: "r@example.org",
    };
    const results: string[] = [];
    for (const action of await loadActions()) {
      const forResearchers =
        /Researcher/.test(action.name) || /researcher-actions|lib\/study\/|lib\/selection\//.test(action.file);
      const forStaff = /Staff/.test(action.name) || action.file === join("lib", "eoi", "actions.ts");
      if (!forResearchers && !forStaff) continue;
      session.current = { user: forResearchers ? staff : researcher, expires: "2999-01-01T00:00:00Z" };
      const outcome = await action.run({}).then(
        (value) => `returned ${JSON.stringify(value)}`,
        (error: unknown) => digestOf(error),
      );
      // Not found, or the action's own plain refusal naming who may use it (no field errors: it
      // never got as far as reading the input).
      const refused =
        /NEXT_HTTP_ERROR_FALLBACK;404/.test(outcome) ||
        (/"ok":false/.test(outcome) && /"formError":"Only /.test(outcome) && !/"fieldErrors":\{"/.test(outcome));
      results.push(`${action.name}: ${refused ? "not found" : outcome}`);
    }
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((line) => !line.endsWith(": not found"))).toEqual([]);
  });

  it("answers junk sent to a public action with a message, never an error", async () => {
    const answers: string[] = [];
    for (const action of (await loadActions()).filter((candidate) => PUBLIC_ACTIONS.has(candidate.name))) {
      for (const args of JUNK) {
        const call = `${action.name}(${JSON.stringify(args)})`;
        const outcome = await action.run(...args).then(
          (value) => {
            const result = value as { ok: boolean; formError?: string; fieldErrors?: object };
            const explained = Boolean(result.formError) || Object.keys(result.fieldErrors ?? {}).length > 0;
            return !result.ok && explained ? "explained" : `returned ${JSON.stringify(value)}`;
          },
          // A request that happens to be well formed (a valid email asking for a reset link) may
          // move on to the page that confirms it; anything else thrown is a failure.
          (error: unknown) => (digestOf(error).startsWith("NEXT_REDIRECT") ? "explained" : `threw ${digestOf(error)}`),
        );
        answers.push(`${call}: ${outcome}`);
      }
    }
    expect(answers.filter((line) => !line.endsWith(": explained"))).toEqual([]);
  });
});
