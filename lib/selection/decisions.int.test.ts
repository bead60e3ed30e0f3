// Sending the team's decisions against a real database: who is emailed, what each decision says,
// that every decision is sent once, and that a later change (a promotion from the reserve list) is
// sent on its own. Decisions are sent for every agency at once, so these tests run in a database
// of their own, and each test first withdraws whatever the last one left.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { appUrl } from "@/lib/app-url";
import { toCurrentUser, type CurrentUser } from "@/lib/auth/user";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import type { AgencyRole, AgencyStage } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { sendDecisions } from "./decisions";
import { decisionOverview } from "./queries";
import { moveAgencyStage } from "./moves";
import { DECISIONS } from "./transitions";

const { client } = ownDatabase("cp_selection_decisions");

const NOW = new Date("2027-04-20T09:00:00Z");
const LATER = new Date("2027-05-04T14:00:00Z");
const unique = () => randomUUID().slice(0, 8);
const email = (prefix: string) => `${prefix}.${unique()}@example.org`;

let researcher: CurrentUser;

beforeEach(async () => {
  await client.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2027-03-16T17:00:00Z") },
    update: { agenciesToSelect: 12, workerTrainingDays: 3, supervisorExtraDays: 2, decisionsConfirmedAt: null },
  });
  await client.$executeRaw`UPDATE "Agency" SET "stage" = 'WITHDRAWN', "reserveRank" = NULL WHERE "stage" <> 'WITHDRAWN'`;
  const row = await client.user.create({
    data: { email: email("researcher"), name: `Researcher ${unique()}`, role: "RESEARCHER" },
  });
  researcher = toCurrentUser(row)!;
});

async function createAgency(
  stage: AgencyStage,
  { contactEmail = null as string | null, reserveRank = null as number | null } = {},
) {
  return client.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage, contactEmail, reserveRank },
  });
}

async function addStaff(agencyId: string, agencyRole: AgencyRole, address = email(agencyRole.toLowerCase())) {
  return client.user.create({
    data: { email: address, name: `Person ${unique()}`, role: "AGENCY_STAFF", agencyId, agencyRole },
  });
}

const send = (at = NOW, input: unknown = { confirm: true }, actor: CurrentUser = researcher) =>
  sendDecisions(actor, input, at, client);

const emailsFor = (agencyId: string) =>
  client.outboxEmail.findMany({
    where: { dedupeKey: { startsWith: `decision:${agencyId}:` } },
    orderBy: { to: "asc" },
  });

/** A selected agency with two leads (one of them also the contact), a former lead and a supervisor. */
async function selectedAgency() {
  const contact = email("contact");
  const agency = await createAgency("SELECTED", { contactEmail: contact });
  const lead = await addStaff(agency.id, "LEAD", contact);
  const secondLead = await addStaff(agency.id, "LEAD");
  const formerLead = await addStaff(agency.id, "LEAD");
  await client.user.update({ where: { id: formerLead.id }, data: { deactivatedAt: NOW } });
  const supervisor = await addStaff(agency.id, "SUPERVISOR");
  return { agency, told: [lead.email, secondLead.email].sort(), notTold: [formerLead.email, supervisor.email] };
}

describe("the decisions waiting to be sent", () => {
  it("lists each decided agency not yet told, selected first then the reserve list in order, and the undecided", async () => {
    const notSelected = await createAgency("NOT_SELECTED");
    const reserveSecond = await createAgency("RESERVE", { reserveRank: 2 });
    const reserveFirst = await createAgency("RESERVE", { reserveRank: 1 });
    const selected = await createAgency("SELECTED");
    const underReview = await createAgency("UNDER_REVIEW");
    const shortlisted = await createAgency("SHORTLISTED");
    await createAgency("TRAINING");
    await createAgency("DRAFT");

    const overview = await decisionOverview(client);

    expect(DECISIONS.flatMap((decision) => overview.toSend[decision]).map((row) => [row.teamName, row.stage])).toEqual([
      [selected.teamName, "SELECTED"],
      [reserveFirst.teamName, "RESERVE"],
      [reserveSecond.teamName, "RESERVE"],
      [notSelected.teamName, "NOT_SELECTED"],
    ]);
    expect(overview.undecided.map((row) => row.id).sort()).toEqual([underReview.id, shortlisted.id].sort());
    expect(overview.confirmedAt).toBeNull();
  });
});

