// The researcher side of expressions of interest against a real database: the agencies list with
// states and counts, a questionnaire shown exactly as submitted, and reopening one agency.
// The database is shared with other tests: every agency here carries this file's own token in its
// organisation, and the list is filtered by it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createResearcherUser, createStaff, unique, uniqueEmail } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import type { AgencyStage, Prisma } from "@/lib/generated/prisma/client";
import { reopenQuestionnaire } from "./reopen";
import { getAgencyQuestionnaire, listAgencyQuestionnaires } from "./researcher-queries";
import type { AgencyListParams } from "./researcher-schema";
import { sectionSchemas, SECTION_KEYS, sectionAnswers, type QuestionnaireAnswers } from "./schema";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const deadline = new Date("2030-03-16T17:00:00Z");
const beforeDeadline = new Date("2030-03-10T12:00:00Z");
const afterDeadline = new Date("2030-03-20T12:00:00Z");

function fullAnswers(token: string): QuestionnaireAnswers {
  return {
    eligibility: { clientGroups: ["LEARNING_DISABILITY"], otherClientGroups: "" },
    team: {
      organisation: `Org ${token}`,
      teamName: `Team ${token}`,
      sector: "VOLUNTARY",
      region: "NORTH_EAST",
      address: "1 Quay Street, Newcastle",
      contactName: "Ada Lovelace",
      contactRole: "Team manager",
      contactEmail: `ada.${token}@example.org`,
      contactPhone: "0191 496 0123",
    },
    size: { frontLineWorkers: 12, supervisors: 2, caseload: 240 },
    practice: {
      community: { rating: 7, examples: `We meet people at the <b>café</b> & "library" ${token}.` },
      coProduction: { rating: 5, examples: "Goals agreed together.\nReviewed monthly." },
      networks: { rating: 3, examples: "" },
      activities: { rating: 9, examples: "Walking group" },
      communityLinks: { rating: 1, examples: "Few links yet" },
      supervision: { rating: 4, examples: "Monthly supervision" },
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: false,
      managerSupports: true,
      referrals: 20,
      reorganisation: "",
      trainingPlaces: "Newcastle",
      trainingMonths: "October",
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

async function createAgencyWith(
  token: string,
  {
    stage = "DRAFT" as AgencyStage,
    eoi,
    name = `Team ${unique()}`,
  }: { stage?: AgencyStage; eoi?: Omit<Prisma.ExpressionOfInterestCreateWithoutAgencyInput, "agency">; name?: string },
) {
  return db.agency.create({
    data: {
      organisation: `Organisation ${token}`,
      teamName: name,
      stage,
      region: "NORTH_EAST",
      clientGroups: ["LEARNING_DISABILITY"],
      contactEmail: uniqueEmail("contact"),
      ...(eoi ? { expressionOfInterest: { create: eoi } } : {}),
    },
  });
}

const list = (token: string, params: Partial<AgencyListParams> = {}, now = afterDeadline) =>
  listAgencyQuestionnaires({ q: token, sort: "team", dir: "asc", ...params }, { now, deadline });

describe("the agencies list", () => {
  it("shows each agency's questionnaire state, and counts every agency by state", async () => {
    const token = `list-${unique()}`;
    const answers = fullAnswers(token);
    const draft = await createAgencyWith(token, { name: "A draft", eoi: { status: "DRAFT" } });
    const notStarted = await createAgencyWith(token, { name: "B not started" });
    const submitted = await createAgencyWith(token, {
      name: "C submitted",
      stage: "SUBMITTED",
      eoi: {
        status: "SUBMITTED",
        answers: answers as Prisma.InputJsonValue,
        submittedAnswers: answers as Prisma.InputJsonValue,
        submittedAt: new Date("2030-03-12T10:00:00Z"),
      },
    });
    const reopened = await createAgencyWith(token, {
      name: "D reopened",
      eoi: { status: "DRAFT", reopenedAt: afterDeadline, reopenedUntil: new Date("2030-04-01T16:00:00Z") },
    });

    const after = await list(token);
    expect(after.rows.map((row) => [row.id, row.state])).toEqual([
      [draft.id, "late"],
      [notStarted.id, "late"],
      [submitted.id, "submitted"],
      [reopened.id, "reopened"],
    ]);
    expect(after.rows[2]).toMatchObject({
      teamName: "C submitted",
      organisation: `Organisation ${token}`,
      region: "NORTH_EAST",
      clientGroups: ["LEARNING_DISABILITY"],
      stage: "SUBMITTED",
      submittedAt: new Date("2030-03-12T10:00:00Z"),
    });
    // Before the deadline the same drafts are simply drafts (the reopened one is open until later).
    const before = await list(token, {}, beforeDeadline);
    expect(before.rows.map((row) => row.state)).toEqual(["draft", "draft", "submitted", "reopened"]);

    // The counts cover every agency in the database, not only the filtered ones.
    const everyone = await listAgencyQuestionnaires({ sort: "team", dir: "asc" }, { now: afterDeadline, deadline });
    for (const state of ["draft", "reopened", "late", "submitted"] as const) {
      expect(everyone.counts[state]).toBe(everyone.rows.filter((row) => row.state === state).length);
    }
    expect(after.counts.late).toBeGreaterThanOrEqual(2);
    expect(after.total).toBeGreaterThanOrEqual(after.rows.length);
    const filtered = await list(token, { state: "submitted" });
    expect(filtered.rows.map((row) => row.id)).toEqual([submitted.id]);
    expect(filtered.counts.late).toBeGreaterThanOrEqual(2);
  });

  it("filters by client group and region, and sorts by each column both ways", async () => {
    const token = `sort-${unique()}`;
    const a = await db.agency.create({
      data: {
        organisation: `Org ${token}`,
        teamName: "Alpha",
        region: "SOUTH_WEST",
        clientGroups: ["LEARNING_DISABILITY"],
      },
    });
    const b = await db.agency.create({
      data: {
        organisation: `Org ${token}`,
        teamName: "Bravo",
        region: "EAST_MIDLANDS",
        clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS", "LEARNING_DISABILITY"],
        expressionOfInterest: { create: { status: "SUBMITTED", submittedAt: new Date("2030-03-01T09:00:00Z") } },
      },
    });
    const c = await db.agency.create({
      data: {
        organisation: `Org ${token}`,
        teamName: "charlie",
        expressionOfInterest: { create: { status: "SUBMITTED", submittedAt: new Date("2030-03-02T09:00:00Z") } },
      },
    });
    const ids = async (params: Partial<AgencyListParams>) => (await list(token, params)).rows.map((row) => row.id);

    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ dir: "desc" })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ sort: "submitted", dir: "desc" })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ sort: "submitted", dir: "asc" })).toEqual([b.id, c.id, a.id]);
    expect(await ids({ sort: "region", dir: "asc" })).toEqual([b.id, a.id, c.id]);
    expect(await ids({ sort: "region", dir: "desc" })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ sort: "state", dir: "asc" })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ clientGroup: "MENTAL_HEALTH_OLDER_ADULTS" })).toEqual([b.id]);
    expect(await ids({ clientGroup: "LEARNING_DISABILITY" })).toEqual([a.id, b.id]);
    expect(await ids({ region: "SOUTH_WEST" })).toEqual([a.id]);
  });
});

