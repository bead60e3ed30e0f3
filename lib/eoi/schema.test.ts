// The questionnaire's section schemas, as the form and the server both apply them.
import { describe, expect, it } from "vitest";
import {
  agreementSchema,
  capacitySchema,
  draftSectionSchemas,
  eligibilitySchema,
  practiceSectionSchema,
  sectionSchemas,
  SECTION_KEYS,
  sizeSchema,
  teamSchema,
} from "./schema";

const team = {
  organisation: "Tyne Valley NHS Foundation Trust",
  teamName: "Northfield Community Mental Health Team",
  sector: "NHS",
  region: "NORTH_EAST",
  address: "1 Example Road, Hexham NE46 1AA",
  contactName: "Siân O'Connor-Łukasz",
  contactRole: "Team manager",
  contactEmail: " Sian.OConnor@Example.org ",
  contactPhone: "0191 496 0123",
};
const capacity = {
  releaseWorkers: true,
  releaseSupervisors: false,
  managerSupports: true,
  referrals: "25",
  reorganisation: "",
  trainingPlaces: "Newcastle or Hexham",
  trainingMonths: "October or November",
};

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

describe("section schemas", () => {
  it("accept a complete, valid answer for every section", () => {
    expect(teamSchema.parse(team).contactEmail).toBe("sian.oconnor@example.org");
    expect(sizeSchema.parse({ frontLineWorkers: "12", supervisors: 2, caseload: 240 })).toEqual({
      frontLineWorkers: 12,
      supervisors: 2,
      caseload: 240,
    });
    expect(practiceSectionSchema.parse({ rating: "7" })).toEqual({ rating: 7, examples: "" });
    expect(capacitySchema.parse(capacity).referrals).toBe(25);
    expect(agreementSchema.parse({ evaluation: true, recruitment: true })).toEqual({
      evaluation: true,
      recruitment: true,
    });
    expect(eligibilitySchema.parse({ clientGroups: ["LEARNING_DISABILITY"] })).toEqual({
      clientGroups: ["LEARNING_DISABILITY"],
      otherClientGroups: "",
    });
    expect(SECTION_KEYS).toHaveLength(11);
  });

  it("has a schema for every section, in the order the questionnaire asks them", () => {
    // SECTION_KEYS lives in labels.ts without zod (for the forms); the schemas must match it.
    expect(Object.keys(sectionSchemas)).toEqual(SECTION_KEYS);
    expect(Object.keys(draftSectionSchemas)).toEqual(SECTION_KEYS);
  });

  it("asks for the client groups in words when none were chosen, instead of zod's own message", () => {
    const messages = (input: unknown) =>
      eligibilitySchema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages({})).toEqual(["Choose the client groups the team works with."]);
    expect(messages({ clientGroups: ["CHILDREN"] })).toEqual(["Choose the client groups from the list."]);
  });

  it.each([
    ["organisation", "", "Enter the name of the organisation."],
    ["teamName", "   ", "Enter the team's name."],
    ["sector", "CHARITY", "Choose the sector the team works in."],
    ["region", "SCOTLAND", "Choose the English region the team works in."],
    ["address", undefined, "Enter the team's address."],
    ["contactName", "", "Enter the name of the contact person."],
    ["contactRole", "", "Enter the contact person's role."],
    ["contactEmail", "not an email", "Enter an email address like name@example.org."],
    ["contactPhone", "call me", "Enter a telephone number, like 0191 496 0123."],
  ])("team: a wrong %s gets a message saying what to fix", (field, value, message) => {
    expect(messages(teamSchema.safeParse({ ...team, [field]: value }))).toEqual({ [field]: message });
  });

  it.each([
    [
      { frontLineWorkers: 0, supervisors: 1, caseload: 1 },
      "frontLineWorkers",
      "Enter the number of front-line workers of at least 1.",
    ],
    [
      { frontLineWorkers: 2.5, supervisors: 1, caseload: 1 },
      "frontLineWorkers",
      "Enter the number of front-line workers as a whole number.",
    ],
    [
      { frontLineWorkers: 5, supervisors: "two", caseload: 1 },
      "supervisors",
      "Enter the number of supervisors as a number.",
    ],
    [
      { frontLineWorkers: 5, supervisors: 1, caseload: 1e9 },
      "caseload",
      "Enter the team's current caseload of at most 20000.",
    ],
  ])("size: %j is refused on %s", (input, field, message) => {
    expect(messages(sizeSchema.safeParse(input))).toEqual({ [field]: message });
  });

  it.each([0, 10, 4.5, "nine", null])("practice: a rating of %j is refused", (rating) => {
    expect(messages(practiceSectionSchema.safeParse({ rating }))).toEqual({ rating: "Choose a rating from 1 to 9." });
  });

  it("capacity: every yes/no must be answered, and the agreement must be given to submit", () => {
    expect(messages(capacitySchema.safeParse({ ...capacity, managerSupports: undefined }))).toEqual({
      managerSupports: "Answer yes or no: does the service manager support taking part?",
    });
    expect(messages(agreementSchema.safeParse({ evaluation: false, recruitment: true }))).toEqual({
      evaluation: "The team must agree to take part in the evaluation to submit.",
    });
  });

  it("refuses text beyond each box's length, and takes it up to the limit", () => {
    expect(practiceSectionSchema.safeParse({ rating: 5, examples: "x".repeat(2000) }).success).toBe(true);
    expect(messages(practiceSectionSchema.safeParse({ rating: 5, examples: "x".repeat(2001) }))).toEqual({
      examples: "Use at most 2000 characters.",
    });
    expect(messages(teamSchema.safeParse({ ...team, organisation: "x".repeat(201) }))).toEqual({
      organisation: "Use at most 200 characters.",
    });
  });

  it("keeps unicode and HTML exactly as typed (pages render it as text, never as markup)", () => {
    const examples = "Café «club» 🌳 — <script>alert('x')</script> & <b>bold</b>";
    expect(practiceSectionSchema.parse({ rating: 4, examples }).examples).toBe(examples);
    expect(teamSchema.parse({ ...team, teamName: "Équipe <i>Nord</i>" }).teamName).toBe("Équipe <i>Nord</i>");
  });

  it("lets a draft leave answers out, but not give wrong ones", () => {
    expect(draftSectionSchemas.team.safeParse({ organisation: "Only this so far" }).success).toBe(true);
    expect(messages(draftSectionSchemas.team.safeParse({ contactEmail: "nope" }))).toEqual({
      contactEmail: "Enter an email address like name@example.org.",
    });
    for (const key of SECTION_KEYS) expect(draftSectionSchemas[key].safeParse({}).success, key).toBe(true);
    expect(sectionSchemas.team.safeParse({}).success).toBe(false);
  });
});