describe("sending the decisions", () => {
  it("needs the confirmation box ticked, and sends nothing without it", async () => {
    const { agency } = await selectedAgency();
    expect(await send(NOW, { confirm: false })).toEqual({
      ok: false,
      fieldErrors: { confirm: ["Tick the box to confirm that the decisions are final and can be sent."] },
    });
    expect(await emailsFor(agency.id)).toEqual([]);
    expect(await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({
      decisionSentStage: null,
      decisionSentAt: null,
    });
  });

  it("emails each agency's active leads and contact once, with its decision and next steps", async () => {
    const { agency: selected, told, notTold } = await selectedAgency();
    const reserveContact = email("reserve");
    const reserve = await createAgency("RESERVE", { contactEmail: reserveContact, reserveRank: 1 });
    const declinedLead = email("declined");
    const declined = await createAgency("NOT_SELECTED", { contactEmail: declinedLead.toUpperCase() });
    await addStaff(declined.id, "LEAD", declinedLead);
    const undecided = await createAgency("SHORTLISTED", { contactEmail: email("undecided") });

    const result = await send();

    expect(result).toEqual({ ok: true, message: "Sent 3 decisions: 1 selected, 1 reserve, 1 not selected." });

    const toSelected = await emailsFor(selected.id);
    expect(toSelected.map((row) => row.to)).toEqual(told);
    for (const address of notTold) expect(toSelected.map((row) => row.to)).not.toContain(address);
    for (const row of toSelected) {
      expect(row).toMatchObject({
        kind: "decision",
        status: "PENDING",
        dedupeKey: expect.stringMatching(new RegExp(`^decision:${selected.id}:SELECTED:.+:${row.to}$`)),
        subject: `Connecting People pilot: ${selected.teamName} has been selected`,
        html: null,
      });
      expect(row.text).toContain(`${selected.teamName} (${selected.organisation}) has been selected`);
      expect(row.text).toContain("Every front-line worker takes 3 training days");
      expect(row.text).toContain("Supervisors take the same 3 days and 2 supervisor days more (5 in all).");
      expect(row.text).toContain("Supervisors then book the training sessions in the app");
      expect(row.text).toContain(`adds the team's supervisors and workers on the Staff page of the app`);
      expect(row.text).toContain(appUrl("/agency/staff"));
    }

    const toReserve = await emailsFor(reserve.id);
    expect(toReserve).toEqual([
      expect.objectContaining({
        to: reserveContact,
        subject: `Connecting People pilot: ${reserve.teamName} is on the reserve list`,
      }),
    ]);
    expect(toReserve[0]!.text).toContain("your team is on our reserve list");
    expect(toReserve[0]!.text).toContain(
      "There is nothing you need to do now. If a place becomes free, we will contact you",
    );
    expect(toReserve[0]!.text).not.toContain("training days");

    // The lead is also the contact (in capitals): one email.
    const toDeclined = await emailsFor(declined.id);
    expect(toDeclined).toEqual([
      expect.objectContaining({
        to: declinedLead,
        subject: `Connecting People pilot: our decision about ${declined.teamName}`,
      }),
    ]);
    expect(toDeclined[0]!.text).toContain(
      "we are sorry to tell you that your team has not been selected for this pilot",
    );
    expect(toDeclined[0]!.text).toContain("Thank you for the time and care");

    expect(await emailsFor(undecided.id)).toEqual([]);

    for (const [agency, stage] of [
      [selected, "SELECTED"],
      [reserve, "RESERVE"],
      [declined, "NOT_SELECTED"],
    ] as const) {
      expect(await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({
        decisionSentStage: stage,
        decisionSentAt: NOW,
      });
      expect(
        await client.auditEvent.findMany({ where: { action: "agency.decision_sent", entityId: agency.id } }),
      ).toEqual([
        expect.objectContaining({
          actorId: researcher.id,
          before: { decisionSentStage: null, decisionSentAt: null },
          after: expect.objectContaining({ decisionSentStage: stage, decisionSentAt: NOW.toISOString() }),
        }),
      ]);
    }
    expect(await client.agency.findUniqueOrThrow({ where: { id: undecided.id } })).toMatchObject({
      decisionSentStage: null,
    });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ decisionsConfirmedAt: NOW });
    expect((await decisionOverview(client)).toSendCount).toBe(0);
  });

  it("uses the study's own training days", async () => {
    await client.study.update({ where: { id: 1 }, data: { workerTrainingDays: 4, supervisorExtraDays: 1 } });
    const { agency } = await selectedAgency();
    await send();
    const [first] = await emailsFor(agency.id);
    expect(first!.text).toContain("Every front-line worker takes 4 training days.");
    expect(first!.text).toContain("Supervisors take the same 4 days and 1 supervisor day more (5 in all).");
  });

  it("sends nothing new the second time, and says so", async () => {
    const { agency } = await selectedAgency();
    await createAgency("NOT_SELECTED", { contactEmail: email("declined") });
    await send();
    const before = await client.outboxEmail.count();

    expect(await send(LATER)).toEqual({
      ok: false,
      formError:
        "Every decision has been sent already: there is nothing new to send. When you change an agency's decision, come back here to send it.",
    });
    expect(await client.outboxEmail.count()).toBe(before);
    expect(await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({ decisionSentAt: NOW });
  });

  it("says there is nothing to send before any agency has a decision", async () => {
    await createAgency("UNDER_REVIEW");
    expect(await send()).toEqual({
      ok: false,
      formError:
        "No agency has a decision yet. Move agencies to “Selected”, “On the reserve list” or “Not selected” first, then send the decisions.",
    });
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ decisionsConfirmedAt: null });
  });

  it("after a promotion from the reserve list, sends only the promoted agency its new decision", async () => {
    await client.study.update({ where: { id: 1 }, data: { agenciesToSelect: 1 } });
    const { agency: selected } = await selectedAgency();
    const promotedContact = email("promoted");
    const promoted = await createAgency("RESERVE", { contactEmail: promotedContact, reserveRank: 1 });
    const second = await createAgency("RESERVE", { contactEmail: email("second"), reserveRank: 2 });
    const declined = await createAgency("NOT_SELECTED", { contactEmail: email("declined") });
    await send();
    const sentBefore = await client.outboxEmail.count();

    expect(
      await moveAgencyStage(researcher, { agencyId: selected.id, to: "WITHDRAWN", reason: "Closed" }, NOW, client),
    ).toMatchObject({ ok: true });
    expect(
      await moveAgencyStage(researcher, { agencyId: promoted.id, to: "SELECTED", reason: "Place free" }, NOW, client),
    ).toMatchObject({ ok: true });
    const overview = await decisionOverview(client);
    expect(DECISIONS.flatMap((decision) => overview.toSend[decision])).toEqual([
      expect.objectContaining({
        id: promoted.id,
        stage: "SELECTED",
        decisionSentStage: "RESERVE",
        decisionSentAt: NOW,
      }),
    ]);

    expect(await send(LATER)).toEqual({ ok: true, message: "Sent 1 decision: 1 selected, 0 reserve, 0 not selected." });

    expect(await client.outboxEmail.count()).toBe(sentBefore + 1);
    const toPromoted = await emailsFor(promoted.id);
    const promotion = await client.stageChange.findFirstOrThrow({
      where: { agencyId: promoted.id, toStage: "SELECTED" },
    });
    expect(toPromoted.map((row) => [row.to, row.dedupeKey]).sort()).toEqual(
      [
        [promotedContact, `decision:${promoted.id}:RESERVE:first:${promotedContact}`],
        [promotedContact, `decision:${promoted.id}:SELECTED:${promotion.id}:${promotedContact}`],
      ].sort(),
    );
    const selectedEmail = toPromoted.find((row) => row.dedupeKey!.includes(":SELECTED:"))!;
    expect(selectedEmail.text).toContain("A place in the Connecting People pilot has become free");
    expect(selectedEmail.text).toContain("This replaces our earlier message that your team was on the reserve list.");
    expect(await emailsFor(second.id)).toHaveLength(1);
    expect(await emailsFor(declined.id)).toHaveLength(1);

    expect(await client.agency.findUniqueOrThrow({ where: { id: promoted.id } })).toMatchObject({
      decisionSentStage: "SELECTED",
      decisionSentAt: LATER,
    });
    // The first confirmation stays the date decisions were confirmed.
    expect(await client.study.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ decisionsConfirmedAt: NOW });
    expect(
      await client.auditEvent.findMany({
        where: { action: "agency.decision_sent", entityId: promoted.id },
        orderBy: { id: "asc" },
      }),
    ).toEqual([
      expect.objectContaining({ after: expect.objectContaining({ decisionSentStage: "RESERVE" }) }),
      expect.objectContaining({
        before: { decisionSentStage: "RESERVE", decisionSentAt: NOW.toISOString() },
        after: { decisionSentStage: "SELECTED", decisionSentAt: LATER.toISOString(), recipients: [promotedContact] },
      }),
    ]);
  });

  it("tells a decision again when it is reached again after a change (reserve, selected, reserve)", async () => {
    const contact = email("twice");
    const agency = await createAgency("RESERVE", { contactEmail: contact, reserveRank: 1 });
    const move = (to: "SELECTED" | "RESERVE") =>
      moveAgencyStage(researcher, { agencyId: agency.id, to, reason: `To ${to}` }, NOW, client);
    await send();
    expect(await move("SELECTED")).toMatchObject({ ok: true });
    await send(LATER);
    expect(await move("RESERVE")).toMatchObject({ ok: true });
    expect(await send(LATER)).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Sent 1 decision: 0 selected, 1 reserve/),
    });

    const told = await emailsFor(agency.id);
    expect(told).toHaveLength(3);
    expect(told.filter((row) => row.subject.includes("reserve list"))).toHaveLength(2);
    expect(told.filter((row) => row.subject.endsWith("has been selected"))).toHaveLength(1);
    expect(await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({
      decisionSentStage: "RESERVE",
    });
  });

  it("sends each decision once when two researchers confirm at the same moment", async () => {
    const { agency } = await selectedAgency();
    const other = toCurrentUser(
      await client.user.create({ data: { email: email("researcher"), name: "Other researcher", role: "RESEARCHER" } }),
    )!;

    const results = await Promise.all([send(NOW), send(NOW, { confirm: true }, other)]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      formError: expect.stringMatching(/^Every decision has been sent already/),
    });
    expect(await emailsFor(agency.id)).toHaveLength(2);
    expect(await client.auditEvent.count({ where: { action: "agency.decision_sent", entityId: agency.id } })).toBe(1);
  });

  it("records a decision for an agency with no email address, and says who could not be emailed", async () => {
    const silent = await createAgency("RESERVE", { reserveRank: 1 });
    expect(await send()).toEqual({
      ok: true,
      message: `Sent 1 decision: 0 selected, 1 reserve, 0 not selected. ${silent.teamName} has no lead or contact email address, so it sees its decision only in the app. Contact it another way, by telephone for instance.`,
    });
    expect(await client.agency.findUniqueOrThrow({ where: { id: silent.id } })).toMatchObject({
      decisionSentStage: "RESERVE",
    });
  });

  it("is refused to agency staff as not found, sending nothing", async () => {
    const { agency } = await selectedAgency();
    const lead = toCurrentUser(await addStaff(agency.id, "LEAD"))!;
    expect(await send(NOW, { confirm: true }, lead)).toEqual(AGENCY_NOT_FOUND);
    expect(await emailsFor(agency.id)).toEqual([]);
    expect(await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({
      decisionSentStage: null,
    });
  });
});
