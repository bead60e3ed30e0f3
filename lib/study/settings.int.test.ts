// The Study row is one row shared by every test of a database, and other tests read its closing
// date: these tests change it, so they run in a database of their own.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { toCurrentUser, type CurrentUser } from "@/lib/auth/user";
import type { AgencyRole, AgencyStage } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { CONFIRM_CLOSE_NOW_MESSAGE, updateStudySettings } from "./settings";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
// Who next-auth says is signed in, for calling the server action itself.
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { client } = ownDatabase("cp_study_settings");

const unique = () => randomUUID().slice(0, 8);

async function createPerson(
  data: { role: "RESEARCHER" } | { role: "AGENCY_STAFF"; agencyId: string; agencyRole: AgencyRole },
) {
  const row = await client.user.create({
    data: {
      email: `person.${unique()}@example.org`,
      name: `Person ${unique()}`,
      agencyId: null,
      agencyRole: null,
      ...data,
    },
  });
  return toCurrentUser(row)!;
}

async function createAgency(stage: AgencyStage = "DRAFT") {
  return client.agency.create({
    // An agency on the reserve list always has a place on it (a CHECK constraint holds it).
    data: {
      organisation: `Organisation ${unique()}`,
      teamName: `Team ${unique()}`,
      stage,
      reserveRank: stage === "RESERVE" ? 1 : null,
    },
  });
}

const NOW = new Date("2026-11-25T12:00:00Z");

const settings = {
  deadlineDate: "2027-03-16",
  deadlineTime: "17:00",
  agenciesToSelect: 12,
  workerTrainingDays: 3,
  supervisorExtraDays: 2,
  followUpMonths: 9,
  followUpWindowDays: 28,
  participantTarget: 240,
};

let researcher: CurrentUser;

beforeEach(async () => {
  researcher = await createPerson({ role: "RESEARCHER" });
  // Every test starts from the same saved settings.
  await client.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2027-03-16T17:00:00Z") },
    update: {
      questionnaireDeadline: new Date("2027-03-16T17:00:00Z"),
      agenciesToSelect: 12,
      workerTrainingDays: 3,
      supervisorExtraDays: 2,
      followUpMonths: 9,
      followUpWindowDays: 28,
      participantTarget: 240,
    },
  });
});

const auditEntries = (actorId: string) =>
  client.auditEvent.findMany({ where: { actorId, action: "study.settings_changed" }, orderBy: { id: "asc" } });

