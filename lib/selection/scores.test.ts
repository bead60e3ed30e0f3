// The arithmetic over reviewers' scores, checked against numbers worked out by hand, and the
// agency's own practice ratings read from a submitted questionnaire.
import { describe, expect, it } from "vitest";
import {
  CRITERION_KEYS,
  formatScore,
  mean,
  notesOf,
  overallOf,
  practiceProfile,
  REVIEW_CRITERIA_SELECT,
  REVIEW_SCORES_SELECT,
  scoresOf,
  spreadOf,
  standardDeviation,
  summariseReviews,
  type ReviewScores,
} from "./scores";

const review = (
  similarity: number,
  trainingCapacity: number,
  recruitmentCapacity: number,
  clientGroupFit: number,
): ReviewScores => ({ similarity, trainingCapacity, recruitmentCapacity, clientGroupFit });

describe("mean, standard deviation and spread", () => {
  it("has no mean, deviation or spread without values", () => {
    expect(mean([])).toBeNull();
    expect(standardDeviation([])).toBeNull();
    expect(spreadOf([])).toBeNull();
  });

  it("computes the mean", () => {
    expect(mean([4])).toBe(4);
    expect(mean([1, 2, 4])).toBeCloseTo(7 / 3, 10);
  });

  it("uses the population standard deviation (divides by n, not n − 1)", () => {
    // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; 32 / 8 = 4; √4 = 2 (n − 1 would give 2.14).
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(standardDeviation([3])).toBe(0);
    // Mean 2; squared deviations 1+1 = 2; 2 / 2 = 1.
    expect(standardDeviation([1, 3])).toBe(1);
  });

  it("gives the lowest, highest, range and deviation", () => {
    expect(spreadOf([2, 5, 2])).toEqual({ min: 2, max: 5, range: 3, sd: Math.SQRT2 });
    expect(spreadOf([4])).toEqual({ min: 4, max: 4, range: 0, sd: 0 });
  });
});

describe("overallOf", () => {
  it("is the mean of the four criteria with equal weights", () => {
    expect(overallOf(review(4, 3, 5, 2))).toBe(3.5);
    expect(overallOf(review(2, 3, 4, 2))).toBe(2.75);
    expect(overallOf(review(1, 1, 1, 1))).toBe(1);
    expect(overallOf(review(5, 5, 5, 5))).toBe(5);
  });
});

describe("summariseReviews", () => {
  it("has nothing to summarise before anyone scores", () => {
    const summary = summariseReviews([]);
    expect(summary).toMatchObject({ count: 0, overall: null, disagreement: null, needsDiscussion: false });
    for (const key of CRITERION_KEYS) {
      expect(summary.mean[key]).toBeNull();
      expect(summary.spread[key]).toBeNull();
    }
  });

  it("works out means per criterion, the overall and the spread for three reviewers", () => {
    const summary = summariseReviews([review(4, 3, 5, 2), review(2, 3, 4, 2), review(3, 3, 3, 5)]);
    expect(summary.count).toBe(3);
    // (4+2+3)/3 = 3; 3; (5+4+3)/3 = 4; (2+2+5)/3 = 3.
    expect(summary.mean).toEqual({ similarity: 3, trainingCapacity: 3, recruitmentCapacity: 4, clientGroupFit: 3 });
    // (3+3+4+3)/4 = 3.25, which is also the mean of the reviews' own overalls (3.5+2.75+3.5)/3.
    expect(summary.overall).toBe(3.25);
    // Similarity: deviations 1, −1, 0 → (1+1+0)/3 = 2/3 → √(2/3) ≈ 0.8165.
    expect(summary.spread.similarity).toMatchObject({ min: 2, max: 4, range: 2 });
    expect(summary.spread.similarity!.sd).toBeCloseTo(0.8165, 4);
    expect(summary.spread.trainingCapacity).toEqual({ min: 3, max: 3, range: 0, sd: 0 });
    expect(summary.spread.recruitmentCapacity).toMatchObject({ min: 3, max: 5, range: 2 });
    // Client group: deviations −1, −1, 2 → (1+1+4)/3 = 2 → √2.
    expect(summary.spread.clientGroupFit).toMatchObject({ min: 2, max: 5, range: 3 });
    expect(summary.spread.clientGroupFit!.sd).toBeCloseTo(Math.SQRT2, 10);
    expect(summary.disagreement).toBe(3);
    expect(summary.needsDiscussion).toBe(true);
  });

  it("flags a discussion when two reviewers are 2 points apart on any criterion, not 1", () => {
    expect(summariseReviews([review(3, 3, 3, 3), review(4, 2, 4, 2)])).toMatchObject({
      disagreement: 1,
      needsDiscussion: false,
      overall: 3,
    });
    expect(summariseReviews([review(3, 3, 3, 3), review(3, 3, 3, 5)])).toMatchObject({
      disagreement: 2,
      needsDiscussion: true,
    });
  });

  it("never asks one reviewer to discuss with themselves", () => {
    expect(summariseReviews([review(1, 5, 1, 5)])).toMatchObject({
      count: 1,
      overall: 3,
      disagreement: 0,
      needsDiscussion: false,
    });
  });
});

