// One agency's selection as its researcher page reads it, against a real database: reviews in
// reviewer order with the reader's own picked out, the means and spread, the self-reported
// profile, the moves on offer, the stage history with who made each change, and the places taken.
// The database is shared with other tests, so every row here is this file's own; the places and the
// reserve list are over every agency, so they are tested in a database of this file's own.
import { describe, expect, it } from "vitest";
import { createResearcherUser, unique, uniqueEmail } from "@/lib/accounts/test-helpers";
import { db, type Db } from "@/lib/db";
import type { AgencyStage, Prisma } from "@/lib/generated/prisma/client";
import { ownDatabase } from "@/test/own-database";
import { getAgencySelection } from "./agency-queries";

function submittedAnswers(token: string) {
  return {
    eligibility: { clientGroups: ["LEARNING_DISABILITY"], otherClientGroups: "" },
    team: {
      organisation: `Org ${token}`,
      teamName: `Team ${token}`,
      sector: "VOLUNTARY",
      region: "NORTH_EAST",
      address: "1 Quay Street, Newcastle",
      contactName: "Ada Lovelace",
      contactRole: "Team manager",
      contactEmail: `ada.${token}@example.org`,
      contactPhone: "0191 496 0123",
    },
    size: { frontLineWorkers: 12, supervisors: 2, caseload: 240 },
    practice: {
      community: { rating: 7, examples: "Café drop-in" },
      coProduction: { rating: 5, examples: "" },
      networks: { rating: 3, examples: "" },
      activities: { rating: 9, examples: "Walking group" },
      communityLinks: { rating: 1, examples: "" },
      supervision: { rating: 4, examples: "" },
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: true,
      managerSupports: true,
      referrals: 20,
      reorganisation: "",
      trainingPlaces: "Newcastle",
      trainingMonths: "October",
    },
    agreement: { evaluation: true, recruitment: true },
  } satisfies Prisma.InputJsonValue;
}

async function createAgency(
  client: Db,
  { stage = "SUBMITTED" as AgencyStage, submitted = true, reserveRank = null as number | null } = {},
) {
  const token = unique();
  const answers = submittedAnswers(token);
  return client.agency.create({
    data: {
      organisation: `Org ${token}`,
      teamName: `Team ${token}`,
      stage,
      reserveRank,
      contactEmail: uniqueEmail("contact"),
      expressionOfInterest: {
        create: submitted
          ? { status: "SUBMITTED", answers, submittedAnswers: answers, submittedAt: new Date("2030-03-12T10:00:00Z") }
          : { status: "DRAFT", answers: { practice: answers.practice } },
      },
    },
  });
}

async function createResearcher(name: string) {
  return db.user.create({ data: { email: uniqueEmail("researcher"), name, role: "RESEARCHER" } });
}

const scores = (similarity: number, training: number, recruitment: number, fit: number) => ({
  similarityScore: similarity,
  trainingCapacityScore: training,
  recruitmentCapacityScore: recruitment,
  clientGroupFitScore: fit,
});

