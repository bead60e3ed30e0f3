// Agency staff recording participants, against a real database: a referral gets the agency's next
// study ID; each step writes its own columns, the status and an audit entry; every refusal says why
// and writes nothing. A database of its own, so the study's follow-up settings are the ones set here.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { toCurrentUser, type AgencyStaffUser, type CurrentUser } from "@/lib/auth/user";
import type { AgencyRole, AgencyStage } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { participantHistory } from "./history";
import { createParticipant, PARTICIPANT_NOT_FOUND, recordParticipantStep } from "./participants";
import { formatStudyId, participantMoveRefusal, recordingRefusal } from "./rules";

const { client: db } = ownDatabase("cp_participants");

/** Noon in London on a calendar date: the server's clock when a step is recorded. */
const at = (date: string) => new Date(`${date}T12:00:00Z`);
const NOW = at("2027-03-10");
const unique = () => randomUUID().slice(0, 8);
const VALID_NHS = "943 476 5919";

beforeAll(async () => {
  // The study's follow-up: 9 months after baseline, 28 days either side.
  await db.study.create({
    data: {
      name: "Connecting People pilot",
      questionnaireDeadline: new Date("2026-01-31T17:00:00Z"),
      followUpMonths: 9,
      followUpWindowDays: 28,
    },
  });
});

async function createPerson(agencyId: string, agencyRole: AgencyRole, deactivated = false) {
  const row = await db.user.create({
    data: {
      email: `${agencyRole.toLowerCase()}.${unique()}@example.org`,
      name: `${agencyRole === "WORKER" ? "Worker" : agencyRole === "LEAD" ? "Lead" : "Supervisor"} ${unique()}`,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole,
      deactivatedAt: deactivated ? new Date("2027-01-01T00:00:00Z") : null,
    },
  });
  return toCurrentUser(row) as AgencyStaffUser;
}

async function createTeam(stage: AgencyStage = "RECRUITING") {
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage },
  });
  return {
    agency,
    lead: await createPerson(agency.id, "LEAD"),
    supervisor: await createPerson(agency.id, "SUPERVISOR"),
    worker: await createPerson(agency.id, "WORKER"),
  };
}

type Team = Awaited<ReturnType<typeof createTeam>>;

function referral(team: Team, overrides: Record<string, unknown> = {}) {
  return {
    referralDate: "2027-03-01",
    workerId: team.worker.id,
    subgroup: "ADULT_MENTAL_HEALTH",
    isNewReferral: "yes",
    ...overrides,
  };
}

async function refer(team: Team, overrides: Record<string, unknown> = {}) {
  const result = await createParticipant(team.supervisor, referral(team, overrides), NOW, db);
  if (!result.ok || !result.participantId) throw new Error(`Referral refused: ${JSON.stringify(result)}`);
  return result.participantId;
}

/** Records steps that must succeed, each with the actor and the clock given. */
async function steps(actor: CurrentUser, participantId: string, list: Record<string, unknown>[], now = NOW) {
  for (const step of list) {
    const result = await recordParticipantStep(actor, { participantId, ...step }, now, db);
    if (!result.ok) throw new Error(`Step ${String(step.step)} refused: ${JSON.stringify(result)}`);
  }
}

const toBaseline = [
  { step: "eligible", date: "2027-03-02" },
  { step: "consent", date: "2027-03-03" },
  { step: "baseline", date: "2027-03-05", measures: ["WEMWBS", "EQ_5D"] },
];

/** Everything about a participant a refusal must leave alone: the row and its audit entries. */
async function snapshot(participantId: string) {
  const [row, audit] = await Promise.all([
    db.participant.findUnique({ where: { id: participantId } }),
    db.auditEvent.count({ where: { entity: "Participant", entityId: participantId } }),
  ]);
  return { row, audit };
}

async function auditOf(participantId: string) {
  return db.auditEvent.findMany({
    where: { entity: "Participant", entityId: participantId },
    orderBy: { id: "asc" },
    select: { actorId: true, action: true, before: true, after: true },
  });
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);