describe("formatScore", () => {
  it("shows one decimal place, or a dash when there is no score", () => {
    expect(formatScore(3.25)).toBe("3.3");
    expect(formatScore(2.75)).toBe("2.8");
    expect(formatScore(4)).toBe("4.0");
    expect(formatScore(null)).toBe("–");
    expect(formatScore(undefined)).toBe("–");
  });
});

describe("practiceProfile", () => {
  const practice = {
    community: { rating: 7, examples: "Café meetings" },
    coProduction: { rating: 5, examples: "" },
    networks: { rating: 3, examples: "" },
    activities: { rating: 9, examples: "" },
    communityLinks: { rating: 1, examples: "" },
    supervision: { rating: 4, examples: "" },
  };

  it("lists the six sections in the questionnaire's order, with titles, and their mean", () => {
    const profile = practiceProfile({ team: { teamName: "North" }, practice });
    expect(profile.rows).toEqual([
      { section: "community", title: "Engagement with local communities", rating: 7 },
      { section: "coProduction", title: "Agreeing goals together (co-production)", rating: 5 },
      { section: "networks", title: "Talking about and mapping social networks", rating: 3 },
      { section: "activities", title: expect.any(String), rating: 9 },
      { section: "communityLinks", title: expect.any(String), rating: 1 },
      { section: "supervision", title: expect.any(String), rating: 4 },
    ]);
    // (7+5+3+9+1+4)/6 = 29/6.
    expect(profile.mean).toBeCloseTo(29 / 6, 10);
  });

  it("leaves out missing and invalid ratings, and the mean is over the rest", () => {
    const profile = practiceProfile({
      practice: {
        community: { rating: 8 },
        coProduction: { rating: 0 },
        networks: { rating: 10 },
        activities: { rating: 4.5 },
        communityLinks: { rating: "6" },
        // supervision missing altogether
      },
    });
    expect(profile.rows.map((row) => row.rating)).toEqual([8, null, null, null, null, null]);
    expect(profile.mean).toBe(8);
    expect(practiceProfile({ practice: { community: { rating: 1 }, supervision: { rating: 9 } } }).mean).toBe(5);
  });

  it("has no ratings at all for answers without a practice part, or no answers", () => {
    for (const answers of [null, undefined, "text", 42, {}, { practice: null }, { practice: "x" }]) {
      const profile = practiceProfile(answers);
      expect(profile.rows).toHaveLength(6);
      expect(profile.rows.every((row) => row.rating === null)).toBe(true);
      expect(profile.mean).toBeNull();
    }
  });
});

describe("a review's columns", () => {
  const row = {
    similarityScore: 1,
    similarityNote: "Some community work",
    trainingCapacityScore: 2,
    trainingCapacityNote: "Short-staffed",
    recruitmentCapacityScore: 4,
    recruitmentCapacityNote: "Many referrals",
    clientGroupFitScore: 5,
    clientGroupFitNote: "Older adults",
  };

  it("reads each criterion's score and note from its own columns", () => {
    expect(scoresOf(row)).toEqual({ similarity: 1, trainingCapacity: 2, recruitmentCapacity: 4, clientGroupFit: 5 });
    expect(notesOf(row)).toEqual({
      similarity: "Some community work",
      trainingCapacity: "Short-staffed",
      recruitmentCapacity: "Many referrals",
      clientGroupFit: "Older adults",
    });
  });

  it("selects exactly the columns it reads", () => {
    expect(Object.keys(REVIEW_CRITERIA_SELECT).sort()).toEqual(Object.keys(row).sort());
    expect(Object.keys(REVIEW_SCORES_SELECT).sort()).toEqual(
      Object.keys(row)
        .filter((key) => key.endsWith("Score"))
        .sort(),
    );
  });
});
