import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgencyWithLead, createResearcherUser, createStaff, unique } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import { saveSection, submitQuestionnaire, updateContactDetails } from "./questionnaire";
import type { QuestionnaireAnswers } from "./schema";

afterAll(() => db.$disconnect());

let deadline: Date;
beforeAll(async () => {
  // Other tests may share this database: create the study row only when missing, never move it.
  const study = await db.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2099-03-16T17:00:00Z") },
    update: {},
  });
  deadline = study.questionnaireDeadline;
});

const before = (ms: number) => new Date(deadline.getTime() - ms);
const after = (ms: number) => new Date(deadline.getTime() + ms);
const practice = { rating: 5, examples: "We meet people at the library <script>alert(1)</script>" };

function completeAnswers(email = `contact.${unique()}@example.org`): QuestionnaireAnswers {
  return {
    eligibility: { clientGroups: ["LEARNING_DISABILITY"], otherClientGroups: "" },
    team: {
      organisation: "Tyneside Trust",
      teamName: `Team ${unique()}`,
      sector: "NHS",
      region: "NORTH_EAST",
      address: "1 High Street, Newcastle",
      contactName: "Ann Example",
      contactRole: "Team manager",
      contactEmail: email,
      contactPhone: "0191 496 0123",
    },
    size: { frontLineWorkers: 12, supervisors: 2, caseload: 300 },
    practice: {
      community: practice,
      coProduction: practice,
      networks: practice,
      activities: practice,
      communityLinks: practice,
      supervision: practice,
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: true,
      managerSupports: true,
      referrals: 20,
      reorganisation: "",
      trainingPlaces: "Newcastle",
      trainingMonths: "May, June",
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

async function withAnswers(answers: QuestionnaireAnswers) {
  const { agency, lead } = await createAgencyWithLead();
  const eoi = await db.expressionOfInterest.create({ data: { agencyId: agency.id, answers } });
  return { agency, lead, eoi };
}

const eoiOf = (agencyId: string) => db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId } });

describe("saving a section", () => {
  it("a lead saves a valid section: it is merged into the answers, with an audit entry", async () => {
    const { agency, lead, eoi } = await withAnswers({ size: { frontLineWorkers: 3 } });

    const result = await saveSection(
      lead,
      { section: "practice.coProduction", answers: { rating: "7", examples: "Goals agreed together" } },
      before(60_000),
    );

    expect(result).toMatchObject({ ok: true });
    expect((await eoiOf(agency.id)).answers).toEqual({
      size: { frontLineWorkers: 3 },
      practice: { coProduction: { rating: 7, examples: "Goals agreed together" } },
    });
    expect(await db.auditEvent.findFirst({ where: { entityId: eoi.id, action: "eoi.section_saved" } })).toMatchObject({
      actorId: lead.id,
      after: { section: "practice.coProduction" },
    });
  });

  it("a supervisor may save too; a draft may leave answers out", async () => {
    const { agency } = await withAnswers({});
    const supervisor = await createStaff(agency.id, "SUPERVISOR");
    expect(
      await saveSection(supervisor, { section: "team", answers: { teamName: "Ward 7" } }, before(1)),
    ).toMatchObject({
      ok: true,
    });
    expect((await eoiOf(agency.id)).answers).toEqual({ team: { teamName: "Ward 7" } });
  });

  it("an invalid field gives that field's error and nothing is written", async () => {
    const { agency, lead } = await withAnswers({ team: { teamName: "Kept" } });
    const result = await saveSection(
      lead,
      { section: "team", answers: { teamName: "Changed", contactEmail: "not-an-email" } },
      before(60_000),
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: { contactEmail: ["Enter an email address like name@example.org."] },
    });
    expect((await eoiOf(agency.id)).answers).toEqual({ team: { teamName: "Kept" } });
  });

  it("an unknown section is refused with a message, not an error", async () => {
    const { lead } = await withAnswers({});
    expect(await saveSection(lead, { section: "__proto__", answers: {} }, before(1))).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/does not exist/),
    });
  });

  it("a worker can read but not save", async () => {
    const { agency } = await withAnswers({});
    const worker = await createStaff(agency.id, "WORKER");
    expect(await saveSection(worker, { section: "team", answers: { teamName: "X" } }, before(1))).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Workers can read it/),
    });
    expect(await submitQuestionnaire(worker, before(1))).toMatchObject({ ok: false });
    expect((await eoiOf(agency.id)).answers).toEqual({});
  });

  it("a researcher cannot save an agency's questionnaire", async () => {
    const researcher = await createResearcherUser();
    expect(await saveSection(researcher, { section: "team", answers: {} }, before(1))).toMatchObject({ ok: false });
  });

  it("an agency only ever writes its own questionnaire, whatever ids the input carries", async () => {
    const a = await withAnswers({});
    const b = await withAnswers({ team: { teamName: "B's team" } });
    const result = await saveSection(
      a.lead,
      { section: "team", answers: { teamName: "From A" }, agencyId: b.agency.id, id: b.eoi.id },
      before(1),
    );
    expect(result).toMatchObject({ ok: true });
    expect((await eoiOf(b.agency.id)).answers).toEqual({ team: { teamName: "B's team" } });
    expect((await eoiOf(a.agency.id)).answers).toEqual({ team: { teamName: "From A" } });
  });

  it("is refused at and after the deadline instant, allowed 1 ms before", async () => {
    const { agency, lead } = await withAnswers({});
    const input = { section: "team", answers: { teamName: "Late" } };
    for (const now of [deadline, after(1)]) {
      expect(await saveSection(lead, input, now)).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/^The deadline for expressions of interest passed on .*reopen/),
      });
    }
    expect((await eoiOf(agency.id)).answers).toEqual({});
    expect(await saveSection(lead, input, before(1))).toMatchObject({ ok: true });
  });
});