describe("a new referral", () => {
  it("gets the agency's next study ID, starts at referred, and is audited", async () => {
    const team = await createTeam();
    const first = await createParticipant(team.supervisor, referral(team), NOW, db);
    const second = await createParticipant(
      team.worker,
      referral(team, { subgroup: "LEARNING_DISABILITY", isNewReferral: "no", workerId: team.supervisor.id }),
      NOW,
      db,
    );

    const firstId = formatStudyId(team.agency.code, 1);
    const secondId = formatStudyId(team.agency.code, 2);
    expect(first).toEqual({
      ok: true,
      message: `Participant ${firstId} added. Record their screening when it is done.`,
      participantId: expect.any(String),
      studyId: firstId,
    });
    expect(second).toMatchObject({ ok: true, studyId: secondId });

    const row = await db.participant.findUniqueOrThrow({
      where: { id: (second as { participantId: string }).participantId },
    });
    expect(row).toMatchObject({
      studyId: secondId,
      agencyId: team.agency.id,
      sequence: 2,
      workerId: team.supervisor.id,
      subgroup: "LEARNING_DISABILITY",
      isNewReferral: false,
      status: "REFERRED",
      referralDate: day("2027-03-01"),
      screenedDate: null,
      createdById: team.worker.id,
    });
    expect(await auditOf(row.id)).toEqual([
      {
        actorId: team.worker.id,
        action: "participant.referred",
        before: null,
        after: {
          studyId: secondId,
          status: "REFERRED",
          referralDate: "2027-03-01",
          subgroup: "LEARNING_DISABILITY",
          isNewReferral: false,
          workerId: team.supervisor.id,
        },
      },
    ]);
  });

  it("accepts any active member of the team as the worker, and today as the referral date", async () => {
    const team = await createTeam();
    for (const person of [team.lead, team.supervisor, team.worker]) {
      expect(
        await createParticipant(
          team.lead,
          referral(team, { workerId: person.id, referralDate: "2027-03-10" }),
          NOW,
          db,
        ),
      ).toMatchObject({ ok: true });
    }
  });

  it("refuses a worker from another agency, a deactivated one, and a referral date in the future; nothing is written", async () => {
    const team = await createTeam();
    const other = await createTeam();
    const gone = await createPerson(team.agency.id, "WORKER", true);
    for (const workerId of [other.worker.id, gone.id, randomUUID()]) {
      expect(await createParticipant(team.supervisor, referral(team, { workerId }), NOW, db)).toEqual({
        ok: false,
        fieldErrors: { workerId: ["Choose a worker from your team."] },
      });
    }
    expect(await createParticipant(team.supervisor, referral(team, { referralDate: "2027-03-11" }), NOW, db)).toEqual({
      ok: false,
      fieldErrors: {
        referralDate: ["The referral date cannot be in the future: today is 10 March 2027. Enter the day it happened."],
      },
    });
    // Both at once: both said.
    const both = await createParticipant(
      team.supervisor,
      referral(team, { workerId: other.worker.id, referralDate: "2027-04-01" }),
      NOW,
      db,
    );
    expect(both.ok === false && Object.keys(both.fieldErrors ?? {}).sort()).toEqual(["referralDate", "workerId"]);
    expect(await db.participant.count({ where: { agencyId: team.agency.id } })).toBe(0);
  });

  it("answers a form sent incomplete with the fields' messages, writing nothing", async () => {
    const team = await createTeam();
    const result = await createParticipant(team.supervisor, { workerId: team.worker.id }, NOW, db);
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        referralDate: ["Enter the referral date."],
        subgroup: ["Choose the participant's subgroup."],
        isNewReferral: ["Say whether the participant is newly referred to your team."],
      },
    });
    expect(await db.participant.count({ where: { agencyId: team.agency.id } })).toBe(0);
  });

  it("is not for researchers: to them, as to anyone outside the agency, there is no such record", async () => {
    const team = await createTeam();
    const researcher = toCurrentUser(
      await db.user.create({
        data: { email: `researcher.${unique()}@example.org`, name: "Dr Researcher", role: "RESEARCHER" },
      }),
    )!;
    expect(await createParticipant(researcher, referral(team), NOW, db)).toEqual(PARTICIPANT_NOT_FOUND);
    const participantId = await refer(team);
    const before = await snapshot(participantId);
    expect(
      await recordParticipantStep(researcher, { participantId, step: "eligible", date: "2027-03-02" }, NOW, db),
    ).toEqual(PARTICIPANT_NOT_FOUND);
    expect(await snapshot(participantId)).toEqual(before);
  });
});

