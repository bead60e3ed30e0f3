// What a researcher reads about one agency's selection on its page: every reviewer's scores with
// their means and spread, the viewer's own review for the form, the agency's self-reported practice
// profile, where it stands (stage, reserve rank, decision sent or not), the moves it may make, the
// places left, and its stage history. The writes are in lib/selection/actions.ts.
import "server-only";
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import type { AgencyStage, Review } from "@/lib/generated/prisma/client";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import {
  notesOf,
  overallOf,
  practiceProfile,
  REVIEW_CRITERIA_SELECT,
  scoresOf,
  summariseReviews,
  type CriterionKey,
  type ReviewScores,
} from "./scores";
import { allowedMoves, HOLDS_A_PLACE } from "./transitions";

export type AgencyReviewRow = {
  id: string;
  reviewerId: string;
  reviewerName: string;
  /** True for the review of the researcher reading the page. */
  isYours: boolean;
  updatedAt: Date;
  scores: ReviewScores;
  notes: Record<CriterionKey, string>;
  /** The mean of this review's four scores. */
  overall: number;
};

export type StageHistoryRow = {
  id: string;
  at: Date;
  from: AgencyStage | null;
  to: AgencyStage;
  /** The researcher's name, or "System" when the change was made by the app (or its author was removed). */
  by: string;
  reason: string;
};

type ReviewRecord = Omit<Review, "agencyId" | "createdAt"> & { reviewer: { name: string } };

function toReviewRow(review: ReviewRecord, viewerId: string): AgencyReviewRow {
  const scores = scoresOf(review);
  return {
    id: review.id,
    reviewerId: review.reviewerId,
    reviewerName: review.reviewer.name,
    isYours: review.reviewerId === viewerId,
    updatedAt: review.updatedAt,
    scores,
    notes: notesOf(review),
    overall: overallOf(scores),
  };
}

const byName = (a: AgencyReviewRow, b: AgencyReviewRow) =>
  a.reviewerName.localeCompare(b.reviewerName, "en-GB", { sensitivity: "base" }) ||
  a.reviewerId.localeCompare(b.reviewerId);

/**
 * One agency's selection as a researcher sees it; null for an id that is not a uuid or names no
 * agency. `viewerId` picks out the reader's own review, which fills their form. `client` is for
 * tests that count places in a database of their own.
 */
export async function getAgencySelection(agencyId: string, viewerId: string, client: Db = db) {
  if (!z.uuid().safeParse(agencyId).success) return null;
  const [agency, study, taken] = await Promise.all([
    client.agency.findUnique({
      where: { id: agencyId },
      select: {
        id: true,
        stage: true,
        reserveRank: true,
        decisionSentStage: true,
        decisionSentAt: true,
        expressionOfInterest: { select: { submittedAnswers: true } },
        reviews: {
          select: {
            id: true,
            reviewerId: true,
            updatedAt: true,
            reviewer: { select: { name: true } },
            ...REVIEW_CRITERIA_SELECT,
          },
        },
        stageChanges: {
          orderBy: { at: "desc" },
          select: { id: true, at: true, fromStage: true, toStage: true, reason: true, by: { select: { name: true } } },
        },
      },
    }),
    client.study.findUnique({ where: { id: 1 }, select: { agenciesToSelect: true } }),
    client.agency.count({ where: { stage: { in: [...HOLDS_A_PLACE] } } }),
  ]);
  if (!agency) return null;

  const submittedAnswers = agency.expressionOfInterest?.submittedAnswers ?? null;
  const reviews = agency.reviews.map((review) => toReviewRow(review, viewerId)).sort(byName);

  return {
    id: agency.id,
    stage: agency.stage,
    reserveRank: agency.reserveRank,
    /** The decision the agency was last told by email, and when; null until a decision is sent. */
    decisionSentStage: agency.decisionSentStage,
    decisionSentAt: agency.decisionSentAt,
    /** Only a questionnaire that has been submitted can be scored. */
    canBeScored: submittedAnswers !== null,
    reviews,
    summary: summariseReviews(reviews.map((review) => review.scores)),
    ownReview: reviews.find((review) => review.isYours) ?? null,
    profile: practiceProfile(submittedAnswers),
    allowedMoves: [...allowedMoves(agency.stage)],
    /** Agencies holding one of the study's places (selected or further along), and how many places there are. */
    places: { taken, cap: study?.agenciesToSelect ?? STUDY_DEFAULTS.agenciesToSelect },
    history: agency.stageChanges.map((change): StageHistoryRow => ({
      id: change.id,
      at: change.at,
      from: change.fromStage,
      to: change.toStage,
      by: change.by?.name ?? "System",
      reason: change.reason,
    })),
  };
}

export type AgencySelection = NonNullable<Awaited<ReturnType<typeof getAgencySelection>>>;