describe("saving the study settings", () => {
  it("creates the Study row when the study has not been set up, with its name", async () => {
    await client.study.deleteMany();
    const result = await updateStudySettings(researcher, settings, NOW, client);
    expect(result).toMatchObject({ ok: true });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      name: "Connecting People pilot",
      questionnaireDeadline: new Date("2027-03-16T17:00:00Z"),
      agenciesToSelect: 12,
    });
    expect(await auditEntries(researcher.id)).toEqual([expect.objectContaining({ before: null, entityId: "1" })]);
  });

  it("writes what changed, and only that, to the audit trail", async () => {
    const result = await updateStudySettings(
      researcher,
      { ...settings, deadlineDate: "2027-06-30", deadlineTime: "12:00", participantTarget: "300" },
      NOW,
      client,
    );

    expect(result).toEqual({
      ok: true,
      message: "Study settings saved. The questionnaire now closes on Wednesday, 30 June 2027 at 12:00 (UK time).",
    });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      questionnaireDeadline: new Date("2027-06-30T11:00:00Z"),
      participantTarget: 300,
      agenciesToSelect: 12,
    });
    const entries = await auditEntries(researcher.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity: "Study",
      entityId: "1",
      before: { questionnaireDeadline: "2027-03-16T17:00:00.000Z", participantTarget: 240 },
      after: { questionnaireDeadline: "2027-06-30T11:00:00.000Z", participantTarget: 300 },
    });
    expect(Object.keys(entries[0]!.after as object).sort()).toEqual(["participantTarget", "questionnaireDeadline"]);
  });

  it("saves nothing and audits nothing when nothing changed", async () => {
    expect(await updateStudySettings(researcher, settings, NOW, client)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/Nothing to save/),
    });
    expect(await auditEntries(researcher.id)).toEqual([]);
  });

  it("answers invalid input with messages per field, and writes nothing", async () => {
    const result = await updateStudySettings(researcher, { ...settings, agenciesToSelect: 0 }, NOW, client);
    expect(result).toEqual({
      ok: false,
      fieldErrors: { agenciesToSelect: ["The number of agencies to select must be between 1 and 100."] },
    });
    expect(await updateStudySettings(researcher, "junk", NOW, client)).toMatchObject({
      ok: false,
      formError: expect.any(String),
    });
    expect(await auditEntries(researcher.id)).toEqual([]);
  });

  it("refuses fewer agencies to select than are already selected or further along, writing nothing", async () => {
    // Agencies left by other tests of this file are not selected; these five hold places.
    for (const stage of ["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"] as const) {
      await createAgency(stage);
    }
    await createAgency("RESERVE");
    await createAgency("NOT_SELECTED");

    const refused = await updateStudySettings(
      researcher,
      { ...settings, agenciesToSelect: 4, participantTarget: 250 },
      NOW,
      client,
    );
    expect(refused).toEqual({
      ok: false,
      fieldErrors: {
        agenciesToSelect: [
          "5 agencies are already selected or further along, so the number of agencies to select cannot be lower than 5.",
        ],
      },
    });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      agenciesToSelect: 12,
      participantTarget: 240,
    });
    expect(await auditEntries(researcher.id)).toEqual([]);

    expect(await updateStudySettings(researcher, { ...settings, agenciesToSelect: 5 }, NOW, client)).toMatchObject({
      ok: true,
    });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ agenciesToSelect: 5 });
  });

  it("closes the questionnaire now only when the researcher ticks the confirmation", async () => {
    const past = { ...settings, deadlineDate: "2026-11-25", deadlineTime: "11:00" };

    expect(await updateStudySettings(researcher, past, NOW, client)).toEqual({
      ok: false,
      fieldErrors: { confirmCloseNow: [CONFIRM_CLOSE_NOW_MESSAGE] },
    });
    // The very instant of "now" already counts as closed.
    expect(
      await updateStudySettings(
        researcher,
        { ...settings, deadlineDate: "2026-11-25", deadlineTime: "12:00" },
        NOW,
        client,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { confirmCloseNow: [CONFIRM_CLOSE_NOW_MESSAGE] } });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      questionnaireDeadline: new Date("2027-03-16T17:00:00Z"),
    });
    expect(await auditEntries(researcher.id)).toEqual([]);

    expect(await updateStudySettings(researcher, { ...past, confirmCloseNow: true }, NOW, client)).toEqual({
      ok: true,
      message: "Study settings saved. The questionnaire is now closed.",
    });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      questionnaireDeadline: new Date("2026-11-25T11:00:00Z"),
    });
  });

  it("needs no confirmation to move the closing date later, or for other changes while it has passed", async () => {
    expect(
      await updateStudySettings(researcher, { ...settings, deadlineDate: "2027-12-01" }, NOW, client),
    ).toMatchObject({ ok: true });
    const afterIt = new Date("2028-01-01T00:00:00Z");
    expect(
      await updateStudySettings(
        researcher,
        { ...settings, deadlineDate: "2027-12-01", followUpMonths: 12 },
        afterIt,
        client,
      ),
    ).toMatchObject({ ok: true });
  });

  it("emails the leads of agencies still filling in the questionnaire the new closing date, in UK time", async () => {
    const draft = await createAgency("DRAFT");
    const lead = await createPerson({ role: "AGENCY_STAFF", agencyId: draft.id, agencyRole: "LEAD" });
    const secondLead = await createPerson({ role: "AGENCY_STAFF", agencyId: draft.id, agencyRole: "LEAD" });
    const supervisor = await createPerson({ role: "AGENCY_STAFF", agencyId: draft.id, agencyRole: "SUPERVISOR" });
    const formerLead = await createPerson({ role: "AGENCY_STAFF", agencyId: draft.id, agencyRole: "LEAD" });
    await client.user.update({ where: { id: formerLead.id }, data: { deactivatedAt: NOW } });
    const submitted = await createAgency("SUBMITTED");
    const submittedLead = await createPerson({ role: "AGENCY_STAFF", agencyId: submitted.id, agencyRole: "LEAD" });
    const since = new Date();

    // Other settings alone tell no one.
    await updateStudySettings(researcher, { ...settings, followUpWindowDays: 30 }, NOW, client);
    expect(await client.outboxEmail.count({ where: { createdAt: { gte: since } } })).toBe(0);

    // 1 July 2027 17:00 in London is 16:00 UTC (summer time).
    await updateStudySettings(
      researcher,
      { ...settings, deadlineDate: "2027-07-01", followUpWindowDays: 30 },
      NOW,
      client,
    );
    const emails = await client.outboxEmail.findMany({ where: { createdAt: { gte: since } } });
    const recipients = emails.map((email) => email.to);
    expect(recipients).toEqual(expect.arrayContaining([lead.email, secondLead.email]));
    for (const other of [supervisor.email, formerLead.email, submittedLead.email])
      expect(recipients).not.toContain(other);
    const toLead = emails.find((email) => email.to === lead.email)!;
    expect(toLead).toMatchObject({ kind: "study-deadline-changed", status: "PENDING" });
    expect(toLead.subject).toContain("Thursday, 1 July 2027 at 17:00");
    expect(toLead.text).toContain("extended. It now closes on Thursday, 1 July 2027 at 17:00 (UK time)");
    expect(toLead.text).toContain(draft.teamName);
  });
});

describe("the server action", () => {
  it("refuses agency staff as not found, before anything is read or written", async () => {
    const { updateStudySettingsAction } = await import("./actions");
    const agency = await createAgency("DRAFT");
    session.current = {
      user: {
        id: randomUUID(),
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: "LEAD",
        name: "Lead",
        email: "lead@example.org",
      },
      expires: "2999-01-01T00:00:00Z",
    };
    const outcome = await updateStudySettingsAction({ ...settings, agenciesToSelect: 1 }).then(
      (value) => `returned ${JSON.stringify(value)}`,
      (error: unknown) => String((error as { digest?: string }).digest ?? error),
    );
    expect(outcome).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);

    session.current = null;
    const signedOut = await updateStudySettingsAction(settings).then(
      (value) => `returned ${JSON.stringify(value)}`,
      (error: unknown) => String((error as { digest?: string }).digest ?? error),
    );
    expect(signedOut).toMatch(/NEXT_REDIRECT.*\/signin/);
  });
});