describe("one agency's questionnaire", () => {
  it("shows the answers exactly as submitted, even after the agency changes its details", async () => {
    const token = `frozen-${unique()}`;
    const answers = fullAnswers(token);
    for (const key of SECTION_KEYS) {
      expect(sectionSchemas[key].safeParse(sectionAnswers(answers, key)).success, key).toBe(true);
    }
    const agency = await createAgencyWith(token, {
      stage: "SUBMITTED",
      eoi: {
        status: "SUBMITTED",
        answers: answers as Prisma.InputJsonValue,
        submittedAnswers: answers as Prisma.InputJsonValue,
        submittedAt: new Date("2030-03-12T10:00:00Z"),
      },
    });
    await db.agency.update({
      where: { id: agency.id },
      data: { contactName: "Grace Hopper", contactEmail: `grace.${token}@example.org`, region: "LONDON" },
    });
    await db.expressionOfInterest.update({
      where: { agencyId: agency.id },
      data: { answers: { ...answers, team: { ...answers.team, contactName: "Grace Hopper" } } },
    });

    const shown = await getAgencyQuestionnaire(agency.id, { now: afterDeadline, deadline });
    expect(shown?.state).toBe("submitted");
    expect(shown?.progress).toBeNull();
    const team = shown?.submitted?.find((section) => section.key === "team");
    expect(team?.rows).toContainEqual({ field: "contactName", label: "Contact person", value: "Ada Lovelace" });
    expect(team?.rows).toContainEqual({ field: "region", label: "English region", value: "North East" });
    const community = shown?.submitted?.find((section) => section.key === "practice.community");
    expect(community).toMatchObject({ rating: 7, examples: `We meet people at the <b>café</b> & "library" ${token}.` });
    expect(shown?.submitted?.find((section) => section.key === "capacity")?.rows).toContainEqual({
      field: "releaseSupervisors",
      label: "Can release supervisors for 2 more training days",
      value: "No",
    });
    expect(shown?.currentContact).toMatchObject({
      contactName: "Grace Hopper",
      contactEmail: `grace.${token}@example.org`,
    });
  });

  it("shows a draft's state and which sections are complete", async () => {
    const token = `draft-${unique()}`;
    const { eligibility, team } = fullAnswers(token);
    const agency = await createAgencyWith(token, {
      eoi: {
        status: "DRAFT",
        answers: { eligibility, team: { ...team, contactPhone: undefined } } as Prisma.InputJsonValue,
      },
    });
    const shown = await getAgencyQuestionnaire(agency.id, { now: beforeDeadline, deadline });
    expect(shown).toMatchObject({ state: "draft", submitted: null, window: { open: true, closesAt: deadline } });
    const progress = Object.fromEntries(shown!.progress!.map((row) => [row.key, row]));
    expect(progress.eligibility?.complete).toBe(true);
    expect(progress.team).toMatchObject({ complete: false });
    expect(progress.team?.missing.length).toBeGreaterThan(0);
    expect(progress.size?.complete).toBe(false);
  });

  it("is null for an unknown or malformed id", async () => {
    expect(await getAgencyQuestionnaire("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getAgencyQuestionnaire("not-an-id")).toBeNull();
  });
});

describe("reopening a questionnaire", () => {
  const now = new Date("2030-03-20T12:00:00Z");

  async function submittedAgency(token: string) {
    const answers = fullAnswers(token);
    const agency = await createAgencyWith(token, {
      stage: "SUBMITTED",
      eoi: {
        status: "SUBMITTED",
        answers: answers as Prisma.InputJsonValue,
        submittedAnswers: answers as Prisma.InputJsonValue,
        submittedAt: new Date("2030-03-12T10:00:00Z"),
      },
    });
    const lead = await createStaff(agency.id, "LEAD");
    return { agency, lead, answers };
  }

  it("reopens a submitted questionnaire until the time set, moves the agency back to draft, audits and emails", async () => {
    const researcher = await createResearcherUser();
    const { agency, lead, answers } = await submittedAgency(`reopen-${unique()}`);

    const result = await reopenQuestionnaire(
      researcher,
      { agencyId: agency.id, date: "2099-12-01", time: "17:00", reason: "Wrong caseload figure" },
      now,
    );
    expect(result).toMatchObject({ ok: true });

    // 17:00 GMT; later than the far-future deadline other tests give the shared study (16 March 2099).
    const until = new Date("2099-12-01T17:00:00Z");
    const eoi = await db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId: agency.id } });
    expect(eoi).toMatchObject({
      status: "DRAFT",
      reopenedAt: now,
      reopenedUntil: until,
      answers,
      submittedAnswers: answers,
    });
    const after = await db.agency.findUniqueOrThrow({ where: { id: agency.id }, include: { stageChanges: true } });
    expect(after.stage).toBe("DRAFT");
    expect(after.stageChanges).toEqual([
      expect.objectContaining({
        fromStage: "SUBMITTED",
        toStage: "DRAFT",
        byId: researcher.id,
        reason: "Wrong caseload figure",
      }),
    ]);
    const audits = await db.auditEvent.findMany({ where: { entityId: agency.id }, orderBy: { id: "asc" } });
    expect(audits.map((event) => [event.action, event.actorId])).toEqual([
      ["eoi.reopened", researcher.id],
      ["agency.stage_changed", researcher.id],
    ]);
    expect(audits[0]?.after).toMatchObject({ reopenedUntil: until.toISOString(), reason: "Wrong caseload figure" });

    const emails = await db.outboxEmail.findMany({ where: { to: { in: [lead.email, after.contactEmail!] } } });
    expect(emails.map((email) => email.to).sort()).toEqual([lead.email, after.contactEmail].sort());
    for (const email of emails) {
      expect(email.kind).toBe("eoi-reopened");
      expect(email.subject).toContain("Tuesday, 1 December 2099 at 17:00");
      expect(email.text).toContain("/agency/questionnaire");
    }

    const shown = await getAgencyQuestionnaire(agency.id, { now, deadline });
    expect(shown?.state).toBe("reopened");
    expect(shown?.submitted?.find((s) => s.key === "practice.community")?.rating).toBe(7);
  });

  it("lets a late draft in without a stage change", async () => {
    const researcher = await createResearcherUser();
    const agency = await createAgencyWith(`late-${unique()}`, { eoi: { status: "DRAFT" } });
    const result = await reopenQuestionnaire(
      researcher,
      { agencyId: agency.id, date: "2095-03-27", time: "09:30", reason: "Registered late" },
      now,
    );
    expect(result).toMatchObject({ ok: true });
    expect(await db.stageChange.count({ where: { agencyId: agency.id } })).toBe(0);
    expect((await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage).toBe("DRAFT");
    expect(await db.auditEvent.count({ where: { entityId: agency.id, action: "eoi.reopened" } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: agency.contactEmail! } })).toBe(1);
  });

  it("refuses a time in the past, a UK time that does not exist, a missing reason, and later stages", async () => {
    const researcher = await createResearcherUser();
    const { agency } = await submittedAgency(`refuse-${unique()}`);
    const reopen = (input: Record<string, string>) =>
      reopenQuestionnaire(researcher, { agencyId: agency.id, reason: "Because", ...input }, now);

    expect(await reopen({ date: "2030-03-20", time: "12:00" })).toMatchObject({
      ok: false,
      fieldErrors: { date: [expect.stringContaining("in the future")] },
    });
    // 31 March 2030: the clocks go forward from 01:00 to 02:00.
    expect(await reopen({ date: "2030-03-31", time: "01:30" })).toMatchObject({
      ok: false,
      fieldErrors: { time: [expect.stringContaining("does not exist in the UK")] },
    });
    expect(await reopen({ date: "2030-02-30", time: "12:00" })).toMatchObject({
      ok: false,
      fieldErrors: { date: [expect.any(String)] },
    });
    expect(await reopen({ date: "2030-04-02", time: "12:00", reason: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["Say why the questionnaire is reopened."] },
    });

    await db.agency.update({ where: { id: agency.id }, data: { stage: "UNDER_REVIEW" } });
    const refused = await reopen({ date: "2030-04-02", time: "12:00" });
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining('"Under review"') });

    expect(await db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId: agency.id } })).toMatchObject({
      status: "SUBMITTED",
      reopenedUntil: null,
    });
    expect(await db.auditEvent.count({ where: { entityId: agency.id } })).toBe(0);
  });

  it("is refused to agency staff as not found, both in the function and through the server action", async () => {
    const { agency, lead } = await submittedAgency(`staff-${unique()}`);
    const input = { agencyId: agency.id, date: "2099-04-02", time: "12:00", reason: "Let us in" };
    expect(await reopenQuestionnaire(lead, input, now)).toMatchObject({ ok: false, formError: expect.any(String) });

    session.current = { user: lead, expires: "2999-01-01T00:00:00Z" };
    const { reopenQuestionnaireAction } = await import("./researcher-actions");
    const outcome = await reopenQuestionnaireAction(input).then(
      () => "returned",
      (error: unknown) => String((error as { digest?: string }).digest),
    );
    expect(outcome).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId: agency.id } })).toMatchObject({
      status: "SUBMITTED",
      reopenedUntil: null,
    });
  });
});

beforeEach(() => {
  session.current = null;
});
