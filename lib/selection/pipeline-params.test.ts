import { describe, expect, it } from "vitest";
import { isFiltered, parsePipelineSearchParams, pipelineHref, PIPELINE_SORTS } from "./pipeline-params";

describe("parsePipelineSearchParams", () => {
  it("opens on the best mean score first when nothing is asked for", () => {
    const parsed = parsePipelineSearchParams({});
    expect(parsed.params).toEqual({ sort: "mean", dir: "desc", page: 1 });
    expect(parsed.problems).toEqual({});
    expect(parsed.values).toEqual({});
  });

  it("reads every filter, trimmed", () => {
    expect(
      parsePipelineSearchParams({
        q: "  Tyne ",
        stage: "SHORTLISTED",
        clientGroup: "LEARNING_DISABILITY",
        region: "LONDON",
        discuss: "1",
        sort: "mine",
        dir: "asc",
      }).params,
    ).toEqual({
      q: "Tyne",
      stage: "SHORTLISTED",
      clientGroup: "LEARNING_DISABILITY",
      region: "LONDON",
      discuss: true,
      sort: "mine",
      dir: "asc",
      page: 1,
    });
  });

  it("reads the page, and shows the first with a message when the page number is not one", () => {
    expect(parsePipelineSearchParams({ page: "3" }).params.page).toBe(3);
    expect(parsePipelineSearchParams({ page: ["2", "5"] }).params.page).toBe(2);
    for (const page of ["0", "-1", "1.5", "two", "1e9", "99999999999"]) {
      const parsed = parsePipelineSearchParams({ page, region: "LONDON" });
      expect(parsed.params.page).toBe(1);
      expect(parsed.params.region).toBe("LONDON");
      expect(parsed.problems.page).toBe(
        "The page number in the address was not understood, so the first page is shown.",
      );
    }
  });

  it("sorts numbers from the highest and words from A when the direction is not given", () => {
    const dir = (sort: string) => parsePipelineSearchParams({ sort }).params.dir;
    expect(dir("team")).toBe("asc");
    expect(dir("stage")).toBe("asc");
    expect(dir("region")).toBe("asc");
    expect(dir("mean")).toBe("desc");
    expect(dir("reviews")).toBe("desc");
    expect(dir("mine")).toBe("desc");
    expect(dir("disagreement")).toBe("desc");
  });

  it("reads the discussion tick from the words a checkbox or a person may send", () => {
    for (const value of ["1", "true", "yes", "on"])
      expect(parsePipelineSearchParams({ discuss: value }).params.discuss).toBe(true);
    const parsed = parsePipelineSearchParams({ discuss: "maybe" });
    expect(parsed.params.discuss).toBeUndefined();
    expect(parsed.problems.discuss).toMatch(/ticked or not/);
  });

  it("drops each value it cannot use with a message, keeps the others, and never throws", () => {
    const parsed = parsePipelineSearchParams({
      stage: "<script>",
      region: "MARS",
      clientGroup: "LEARNING_DISABILITY",
      sort: "password",
      dir: "sideways",
      q: "x".repeat(201),
    });
    expect(parsed.params).toEqual({ clientGroup: "LEARNING_DISABILITY", sort: "mean", dir: "desc", page: 1 });
    expect(Object.keys(parsed.problems).sort()).toEqual(["dir", "q", "region", "sort", "stage"]);
    expect(parsed.problems.stage).toBe("Choose a stage from the list.");
    // Shown again in the form as typed, so the person sees what was not understood.
    expect(parsed.values.stage).toBe("<script>");
  });

  it("takes the first of a repeated value and treats blanks as not given", () => {
    expect(parsePipelineSearchParams({ sort: ["region", "team"], stage: ["", "SELECTED"], q: "   " }).params).toEqual({
      sort: "region",
      dir: "asc",
      page: 1,
    });
  });

  it("never throws, whatever arrives", () => {
    const odd = [
      { q: [] as string[] },
      { q: undefined },
      { sort: "__proto__" },
      { constructor: "x" },
      Object.create(null) as Record<string, string>,
      { dir: "DESC", stage: "selected" },
    ];
    for (const search of odd) expect(() => parsePipelineSearchParams(search)).not.toThrow();
    // Stage names are exact: lower case is refused, not guessed.
    expect(parsePipelineSearchParams({ stage: "selected" }).problems.stage).toBeDefined();
  });
});

describe("pipelineHref", () => {
  it("leaves defaults out, so the unfiltered list has one address", () => {
    expect(pipelineHref({})).toBe("/researcher/selection");
    expect(pipelineHref({ sort: "mean", dir: "desc" })).toBe("/researcher/selection");
    expect(pipelineHref({ sort: "team", dir: "asc" })).toBe("/researcher/selection?sort=team");
    expect(pipelineHref({ sort: "team", dir: "desc" })).toBe("/researcher/selection?sort=team&dir=desc");
    expect(pipelineHref({ sort: "mean", dir: "asc" })).toBe("/researcher/selection?dir=asc");
    expect(pipelineHref({ sort: "mean", dir: "desc", page: 1 })).toBe("/researcher/selection");
    expect(pipelineHref({ stage: "RESERVE", page: 4 })).toBe("/researcher/selection?stage=RESERVE&page=4");
  });

  it("keeps the filter, encoded", () => {
    expect(
      pipelineHref({
        q: "St Mary's & Co",
        stage: "RESERVE",
        region: "NORTH_EAST",
        discuss: true,
        sort: "disagreement",
      }),
    ).toBe("/researcher/selection?q=St+Mary%27s+%26+Co&stage=RESERVE&region=NORTH_EAST&discuss=1&sort=disagreement");
  });

  it("reads back what it writes", () => {
    for (const sort of PIPELINE_SORTS) {
      for (const [dir, page] of [
        ["asc", 1],
        ["desc", 7],
      ] as const) {
        const params = { q: "a b", clientGroup: "LEARNING_DISABILITY" as const, discuss: true, sort, dir, page };
        const href = pipelineHref(params);
        const search = Object.fromEntries(new URL(href, "http://localhost").searchParams);
        expect(parsePipelineSearchParams(search).params).toEqual(params);
      }
    }
  });
});

describe("isFiltered", () => {
  it("counts the filters, not the sort", () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered(parsePipelineSearchParams({ sort: "team" }).params)).toBe(false);
    expect(isFiltered({ discuss: true })).toBe(true);
    expect(isFiltered({ region: "LONDON" })).toBe(true);
  });
});
