// What an agency's own people read about their participants, against a real database. The targets
// are shared out over every agency holding a place, so this file has a database of its own: other
// tests' agencies would change each share.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { toCurrentUser, type AgencyStaffUser } from "@/lib/auth/user";
import type { AgencyRole, AgencyStage, Measure, ParticipantStatus } from "@/lib/generated/prisma/client";
import { ownDatabase } from "@/test/own-database";
import {
  FOLLOW_UPS_SHOWN,
  getAgencyParticipant,
  getAgencyParticipants,
  getNewParticipantContext,
  PARTICIPANTS_PAGE_SIZE,
} from "./agency-queries";
import { createParticipant } from "./participants";
import { formatStudyId } from "./rules";

const { client } = ownDatabase("cp_agency_participants");

// 10:00 in the UK on 10 June 2031 (BST).
const NOW = new Date("2031-06-10T09:00:00Z");
const unique = () => randomUUID().slice(0, 8);
const date = (day: string) => new Date(`${day}T00:00:00Z`);

async function createAgency(stage: AgencyStage, participantTarget: number | null = null) {
  return client.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage, participantTarget },
  });
}

async function createStaff(agencyId: string, agencyRole: AgencyRole, name = `Person ${unique()}`) {
  const row = await client.user.create({
    data: { email: `${unique()}@example.org`, name, role: "AGENCY_STAFF", agencyId, agencyRole },
  });
  return toCurrentUser(row) as AgencyStaffUser;
}

let sequence = 0;

/** A participant whose record carries what its status needs (the CHECKs of the migration). */
async function createParticipantRow(
  agency: { id: string; code: number },
  status: ParticipantStatus,
  { baselineDate = "2031-01-10", workerId = null as string | null } = {},
) {
  sequence += 1;
  const atLeast = (...statuses: ParticipantStatus[]) => statuses.includes(status);
  const measures: Measure[] = ["WEMWBS", "EQ_5D"];
  return client.participant.create({
    data: {
      studyId: formatStudyId(agency.code, sequence),
      agencyId: agency.id,
      sequence,
      workerId,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: true,
      status,
      referralDate: date("2030-06-01"),
      screenedDate: status === "REFERRED" ? null : date("2030-06-02"),
      ineligibleReason: status === "NOT_ELIGIBLE" ? "Outside the age range" : null,
      consentDate: atLeast("CONSENTED", "BASELINE_DONE", "FOLLOW_UP_DONE") ? date("2030-06-03") : null,
      declinedDate: status === "DECLINED" ? date("2030-06-03") : null,
      declineReason: status === "DECLINED" ? "Too busy" : null,
      baselineDate: atLeast("BASELINE_DONE", "FOLLOW_UP_DONE") ? date(baselineDate) : null,
      baselineMeasures: atLeast("BASELINE_DONE", "FOLLOW_UP_DONE") ? measures : [],
      followUpDate: status === "FOLLOW_UP_DONE" ? date("2031-05-01") : null,
      followUpMeasures: status === "FOLLOW_UP_DONE" ? measures : [],
    },
  });
}

beforeAll(async () => {
  await client.study.create({
    data: {
      id: 1,
      name: "Test study",
      questionnaireDeadline: new Date("2030-01-01T12:00:00Z"),
      participantTarget: 30,
      followUpMonths: 9,
      followUpWindowDays: 28,
    },
  });
});

