// The selection page's reads against a real database: which agencies are in the pipeline, the
// score arithmetic on each row (mean, the reader's own score, disagreement), every sort and filter,
// places taken against the study's number, coverage by client group and region, the ranked reserve
// list and the decisions waiting to be sent.
// Places, coverage, the reserve list and the decisions are counted over all agencies, and other
// test files select agencies at the same time in the shared database: so this file runs in a
// database of its own, emptied of agencies before each test, where every count is exact.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { databaseUrlFor, dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { AgencyStage, ClientGroup, Region } from "@/lib/generated/prisma/client";
import { parsePipelineSearchParams, PIPELINE_PAGE_SIZE, type PipelineParams } from "./pipeline-params";
import {
  coverage,
  coverageOf,
  decisionOverview,
  listPipeline,
  NAMED_AT_MOST,
  placesOverview,
  reserveList,
} from "./queries";

const adminUrl = () => process.env.TEST_ADMIN_DATABASE_URL!;
const databaseName = `cp_selection_queries_${process.pid}_${Date.now()}`;
let client: Db;

beforeAll(async () => {
  await ensureDatabase(adminUrl(), databaseName);
  const url = databaseUrlFor(adminUrl(), databaseName);
  await applyMigrations(url);
  client = createPrismaClient(url);
});

afterAll(async () => {
  await client?.$disconnect();
  await dropDatabase(adminUrl(), databaseName);
});

beforeEach(async () => {
  // Reviews go with their agencies (cascade); staff must go first; reviewers stay, each test makes its own.
  await client.user.deleteMany({ where: { role: "AGENCY_STAFF" } });
  await client.agency.deleteMany({});
  await client.study.deleteMany({});
});

const unique = () => randomUUID().slice(0, 8);

type AgencyOptions = {
  name?: string;
  organisation?: string;
  stage?: AgencyStage;
  /** Whether the questionnaire has been submitted at least once. */
  submitted?: boolean;
  clientGroups?: ClientGroup[];
  region?: Region | null;
  reserveRank?: number | null;
  decisionSentStage?: AgencyStage | null;
};

async function createAgency({
  name = `Team ${unique()}`,
  organisation = `Organisation ${unique()}`,
  stage = "SUBMITTED",
  submitted = true,
  clientGroups = ["LEARNING_DISABILITY"],
  region = "NORTH_EAST",
  reserveRank = null,
  decisionSentStage = null,
}: AgencyOptions = {}) {
  return client.agency.create({
    data: {
      teamName: name,
      organisation,
      stage,
      clientGroups,
      region,
      reserveRank,
      decisionSentStage,
      expressionOfInterest: {
        create: submitted
          ? { status: "SUBMITTED", submittedAt: new Date("2030-03-10T12:00:00Z") }
          : { status: "DRAFT" },
      },
    },
  });
}

async function createResearcher() {
  return client.user.create({
    data: { email: `researcher.${unique()}@example.org`, name: `Researcher ${unique()}`, role: "RESEARCHER" },
  });
}

/** A review with the four scores in the criteria's order: similarity, training, recruitment, client group. */
async function review(agencyId: string, reviewerId: string, [similarity, training, recruitment, fit]: number[]) {
  await client.review.create({
    data: {
      agencyId,
      reviewerId,
      similarityScore: similarity!,
      trainingCapacityScore: training!,
      recruitmentCapacityScore: recruitment!,
      clientGroupFitScore: fit!,
    },
  });
}

async function createStudy(data: { agenciesToSelect?: number; decisionsConfirmedAt?: Date | null } = {}) {
  await client.study.create({
    data: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2099-03-16T17:00:00Z"), ...data },
  });
}

const params = (search: Record<string, string> = {}): PipelineParams => parsePipelineSearchParams(search).params;
const names = (rows: readonly { teamName: string }[]) => rows.map((row) => row.teamName);

