// Researchers' reviews against a real database: one review per researcher per agency, changed in
// place; several researchers per agency; refused until the questionnaire is submitted; the first
// review puts a submitted agency under review. Reviews belong to one agency, so these tests share
// the common test database, each with agencies of its own.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createResearcherUser, createStaff, unique } from "@/lib/accounts/test-helpers";
import { db } from "@/lib/db";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import type { AgencyStage } from "@/lib/generated/prisma/enums";
import { saveReview } from "./reviews";

const NOW = new Date("2027-03-20T09:30:00Z");

async function createAgency(stage: AgencyStage, submitted = true) {
  return db.agency.create({
    data: {
      organisation: `Organisation ${unique()}`,
      teamName: `Team ${unique()}`,
      stage,
      expressionOfInterest: {
        create: submitted
          ? {
              status: "SUBMITTED",
              answers: { practice: {} },
              submittedAnswers: { practice: {} },
              submittedAt: new Date("2027-03-10T12:00:00Z"),
            }
          : { status: "DRAFT", answers: { practice: {} } },
      },
    },
  });
}

const scores = (similarity: number, training: number, recruitment: number, clientGroup: number) => ({
  similarityScore: similarity,
  similarityNote: `Similarity ${similarity}`,
  trainingCapacityScore: training,
  trainingCapacityNote: "",
  recruitmentCapacityScore: recruitment,
  recruitmentCapacityNote: "Twenty referrals a year",
  clientGroupFitScore: clientGroup,
  clientGroupFitNote: "",
});

const reviewsOf = (agencyId: string) => db.review.findMany({ where: { agencyId }, orderBy: { createdAt: "asc" } });