describe("an agency's participants", () => {
  it("lists only the reader's agency, with counts, progress against its share, follow-ups due and its staff", async () => {
    // Three agencies hold a place and share the study target of 30: 10 each.
    const agency = await createAgency("RECRUITING");
    const other = await createAgency("RECRUITING");
    await createAgency("TRAINING");
    const supervisor = await createStaff(agency.id, "SUPERVISOR", "Sam Supervisor");
    const worker = await createStaff(agency.id, "WORKER", "Ada Worker");
    const removed = await createStaff(agency.id, "WORKER", "Removed Worker");
    await client.user.update({ where: { id: removed.id }, data: { deactivatedAt: NOW } });
    const stranger = await createStaff(other.id, "WORKER", "Other Team Worker");

    const overdue = await createParticipantRow(agency, "BASELINE_DONE", {
      baselineDate: "2030-08-01",
      workerId: worker.id,
    });
    const due = await createParticipantRow(agency, "BASELINE_DONE", { baselineDate: "2030-09-10" });
    const dueSoon = await createParticipantRow(agency, "BASELINE_DONE", { baselineDate: "2030-10-20" });
    const notYet = await createParticipantRow(agency, "BASELINE_DONE", { baselineDate: "2031-01-10" });
    await createParticipantRow(agency, "FOLLOW_UP_DONE", { baselineDate: "2030-08-01" });
    await createParticipantRow(agency, "DECLINED");
    await createParticipantRow(agency, "REFERRED");
    const theirs = await createParticipantRow(other, "BASELINE_DONE", { baselineDate: "2030-08-01" });
    await createParticipantRow(other, "CONSENTED");

    const data = await getAgencyParticipants(supervisor, NOW, { client });
    expect(data).not.toBeNull();
    expect(data!.agency).toMatchObject({ stage: "RECRUITING", canView: true, newRefusal: null, updateRefusal: null });
    expect(data!.today).toBe("2031-06-10");
    expect(data!.participants.map((row) => row.id)).not.toContain(theirs.id);
    expect(data!.participants).toHaveLength(7);
    expect(data!.total).toBe(7);
    expect(data!.counts).toMatchObject({ BASELINE_DONE: 4, FOLLOW_UP_DONE: 1, DECLINED: 1, REFERRED: 1, CONSENTED: 0 });
    // Recruited = consented: four at baseline and one followed up, of a share of 10.
    expect(data!.progress.label).toBe("5/10 (50 %)");
    expect(data!.targetShared).toBe(true);

    expect(data!.followUps.map((row) => [row.studyId, row.state, row.due])).toEqual([
      [overdue.studyId, "overdue", "2031-05-01"],
      [due.studyId, "due", "2031-06-10"],
      [dueSoon.studyId, "due-soon", "2031-07-20"],
    ]);
    expect(data!.followUps[0]).toMatchObject({ workerName: "Ada Worker", opens: "2031-04-03", closes: "2031-05-29" });
    expect(data!.followUpCount).toBe(3);
    const notYetRow = data!.participants.find((row) => row.id === notYet.id)!;
    expect(notYetRow).toMatchObject({ followUpState: "not-yet", followUpDue: "2031-10-10" });

    expect(data!.staff.map((person) => person.name)).toEqual(["Ada Worker", "Sam Supervisor"]);
    expect(data!.staff.find((person) => person.isYou)?.id).toBe(supervisor.id);
    expect(data!.staff.map((person) => person.id)).not.toContain(stranger.id);

    const filtered = await getAgencyParticipants(supervisor, NOW, { client, status: "BASELINE_DONE" });
    expect(filtered!.participants.map((row) => row.status)).toEqual(Array(4).fill("BASELINE_DONE"));
    expect(filtered!.total).toBe(7);
  });

  it("sends one page of the list and the first follow-ups due, with the full counts", async () => {
    const agency = await createAgency("RECRUITING");
    const reader = await createStaff(agency.id, "SUPERVISOR");
    // More follow-ups due than are listed, and more participants than one page holds.
    const overdue = [];
    for (let i = 0; i < FOLLOW_UPS_SHOWN + 3; i++) {
      const day = String(1 + i).padStart(2, "0");
      overdue.push(await createParticipantRow(agency, "BASELINE_DONE", { baselineDate: `2030-07-${day}` }));
    }
    const extra = PARTICIPANTS_PAGE_SIZE + 2 - overdue.length;
    for (let i = 0; i < extra; i++) await createParticipantRow(agency, "REFERRED");
    const all = overdue.length + extra;

    const first = await getAgencyParticipants(reader, NOW, { client });
    expect(first!.total).toBe(all);
    expect(first!.participants).toHaveLength(PARTICIPANTS_PAGE_SIZE);
    expect(first!.pageCount).toBe(2);
    expect(first!.followUpCount).toBe(overdue.length);
    // Earliest due first: the first FOLLOW_UPS_SHOWN by baseline date.
    expect(first!.followUps.map((row) => row.studyId)).toEqual(
      overdue.slice(0, FOLLOW_UPS_SHOWN).map((row) => row.studyId),
    );
    const second = await getAgencyParticipants(reader, NOW, { client, page: 2 });
    expect(second!.participants).toHaveLength(all - PARTICIPANTS_PAGE_SIZE);
    const seen = [...first!.participants, ...second!.participants].map((row) => row.id);
    expect(new Set(seen).size).toBe(all);
  });

  it("measures progress against the agency's own target when one is set, and shares out the rest", async () => {
    const agency = await createAgency("RECRUITING");
    const reader = await createStaff(agency.id, "WORKER");
    await createParticipantRow(agency, "CONSENTED");
    await createParticipantRow(agency, "ELIGIBLE");
    const before = await getAgencyParticipants(reader, NOW, { client });
    const shared = before!.progress.target;
    expect(before!.targetShared).toBe(true);
    expect(before!.progress.label).toBe(`1/${shared} (${Math.floor(100 / shared)} %)`);

    await client.agency.update({ where: { id: agency.id }, data: { participantTarget: 4 } });
    const after = await getAgencyParticipants(reader, NOW, { client });
    expect(after!.targetShared).toBe(false);
    expect(after!.progress.label).toBe("1/4 (25 %)");
  });

  it("gives an agency still in training its gate and nothing else", async () => {
    const agency = await createAgency("TRAINING");
    const reader = await createStaff(agency.id, "SUPERVISOR");
    const data = await getAgencyParticipants(reader, NOW, { client });
    expect(data!.agency.canView).toBe(false);
    expect(data!.agency.newRefusal).toMatch(/completed their training days/);
    expect(data!.participants).toEqual([]);
    const context = await getNewParticipantContext(reader, NOW, client);
    expect(context!.agency.newRefusal).toBe(data!.agency.newRefusal);
  });

  it("lets an agency in follow-up record steps but not add participants", async () => {
    const agency = await createAgency("FOLLOW_UP");
    const reader = await createStaff(agency.id, "SUPERVISOR");
    const data = await getAgencyParticipants(reader, NOW, { client });
    expect(data!.agency).toMatchObject({ canView: true, updateRefusal: null });
    expect(data!.agency.newRefusal).toMatch(/Recruitment has closed/);
  });
});

