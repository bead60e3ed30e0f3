// Every server action is a public POST endpoint: whatever page shows its button, anyone can call
// it directly. This finds every exported function in every "use server" module and calls it with
// no session (and with a session of the wrong kind): each must refuse before doing anything.
// Public actions (registration, invitations, password reset) must answer junk with a message.
// Who may use what, with other people's records, role by role: actions-cross-agency.int.test.ts.
import { beforeEach, describe, expect, it } from "vitest";
// Importing it makes next-auth's getServerSession answer with whoever signInAs names (the one
// stand-in in this test: everything after it is real), and stubs what needs a live request.
import { digestOf, kindOf, loadActions, PUBLIC_ACTIONS, signInAs } from "@/test/server-actions";

const JUNK: unknown[][] = [
  [],
  [{}],
  [{ id: "00000000-0000-0000-0000-000000000000", email: "x@example.org" }],
  ["x", {}],
];

beforeEach(() => {
  signInAs(null);
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

  it("knows who every action is for: a new action joins the access tests or they fail", async () => {
    const unplaced = (await loadActions())
      .filter((action) => kindOf(action) === undefined)
      .map((action) => `${action.file}: ${action.name}`);
    expect(unplaced).toEqual([]);
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
      const kind = kindOf(action);
      if (kind !== "researchers" && kind !== "agency staff") continue;
      signInAs(kind === "researchers" ? staff : researcher);
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