describe("submitting", () => {
  it("is refused while sections are incomplete, listing them", async () => {
    const answers = completeAnswers();
    delete answers.size;
    delete answers.practice!.networks;
    const { agency, lead } = await withAnswers(answers);
    const result = await submitQuestionnaire(lead, before(1));
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining("Size of the team") });
    expect(result).toMatchObject({ formError: expect.stringContaining("Talking about and mapping social networks") });
    expect(await eoiOf(agency.id)).toMatchObject({ status: "DRAFT", submittedAnswers: null });
  });

  it("is refused kindly for a team that works with none of the three client groups", async () => {
    const answers = { ...completeAnswers(), eligibility: { clientGroups: [], otherClientGroups: "Young people" } };
    const { agency, lead } = await withAnswers(answers);
    expect(await submitQuestionnaire(lead, before(1))).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/only for teams working with .*cannot take part/),
    });
    expect(await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({ stage: "DRAFT" });
  });

  it("is refused at the deadline instant and after it, accepted 1 ms before", async () => {
    const late = await withAnswers(completeAnswers());
    for (const now of [deadline, after(1)]) {
      expect(await submitQuestionnaire(late.lead, now)).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/deadline .* passed/),
      });
    }
    expect(await eoiOf(late.agency.id)).toMatchObject({ status: "DRAFT" });
    expect(await submitQuestionnaire(late.lead, before(1))).toMatchObject({ ok: true });
  });

  it("a reopened agency can save and submit after the deadline until reopenedUntil", async () => {
    const reopenedUntil = after(24 * 3600_000);
    const first = await withAnswers(completeAnswers());
    await db.expressionOfInterest.update({ where: { id: first.eoi.id }, data: { reopenedUntil } });
    expect(await submitQuestionnaire(first.lead, new Date(reopenedUntil.getTime()))).toMatchObject({ ok: false });
    expect(
      await saveSection(
        first.lead,
        { section: "size", answers: { frontLineWorkers: 4, supervisors: 1, caseload: 9 } },
        after(1),
      ),
    ).toMatchObject({ ok: true });
    expect(await submitQuestionnaire(first.lead, new Date(reopenedUntil.getTime() - 1))).toMatchObject({ ok: true });
    expect(await eoiOf(first.agency.id)).toMatchObject({ status: "SUBMITTED" });
  });

  it("writes everything at once: frozen answers, stage, stage change, agency columns, emails, audit; a second submit is refused", async () => {
    const researcher = await createResearcherUser();
    const answers = completeAnswers();
    const { agency, lead, eoi } = await withAnswers(answers);
    const now = before(3600_000);

    expect(await submitQuestionnaire(lead, now)).toMatchObject({ ok: true });

    const saved = await eoiOf(agency.id);
    expect(saved).toMatchObject({ status: "SUBMITTED", submittedAt: now, submittedAnswers: answers });
    const row = await db.agency.findUniqueOrThrow({ where: { id: agency.id } });
    expect(row).toMatchObject({
      stage: "SUBMITTED",
      organisation: "Tyneside Trust",
      teamName: answers.team!.teamName,
      sector: "NHS",
      region: "NORTH_EAST",
      address: "1 High Street, Newcastle",
      contactName: "Ann Example",
      contactRole: "Team manager",
      contactEmail: answers.team!.contactEmail,
      contactPhone: "0191 496 0123",
      clientGroups: ["LEARNING_DISABILITY"],
    });
    expect(await db.stageChange.findFirst({ where: { agencyId: agency.id, toStage: "SUBMITTED" } })).toMatchObject({
      fromStage: "DRAFT",
      byId: lead.id,
      reason: "Questionnaire submitted",
    });
    expect(await db.auditEvent.count({ where: { entityId: eoi.id, action: "eoi.submitted" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: agency.id, action: "agency.stage_changed" } })).toBe(1);

    const confirmations = await db.outboxEmail.findMany({
      where: { kind: "eoi-submitted", to: { in: [answers.team!.contactEmail!, lead.email] } },
    });
    expect(confirmations.map((email) => email.to).sort()).toEqual([answers.team!.contactEmail, lead.email].sort());
    expect(confirmations[0]!.text).toContain(
      "Examples from the team's practice: We meet people at the library <script>",
    );
    expect(confirmations[0]!.text).toContain("Adults (over 18) with learning disabilities");
    const told = await db.outboxEmail.findFirst({ where: { kind: "eoi-received", to: researcher.email } });
    expect(told).toMatchObject({ subject: `${answers.team!.teamName} has submitted an expression of interest` });
    expect(told!.text).toContain(`/researcher/agencies/${agency.id}`);

    expect(await submitQuestionnaire(lead, before(60_000))).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/already submitted/),
    });
    expect(await saveSection(lead, { section: "team", answers: { teamName: "Changed" } }, before(1))).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/cannot be changed/),
    });
    expect(await db.stageChange.count({ where: { agencyId: agency.id, toStage: "SUBMITTED" } })).toBe(1);
    expect((await eoiOf(agency.id)).submittedAnswers).toEqual(answers);
  });
});