describe("the steps of the record", () => {
  it("records each step of the happy path with its columns, status and audit entry, and tells what comes next", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    const studyId = formatStudyId(team.agency.code, 1);
    const step = (actor: CurrentUser, input: Record<string, unknown>, now = NOW) =>
      recordParticipantStep(actor, { participantId, ...input }, now, db);

    expect(await step(team.worker, { step: "eligible", date: "2027-03-02" })).toEqual({
      ok: true,
      message: `Participant ${studyId} screened as eligible on 2 March 2027. Record their consent, or that they declined, once they have decided.`,
      participantId,
      studyId,
    });
    expect(await db.participant.findUniqueOrThrow({ where: { id: participantId } })).toMatchObject({
      status: "ELIGIBLE",
      screenedDate: day("2027-03-02"),
    });

    expect(await step(team.supervisor, { step: "consent", date: "2027-03-03" })).toMatchObject({
      ok: true,
      message: `Participant ${studyId} consented on 3 March 2027 and now counts as recruited. Record their baseline interview when it is done.`,
    });
    expect(await db.participant.findUniqueOrThrow({ where: { id: participantId } })).toMatchObject({
      status: "CONSENTED",
      consentDate: day("2027-03-03"),
    });

    const baseline = await step(team.lead, {
      step: "baseline",
      date: "2027-03-05",
      measures: ["EQ_5D", "WEMWBS"],
    });
    expect(baseline).toEqual({
      ok: true,
      message: `Baseline interview for Participant ${studyId} recorded on 5 March 2027. Their follow-up is due on 5 December 2027 (window 7 November 2027 to 2 January 2028).`,
      participantId,
      studyId,
    });
    expect(await db.participant.findUniqueOrThrow({ where: { id: participantId } })).toMatchObject({
      status: "BASELINE_DONE",
      baselineDate: day("2027-03-05"),
      baselineMeasures: ["WEMWBS", "EQ_5D"],
    });

    const followUp = await step(
      team.worker,
      { step: "follow-up", date: "2027-12-01", measures: ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"] },
      at("2027-12-10"),
    );
    expect(followUp).toEqual({
      ok: true,
      message: `Follow-up interview for Participant ${studyId} recorded on 1 December 2027. Their record is complete: thank you.`,
      participantId,
      studyId,
    });
    expect(await db.participant.findUniqueOrThrow({ where: { id: participantId } })).toMatchObject({
      status: "FOLLOW_UP_DONE",
      followUpDate: day("2027-12-01"),
      followUpMeasures: ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"],
      // Nothing else touched.
      declinedDate: null,
      withdrawnDate: null,
      lostDate: null,
    });

    expect(await auditOf(participantId)).toEqual([
      expect.objectContaining({ action: "participant.referred" }),
      {
        actorId: team.worker.id,
        action: "participant.screened_eligible",
        before: { status: "REFERRED", screenedDate: null },
        after: { status: "ELIGIBLE", screenedDate: "2027-03-02" },
      },
      {
        actorId: team.supervisor.id,
        action: "participant.consented",
        before: { status: "ELIGIBLE", consentDate: null },
        after: { status: "CONSENTED", consentDate: "2027-03-03" },
      },
      {
        actorId: team.lead.id,
        action: "participant.baseline_done",
        before: { status: "CONSENTED", baselineDate: null, baselineMeasures: [] },
        after: { status: "BASELINE_DONE", baselineDate: "2027-03-05", baselineMeasures: ["WEMWBS", "EQ_5D"] },
      },
      {
        actorId: team.worker.id,
        action: "participant.follow_up_done",
        before: { status: "BASELINE_DONE", followUpDate: null, followUpMeasures: [] },
        after: {
          status: "FOLLOW_UP_DONE",
          followUpDate: "2027-12-01",
          followUpMeasures: ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"],
        },
      },
    ]);

    const history = await participantHistory(participantId, db);
    expect(history.map((entry) => [entry.actorName, entry.words])).toEqual([
      [team.supervisor.name, "Referred on 1 March 2027 (Adult mental health, new referral)"],
      [team.worker.name, "Screened: eligible on 2 March 2027"],
      [team.supervisor.name, "Consented on 3 March 2027"],
      [team.lead.name, "Baseline interview done on 5 March 2027 (WEMWBS, EQ-5D)"],
      [team.worker.name, "Follow-up interview done on 1 December 2027 (Resource Generator-UK, WEMWBS, SCOPE, EQ-5D)"],
    ]);
    expect(history.every((entry, index) => index === 0 || entry.at >= history[index - 1]!.at)).toBe(true);
  });

  it("records not eligible and declined with their reasons", async () => {
    const team = await createTeam();
    const notEligible = await refer(team);
    expect(
      await recordParticipantStep(
        team.worker,
        { participantId: notEligible, step: "not-eligible", date: "2027-03-02", reason: "Not on the caseload" },
        NOW,
        db,
      ),
    ).toMatchObject({ ok: true, message: expect.stringContaining("screened as not eligible on 2 March 2027") });
    expect(await db.participant.findUniqueOrThrow({ where: { id: notEligible } })).toMatchObject({
      status: "NOT_ELIGIBLE",
      screenedDate: day("2027-03-02"),
      ineligibleReason: "Not on the caseload",
    });

    const declined = await refer(team);
    await steps(team.worker, declined, [{ step: "eligible", date: "2027-03-02" }]);
    expect(
      await recordParticipantStep(
        team.worker,
        { participantId: declined, step: "decline", date: "2027-03-04", reason: "  Too busy at the moment  " },
        NOW,
        db,
      ),
    ).toMatchObject({ ok: true });
    expect(await db.participant.findUniqueOrThrow({ where: { id: declined } })).toMatchObject({
      status: "DECLINED",
      declinedDate: day("2027-03-04"),
      declineReason: "Too busy at the moment",
      consentDate: null,
    });
    expect((await auditOf(declined)).at(-1)).toMatchObject({
      action: "participant.declined",
      before: { status: "ELIGIBLE", declinedDate: null, declineReason: null },
      after: { status: "DECLINED", declinedDate: "2027-03-04", declineReason: "Too busy at the moment" },
    });
    expect((await participantHistory(notEligible, db)).at(-1)?.words).toBe(
      "Screened: not eligible on 2 March 2027: Not on the caseload",
    );
    expect((await participantHistory(declined, db)).at(-1)?.words).toBe(
      "Declined on 4 March 2027: Too busy at the moment",
    );
  });

  it("records a withdrawal from eligible, consented or baseline, with whether the data may be kept", async () => {
    const team = await createTeam();
    const cases = [
      { before: toBaseline.slice(0, 1), keepData: "no", from: "ELIGIBLE" },
      { before: toBaseline.slice(0, 2), keepData: "yes", from: "CONSENTED" },
      { before: toBaseline, keepData: "yes", from: "BASELINE_DONE" },
    ];
    for (const { before, keepData, from } of cases) {
      const participantId = await refer(team);
      await steps(team.worker, participantId, before);
      const result = await recordParticipantStep(
        team.supervisor,
        { participantId, step: "withdraw", date: "2027-03-08", reason: "No longer wishes to take part", keepData },
        NOW,
        db,
      );
      expect(result).toMatchObject({
        ok: true,
        message: expect.stringContaining(
          keepData === "yes" ? "The data collected so far may be kept." : "must not be used in the analysis",
        ),
      });
      expect(await db.participant.findUniqueOrThrow({ where: { id: participantId } })).toMatchObject({
        status: "WITHDRAWN",
        withdrawnDate: day("2027-03-08"),
        withdrawalReason: "No longer wishes to take part",
        keepDataOnWithdrawal: keepData === "yes",
      });
      expect((await auditOf(participantId)).at(-1)).toMatchObject({
        action: "participant.withdrawn",
        before: { status: from, withdrawnDate: null, withdrawalReason: null, keepDataOnWithdrawal: null },
        after: {
          status: "WITHDRAWN",
          withdrawnDate: "2027-03-08",
          withdrawalReason: "No longer wishes to take part",
          keepDataOnWithdrawal: keepData === "yes",
        },
      });
      expect((await participantHistory(participantId, db)).at(-1)?.words).toBe(
        `Withdrawn on 8 March 2027: No longer wishes to take part; ${keepData === "yes" ? "data may be kept" : "data must not be used"}`,
      );
    }
  });

  it("records lost to follow-up after the baseline interview", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await steps(team.worker, participantId, toBaseline);
    expect(
      await recordParticipantStep(
        team.worker,
        { participantId, step: "lost", date: "2028-01-10", reason: "Moved out of the area" },
        at("2028-01-15"),
        db,
      ),
    ).toMatchObject({ ok: true });
    expect(await db.participant.findUniqueOrThrow({ where: { id: participantId } })).toMatchObject({
      status: "LOST_TO_FOLLOW_UP",
      lostDate: day("2028-01-10"),
      lostReason: "Moved out of the area",
    });
    expect((await auditOf(participantId)).at(-1)).toMatchObject({
      action: "participant.lost_to_follow_up",
      after: { status: "LOST_TO_FOLLOW_UP", lostDate: "2028-01-10", lostReason: "Moved out of the area" },
    });
  });

  it("saves a reason that only looks like it holds a name: warning about it is the form's job", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await steps(team.worker, participantId, [{ step: "eligible", date: "2027-03-02" }]);
    expect(
      await recordParticipantStep(
        team.worker,
        { participantId, step: "decline", date: "2027-03-04", reason: "Prefers to see Siân Jones instead" },
        NOW,
        db,
      ),
    ).toMatchObject({ ok: true });
    expect((await db.participant.findUniqueOrThrow({ where: { id: participantId } })).declineReason).toBe(
      "Prefers to see Siân Jones instead",
    );
  });

  it("records a follow-up outside its window, with a warning to check the date", async () => {
    const team = await createTeam();
    const early = await refer(team);
    const late = await refer(team);
    await steps(team.worker, early, toBaseline);
    await steps(team.worker, late, toBaseline);

    const earlyResult = await recordParticipantStep(
      team.worker,
      { participantId: early, step: "follow-up", date: "2027-11-01", measures: ["WEMWBS"] },
      at("2027-11-02"),
      db,
    );
    expect(earlyResult).toMatchObject({
      ok: true,
      warning:
        "This follow-up interview is 6 days before its window opens (7 November 2027 to 2 January 2028). It will be recorded, but it counts as outside the window: check the date is right.",
    });
    const lateResult = await recordParticipantStep(
      team.worker,
      { participantId: late, step: "follow-up", date: "2028-01-12", measures: ["WEMWBS"] },
      at("2028-01-12"),
      db,
    );
    expect(lateResult).toMatchObject({ ok: true, warning: expect.stringContaining("10 days after its window closed") });
    for (const id of [early, late]) {
      expect((await db.participant.findUniqueOrThrow({ where: { id } })).status).toBe("FOLLOW_UP_DONE");
    }
  });
});

