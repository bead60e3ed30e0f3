import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAgencyStaff } from "./queries";
import { changeStaffRole, removeStaff } from "./staff";
import { createAgencyWithLead, createStaff } from "./test-helpers";

afterAll(() => db.$disconnect());

const activeLeads = (agencyId: string) =>
  db.user.count({ where: { agencyId, agencyRole: "LEAD", deactivatedAt: null } });

describe("changing a colleague's role", () => {
  it("a lead changes a worker to supervisor, with an audit entry", async () => {
    const { lead } = await createAgencyWithLead();
    const worker = await createStaff(lead.agencyId!, "WORKER");

    const result = await changeStaffRole(lead, { userId: worker.id, agencyRole: "SUPERVISOR" });

    expect(result).toEqual({ ok: true, message: `${worker.name} is now a supervisor.` });
    expect(await db.user.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ agencyRole: "SUPERVISOR" });
    expect(
      await db.auditEvent.findFirst({ where: { entityId: worker.id, action: "user.role_changed" } }),
    ).toMatchObject({
      actorId: lead.id,
      before: { agencyRole: "WORKER" },
      after: { agencyRole: "SUPERVISOR" },
    });
  });

  it("supervisors and workers are refused", async () => {
    const { lead } = await createAgencyWithLead();
    const supervisor = await createStaff(lead.agencyId!, "SUPERVISOR");
    const worker = await createStaff(lead.agencyId!, "WORKER");

    expect(await changeStaffRole(supervisor, { userId: worker.id, agencyRole: "LEAD" })).toMatchObject({ ok: false });
    expect(await changeStaffRole(worker, { userId: worker.id, agencyRole: "LEAD" })).toMatchObject({ ok: false });
    expect(await removeStaff(supervisor, { userId: worker.id })).toMatchObject({ ok: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({
      agencyRole: "WORKER",
      deactivatedAt: null,
    });
  });

  it("a lead of agency A cannot see, change or remove agency B's staff: they are not found", async () => {
    const a = await createAgencyWithLead();
    const b = await createAgencyWithLead();
    const bWorker = await createStaff(b.agency.id, "WORKER");

    for (const result of [
      await changeStaffRole(a.lead, { userId: bWorker.id, agencyRole: "LEAD" }),
      await removeStaff(a.lead, { userId: bWorker.id }),
      await changeStaffRole(a.lead, { userId: b.lead.id, agencyRole: "WORKER" }),
    ]) {
      expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/could not find that member/) });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: bWorker.id } })).toMatchObject({
      agencyRole: "WORKER",
      deactivatedAt: null,
    });
    expect(await activeLeads(b.agency.id)).toBe(1);
    const aStaff = await listAgencyStaff(a.agency.id);
    expect(aStaff.map((person) => person.id)).toEqual([a.lead.id]);
  });

  it("never leaves an agency without a lead", async () => {
    const { lead } = await createAgencyWithLead();
    expect(await changeStaffRole(lead, { userId: lead.id, agencyRole: "WORKER" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/at least one lead/),
    });

    const second = await createStaff(lead.agencyId!, "LEAD");
    expect(await changeStaffRole(lead, { userId: lead.id, agencyRole: "SUPERVISOR" })).toMatchObject({ ok: true });
    // The first lead is now a supervisor: the session re-reads them, and they may no longer act.
    expect(await changeStaffRole(second, { userId: second.id, agencyRole: "WORKER" })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/at least one lead/),
    });
    expect(await activeLeads(lead.agencyId!)).toBe(1);
  });

  it("two leads demoting each other at the same moment leave exactly one lead", async () => {
    // Several agencies at once, so the two transactions of each really overlap.
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { agency, lead: first } = await createAgencyWithLead();
        const second = await createStaff(agency.id, "LEAD");
        const results = await Promise.all([
          changeStaffRole(first, { userId: second.id, agencyRole: "WORKER" }),
          changeStaffRole(second, { userId: first.id, agencyRole: "WORKER" }),
        ]);
        return { results, leads: await activeLeads(agency.id) };
      }),
    );
    for (const { results, leads } of outcomes) {
      expect(leads).toBe(1);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    }
  });

  it("two leads removing each other at the same moment leave exactly one lead", async () => {
    const { agency, lead: first } = await createAgencyWithLead();
    const second = await createStaff(agency.id, "LEAD");

    const results = await Promise.all([
      removeStaff(first, { userId: second.id }),
      removeStaff(second, { userId: first.id }),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await activeLeads(agency.id)).toBe(1);
  });
});

describe("removing a colleague", () => {
  it("deactivates them, ends their sessions and keeps the row for history", async () => {
    const { lead } = await createAgencyWithLead();
    const worker = await createStaff(lead.agencyId!, "WORKER");

    expect(await removeStaff(lead, { userId: worker.id })).toMatchObject({ ok: true });

    const row = await db.user.findUniqueOrThrow({ where: { id: worker.id } });
    expect(row.deactivatedAt).toBeInstanceOf(Date);
    expect(row.sessionVersion).toBe(1);
    expect((await listAgencyStaff(lead.agencyId!)).map((person) => person.id)).not.toContain(worker.id);
    expect(await db.auditEvent.findFirst({ where: { entityId: worker.id, action: "user.removed" } })).toMatchObject({
      actorId: lead.id,
    });
    // Removed already: a second removal finds nobody.
    expect(await removeStaff(lead, { userId: worker.id })).toMatchObject({ ok: false });
  });

  it("a lead cannot remove themselves", async () => {
    const { agency, lead } = await createAgencyWithLead();
    await createStaff(agency.id, "LEAD");
    expect(await removeStaff(lead, { userId: lead.id })).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/cannot remove yourself/),
    });
  });

  it("answers a malformed id with what went wrong, not an error", async () => {
    const { lead } = await createAgencyWithLead();
    expect(await removeStaff(lead, { userId: "not-an-id" })).toMatchObject({ ok: false });
    expect(await changeStaffRole(lead, { userId: lead.id, agencyRole: "BOSS" })).toMatchObject({ ok: false });
  });
});
