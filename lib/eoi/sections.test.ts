import { describe, expect, it } from "vitest";
import { SECTION_KEYS } from "./schema";
import { answersAsText, nextSection, sectionFromSlug, sectionSlug, summariseAnswers } from "./sections";

describe("section addresses", () => {
  it("turns section keys into readable slugs and back", () => {
    expect(sectionSlug("team")).toBe("team");
    expect(sectionSlug("practice.community")).toBe("practice-community");
    expect(sectionSlug("practice.coProduction")).toBe("practice-co-production");
    for (const key of SECTION_KEYS) expect(sectionFromSlug(sectionSlug(key))).toBe(key);
    expect(sectionFromSlug("practice.community")).toBeNull();
    expect(sectionFromSlug("constructor")).toBeNull();
  });

  it("goes through the sections in order, eligibility first", () => {
    expect(SECTION_KEYS[0]).toBe("eligibility");
    expect(nextSection("eligibility")).toBe("team");
    expect(nextSection("agreement")).toBeNull();
  });
});

describe("answers in words", () => {
  it("names groups, sectors and regions, says yes or no, and marks blanks", () => {
    const summary = summariseAnswers({
      eligibility: { clientGroups: ["LEARNING_DISABILITY"] },
      team: { sector: "LOCAL_AUTHORITY", region: "YORKSHIRE_AND_THE_HUMBER" },
      capacity: { releaseWorkers: false },
    });
    const item = (key: string, label: string) =>
      summary.find((s) => s.key === key)!.items.find((i) => i.label === label)!.value;
    expect(item("eligibility", "Client groups the team works with")).toBe(
      "Adults (over 18) with learning disabilities",
    );
    expect(item("team", "Sector")).toBe("Local authority");
    expect(item("team", "English region")).toBe("Yorkshire and the Humber");
    expect(item("team", "Team name")).toBe("Not answered");
    expect(item("capacity", "Can the team release workers for 3 training days?")).toBe("No");
  });

  it("keeps text as typed in the email copy, markup included", () => {
    const text = answersAsText({ practice: { networks: { rating: 3, examples: "<b>maps</b> & ‘ecomaps’ ✓" } } });
    expect(text).toContain("Talking about and mapping social networks\n");
    expect(text).toContain("Rating from 1 (not at all) to 9 (fully): 3");
    expect(text).toContain("Examples from the team's practice: <b>maps</b> & ‘ecomaps’ ✓");
  });
});