describe("refusals write nothing and say why", () => {
  async function expectRefused(
    actor: CurrentUser,
    participantId: string,
    input: Record<string, unknown>,
    answer: unknown,
    now = NOW,
  ) {
    const before = await snapshot(participantId);
    expect(await recordParticipantStep(actor, { participantId, ...input }, now, db)).toEqual(answer);
    expect(await snapshot(participantId)).toEqual(before);
  }

  it("refuses a status move out of order, and any move from a final status", async () => {
    const team = await createTeam();
    const referred = await refer(team);
    await expectRefused(
      team.worker,
      referred,
      { step: "consent", date: "2027-03-03" },
      {
        ok: false,
        formError: participantMoveRefusal("REFERRED", "CONSENTED"),
      },
    );
    await expectRefused(
      team.worker,
      referred,
      { step: "withdraw", date: "2027-03-03", reason: "Moved", keepData: "yes" },
      {
        ok: false,
        formError: participantMoveRefusal("REFERRED", "WITHDRAWN"),
      },
    );
    await expectRefused(
      team.worker,
      referred,
      { step: "lost", date: "2027-03-03", reason: "Moved" },
      {
        ok: false,
        formError: participantMoveRefusal("REFERRED", "LOST_TO_FOLLOW_UP"),
      },
    );

    // Screened twice: already recorded.
    await steps(team.worker, referred, [{ step: "eligible", date: "2027-03-02" }]);
    await expectRefused(
      team.worker,
      referred,
      { step: "eligible", date: "2027-03-03" },
      {
        ok: false,
        formError: "This participant is already recorded as “Screened: eligible”. Nothing needs changing.",
      },
    );

    const finals = [
      { steps: [{ step: "not-eligible", date: "2027-03-02", reason: "Not on caseload" }], status: "NOT_ELIGIBLE" },
      {
        steps: [
          { step: "eligible", date: "2027-03-02" },
          { step: "decline", date: "2027-03-02", reason: "Not interested" },
        ],
        status: "DECLINED",
      },
      {
        steps: [...toBaseline, { step: "withdraw", date: "2027-03-06", reason: "Unwell", keepData: "no" }],
        status: "WITHDRAWN",
      },
      {
        steps: [...toBaseline, { step: "lost", date: "2027-03-06", reason: "Moved away" }],
        status: "LOST_TO_FOLLOW_UP",
      },
    ] as const;
    for (const final of finals) {
      const participantId = await refer(team);
      await steps(team.worker, participantId, [...final.steps]);
      const answer = { ok: false, formError: participantMoveRefusal(final.status, "CONSENTED") };
      expect(answer.formError).toContain("ask the research team to correct it");
      await expectRefused(team.worker, participantId, { step: "consent", date: "2027-03-08" }, answer);
    }
  });

  it("refuses a date in the future, or before an earlier step's date, naming both dates", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await expectRefused(
      team.worker,
      participantId,
      { step: "eligible", date: "2027-03-11" },
      {
        ok: false,
        fieldErrors: {
          date: ["The screening date cannot be in the future: today is 10 March 2027. Enter the day it happened."],
        },
      },
    );
    await expectRefused(
      team.worker,
      participantId,
      { step: "eligible", date: "2027-02-28" },
      {
        ok: false,
        fieldErrors: {
          date: [
            "The screening date (28 February 2027) cannot be before the referral date (1 March 2027). Check both dates.",
          ],
        },
      },
    );
    await steps(team.worker, participantId, toBaseline.slice(0, 2));
    await expectRefused(
      team.worker,
      participantId,
      { step: "baseline", date: "2027-03-02", measures: ["SCOPE"] },
      {
        ok: false,
        fieldErrors: {
          date: [
            "The baseline interview date (2 March 2027) cannot be before the consent date (3 March 2027). Check both dates.",
          ],
        },
      },
    );
    await expectRefused(
      team.worker,
      participantId,
      { step: "withdraw", date: "2027-03-01", reason: "Unwell", keepData: "yes" },
      {
        ok: false,
        fieldErrors: {
          date: [
            "The withdrawal date (1 March 2027) cannot be before the consent date (3 March 2027). Check both dates.",
          ],
        },
      },
    );
  });

  it("refuses a follow-up dated before the baseline interview", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await steps(team.worker, participantId, toBaseline);
    await expectRefused(
      team.worker,
      participantId,
      { step: "follow-up", date: "2027-03-04", measures: ["SCOPE"] },
      {
        ok: false,
        fieldErrors: {
          date: [
            "The follow-up interview date (4 March 2027) cannot be before the baseline interview date (5 March 2027). Check both dates.",
          ],
        },
      },
    );
  });

  it("refuses a reason holding an email address or a valid NHS number, and an interview with no measures", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await steps(team.worker, participantId, [{ step: "eligible", date: "2027-03-02" }]);
    await expectRefused(
      team.worker,
      participantId,
      { step: "decline", date: "2027-03-03", reason: "Asked us to email sam.jones@example.org" },
      {
        ok: false,
        fieldErrors: {
          reason: ["Remove the email address. Participants' records must not hold anyone's contact details."],
        },
      },
    );
    await expectRefused(
      team.worker,
      participantId,
      { step: "withdraw", date: "2027-03-03", reason: `Same person as ${VALID_NHS}`, keepData: "no" },
      { ok: false, fieldErrors: { reason: ["Remove the NHS number. Participants are known by their study ID only."] } },
    );
    await steps(team.worker, participantId, [{ step: "consent", date: "2027-03-03" }]);
    await expectRefused(
      team.worker,
      participantId,
      { step: "baseline", date: "2027-03-05", measures: [] },
      {
        ok: false,
        fieldErrors: { measures: ["Tick the measures completed at the interview (at least one)."] },
      },
    );
  });

  it("answers another agency's participant exactly as an unknown one, and leaves the row alone", async () => {
    const team = await createTeam();
    const other = await createTeam();
    const theirs = await refer(other);
    const input = { step: "eligible", date: "2027-03-02" };
    const foreign = await recordParticipantStep(team.supervisor, { participantId: theirs, ...input }, NOW, db);
    const unknown = await recordParticipantStep(team.supervisor, { participantId: randomUUID(), ...input }, NOW, db);
    expect(foreign).toEqual(PARTICIPANT_NOT_FOUND);
    expect(unknown).toEqual(foreign);
    await expectRefused(team.worker, theirs, input, PARTICIPANT_NOT_FOUND);
    expect((await db.participant.findUniqueOrThrow({ where: { id: theirs } })).status).toBe("REFERRED");
  });
});