describe("getAgencySelection", () => {
  it("finds nothing for an address that is not an agency", async () => {
    const viewer = await createResearcherUser();
    expect(await getAgencySelection("not-a-uuid", viewer.id)).toBeNull();
    expect(await getAgencySelection('\'; DROP TABLE "Agency"; --', viewer.id)).toBeNull();
    expect(await getAgencySelection("00000000-0000-4000-8000-000000000000", viewer.id)).toBeNull();
  });

  it("lists every review by reviewer name with the means and spread, and picks out the reader's own", async () => {
    const token = unique();
    const agency = await createAgency(db, { stage: "UNDER_REVIEW" });
    const zoe = await createResearcher(`Zoe ${token}`);
    const amir = await createResearcher(`amir ${token}`);
    const viewer = await createResearcher(`Beth ${token}`);
    await db.review.create({
      data: {
        agencyId: agency.id,
        reviewerId: zoe.id,
        ...scores(5, 4, 2, 3),
        similarityNote: "Already runs a café drop-in.",
      },
    });
    await db.review.create({ data: { agencyId: agency.id, reviewerId: amir.id, ...scores(4, 4, 4, 3) } });
    await db.review.create({
      data: { agencyId: agency.id, reviewerId: viewer.id, ...scores(3, 4, 5, 3), clientGroupFitNote: "Good fit." },
    });
    // Another agency's review never shows here.
    const other = await createAgency(db);
    await db.review.create({ data: { agencyId: other.id, reviewerId: zoe.id, ...scores(1, 1, 1, 1) } });

    const selection = await getAgencySelection(agency.id, viewer.id);
    expect(selection).not.toBeNull();
    const { reviews, summary, ownReview } = selection!;
    // "amir" sorts before "Beth" whatever the case: people's names, not byte order.
    expect(reviews.map((review) => review.reviewerName)).toEqual([`amir ${token}`, `Beth ${token}`, `Zoe ${token}`]);
    expect(reviews.map((review) => review.isYours)).toEqual([false, true, false]);
    expect(reviews[2]).toMatchObject({
      scores: { similarity: 5, trainingCapacity: 4, recruitmentCapacity: 2, clientGroupFit: 3 },
      notes: { similarity: "Already runs a café drop-in.", trainingCapacity: "", recruitmentCapacity: "" },
      overall: 3.5,
    });
    expect(reviews[2]!.updatedAt).toBeInstanceOf(Date);
    expect(ownReview).toMatchObject({
      reviewerId: viewer.id,
      scores: { similarity: 3, trainingCapacity: 4, recruitmentCapacity: 5, clientGroupFit: 3 },
      notes: { clientGroupFit: "Good fit." },
    });

    expect(summary.count).toBe(3);
    expect(summary.mean).toEqual({
      similarity: 4,
      trainingCapacity: 4,
      recruitmentCapacity: 11 / 3,
      clientGroupFit: 3,
    });
    expect(summary.spread.recruitmentCapacity).toMatchObject({ min: 2, max: 5, range: 3 });
    expect(summary.spread.trainingCapacity).toMatchObject({ min: 4, max: 4, range: 0, sd: 0 });
    expect(summary.disagreement).toBe(3);
    expect(summary.needsDiscussion).toBe(true);

    // Someone who has not reviewed it yet has no review of their own to fill the form with.
    const newcomer = await createResearcherUser();
    expect((await getAgencySelection(agency.id, newcomer.id))!.ownReview).toBeNull();
  });

  it("shows the agency's own 1–9 ratings, and says a questionnaire that was never submitted cannot be scored", async () => {
    const viewer = await createResearcherUser();
    const submitted = await getAgencySelection((await createAgency(db)).id, viewer.id);
    expect(submitted).toMatchObject({ canBeScored: true, stage: "SUBMITTED" });
    expect(submitted!.profile.rows.map((row) => [row.section, row.rating])).toEqual([
      ["community", 7],
      ["coProduction", 5],
      ["networks", 3],
      ["activities", 9],
      ["communityLinks", 1],
      ["supervision", 4],
    ]);
    expect(submitted!.profile.rows[0]!.title).toBe("Engagement with local communities");
    expect(submitted!.profile.mean).toBe(29 / 6);

    // The draft's ratings are the agency's unfinished work: neither scored nor profiled.
    const draft = await getAgencySelection(
      (await createAgency(db, { stage: "DRAFT", submitted: false })).id,
      viewer.id,
    );
    expect(draft).toMatchObject({
      canBeScored: false,
      reviews: [],
      ownReview: null,
      summary: { count: 0, overall: null, needsDiscussion: false },
      profile: { mean: null },
      allowedMoves: ["WITHDRAWN"],
    });
    expect(draft!.profile.rows.every((row) => row.rating === null)).toBe(true);
  });

  it("gives the stage, the decision sent, the moves on offer and the history, newest first", async () => {
    const token = unique();
    const viewer = await createResearcherUser();
    const researcher = await createResearcher(`Priya ${token}`);
    const agency = await createAgency(db, { stage: "NOT_SELECTED" });
    await db.agency.update({
      where: { id: agency.id },
      data: { decisionSentStage: "RESERVE", decisionSentAt: new Date("2030-04-01T09:00:00Z") },
    });
    await db.stageChange.createMany({
      data: [
        {
          agencyId: agency.id,
          fromStage: "DRAFT",
          toStage: "SUBMITTED",
          byId: null,
          at: new Date("2030-03-12T10:00:00Z"),
          reason: "Questionnaire submitted",
        },
        {
          agencyId: agency.id,
          fromStage: "SUBMITTED",
          toStage: "UNDER_REVIEW",
          byId: researcher.id,
          at: new Date("2030-03-20T10:00:00Z"),
          reason: "First review",
        },
        {
          agencyId: agency.id,
          fromStage: "UNDER_REVIEW",
          toStage: "NOT_SELECTED",
          byId: researcher.id,
          at: new Date("2030-03-25T10:00:00Z"),
          reason: `Cannot release its supervisors ${token}`,
        },
      ],
    });

    const selection = await getAgencySelection(agency.id, viewer.id);
    expect(selection).toMatchObject({
      stage: "NOT_SELECTED",
      reserveRank: null,
      decisionSentStage: "RESERVE",
      decisionSentAt: new Date("2030-04-01T09:00:00Z"),
      allowedMoves: ["RESERVE", "WITHDRAWN"],
    });
    expect(selection!.history).toEqual([
      expect.objectContaining({
        from: "UNDER_REVIEW",
        to: "NOT_SELECTED",
        by: `Priya ${token}`,
        reason: `Cannot release its supervisors ${token}`,
        at: new Date("2030-03-25T10:00:00Z"),
      }),
      expect.objectContaining({ from: "SUBMITTED", to: "UNDER_REVIEW", by: `Priya ${token}`, reason: "First review" }),
      expect.objectContaining({ from: "DRAFT", to: "SUBMITTED", by: "System", reason: "Questionnaire submitted" }),
    ]);
  });
});

describe("the places taken and the reserve list", () => {
  const { client } = ownDatabase("cp_selection_places");

  it("counts every agency selected or further along against the study's number, 12 before the study is set up", async () => {
    const viewerId = "00000000-0000-4000-8000-000000000001";
    const agency = await createAgency(client, { stage: "SHORTLISTED" });
    expect((await getAgencySelection(agency.id, viewerId, client))!.places).toEqual({ taken: 0, cap: 12 });

    for (const stage of ["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"] as const) {
      await createAgency(client, { stage });
    }
    // Not holding a place: the reserve list, a decline, a withdrawal, and agencies still being looked at.
    const reserve = await createAgency(client, { stage: "RESERVE", reserveRank: 1 });
    for (const stage of ["NOT_SELECTED", "WITHDRAWN", "UNDER_REVIEW", "SUBMITTED"] as const) {
      await createAgency(client, { stage });
    }
    await client.study.create({
      data: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date(), agenciesToSelect: 6 },
    });
    expect((await getAgencySelection(agency.id, viewerId, client))!.places).toEqual({ taken: 5, cap: 6 });
    expect(await getAgencySelection(reserve.id, viewerId, client)).toMatchObject({
      stage: "RESERVE",
      reserveRank: 1,
      decisionSentStage: null,
      decisionSentAt: null,
      allowedMoves: ["SELECTED", "NOT_SELECTED", "WITHDRAWN"],
      places: { taken: 5, cap: 6 },
    });
  });
});