describe("contact details after submission", () => {
  it("can be corrected on the agency while the submitted answers stay as they were, audited", async () => {
    const answers = completeAnswers();
    const { agency, lead } = await withAnswers(answers);
    const details = {
      contactName: "Bea New",
      contactRole: "Deputy manager",
      contactEmail: ` Bea.New.${unique()}@Example.org `,
      contactPhone: "0191 496 0999",
    };
    expect(await updateContactDetails(lead, details)).toMatchObject({ ok: false });

    await submitQuestionnaire(lead, before(1));
    expect(await updateContactDetails(lead, { ...details, contactEmail: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { contactEmail: expect.any(Array) },
    });
    expect(await updateContactDetails(lead, details)).toMatchObject({ ok: true });

    const row = await db.agency.findUniqueOrThrow({ where: { id: agency.id } });
    expect(row).toMatchObject({ contactName: "Bea New", contactEmail: details.contactEmail.trim().toLowerCase() });
    expect((await eoiOf(agency.id)).submittedAnswers).toEqual(answers);
    expect(
      await db.auditEvent.findFirst({ where: { entityId: agency.id, action: "agency.contact_updated" } }),
    ).toMatchObject({ before: { contactName: "Ann Example" }, after: { contactName: "Bea New" } });
    const worker = await createStaff(agency.id, "WORKER");
    expect(await updateContactDetails(worker, details)).toMatchObject({ ok: false });
  });
});
