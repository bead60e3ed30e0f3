import { describe, expect, it } from "vitest";
import { auditTrailHref, parseAuditSearchParams } from "./schema";

describe("parseAuditSearchParams", () => {
  it("reads a full filter, trimming blanks and lower-casing the email", () => {
    const parsed = parseAuditSearchParams({
      action: "user.invited",
      entity: "User",
      entityId: "  abc  ",
      actorEmail: " Ann@Example.org ",
      from: "2026-07-01",
      to: "2026-07-31",
      page: "2",
    });
    expect(parsed.fieldErrors).toEqual({});
    expect(parsed.filter).toEqual({
      action: "user.invited",
      entity: "User",
      entityId: "abc",
      actorEmail: "ann@example.org",
      from: "2026-07-01",
      to: "2026-07-31",
    });
    expect(parsed.page).toBe(2);
  });

  it("treats empty fields (an empty GET form) as no filter, and ignores unknown params", () => {
    const parsed = parseAuditSearchParams({ action: "", entity: "", from: "", surprise: "yes" });
    expect(parsed).toEqual({ filter: {}, page: 1, values: {}, fieldErrors: {} });
  });

  it("takes the first of repeated params", () => {
    expect(parseAuditSearchParams({ entityId: ["one", "two"] }).filter).toEqual({ entityId: "one" });
  });

  it("explains bad values beside their fields and drops the whole filter", () => {
    const parsed = parseAuditSearchParams({
      entity: "Spaceship",
      actorEmail: "ann",
      from: "2026-02-30",
      entityId: "kept-in-the-form",
      page: "3",
    });
    expect(parsed.filter).toEqual({});
    expect(parsed.page).toBe(1);
    expect(parsed.values).toMatchObject({ entity: "Spaceship", actorEmail: "ann", entityId: "kept-in-the-form" });
    expect(parsed.fieldErrors).toEqual({
      entity: "Choose a kind of record from the list.",
      actorEmail: "Enter the person's whole email address, for example name@example.org.",
      from: "Enter the from date as year-month-day, for example 2026-07-01, or leave it empty.",
    });
  });

  it("refuses a to date before the from date, with a message on the to date", () => {
    const parsed = parseAuditSearchParams({ from: "2026-07-02", to: "2026-07-01" });
    expect(parsed.filter).toEqual({});
    expect(parsed.fieldErrors).toEqual({ to: "The to date must be the same as or after the from date." });
  });

  it("reports a to date before the from date together with other problems", () => {
    const parsed = parseAuditSearchParams({ from: "2026-07-02", to: "2026-07-01", entity: "Spaceship" });
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["entity", "to"]);
  });

  it("accepts the same day as from and to", () => {
    expect(parseAuditSearchParams({ from: "2026-07-01", to: "2026-07-01" }).fieldErrors).toEqual({});
  });

  it.each(["0", "-1", "1.5", "abc", "1e9"])("shows the first page for the page number %j", (page) => {
    expect(parseAuditSearchParams({ page }).page).toBe(1);
  });

  it("refuses a person id that is not an id", () => {
    expect(parseAuditSearchParams({ actorId: "1; drop table" }).fieldErrors.actorId).toMatch(/not a valid id/);
  });
});

describe("auditTrailHref", () => {
  it("keeps the filter and leaves out page 1", () => {
    expect(auditTrailHref({})).toBe("/researcher/audit");
    expect(auditTrailHref({ entity: "User", entityId: "a b" }, 1)).toBe("/researcher/audit?entity=User&entityId=a+b");
    expect(auditTrailHref({ action: "user.invited" }, 3)).toBe("/researcher/audit?action=user.invited&page=3");
  });
});
