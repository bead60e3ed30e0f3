// A researcher scores one agency's submitted questionnaire against the four written criteria, with
// a note on each. Each researcher has one review per agency and may change it; the first review of
// a submitted agency puts it under review. Written with its audit entry in one transaction.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import { invalidInput } from "@/lib/forms";
import { lockAgency } from "./moves";
import { reviewSchema, type SelectionResult } from "./schema";
import { formatScore, overallOf, summariseReviews, type ReviewScores } from "./scores";

const REVIEW_COLUMNS = {
  similarityScore: true,
  similarityNote: true,
  trainingCapacityScore: true,
  trainingCapacityNote: true,
  recruitmentCapacityScore: true,
  recruitmentCapacityNote: true,
  clientGroupFitScore: true,
  clientGroupFitNote: true,
} as const;

type ReviewColumns = {
  similarityScore: number;
  trainingCapacityScore: number;
  recruitmentCapacityScore: number;
  clientGroupFitScore: number;
};

function scoresOf(review: ReviewColumns): ReviewScores {
  return {
    similarity: review.similarityScore,
    trainingCapacity: review.trainingCapacityScore,
    recruitmentCapacity: review.recruitmentCapacityScore,
    clientGroupFit: review.clientGroupFitScore,
  };
}

export async function saveReview(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<SelectionResult> {
  // Only researchers score; to anyone else the agency does not exist.
  if (actor.role !== "RESEARCHER") return AGENCY_NOT_FOUND;
  const parsed = reviewSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { agencyId, ...values } = parsed.data;

  return client.$transaction(async (tx): Promise<SelectionResult> => {
    // Locked so that the same researcher pressing "Save" twice, or a stage move at the same moment,
    // waits for this one: one review per researcher, and one "first review" stage change.
    if (!(await lockAgency(tx, agencyId))) return AGENCY_NOT_FOUND;
    const agency = await tx.agency.findUniqueOrThrow({
      where: { id: agencyId },
      select: { teamName: true, stage: true, expressionOfInterest: { select: { submittedAnswers: true } } },
    });
    if (agency.expressionOfInterest?.submittedAnswers == null) {
      return {
        ok: false,
        formError: `${agency.teamName} has not submitted its questionnaire, so there is nothing to score yet. Score it once the agency has submitted it.`,
      };
    }

    const key = { agencyId, reviewerId: actor.id };
    const before = await tx.review.findUnique({ where: { agencyId_reviewerId: key }, select: REVIEW_COLUMNS });
    const review = await tx.review.upsert({
      where: { agencyId_reviewerId: key },
      create: { ...key, ...values },
      update: values,
      select: { id: true, ...REVIEW_COLUMNS },
    });
    const { id: reviewId, ...after } = review;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "review.saved",
      entity: "Review",
      entityId: reviewId,
      before: before ? { agencyId, ...before } : null,
      after: { agencyId, ...after },
    });

    let movedOn = "";
    if (agency.stage === "SUBMITTED") {
      const reason = `${before ? "Review" : "First review"} recorded by ${actor.name}`;
      await tx.agency.update({ where: { id: agencyId }, data: { stage: "UNDER_REVIEW" } });
      await tx.stageChange.create({
        data: { agencyId, fromStage: "SUBMITTED", toStage: "UNDER_REVIEW", byId: actor.id, at: now, reason },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "agency.stage_changed",
        entity: "Agency",
        entityId: agencyId,
        before: { stage: "SUBMITTED", reserveRank: null },
        after: { stage: "UNDER_REVIEW", reserveRank: null, reason },
      });
      movedOn = ` ${agency.teamName} is now under review.`;
    }

    const all = await tx.review.findMany({
      where: { agencyId },
      select: {
        similarityScore: true,
        trainingCapacityScore: true,
        recruitmentCapacityScore: true,
        clientGroupFitScore: true,
      },
    });
    const summary = summariseReviews(all.map(scoresOf));
    const reviews = summary.count === 1 ? "1 review" : `${summary.count} reviews`;
    return {
      ok: true,
      message: `Your review of ${agency.teamName} is saved: your overall score is ${formatScore(overallOf(scoresOf(after)))}. Its overall score is now ${formatScore(summary.overall)}, from ${reviews}.${movedOn}`,
    };
  });
}
