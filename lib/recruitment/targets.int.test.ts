// A researcher setting and clearing an agency's own participant target, against a real database:
// the target and its audit entry are written together, the answer says the new target (and warns
// when the agencies' own targets add up to more than the study target), bad input is explained
// with nothing written, and anyone else is answered as if the agency did not exist. The answers
// read every agency's target, so these tests have a database of their own.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { toCurrentUser, type CurrentUser } from "@/lib/auth/user";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import type { AgencyStage } from "@/lib/generated/prisma/enums";
import { ownDatabase } from "@/test/own-database";
import { setAgencyTarget } from "./targets";

const { client } = ownDatabase("cp_recruitment_targets");

const NOW = new Date("2027-06-01T10:00:00Z");
const unique = () => randomUUID().slice(0, 8);

let researcher: CurrentUser;
let staff: CurrentUser;
let own: { id: string };

async function createAgency(stage: AgencyStage = "RECRUITING", participantTarget: number | null = null) {
  return client.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage, participantTarget },
  });
}

beforeAll(async () => {
  await client.study.create({
    data: {
      id: 1,
      name: "Connecting People pilot",
      questionnaireDeadline: new Date("2027-03-16T17:00:00Z"),
      participantTarget: 100,
    },
  });
  const row = await client.user.create({
    data: { email: `researcher.${unique()}@example.org`, name: "Rhiannon Researcher", role: "RESEARCHER" },
  });
  researcher = toCurrentUser(row)!;
  own = await createAgency("RECRUITING");
  const staffRow = await client.user.create({
    data: {
      email: `supervisor.${unique()}@example.org`,
      name: "Sam Supervisor",
      role: "AGENCY_STAFF",
      agencyId: own.id,
      agencyRole: "SUPERVISOR",
    },
  });
  staff = toCurrentUser(staffRow)!;
});

const set = (agencyId: string, target: unknown, actor: CurrentUser = researcher) =>
  setAgencyTarget(actor, { agencyId, target }, NOW, client);

const targetOf = async (id: string) =>
  (await client.agency.findUniqueOrThrow({ where: { id }, select: { participantTarget: true } })).participantTarget;

const auditOf = (id: string) =>
  client.auditEvent.findMany({
    where: { entity: "Agency", entityId: id, action: "agency.target_changed" },
    orderBy: { at: "asc" },
    select: { actorId: true, before: true, after: true },
  });

describe("setting and clearing a target", () => {
  it("sets the agency's own target, says so and writes the audit entry", async () => {
    const agency = await createAgency("RECRUITING");
    const team = (await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).teamName;

    const result = await set(agency.id, "30");

    expect(result).toEqual({ ok: true, message: `The participant target of ${team} is now 30 participants.` });
    expect(await targetOf(agency.id)).toBe(30);
    expect(await auditOf(agency.id)).toEqual([
      { actorId: researcher.id, before: { participantTarget: null }, after: { participantTarget: 30 } },
    ]);
  });

  it("clears it when left blank, so the agency shares out the study target", async () => {
    const agency = await createAgency("TRAINING", 12);
    const team = (await client.agency.findUniqueOrThrow({ where: { id: agency.id } })).teamName;

    const result = await set(agency.id, "  ");

    expect(result).toMatchObject({
      ok: true,
      message: expect.stringMatching(
        new RegExp(
          `^${team} now shares out the study target with the other agencies: its share is \\d+ participants?\\.$`,
        ),
      ),
    });
    expect(await targetOf(agency.id)).toBeNull();
    expect(await auditOf(agency.id)).toEqual([
      { actorId: researcher.id, before: { participantTarget: 12 }, after: { participantTarget: null } },
    ]);
  });

  it("gives the share left over once the other agencies' own targets are taken out", async () => {
    // In this database only: the agencies so far leave the pilot, so two share the study target of 100.
    await client.agency.updateMany({ data: { stage: "WITHDRAWN", participantTarget: null } });
    await createAgency("RECRUITING", 40);
    await createAgency("TRAINING");
    const agency = await createAgency("SELECTED", 5);

    const result = await set(agency.id, "");

    // 100 less the other's own 40 leaves 60, shared by two: 30 each.
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/its share is 30 participants\.$/) });
  });

  it("keeps a target of 0, which is a target and not a share", async () => {
    const agency = await createAgency("FOLLOW_UP");
    expect(await set(agency.id, 0)).toMatchObject({
      ok: true,
      message: expect.stringContaining("is now 0 participants."),
    });
    expect(await targetOf(agency.id)).toBe(0);
  });

  it("warns, without refusing, when the agencies' own targets add up to more than the study target", async () => {
    const agency = await createAgency("RECRUITING");
    const result = await set(agency.id, "150");
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining("is now 150 participants."),
      warning: expect.stringMatching(
        /^The agencies' own targets now add up to \d+, more than the study target of 100\./,
      ),
    });
    expect(await targetOf(agency.id)).toBe(150);

    // Back under the study target, the warning goes.
    const lower = await set(agency.id, "1");
    expect(lower.ok).toBe(true);
    expect(lower).not.toHaveProperty("warning");
  });

  it("says so when the agency holds no place but is given a target", async () => {
    const agency = await createAgency("WITHDRAWN");
    const result = await set(agency.id, "5");
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining("does not hold a place in the pilot at the moment"),
    });
  });
});

describe("refusals", () => {
  it.each([
    ["-1", "The target cannot be below 0."],
    ["1.5", "Enter the target as a whole number, or leave it blank to share out the study target."],
    ["abc", "Enter the target as a whole number, or leave it blank to share out the study target."],
    ["10001", "The target cannot be above 10000."],
  ])("explains a target of %s and writes nothing", async (target, message) => {
    const agency = await createAgency("RECRUITING", 7);

    const result = await set(agency.id, target);

    expect(result).toEqual({ ok: false, fieldErrors: { target: [message] } });
    expect(await targetOf(agency.id)).toBe(7);
    expect(await auditOf(agency.id)).toEqual([]);
  });

  it("answers agency staff as if the agency did not exist, even their own, and writes nothing", async () => {
    const result = await set(own.id, "20", staff);
    expect(result).toEqual(AGENCY_NOT_FOUND);
    expect(await targetOf(own.id)).toBeNull();
    expect(await auditOf(own.id)).toEqual([]);
  });

  it("answers an unknown agency as not found", async () => {
    expect(await set(randomUUID(), "20")).toEqual(AGENCY_NOT_FOUND);
  });

  it("explains an agency id that is not one", async () => {
    expect(await set("not-an-id", "20")).toEqual({
      ok: false,
      fieldErrors: { agencyId: ["The agency in the form is not valid. Reload the page and try again."] },
    });
  });
});