describe("the training gate", () => {
  /** A participant of an agency that recruited, then moved to `stage`. */
  async function teamAt(stage: AgencyStage) {
    const team = await createTeam("RECRUITING");
    const participantId = await refer(team);
    await db.agency.update({ where: { id: team.agency.id }, data: { stage } });
    return { team, participantId };
  }

  it.each(["SELECTED", "TRAINING", "COMPLETED", "WITHDRAWN"] as const)(
    "refuses both a new referral and a step while the agency is %s",
    async (stage) => {
      const { team, participantId } = await teamAt(stage);
      expect(await createParticipant(team.supervisor, referral(team), NOW, db)).toEqual({
        ok: false,
        formError: recordingRefusal(stage, "new"),
      });
      const before = await snapshot(participantId);
      expect(
        await recordParticipantStep(team.worker, { participantId, step: "eligible", date: "2027-03-02" }, NOW, db),
      ).toEqual({ ok: false, formError: recordingRefusal(stage, "update") });
      expect(await snapshot(participantId)).toEqual(before);
      expect(await db.participant.count({ where: { agencyId: team.agency.id } })).toBe(1);
    },
  );

  it("says what to do while training is not complete", async () => {
    const team = await createTeam("TRAINING");
    const result = await createParticipant(team.supervisor, referral(team), NOW, db);
    expect(result).toEqual({
      ok: false,
      formError: expect.stringContaining("once every supervisor and worker has completed their training days"),
    });
  });

  it("in follow-up, refuses new referrals but records the steps of the participants the agency has", async () => {
    const { team, participantId } = await teamAt("FOLLOW_UP");
    expect(await createParticipant(team.supervisor, referral(team), NOW, db)).toEqual({
      ok: false,
      formError:
        "Recruitment has closed for your agency, so no new participants can be added. You can still record the steps of the participants you have.",
    });
    expect(
      await recordParticipantStep(team.worker, { participantId, step: "eligible", date: "2027-03-02" }, NOW, db),
    ).toMatchObject({ ok: true });
    expect(await db.participant.count({ where: { agencyId: team.agency.id } })).toBe(1);
  });
});

