import { describe, expect, it } from "vitest";
import { matrixHref, parseMatrixSearchParams } from "./search-params";

describe("the training matrix's address", () => {
  it("reads the name search, the stage and the page", () => {
    expect(parseMatrixSearchParams({})).toEqual({ filter: {}, values: {}, problems: [] });
    expect(parseMatrixSearchParams({ q: "  Leeds ", stage: "TRAINING", page: "3" })).toEqual({
      filter: { search: "Leeds", stage: "TRAINING", page: 3 },
      values: { q: "Leeds", stage: "TRAINING" },
      problems: [],
    });
    // The first of a repeated value.
    expect(parseMatrixSearchParams({ stage: ["RECRUITING", "TRAINING"] }).filter).toEqual({ stage: "RECRUITING" });
  });

  it("leaves out what it cannot use, and says what and why", () => {
    const parsed = parseMatrixSearchParams({ q: "x".repeat(201), stage: "DRAFT", page: "0" });
    expect(parsed.filter).toEqual({});
    expect(parsed.problems).toEqual([
      "The name to look for is longer than 200 characters.",
      expect.stringMatching(/^The stage in the address is not one of Selected, .*, so every stage is shown\.$/),
      "The page number in the address was not understood, so the first page is shown.",
    ]);
    expect(parseMatrixSearchParams({ page: "2; DROP TABLE" }).problems).toHaveLength(1);
    expect(parseMatrixSearchParams({ page: "99999999" }).problems).toHaveLength(1);
  });

  it("writes the address of another page with the same filter", () => {
    expect(matrixHref({}, 1)).toBe("/researcher/training/matrix");
    expect(matrixHref({ search: "A & B", stage: "TRAINING" }, 2)).toBe(
      "/researcher/training/matrix?q=A+%26+B&stage=TRAINING&page=2",
    );
  });
});
