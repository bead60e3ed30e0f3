// A researcher scores one agency's submitted questionnaire against the four written criteria, with
// a note on each. Each researcher has one review per agency and may change it; the first review of
// a submitted agency puts it under review. Written with its audit entry in one transaction.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import { lockAgency } from "./moves";
import { reviewSchema, type SelectionResult } from "./schema";
import {
  formatScore,
  overallOf,
  REVIEW_CRITERIA_SELECT,
  REVIEW_SCORES_SELECT,
  scoresOf,
  summariseReviews,
} from "./scores";

export async function saveReview(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<SelectionResult> {
  // Only researchers score; to anyone else the agency does not exist.
  const parsed = parseAsResearcher(actor, reviewSchema, input, AGENCY_NOT_FOUND);
  if (!parsed.ok) return parsed;
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
    const before = await tx.review.findUnique({ where: { agencyId_reviewerId: key }, select: REVIEW_CRITERIA_SELECT });
    const review = await tx.review.upsert({
      where: { agencyId_reviewerId: key },
      create: { ...key, ...values },
      update: values,
      select: { id: true, ...REVIEW_CRITERIA_SELECT },
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

    const all = await tx.review.findMany({ where: { agencyId }, select: REVIEW_SCORES_SELECT });
    const summary = summariseReviews(all.map(scoresOf));
    const reviews = summary.count === 1 ? "1 review" : `${summary.count} reviews`;
    return {
      ok: true,
      message: `Your review of ${agency.teamName} is saved: your overall score is ${formatScore(overallOf(scoresOf(after)))}. Its overall score is now ${formatScore(summary.overall)}, from ${reviews}.${movedOn}`,
    };
  });
}
