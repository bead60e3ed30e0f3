import { describe, expect, it } from "vitest";
import {
  actionWords,
  actorLabel,
  entityLabel,
  formatAuditTime,
  formatValue,
  isCalendarDate,
  isSensitiveKey,
  redactSensitive,
  shorten,
  summariseChanges,
  ukDayRange,
  ukDayStart,
} from "./rules";

describe("actionWords", () => {
  it.each([
    ["user.invited", "User invited"],
    ["agency.stage_changed", "Agency stage changed"],
    ["eoi.reopened", "Expression of interest reopened"],
    ["training_session.cancelled", "Training session cancelled"],
  ])("reads %s as %s", (action, words) => {
    expect(actionWords(action)).toBe(words);
  });

  it.each(["Something odd", "user", "user.invited.twice", ""])("shows %j as stored", (action) => {
    expect(actionWords(action)).toBe(action);
  });
});

describe("entityLabel", () => {
  it("uses the study's words, and shows an unknown kind as stored", () => {
    expect(entityLabel("ExpressionOfInterest")).toBe("Expression of interest");
    expect(entityLabel("UserToken")).toBe("Invitation or reset link");
    expect(entityLabel("Gadget")).toBe("Gadget");
  });
});

describe("actorLabel", () => {
  it("names the person who acted", () => {
    expect(actorLabel({ name: "Ann", email: "ann@example.org" }, "user.invited")).toEqual({
      kind: "person",
      name: "Ann",
      email: "ann@example.org",
    });
  });

  it("calls a signed-out person's change a visitor's, and any other change without a person the system's", () => {
    expect(actorLabel(null, "agency.registered")).toEqual({ kind: "visitor" });
    expect(actorLabel(null, "user.password_reset_requested")).toEqual({ kind: "visitor" });
    expect(actorLabel(null, "invitation.accepted")).toEqual({ kind: "visitor" });
    expect(actorLabel(null, "email.sent")).toEqual({ kind: "system" });
    expect(actorLabel(null, "participant.follow_up_due")).toEqual({ kind: "system" });
  });
});

describe("redaction", () => {
  it.each(["passwordHash", "tokenHash", "password", "PASSWORD", "newPassword", "resetToken", "clientSecret", "hash"])(
    "treats %s as sensitive",
    (key) => {
      expect(isSensitiveKey(key)).toBe(true);
    },
  );

  it.each(["name", "email", "role", "stage", "agencyRole"])("shows %s", (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });

  it("removes sensitive keys at any depth, in objects and arrays", () => {
    const redacted = redactSensitive({
      name: "Ann",
      passwordHash: "$argon2id$v=19$secret",
      user: { tokenHash: "abc123", role: "WORKER" },
      links: [{ token: "t-1", purpose: "INVITATION" }],
    });
    expect(redacted).toEqual({ name: "Ann", user: { role: "WORKER" }, links: [{ purpose: "INVITATION" }] });
    expect(JSON.stringify(redacted)).not.toMatch(/argon2|abc123|t-1/);
  });

  it("never lets a sensitive value into the change summary", () => {
    const changes = summariseChanges(
      { passwordHash: "old-hash-value", name: "Ann", nested: { apiSecret: "s1", a: 1 } },
      { passwordHash: "new-hash-value", name: "Anne", nested: { apiSecret: "s2", a: 1 }, tokenHash: "t" },
    );
    expect(changes).toEqual([{ key: "name", kind: "changed", before: "Ann", after: "Anne" }]);
    expect(JSON.stringify(changes)).not.toMatch(/hash|secret|token|s1|s2/i);
  });
});