describe("one participant", () => {
  it("gives the record, the follow-up schedule, the steps allowed next and the history", async () => {
    const agency = await createAgency("RECRUITING");
    const supervisor = await createStaff(agency.id, "SUPERVISOR", "Sam Supervisor");
    const created = await createParticipant(
      supervisor,
      { referralDate: "2031-06-01", workerId: supervisor.id, subgroup: "LEARNING_DISABILITY", isNewReferral: "no" },
      NOW,
      client,
    );
    expect(created.ok).toBe(true);
    const id = created.ok ? created.participantId! : "";

    const referred = await getAgencyParticipant(supervisor, id, NOW, client);
    expect(referred).toMatchObject({
      studyId: created.ok ? created.studyId : "",
      status: "REFERRED",
      subgroup: "LEARNING_DISABILITY",
      isNewReferral: false,
      referralDate: "2031-06-01",
      workerName: "Sam Supervisor",
      followUp: null,
      followUpState: "not-applicable",
    });
    expect(referred!.nextSteps.map((step) => [step.step, step.label])).toEqual([
      ["eligible", "Screened: eligible"],
      ["not-eligible", "Screened: not eligible"],
    ]);
    expect(referred!.history).toHaveLength(1);
    expect(referred!.history[0]).toMatchObject({ actorName: "Sam Supervisor", action: "participant.referred" });
    expect(referred!.history[0]!.words).toMatch(/^Referred on 1 June 2031/);

    const atBaseline = await createParticipantRow(agency, "BASELINE_DONE", { baselineDate: "2030-09-10" });
    const detail = await getAgencyParticipant(supervisor, atBaseline.id, NOW, client);
    expect(detail!.nextSteps.map((step) => step.step)).toEqual(["follow-up", "withdraw", "lost"]);
    expect(detail!.followUp).toEqual({ due: "2031-06-10", opens: "2031-05-13", closes: "2031-07-08" });
    expect(detail!.followUpState).toBe("due");
    expect(detail!.baselineMeasures).toEqual(["WEMWBS", "EQ_5D"]);

    const done = await createParticipantRow(agency, "FOLLOW_UP_DONE");
    expect((await getAgencyParticipant(supervisor, done.id, NOW, client))!.nextSteps).toEqual([]);
  });

  it("answers null for another agency's participant, an unknown id and a malformed one", async () => {
    const agency = await createAgency("RECRUITING");
    const other = await createAgency("RECRUITING");
    const reader = await createStaff(agency.id, "SUPERVISOR");
    const theirs = await createParticipantRow(other, "CONSENTED");
    expect(await getAgencyParticipant(reader, theirs.id, NOW, client)).toBeNull();
    expect(await getAgencyParticipant(reader, randomUUID(), NOW, client)).toBeNull();
    expect(await getAgencyParticipant(reader, "not-a-uuid", NOW, client)).toBeNull();
    expect(await getAgencyParticipant(reader, '\'; DROP TABLE "Participant"; --', NOW, client)).toBeNull();
    // The owner sees it.
    const owner = await createStaff(other.id, "WORKER");
    expect((await getAgencyParticipant(owner, theirs.id, NOW, client))?.studyId).toBe(theirs.studyId);
  });
});