describe("saving a review", () => {
  it("records the four scores and notes, and the first review puts a submitted agency under review", async () => {
    const agency = await createAgency("SUBMITTED");
    const researcher = await createResearcherUser();

    const result = await saveReview(researcher, { agencyId: agency.id, ...scores(4, 3, 5, 2) }, NOW);

    expect(result).toEqual({
      ok: true,
      message: `Your review of ${agency.teamName} is saved: your overall score is 3.5. Its overall score is now 3.5, from 1 review. ${agency.teamName} is now under review.`,
    });
    expect(await reviewsOf(agency.id)).toEqual([
      expect.objectContaining({ reviewerId: researcher.id, ...scores(4, 3, 5, 2) }),
    ]);
    const review = (await reviewsOf(agency.id))[0]!;
    expect(await db.auditEvent.findMany({ where: { action: "review.saved", entityId: review.id } })).toEqual([
      expect.objectContaining({
        actorId: researcher.id,
        entity: "Review",
        before: null,
        after: { agencyId: agency.id, ...scores(4, 3, 5, 2) },
      }),
    ]);
    expect(await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({ stage: "UNDER_REVIEW" });
    expect(await db.stageChange.findMany({ where: { agencyId: agency.id } })).toEqual([
      expect.objectContaining({
        fromStage: "SUBMITTED",
        toStage: "UNDER_REVIEW",
        byId: researcher.id,
        at: NOW,
        reason: `First review recorded by ${researcher.name}`,
      }),
    ]);
    expect(await db.auditEvent.findMany({ where: { action: "agency.stage_changed", entityId: agency.id } })).toEqual([
      expect.objectContaining({
        before: { stage: "SUBMITTED", reserveRank: null },
        after: { stage: "UNDER_REVIEW", reserveRank: null, reason: `First review recorded by ${researcher.name}` },
      }),
    ]);
  });

  it("changes the researcher's own review in place, auditing what it was before", async () => {
    const agency = await createAgency("SUBMITTED");
    const researcher = await createResearcherUser();
    await saveReview(researcher, { agencyId: agency.id, ...scores(4, 3, 5, 2) }, NOW);
    const [first] = await reviewsOf(agency.id);

    const result = await saveReview(researcher, { agencyId: agency.id, ...scores(5, 5, 5, 4) }, NOW);

    expect(result).toEqual({
      ok: true,
      message: `Your review of ${agency.teamName} is saved: your overall score is 4.8. Its overall score is now 4.8, from 1 review.`,
    });
    const reviews = await reviewsOf(agency.id);
    expect(reviews).toEqual([expect.objectContaining({ id: first!.id, ...scores(5, 5, 5, 4) })]);
    const audits = await db.auditEvent.findMany({
      where: { action: "review.saved", entityId: first!.id },
      orderBy: { id: "asc" },
    });
    expect(audits.map((audit) => [audit.before, audit.after])).toEqual([
      [null, { agencyId: agency.id, ...scores(4, 3, 5, 2) }],
      [
        { agencyId: agency.id, ...scores(4, 3, 5, 2) },
        { agencyId: agency.id, ...scores(5, 5, 5, 4) },
      ],
    ]);
    // Already under review: no second stage change.
    expect(await db.stageChange.count({ where: { agencyId: agency.id } })).toBe(1);
  });

  it("keeps one review per researcher, and the overall is the mean over the researchers", async () => {
    const agency = await createAgency("SHORTLISTED");
    const first = await createResearcherUser();
    const second = await createResearcherUser();
    await saveReview(first, { agencyId: agency.id, ...scores(4, 3, 5, 2) }, NOW);

    const result = await saveReview(second, { agencyId: agency.id, ...scores(2, 3, 4, 2) }, NOW);

    // Second reviewer 2.75; the agency (3.5 + 2.75) / 2 = 3.125, shown as 3.1.
    expect(result).toEqual({
      ok: true,
      message: `Your review of ${agency.teamName} is saved: your overall score is 2.8. Its overall score is now 3.1, from 2 reviews.`,
    });
    expect((await reviewsOf(agency.id)).map((review) => review.reviewerId)).toEqual([first.id, second.id]);
    // A shortlisted agency stays where it is.
    expect(await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({ stage: "SHORTLISTED" });
    expect(await db.stageChange.count({ where: { agencyId: agency.id } })).toBe(0);
  });

  it("stays one review, and one stage change, when the same researcher sends it twice at once", async () => {
    const agency = await createAgency("SUBMITTED");
    const researcher = await createResearcherUser();

    const results = await Promise.all([
      saveReview(researcher, { agencyId: agency.id, ...scores(3, 3, 3, 3) }, NOW),
      saveReview(researcher, { agencyId: agency.id, ...scores(3, 3, 3, 3) }, NOW),
    ]);

    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(await reviewsOf(agency.id)).toHaveLength(1);
    expect(await db.stageChange.count({ where: { agencyId: agency.id } })).toBe(1);
  });

  it("is refused until the agency has submitted its questionnaire", async () => {
    const researcher = await createResearcherUser();
    const draft = await createAgency("DRAFT", false);
    const none = await db.agency.create({
      data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}` },
    });

    for (const agency of [draft, none]) {
      expect(await saveReview(researcher, { agencyId: agency.id, ...scores(3, 3, 3, 3) }, NOW)).toEqual({
        ok: false,
        formError: `${agency.teamName} has not submitted its questionnaire, so there is nothing to score yet. Score it once the agency has submitted it.`,
      });
      expect(await reviewsOf(agency.id)).toEqual([]);
    }
    expect(await db.auditEvent.count({ where: { actorId: researcher.id } })).toBe(0);
  });

  it("can score a reopened questionnaire from its last submission", async () => {
    const researcher = await createResearcherUser();
    const agency = await createAgency("DRAFT");
    expect(await saveReview(researcher, { agencyId: agency.id, ...scores(2, 2, 2, 2) }, NOW)).toMatchObject({
      ok: true,
    });
    // A questionnaire being corrected is not under review yet.
    expect(await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({ stage: "DRAFT" });
  });

  it("answers scores outside 1 to 5 with messages per field, and saves nothing", async () => {
    const researcher = await createResearcherUser();
    const agency = await createAgency("UNDER_REVIEW");
    const result = await saveReview(
      researcher,
      { agencyId: agency.id, ...scores(3, 3, 3, 3), similarityScore: 6, clientGroupFitScore: "" },
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        similarityScore: ["Choose a score from 1 to 5 for “Similarity of practice to the model”."],
        clientGroupFitScore: ["Choose a score from 1 to 5 for “Fit of client group”."],
      },
    });
    expect(await reviewsOf(agency.id)).toEqual([]);
    expect(await saveReview(researcher, { agencyId: randomUUID(), ...scores(3, 3, 3, 3) }, NOW)).toEqual(
      AGENCY_NOT_FOUND,
    );
  });

  it("is refused to agency staff as not found, even for their own agency", async () => {
    const agency = await createAgency("SUBMITTED");
    const lead = await createStaff(agency.id, "LEAD");
    expect(await saveReview(lead, { agencyId: agency.id, ...scores(5, 5, 5, 5) }, NOW)).toEqual(AGENCY_NOT_FOUND);
    expect(await reviewsOf(agency.id)).toEqual([]);
    expect(await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).toMatchObject({ stage: "SUBMITTED" });
  });
});
