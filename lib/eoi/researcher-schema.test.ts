import { describe, expect, it } from "vitest";
import { describeAnswers, NOT_ANSWERED } from "./researcher-answers";
import { notifyRecipients } from "./researcher-rules";
import { agencyListHref, parseAgencyListSearchParams, reopenQuestionnaireSchema } from "./researcher-schema";
import { SECTION_KEYS } from "./schema";

describe("parseAgencyListSearchParams", () => {
  it("reads a filter and sort, with the team name ascending by default", () => {
    expect(parseAgencyListSearchParams({}).params).toEqual({ sort: "team", dir: "asc" });
    expect(
      parseAgencyListSearchParams({ q: "  Tyne ", state: "late", clientGroup: "LEARNING_DISABILITY", region: "LONDON" })
        .params,
    ).toEqual({
      q: "Tyne",
      state: "late",
      clientGroup: "LEARNING_DISABILITY",
      region: "LONDON",
      sort: "team",
      dir: "asc",
    });
    expect(parseAgencyListSearchParams({ sort: "submitted" }).params).toMatchObject({ sort: "submitted", dir: "desc" });
    expect(parseAgencyListSearchParams({ sort: ["region", "team"], dir: "desc" }).params).toMatchObject({
      sort: "region",
      dir: "desc",
    });
  });

  it("drops each value it cannot use with a message, keeps the others, and never throws", () => {
    const parsed = parseAgencyListSearchParams({
      state: "<script>",
      region: "MARS",
      clientGroup: "LEARNING_DISABILITY",
      sort: "password",
      dir: "sideways",
      q: "x".repeat(201),
    });
    expect(parsed.params).toEqual({ clientGroup: "LEARNING_DISABILITY", sort: "team", dir: "asc" });
    expect(Object.keys(parsed.problems).sort()).toEqual(["dir", "q", "region", "sort", "state"]);
    expect(parsed.values.state).toBe("<script>");
    expect(() => parseAgencyListSearchParams({ state: undefined, q: [] as string[] })).not.toThrow();
  });

  it("builds the list's address back, leaving defaults out", () => {
    expect(agencyListHref({ sort: "team", dir: "asc" })).toBe("/researcher/agencies");
    expect(agencyListHref({ state: "submitted", sort: "region", dir: "desc" })).toBe(
      "/researcher/agencies?state=submitted&sort=region&dir=desc",
    );
  });
});

describe("reopenQuestionnaireSchema", () => {
  const valid = { agencyId: "00000000-0000-4000-8000-000000000000", date: "2030-04-02", time: "17:00", reason: "x" };
  it("accepts a date, a 24-hour time and a reason", () => {
    expect(reopenQuestionnaireSchema.safeParse(valid).success).toBe(true);
  });
  it.each([
    ["date", "2030-02-30"],
    ["date", "02/04/2030"],
    ["time", "24:00"],
    ["time", "5pm"],
    ["reason", "   "],
    ["reason", "x".repeat(501)],
    ["agencyId", "1"],
  ])("refuses %s %j", (field, value) => {
    const result = reopenQuestionnaireSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("describeAnswers", () => {
  it("names every section in order and says what was not answered", () => {
    const sections = describeAnswers({});
    expect(sections.map((section) => section.key)).toEqual(SECTION_KEYS);
    expect(sections.find((s) => s.key === "team")?.rows.every((row) => row.value === NOT_ANSWERED)).toBe(true);
    expect(sections.find((s) => s.key === "practice.networks")).toMatchObject({ rating: null, examples: "" });
  });

  it("puts codes and yes/no in words and keeps text as typed", () => {
    const sections = describeAnswers({
      eligibility: { clientGroups: ["LEARNING_DISABILITY", "MENTAL_HEALTH_WORKING_AGE"], otherClientGroups: "" },
      team: { sector: "LOCAL_AUTHORITY", region: "SOUTH_WEST", address: "<b>1</b> Street\nTown" },
      capacity: { releaseWorkers: false, managerSupports: true, referrals: 0 },
      practice: { supervision: { rating: 9, examples: "Ünïcode ✓ <script>" } },
    });
    const rows = Object.fromEntries(sections.flatMap((section) => section.rows.map((row) => [row.field, row.value])));
    expect(rows.clientGroups).toBe(
      "Adults (over 18) with learning disabilities; Adults of working age with mental health problems",
    );
    expect(rows.otherClientGroups).toBe("Left empty");
    expect(rows.sector).toBe("Local authority");
    expect(rows.region).toBe("South West");
    expect(rows.address).toBe("<b>1</b> Street\nTown");
    expect(rows.releaseWorkers).toBe("No");
    expect(rows.managerSupports).toBe("Yes");
    expect(rows.referrals).toBe("0");
    expect(sections.find((s) => s.key === "practice.supervision")).toMatchObject({
      rating: 9,
      examples: "Ünïcode ✓ <script>",
    });
  });

  it("reads anything stored without failing", () => {
    expect(() => describeAnswers(null)).not.toThrow();
    expect(() => describeAnswers([1, 2])).not.toThrow();
    expect(() => describeAnswers({ team: "x", practice: { community: 3 } })).not.toThrow();
  });
});

describe("notifyRecipients", () => {
  it("tells each lead and the contact once, lower-cased", () => {
    expect(notifyRecipients(["Lead@Example.org", "b@example.org"], " lead@example.org ")).toEqual([
      "lead@example.org",
      "b@example.org",
    ]);
    expect(notifyRecipients([], null)).toEqual([]);
  });
});