describe("listPipeline", () => {
  it("lists every agency that has submitted at least once or gone past the draft, and no first drafts", async () => {
    const viewer = await createResearcher();
    await createAgency({ name: "First draft", stage: "DRAFT", submitted: false });
    await createAgency({ name: "Withdrew before submitting", stage: "WITHDRAWN", submitted: false });
    await createAgency({ name: "Reopened for corrections", stage: "DRAFT", submitted: true });
    await createAgency({ name: "Withdrew after submitting", stage: "WITHDRAWN", submitted: true });
    await createAgency({ name: "Submitted" });
    // Made by hand without a questionnaire (a seed, an import): its stage puts it in the pipeline.
    await client.agency.create({
      data: { teamName: "Shortlisted by hand", organisation: "Org", stage: "SHORTLISTED" },
    });

    const { rows, total } = await listPipeline(params({ sort: "team" }), viewer.id, client);
    expect(names(rows)).toEqual([
      "Reopened for corrections",
      "Shortlisted by hand",
      "Submitted",
      "Withdrew after submitting",
    ]);
    expect(total).toBe(4);
  });

  it("works out the mean, the reader's own score and how far reviewers disagree", async () => {
    const [first, second, third] = await Promise.all([createResearcher(), createResearcher(), createResearcher()]);
    const agency = await createAgency({ name: "Scored", stage: "UNDER_REVIEW", clientGroups: [], region: null });
    await review(agency.id, first.id, [5, 4, 3, 4]);
    await review(agency.id, second.id, [2, 4, 3, 4]);

    const [row] = (await listPipeline(params(), first.id, client)).rows;
    expect(row).toMatchObject({
      id: agency.id,
      code: agency.code,
      teamName: "Scored",
      stage: "UNDER_REVIEW",
      clientGroups: [],
      region: null,
      reserveRank: null,
      reviewCount: 2,
      mine: 4,
    });
    // Criterion means 3.5, 4, 3, 4: their mean is the overall score.
    expect(row!.summary.overall).toBeCloseTo(3.625);
    expect(row!.summary.mean.similarity).toBe(3.5);
    expect(row!.summary.disagreement).toBe(3);
    expect(row!.summary.needsDiscussion).toBe(true);

    expect((await listPipeline(params(), second.id, client)).rows[0]!.mine).toBe(3.25);
    expect((await listPipeline(params(), third.id, client)).rows[0]!.mine).toBeNull();
  });

  describe("sorting", () => {
    let viewer: { id: string };
    beforeEach(async () => {
      viewer = await createResearcher();
      const other = await createResearcher();
      // High: mean 4.5, the viewer gave 4, reviewers 1 point apart.
      const high = await createAgency({ name: "High", stage: "SHORTLISTED", region: "SOUTH_WEST" });
      await review(high.id, viewer.id, [4, 4, 4, 4]);
      await review(high.id, other.id, [5, 5, 5, 5]);
      // Middle: mean 3, only the other reviewer.
      const middle = await createAgency({ name: "Middle", stage: "SELECTED", region: "EAST_MIDLANDS" });
      await review(middle.id, other.id, [3, 3, 3, 3]);
      // Low: mean 2, the viewer gave 1, reviewers 2 points apart.
      const low = await createAgency({ name: "Low", stage: "UNDER_REVIEW", region: null });
      await review(low.id, viewer.id, [1, 1, 1, 1]);
      await review(low.id, other.id, [3, 3, 3, 3]);
      // Unscored: no value for any score sort.
      await createAgency({ name: "Unscored", stage: "SUBMITTED", region: "LONDON" });
    });

    const sorted = async (search: Record<string, string>) =>
      names((await listPipeline(params(search), viewer.id, client)).rows);

    it("by mean score, best first by default, with unscored agencies last either way", async () => {
      expect(await sorted({})).toEqual(["High", "Middle", "Low", "Unscored"]);
      expect(await sorted({ dir: "asc" })).toEqual(["Low", "Middle", "High", "Unscored"]);
    });

    it("by the reader's own score, agencies they have not scored last", async () => {
      expect(await sorted({ sort: "mine" })).toEqual(["High", "Low", "Middle", "Unscored"]);
      expect(await sorted({ sort: "mine", dir: "asc" })).toEqual(["Low", "High", "Middle", "Unscored"]);
    });

    it("by disagreement, agencies with fewer than two reviews last", async () => {
      expect(await sorted({ sort: "disagreement" })).toEqual(["Low", "High", "Middle", "Unscored"]);
      expect(await sorted({ sort: "disagreement", dir: "asc" })).toEqual(["High", "Low", "Middle", "Unscored"]);
    });

    it("by number of reviews, then team name", async () => {
      expect(await sorted({ sort: "reviews" })).toEqual(["High", "Low", "Middle", "Unscored"]);
      expect(await sorted({ sort: "reviews", dir: "asc" })).toEqual(["Unscored", "Middle", "High", "Low"]);
    });

    it("by stage in the order agencies meet them, by region name with no region last, and by team", async () => {
      expect(await sorted({ sort: "stage" })).toEqual(["Unscored", "Low", "High", "Middle"]);
      expect(await sorted({ sort: "region" })).toEqual(["Middle", "Unscored", "High", "Low"]);
      expect(await sorted({ sort: "region", dir: "desc" })).toEqual(["High", "Unscored", "Middle", "Low"]);
      expect(await sorted({ sort: "team", dir: "desc" })).toEqual(["Unscored", "Middle", "Low", "High"]);
    });

    it("only the agencies to discuss: two reviewers at least 2 points apart", async () => {
      expect(await sorted({ discuss: "1" })).toEqual(["Low"]);
    });
  });

  it("filters by stage, client group, region and name, and still counts the whole pipeline", async () => {
    const viewer = await createResearcher();
    const token = unique();
    await createAgency({
      name: `Both groups ${token}`,
      clientGroups: ["LEARNING_DISABILITY", "MENTAL_HEALTH_OLDER_ADULTS"],
      region: "LONDON",
      stage: "SHORTLISTED",
    });
    await createAgency({
      name: "Working age",
      organisation: `Tyneside TRUST ${token}`,
      clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
      region: "NORTH_EAST",
    });
    await createAgency({ name: "Older adults", clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"], region: "LONDON" });

    const filtered = async (search: Record<string, string>) => {
      const list = await listPipeline(params({ ...search, sort: "team" }), viewer.id, client);
      expect(list.total).toBe(3);
      return names(list.rows);
    };
    expect(await filtered({ clientGroup: "MENTAL_HEALTH_OLDER_ADULTS" })).toEqual([
      `Both groups ${token}`,
      "Older adults",
    ]);
    expect(await filtered({ region: "LONDON", stage: "SUBMITTED" })).toEqual(["Older adults"]);
    expect(await filtered({ stage: "SHORTLISTED" })).toEqual([`Both groups ${token}`]);
    // The name filter looks in the team and the organisation, whatever the case.
    expect(await filtered({ q: `trust ${token}` })).toEqual(["Working age"]);
    expect(await filtered({ q: token })).toEqual([`Both groups ${token}`, "Working age"]);
    // LIKE's wildcards are searched for as themselves.
    expect(await filtered({ q: "%" })).toEqual([]);
    expect(await filtered({ q: "_" })).toEqual([]);
    expect(await filtered({ q: "\\" })).toEqual([]);
  });

  it("finds names with LIKE's wildcard characters in them", async () => {
    const viewer = await createResearcher();
    await createAgency({ name: "Care 100% local" });
    await createAgency({ name: "Care 1000 local" });
    await createAgency({ name: "North_East team" });
    await createAgency({ name: "NorthXEast team" });
    const found = async (q: string) => names((await listPipeline(params({ q }), viewer.id, client)).rows);
    expect(await found("100%")).toEqual(["Care 100% local"]);
    expect(await found("h_e")).toEqual(["North_East team"]);
  });

  it("gives one page at a time in the order asked for, counts every match, and shows the last page past the end", async () => {
    const viewer = await createResearcher();
    const size = PIPELINE_PAGE_SIZE;
    const count = 2 * size + 5;
    const team = (number: number) => `Team ${String(number).padStart(3, "0")}`;
    const teams = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => team(from + index));
    // Team 001, Team 002 … made at once, in the pipeline (submitted, made by hand), every other one in London.
    await client.agency.createMany({
      data: Array.from({ length: count }, (_, index) => ({
        teamName: team(index + 1),
        organisation: "Org",
        stage: "SUBMITTED" as const,
        region: index % 2 === 0 ? ("LONDON" as const) : ("NORTH_EAST" as const),
      })),
    });
    const first = await listPipeline(params({ sort: "team" }), viewer.id, client);
    expect(first).toMatchObject({ total: count, matched: count, page: 1, pageCount: 3 });
    expect(names(first.rows)).toEqual(teams(1, size));
    const second = await listPipeline(params({ sort: "team", page: "2" }), viewer.id, client);
    expect(second).toMatchObject({ matched: count, page: 2, pageCount: 3 });
    expect(names(second.rows)).toEqual(teams(size + 1, 2 * size));
    const last = await listPipeline(params({ sort: "team", page: "3" }), viewer.id, client);
    expect(names(last.rows)).toEqual(teams(2 * size + 1, count));
    // Descending, the last page ends with the first team.
    const back = await listPipeline(params({ sort: "team", dir: "desc", page: "3" }), viewer.id, client);
    expect(names(back.rows)).toEqual(teams(1, 5).reverse());
    // Past the end (an old link): the last page, and says which it is.
    const past = await listPipeline(params({ sort: "team", page: "40" }), viewer.id, client);
    expect(past).toMatchObject({ matched: count, page: 3, pageCount: 3 });
    expect(names(past.rows)).toEqual(names(last.rows));
    // A filter counts its own matches and pages them (page 3 is past its end: its last page).
    const london = await listPipeline(params({ sort: "team", region: "LONDON", page: "3" }), viewer.id, client);
    const londoners = teams(1, count).filter((_, index) => index % 2 === 0);
    expect(london).toMatchObject({ total: count, matched: londoners.length, page: 2, pageCount: 2 });
    expect(names(london.rows)).toEqual(londoners.slice(size));
    // Nothing matches: no rows, one (empty) page.
    const none = await listPipeline(params({ q: "nobody", page: "2" }), viewer.id, client);
    expect(none).toMatchObject({ rows: [], total: count, matched: 0, page: 1, pageCount: 1 });
  });
});

describe("placesOverview", () => {
  it("takes 12 places before the study is set up and counts every agency holding a place", async () => {
    for (const stage of ["SELECTED", "TRAINING", "COMPLETED", "SHORTLISTED", "NOT_SELECTED"] as const)
      await createAgency({ stage, name: `Team ${stage}` });
    await createAgency({ stage: "RESERVE", reserveRank: 1, name: "Team RESERVE" });

    const places = await placesOverview(client);
    expect(places).toMatchObject({ cap: 12, taken: 3, free: 9, full: false });
    expect(places.holders.map((holder) => holder.stage)).toEqual(["COMPLETED", "SELECTED", "TRAINING"]);
    expect(places.byStage).toEqual([
      { stage: "SELECTED", count: 1 },
      { stage: "TRAINING", count: 1 },
      { stage: "COMPLETED", count: 1 },
    ]);
  });

  it("counts the holders by stage, and names them only when they are few enough to list", async () => {
    await client.agency.createMany({
      data: Array.from({ length: NAMED_AT_MOST + 3 }, (_, index) => ({
        teamName: `Holder ${String(index + 1).padStart(3, "0")}`,
        organisation: "Org",
        stage: index < 4 ? ("SELECTED" as const) : ("RECRUITING" as const),
      })),
    });
    const places = await placesOverview(client);
    expect(places).toMatchObject({ taken: NAMED_AT_MOST + 3, full: true });
    expect(places.holders).toEqual([]);
    expect(places.byStage).toEqual([
      { stage: "SELECTED", count: 4 },
      { stage: "RECRUITING", count: NAMED_AT_MOST - 1 },
    ]);
  });

  it("uses the study's number and says when the places are full", async () => {
    await createStudy({ agenciesToSelect: 2 });
    await createAgency({ stage: "SELECTED" });
    expect(await placesOverview(client)).toMatchObject({ cap: 2, taken: 1, free: 1, full: false });
    await createAgency({ stage: "RECRUITING" });
    expect(await placesOverview(client)).toMatchObject({ cap: 2, taken: 2, free: 0, full: true });
    // More holders than places (the number was lowered by hand): never a negative number free.
    await client.agency.create({ data: { teamName: "Extra", organisation: "Org", stage: "FOLLOW_UP" } });
    expect(await placesOverview(client)).toMatchObject({ cap: 2, taken: 3, free: 0, full: true });
  });
});

describe("coverage", () => {
  it("counts the agencies holding a place per client group and region, zeros included", async () => {
    await createAgency({
      stage: "SELECTED",
      clientGroups: ["LEARNING_DISABILITY", "MENTAL_HEALTH_OLDER_ADULTS"],
      region: "NORTH_EAST",
    });
    await createAgency({ stage: "TRAINING", clientGroups: ["LEARNING_DISABILITY"], region: "NORTH_EAST" });
    await createAgency({ stage: "SELECTED", clientGroups: [], region: null });
    // Not holding a place: left out.
    await createAgency({
      stage: "RESERVE",
      reserveRank: 1,
      clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
      region: "LONDON",
    });
    await createAgency({ stage: "SHORTLISTED", clientGroups: ["MENTAL_HEALTH_WORKING_AGE"], region: "LONDON" });

    const result = await coverage(client);
    expect(result.agencies).toBe(3);
    // The two-group agency counts in both groups: 3 agencies, 3 group places, one with none.
    expect(result.clientGroups.map(({ key, count }) => [key, count])).toEqual([
      ["MENTAL_HEALTH_WORKING_AGE", 0],
      ["MENTAL_HEALTH_OLDER_ADULTS", 1],
      ["LEARNING_DISABILITY", 2],
    ]);
    expect(result.clientGroups[0]!.label).toBe("Adults of working age with mental health problems");
    expect(result.regions).toHaveLength(9);
    expect(result.regions.find((region) => region.key === "NORTH_EAST")).toEqual({
      key: "NORTH_EAST",
      label: "North East",
      count: 2,
    });
    expect(result.regions.filter((region) => region.count === 0)).toHaveLength(8);
    expect(result).toMatchObject({ withoutClientGroup: 1, withoutRegion: 1 });
  });

  it("lists every group and region with nothing selected", () => {
    const empty = coverageOf([]);
    expect(empty.clientGroups.map((group) => group.count)).toEqual([0, 0, 0]);
    expect(empty.regions.map((region) => region.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(empty.agencies).toBe(0);
  });
});

describe("reserveList", () => {
  it("lists the reserve agencies first to be promoted first, with their mean score", async () => {
    const reviewer = await createResearcher();
    const second = await createAgency({ stage: "RESERVE", reserveRank: 2, name: "Second" });
    await createAgency({ stage: "RESERVE", reserveRank: 3, name: "Third" });
    const first = await createAgency({ stage: "RESERVE", reserveRank: 1, name: "First" });
    await createAgency({ stage: "SELECTED", name: "Selected" });
    await review(first.id, reviewer.id, [4, 4, 3, 3]);
    await review(second.id, reviewer.id, [5, 5, 5, 5]);

    const list = await reserveList(client);
    expect(list.map((row) => [row.teamName, row.reserveRank, row.reviewCount, row.overall])).toEqual([
      ["First", 1, 1, 3.5],
      ["Second", 2, 1, 5],
      ["Third", 3, 0, null],
    ]);
  });
});

describe("decisionOverview", () => {
  it("sends each agency its decision when it differs from the one it was told; the undecided get nothing", async () => {
    await createStudy({ decisionsConfirmedAt: new Date("2030-04-01T09:00:00Z") });
    await createAgency({ stage: "SELECTED", name: "Never told" });
    await createAgency({ stage: "SELECTED", name: "Promoted from reserve", decisionSentStage: "RESERVE" });
    await createAgency({ stage: "RESERVE", reserveRank: 1, name: "Told reserve", decisionSentStage: "RESERVE" });
    await createAgency({ stage: "NOT_SELECTED", name: "Declined", decisionSentStage: "SELECTED" });
    await createAgency({ stage: "TRAINING", name: "Training", decisionSentStage: "SELECTED" });
    await createAgency({ stage: "SHORTLISTED", name: "Shortlisted" });
    await createAgency({ stage: "UNDER_REVIEW", name: "Under review" });
    await createAgency({ stage: "SUBMITTED", name: "Submitted" });
    await createAgency({ stage: "WITHDRAWN", name: "Withdrawn" });

    const withLead = await createAgency({ stage: "RESERVE", reserveRank: 2, name: "Lead only" });
    await client.user.create({
      data: {
        email: `lead.${unique()}@example.org`,
        name: "Lead",
        role: "AGENCY_STAFF",
        agencyId: withLead.id,
        agencyRole: "LEAD",
      },
    });
    const leftLead = await createAgency({ stage: "RESERVE", reserveRank: 3, name: "Lead gone" });
    await client.user.create({
      data: {
        email: `lead.${unique()}@example.org`,
        name: "Lead",
        role: "AGENCY_STAFF",
        agencyId: leftLead.id,
        agencyRole: "LEAD",
        deactivatedAt: new Date(),
      },
    });
    await client.agency.create({
      data: {
        teamName: "Contact only",
        organisation: "Org",
        stage: "RESERVE",
        reserveRank: 4,
        contactEmail: "c@example.org",
      },
    });

    const overview = await decisionOverview(client);
    // The reserve list in its own order (ranks 2, 3, 4), as the team will promote from it.
    expect(overview.toSend.RESERVE.map((row) => [row.teamName, row.reachable])).toEqual([
      ["Lead only", true],
      ["Lead gone", false],
      ["Contact only", true],
    ]);
    overview.toSend.RESERVE = [];
    expect(overview.confirmedAt).toEqual(new Date("2030-04-01T09:00:00Z"));
    expect(names(overview.toSend.SELECTED)).toEqual(["Never told", "Promoted from reserve"]);
    expect(overview.toSend.SELECTED[1]!.decisionSentStage).toBe("RESERVE");
    expect(names(overview.toSend.RESERVE)).toEqual([]);
    expect(names(overview.toSend.NOT_SELECTED)).toEqual(["Declined"]);
    expect(overview.toSendCount).toBe(6);
    expect(overview.toSendCounts).toEqual({ SELECTED: 2, RESERVE: 3, NOT_SELECTED: 1 });
    expect(names(overview.unreachable)).toEqual(["Never told", "Promoted from reserve", "Lead gone", "Declined"]);
    expect(overview.unreachableCount).toBe(4);
    expect(names(overview.undecided)).toEqual(["Shortlisted", "Submitted", "Under review"]);
    expect(overview.undecidedCount).toBe(3);
    expect(overview.alreadyTold).toBe(1);
  });

  it("names the first few of each list and counts them all, so the page stays small", async () => {
    const many = NAMED_AT_MOST + 2;
    await client.agency.createMany({
      data: [
        ...Array.from({ length: many }, (_, index) => ({
          teamName: `Chosen ${String(index + 1).padStart(3, "0")}`,
          organisation: "Org",
          stage: "SELECTED" as const,
        })),
        ...Array.from({ length: many }, (_, index) => ({
          teamName: `Waiting ${String(index + 1).padStart(3, "0")}`,
          organisation: "Org",
          stage: "UNDER_REVIEW" as const,
          contactEmail: "c@example.org",
        })),
      ],
    });
    const overview = await decisionOverview(client);
    expect(overview.toSendCounts).toEqual({ SELECTED: many, RESERVE: 0, NOT_SELECTED: 0 });
    expect(overview.toSendCount).toBe(many);
    expect(overview.toSend.SELECTED).toHaveLength(NAMED_AT_MOST);
    expect(overview.toSend.SELECTED[0]!.teamName).toBe("Chosen 001");
    expect(overview.unreachableCount).toBe(many);
    expect(overview.unreachable).toHaveLength(NAMED_AT_MOST);
    expect(overview.undecidedCount).toBe(many);
    expect(names(overview.undecided).slice(0, 2)).toEqual(["Waiting 001", "Waiting 002"]);
    expect(overview.undecided).toHaveLength(NAMED_AT_MOST);
  });

  it("has nothing to send and no confirmation before the study is set up", async () => {
    const overview = await decisionOverview(client);
    expect(overview).toMatchObject({
      confirmedAt: null,
      toSendCount: 0,
      undecided: [],
      undecidedCount: 0,
      unreachable: [],
      unreachableCount: 0,
      alreadyTold: 0,
    });
  });
});