describe("the history", () => {
  it("words the research team's corrections and entries without an actor", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await steps(team.worker, participantId, [{ step: "eligible", date: "2027-03-02" }]);
    // As lib/recruitment/corrections.ts writes them; the second as a system job would (no actor).
    await db.auditEvent.create({
      data: {
        actorId: null,
        action: "participant.step_undone",
        entity: "Participant",
        entityId: participantId,
        before: { status: "ELIGIBLE", screenedDate: "2027-03-02" },
        after: { status: "REFERRED", screenedDate: null, reason: "Screened the wrong participant" },
      },
    });
    const history = await participantHistory(participantId, db);
    expect(history.map((entry) => entry.action)).toEqual([
      "participant.referred",
      "participant.screened_eligible",
      "participant.step_undone",
    ]);
    expect(history.at(-1)).toMatchObject({
      actorName: null,
      words: "Step undone by the research team: Screened the wrong participant (back to “Referred”)",
    });
    expect(await participantHistory(randomUUID(), db)).toEqual([]);
  });
});

describe("the database's own checks (migration 20261126020000)", () => {
  it("rejects a status without the dates it needs, and dates out of order, however the row is written", async () => {
    const team = await createTeam();
    const participantId = await refer(team);
    await steps(team.worker, participantId, toBaseline.slice(0, 2));
    const before = await snapshot(participantId);

    await expect(
      db.participant.update({ where: { id: participantId }, data: { status: "BASELINE_DONE" } }),
    ).rejects.toThrow(/Participant_status_has_its_record/);
    await expect(
      db.participant.update({
        where: { id: participantId },
        data: { status: "BASELINE_DONE", baselineDate: day("2027-03-05"), baselineMeasures: [] },
      }),
    ).rejects.toThrow(/Participant_status_has_its_record/);
    await expect(
      db.participant.update({ where: { id: participantId }, data: { consentDate: day("2027-02-20") } }),
    ).rejects.toThrow(/Participant_dates_in_order/);
    expect(await snapshot(participantId)).toEqual(before);
  });
});