describe("summariseChanges", () => {
  it("lists added, removed and changed keys, and leaves out unchanged ones", () => {
    expect(
      summariseChanges(
        { stage: "DRAFT", teamName: "Ward 7", reason: "Old" },
        { stage: "SUBMITTED", teamName: "Ward 7", sentAt: "2026-07-01" },
      ),
    ).toEqual([
      { key: "stage", kind: "changed", before: "DRAFT", after: "SUBMITTED" },
      { key: "reason", kind: "removed", before: "Old", after: "(none)" },
      { key: "sentAt", kind: "added", before: "(none)", after: "2026-07-01" },
    ]);
  });

  it("treats a missing before or after as no values at all", () => {
    expect(summariseChanges(null, { role: "LEAD" })).toEqual([
      { key: "role", kind: "added", before: "(none)", after: "LEAD" },
    ]);
    expect(summariseChanges({ role: "LEAD" }, undefined)).toEqual([
      { key: "role", kind: "removed", before: "LEAD", after: "(none)" },
    ]);
    expect(summariseChanges(null, null)).toEqual([]);
  });

  it("compares nested values by content, whatever the order of their keys", () => {
    expect(summariseChanges({ a: { x: 1, y: [1, 2] } }, { a: { y: [1, 2], x: 1 } })).toEqual([]);
    expect(summariseChanges({ a: { x: 1 } }, { a: { x: 2 } })).toEqual([
      { key: "a", kind: "changed", before: '{"x":1}', after: '{"x":2}' },
    ]);
  });

  it("tells empty, null and a missing value apart from a value", () => {
    expect(summariseChanges({ note: null }, { note: "" })).toEqual([
      { key: "note", kind: "changed", before: "(empty)", after: "(blank)" },
    ]);
    expect(summariseChanges({ count: 0 }, { count: 1 })).toEqual([
      { key: "count", kind: "changed", before: "0", after: "1" },
    ]);
    expect(summariseChanges({ ok: false }, { ok: true })).toEqual([
      { key: "ok", kind: "changed", before: "false", after: "true" },
    ]);
  });

  it("treats a bare value as the key 'value'", () => {
    expect(summariseChanges("DRAFT", "SUBMITTED")).toEqual([
      { key: "value", kind: "changed", before: "DRAFT", after: "SUBMITTED" },
    ]);
  });

  it("shortens long values", () => {
    const answers = { why: "x".repeat(500) };
    const [change] = summariseChanges({ answers: {} }, { answers });
    expect(change?.after).toHaveLength(60);
    expect(change?.after.endsWith("…")).toBe(true);
    expect(change?.after.startsWith('{"why":"xxx')).toBe(true);
  });
});

describe("shorten and formatValue", () => {
  it("leaves short text alone and cuts long text to the limit, ending in …", () => {
    expect(shorten("short", 10)).toBe("short");
    expect(shorten("exactly10!", 10)).toBe("exactly10!");
    expect(shorten("eleven chars", 10)).toBe("eleven ch…");
  });

  it("shows strings as they are and other values as JSON", () => {
    expect(formatValue("Ward 7")).toBe("Ward 7");
    expect(formatValue(["NHS", "VOLUNTARY"])).toBe('["NHS","VOLUNTARY"]');
    expect(formatValue(undefined)).toBe("(none)");
    expect(formatValue(null)).toBe("(empty)");
  });
});

describe("UK dates", () => {
  it("accepts only real calendar days written YYYY-MM-DD", () => {
    expect(isCalendarDate("2026-07-01")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("1/7/2026")).toBe(false);
    expect(isCalendarDate("2026-7-1")).toBe(false);
  });

  it("starts a summer day at 23:00 UTC the evening before, and a winter day at midnight UTC", () => {
    expect(ukDayStart("2026-07-01").toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(ukDayStart("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("gets the days the clocks change right", () => {
    // 29 March 2026: clocks go forward at 01:00 UTC; the day itself starts in GMT.
    expect(ukDayStart("2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(ukDayStart("2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    // 25 October 2026: clocks go back at 01:00 UTC; the day itself starts in BST.
    expect(ukDayStart("2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(ukDayStart("2026-10-26").toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });

  it("covers from the start of the first day to the end of the last, across a month's end", () => {
    expect(ukDayRange("2026-06-30", "2026-06-30")).toEqual({
      gte: new Date("2026-06-29T23:00:00Z"),
      lt: new Date("2026-06-30T23:00:00Z"),
    });
    expect(ukDayRange(undefined, "2026-12-31")).toEqual({ lt: new Date("2027-01-01T00:00:00Z") });
    expect(ukDayRange()).toEqual({});
  });

  it("shows times in UK time", () => {
    expect(formatAuditTime(new Date("2026-06-30T23:30:00Z"))).toBe("1 Jul 2026, 00:30:00");
    expect(formatAuditTime(new Date("2026-01-15T09:05:07Z"))).toBe("15 Jan 2026, 09:05:07");
  });
});
