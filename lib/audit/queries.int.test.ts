// The audit trail as researchers read it, against a real database. Other tests write audit events
// at the same time, so every test filters by values that only it uses.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AUDIT_PAGE_SIZE, listAuditActions, listAuditEvents } from "./queries";

afterAll(() => db.$disconnect());

const unique = () => randomUUID().slice(0, 8);
const uniqueAction = () => `test_${unique()}.happened`;

async function createResearcher(email = `audit.${unique()}@example.org`) {
  return db.user.create({ data: { email, name: `Researcher ${unique()}`, role: "RESEARCHER" } });
}

type EventInput = {
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: string | null;
  at?: Date;
  before?: object;
  after?: object;
};

async function createEvent(event: EventInput = {}) {
  return db.auditEvent.create({
    data: {
      action: event.action ?? uniqueAction(),
      entity: event.entity ?? "Agency",
      entityId: event.entityId ?? randomUUID(),
      actorId: event.actorId ?? null,
      at: event.at,
      before: event.before,
      after: event.after,
    },
  });
}

describe("listAuditEvents", () => {
  it("filters by action, newest first, with the person who acted and what changed", async () => {
    const action = uniqueAction();
    const researcher = await createResearcher();
    const older = await createEvent({ action, actorId: researcher.id, at: new Date("2026-05-01T10:00:00Z") });
    const newer = await createEvent({
      action,
      at: new Date("2026-05-02T10:00:00Z"),
      before: { stage: "DRAFT" },
      after: { stage: "SUBMITTED" },
    });
    await createEvent(); // another action

    const result = await listAuditEvents({ action, page: 1 });

    expect(result).toMatchObject({ total: 2, page: 1, pageCount: 1 });
    expect(result.events.map((event) => event.id)).toEqual([newer.id.toString(), older.id.toString()]);
    expect(result.events[0]).toEqual({
      id: newer.id.toString(),
      at: new Date("2026-05-02T10:00:00Z"),
      actor: { kind: "system" },
      action,
      entity: "Agency",
      entityId: newer.entityId,
      before: { stage: "DRAFT" },
      after: { stage: "SUBMITTED" },
    });
    expect(result.events[1]?.actor).toEqual({ kind: "person", name: researcher.name, email: researcher.email });
  });

  it("filters by a record: its kind and id", async () => {
    const entityId = randomUUID();
    const invited = await createEvent({ entity: "User", entityId, action: "user.invited" });
    const changed = await createEvent({ entity: "User", entityId, action: "user.role_changed" });
    await createEvent({ entity: "Agency", entityId }); // same id, another kind of record
    await createEvent({ entity: "User" }); // same kind, another record

    const byRecord = await listAuditEvents({ entity: "User", entityId, page: 1 });
    expect(byRecord.events.map((event) => event.id).sort()).toEqual([invited.id, changed.id].map(String).sort());

    const byIdAlone = await listAuditEvents({ entityId, page: 1 });
    expect(byIdAlone.total).toBe(3);
  });

  it("filters by the email of the person who acted, whatever its case", async () => {
    const ann = await createResearcher();
    const bob = await createResearcher();
    const entityId = randomUUID();
    const annsEvent = await createEvent({ entityId, actorId: ann.id });
    await createEvent({ entityId, actorId: bob.id });
    await createEvent({ entityId });

    const result = await listAuditEvents({ entityId, actorEmail: ` ${ann.email.toUpperCase()} `, page: 1 });
    expect(result.events.map((event) => event.id)).toEqual([annsEvent.id.toString()]);

    const byId = await listAuditEvents({ entityId, actorId: bob.id, page: 1 });
    expect(byId.events.map((event) => event.actor)).toEqual([{ kind: "person", name: bob.name, email: bob.email }]);

    expect((await listAuditEvents({ entityId, actorEmail: `nobody.${unique()}@example.org`, page: 1 })).total).toBe(0);
  });

  it("filters by UK days: 23:30 UTC on 30 June is 1 July in London", async () => {
    const action = uniqueAction();
    const lateJune30Utc = await createEvent({ action, at: new Date("2026-06-30T23:30:00Z") }); // 00:30 on 1 July, BST
    const earlyJune30 = await createEvent({ action, at: new Date("2026-06-29T23:00:00Z") }); // 00:00 on 30 June, BST
    const lastOfJuly1 = await createEvent({ action, at: new Date("2026-07-01T22:59:59.999Z") }); // 23:59:59.999 on 1 July
    await createEvent({ action, at: new Date("2026-07-01T23:00:00Z") }); // 00:00 on 2 July
    await createEvent({ action, at: new Date("2026-06-29T22:59:59.999Z") }); // 23:59:59.999 on 29 June

    const ids = async (from?: string, to?: string) =>
      (await listAuditEvents({ action, from, to, page: 1 })).events.map((event) => event.id);

    expect(await ids("2026-07-01", "2026-07-01")).toEqual([lastOfJuly1.id, lateJune30Utc.id].map(String));
    expect(await ids("2026-06-30", "2026-06-30")).toEqual([earlyJune30.id.toString()]);
    expect(await ids("2026-06-30", "2026-07-01")).toEqual(
      [lastOfJuly1.id, lateJune30Utc.id, earlyJune30.id].map(String),
    );
    expect(await ids("2026-07-02")).toHaveLength(1);
    expect(await ids(undefined, "2026-06-29")).toHaveLength(1);
    expect(await ids()).toHaveLength(5);
  });

  it("shows 50 events a page, newest first, and the last page for a page past the end", async () => {
    const action = uniqueAction();
    const start = Date.parse("2026-03-01T09:00:00Z");
    const count = AUDIT_PAGE_SIZE + 5;
    await db.auditEvent.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        action,
        entity: "Booking",
        entityId: `booking-${index}`,
        at: new Date(start + index * 60_000),
      })),
    });

    const first = await listAuditEvents({ action, page: 1 });
    expect(first).toMatchObject({ total: count, page: 1, pageCount: 2 });
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]?.entityId).toBe(`booking-${count - 1}`);

    const second = await listAuditEvents({ action, page: 2 });
    expect(second.events.map((event) => event.entityId)).toEqual([
      "booking-4",
      "booking-3",
      "booking-2",
      "booking-1",
      "booking-0",
    ]);

    const past = await listAuditEvents({ action, page: 9 });
    expect(past.page).toBe(2);
    expect(past.events.map((event) => event.entityId)).toEqual(second.events.map((event) => event.entityId));

    const nothing = await listAuditEvents({ action: uniqueAction(), page: 3 });
    expect(nothing).toEqual({ total: 0, page: 1, pageCount: 1, events: [] });
  });

  it("orders events made in the same millisecond by when they were written", async () => {
    const action = uniqueAction();
    const at = new Date("2026-04-01T12:00:00Z");
    const a = await createEvent({ action, at });
    const b = await createEvent({ action, at });
    expect((await listAuditEvents({ action, page: 1 })).events.map((event) => event.id)).toEqual(
      [b.id, a.id].map(String),
    );
  });

  it("never returns a password hash, token hash or secret", async () => {
    const action = uniqueAction();
    await createEvent({
      action,
      before: { name: "Ann", passwordHash: "$argon2id$old" },
      after: { name: "Ann B", passwordHash: "$argon2id$new", link: { tokenHash: "abc", purpose: "INVITATION" } },
    });
    const [event] = (await listAuditEvents({ action, page: 1 })).events;
    expect(event?.before).toEqual({ name: "Ann" });
    expect(event?.after).toEqual({ name: "Ann B", link: { purpose: "INVITATION" } });
    expect(JSON.stringify(event)).not.toMatch(/argon2|abc/);
  });
});

describe("listAuditActions", () => {
  it("lists each recorded action once, in alphabetical order", async () => {
    const prefix = `test_${unique()}`;
    await createEvent({ action: `${prefix}.b_second` });
    await createEvent({ action: `${prefix}.a_first` });
    await createEvent({ action: `${prefix}.b_second` });

    const actions = (await listAuditActions()).filter((action) => action.startsWith(prefix));
    expect(actions).toEqual([`${prefix}.a_first`, `${prefix}.b_second`]);
  });
});

describe("the audit trail in the database", () => {
  it("refuses to change or delete an entry, even through raw SQL", async () => {
    const action = uniqueAction();
    const event = await createEvent({ action, after: { stage: "SELECTED" } });

    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "rewritten" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "after" = NULL WHERE "id" = ${event.id}`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "action" = ${action}`).rejects.toThrow(/append-only/);

    const [kept] = (await listAuditEvents({ action, page: 1 })).events;
    expect(kept).toMatchObject({ action, after: { stage: "SELECTED" } });
  });
});
