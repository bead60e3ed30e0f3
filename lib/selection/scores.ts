// The written criteria researchers score agencies against, and the arithmetic over their scores:
// means per criterion and overall, and how far reviewers disagree. Pure: safe in client components.
import { PRACTICE_SECTION_TEXT, PRACTICE_SECTIONS, type PracticeSection } from "@/lib/eoi/labels";

export const CRITERIA = [
  {
    key: "similarity",
    label: "Similarity of practice to the model",
    description:
      "How far the team already works as Connecting People asks: community engagement, goals agreed with the person, talking about social networks, trying new activities, links with community groups, and support for this work.",
  },
  {
    key: "trainingCapacity",
    label: "Capacity to train",
    description:
      "Whether the team can release its workers for 3 training days and its supervisors for 2 more, with its service manager's support and no reorganisation in the way.",
  },
  {
    key: "recruitmentCapacity",
    label: "Capacity to recruit",
    description:
      "Whether the team can invite enough new referrals to the study during the pilot, and has agreed to support recruitment and the evaluation.",
  },
  {
    key: "clientGroupFit",
    label: "Fit of client group",
    description:
      "How well the team's client group fits the pilot: adults with mental health problems, adults with learning disabilities, or older adults with functional mental health problems.",
  },
] as const;

export type CriterionKey = (typeof CRITERIA)[number]["key"];
export const CRITERION_KEYS = CRITERIA.map((criterion) => criterion.key) as CriterionKey[];

/** What each score means, for the form and the export's data dictionary. */
export const SCORE_WORDS = {
  1: "1 – very poor",
  2: "2 – poor",
  3: "3 – adequate",
  4: "4 – good",
  5: "5 – excellent",
} as const;

/** The Review columns behind each criterion. */
export const CRITERION_COLUMNS = {
  similarity: { score: "similarityScore", note: "similarityNote" },
  trainingCapacity: { score: "trainingCapacityScore", note: "trainingCapacityNote" },
  recruitmentCapacity: { score: "recruitmentCapacityScore", note: "recruitmentCapacityNote" },
  clientGroupFit: { score: "clientGroupFitScore", note: "clientGroupFitNote" },
} as const satisfies Record<CriterionKey, { score: string; note: string }>;

export type ReviewScores = Record<CriterionKey, number>;

type Columns<Kind extends "score" | "note", Value> = {
  [Key in CriterionKey as (typeof CRITERION_COLUMNS)[Key][Kind]]: Value;
};

/** The Review columns of the four scores, for a Prisma select. */
export const REVIEW_SCORES_SELECT = {
  similarityScore: true,
  trainingCapacityScore: true,
  recruitmentCapacityScore: true,
  clientGroupFitScore: true,
} as const satisfies Record<keyof Columns<"score", number>, true>;

/** The Review columns of the four scores and their notes, for a Prisma select. */
export const REVIEW_CRITERIA_SELECT = {
  similarityScore: true,
  similarityNote: true,
  trainingCapacityScore: true,
  trainingCapacityNote: true,
  recruitmentCapacityScore: true,
  recruitmentCapacityNote: true,
  clientGroupFitScore: true,
  clientGroupFitNote: true,
} as const satisfies Record<keyof Columns<"score", number> | keyof Columns<"note", string>, true>;

/** A review's four scores, by criterion, from its columns. */
export function scoresOf(review: Columns<"score", number>): ReviewScores {
  return Object.fromEntries(CRITERION_KEYS.map((key) => [key, review[CRITERION_COLUMNS[key].score]])) as ReviewScores;
}

/** A review's four notes, by criterion, from its columns. */
export function notesOf(review: Columns<"note", string>): Record<CriterionKey, string> {
  return Object.fromEntries(CRITERION_KEYS.map((key) => [key, review[CRITERION_COLUMNS[key].note]])) as Record<
    CriterionKey,
    string
  >;
}

/** Reviewers who differ by this many points or more on a criterion should talk it through. */
export const DISCUSS_AT_RANGE = 2;

export type Spread = { min: number; max: number; range: number; sd: number };

export type ReviewSummary = {
  count: number;
  /** Mean per criterion; null when nobody has scored yet. */
  mean: Record<CriterionKey, number | null>;
  /** The mean of the four criterion means (equal weights); null when nobody has scored yet. */
  overall: number | null;
  /** Per criterion: lowest, highest, range and (population) standard deviation of the scores. */
  spread: Record<CriterionKey, Spread | null>;
  /** The largest range over the four criteria: how far apart the reviewers are at worst. */
  disagreement: number | null;
  /** True when at least two reviewers differ by DISCUSS_AT_RANGE points or more on a criterion. */
  needsDiscussion: boolean;
};

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Population standard deviation: the reviewers are the whole group being described, not a sample. */
export function standardDeviation(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null) return null;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length);
}

export function spreadOf(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, range: max - min, sd: standardDeviation(values) ?? 0 };
}

/** One review's overall score: the mean of its four criteria. */
export function overallOf(scores: ReviewScores): number {
  return mean(CRITERION_KEYS.map((key) => scores[key])) ?? 0;
}

export function summariseReviews(reviews: readonly ReviewScores[]): ReviewSummary {
  const byCriterion = Object.fromEntries(
    CRITERION_KEYS.map((key) => [key, reviews.map((review) => review[key])]),
  ) as Record<CriterionKey, number[]>;
  const meanBy = Object.fromEntries(CRITERION_KEYS.map((key) => [key, mean(byCriterion[key])])) as Record<
    CriterionKey,
    number | null
  >;
  const spread = Object.fromEntries(CRITERION_KEYS.map((key) => [key, spreadOf(byCriterion[key])])) as Record<
    CriterionKey,
    Spread | null
  >;
  const ranges = CRITERION_KEYS.flatMap((key) => (spread[key] ? [spread[key].range] : []));
  const disagreement = ranges.length > 0 ? Math.max(...ranges) : null;
  return {
    count: reviews.length,
    mean: meanBy,
    overall: reviews.length > 0 ? mean(CRITERION_KEYS.map((key) => meanBy[key] ?? 0)) : null,
    spread,
    disagreement,
    needsDiscussion: reviews.length >= 2 && disagreement !== null && disagreement >= DISCUSS_AT_RANGE,
  };
}

/** A score for people: one decimal place ("3.5"), or a dash when there is none. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toFixed(1);
}

export type PracticeProfileRow = { section: PracticeSection; title: string; rating: number | null };

/**
 * The agency's own 1–9 ratings of its current practice, section by section, from its submitted
 * questionnaire: self-reported, shown beside (never mixed into) the reviewers' scores.
 */
export function practiceProfile(submittedAnswers: unknown): {
  rows: PracticeProfileRow[];
  mean: number | null;
} {
  const practice =
    submittedAnswers && typeof submittedAnswers === "object" && "practice" in submittedAnswers
      ? (submittedAnswers as { practice?: Record<string, { rating?: unknown } | undefined> }).practice
      : undefined;
  const rows = PRACTICE_SECTIONS.map((section): PracticeProfileRow => {
    const rating = practice?.[section]?.rating;
    const valid = typeof rating === "number" && Number.isInteger(rating) && rating >= 1 && rating <= 9;
    return { section, title: PRACTICE_SECTION_TEXT[section].title, rating: valid ? rating : null };
  });
  return { rows, mean: mean(rows.flatMap((row) => (row.rating === null ? [] : [row.rating]))) };
}
