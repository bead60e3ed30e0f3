// Selecting agencies in the browser: a researcher scores two submitted agencies with the keyboard,
// reads the means and the reviewers' disagreement beside each agency's own ratings, withdraws one
// (its answer keeps the focus when the form goes), shortlists and then selects the other with a
// reason, and reads the stage history. The agency sees the decision only once the team has sent
// it. The database is shared with specs running at the same time (this one runs twice at once, on
// desktop and phone): every agency and person here is this test's own.
import type { Page } from "@playwright/test";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STAGE_FOR_AGENCY } from "@/lib/agencies/stages";
import { SECTION_KEYS, sectionAnswers, sectionSchemas, type QuestionnaireAnswers } from "@/lib/eoi/schema";
import { CRITERIA, SCORE_WORDS } from "@/lib/selection/scores";
import { createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

const FAR_FUTURE = new Date("2099-03-16T17:00:00Z");

const [SIMILARITY, TRAINING, RECRUITMENT, FIT] = CRITERIA.map((criterion) => criterion.label) as [
  string,
  string,
  string,
  string,
];

function submittedAnswers(token: string, teamName: string): QuestionnaireAnswers {
  return {
    eligibility: { clientGroups: ["LEARNING_DISABILITY"], otherClientGroups: "" },
    team: {
      organisation: `Wearside Council ${token}`,
      teamName,
      sector: "LOCAL_AUTHORITY",
      region: "NORTH_EAST",
      address: "3 Fawcett Street, Sunderland",
      contactName: "Mary Seacole",
      contactRole: "Team manager",
      contactEmail: `mary.${token}@example.org`,
      contactPhone: "0191 496 0789",
    },
    size: { frontLineWorkers: 10, supervisors: 2, caseload: 180 },
    practice: {
      community: { rating: 7, examples: "Weekly drop-in at the library" },
      coProduction: { rating: 6, examples: "Goals written with the person." },
      networks: { rating: 2, examples: "" },
      activities: { rating: 5, examples: "Allotment group" },
      communityLinks: { rating: 4, examples: "Links with the community centre" },
      supervision: { rating: 3, examples: "Monthly group supervision" },
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: true,
      managerSupports: true,
      referrals: 25,
      reorganisation: "",
      trainingPlaces: "Sunderland",
      trainingMonths: "September to November",
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

/** An agency that has submitted a complete, valid questionnaire and waits at "Questionnaire submitted". */
async function submittedAgency(token: string, teamName: string) {
  const answers = submittedAnswers(token, teamName);
  for (const key of SECTION_KEYS)
    expect(sectionSchemas[key].safeParse(sectionAnswers(answers, key)).success).toBe(true);
  return db.agency.create({
    data: {
      organisation: `Wearside Council ${token}`,
      teamName,
      stage: "SUBMITTED",
      region: "NORTH_EAST",
      clientGroups: ["LEARNING_DISABILITY"],
      expressionOfInterest: {
        create: {
          status: "SUBMITTED",
          answers: answers as Prisma.InputJsonValue,
          submittedAnswers: answers as Prisma.InputJsonValue,
          submittedAt: new Date("2026-03-16T12:00:00Z"),
        },
      },
    },
  });
}

/**
 * Scores one criterion with the keyboard only: the first score takes the focus, Space picks it,
 * the arrow keys move along the scores, and Tab goes on to the note.
 */
async function scoreWithKeyboard(page: Page, criterion: string, score: 1 | 2 | 3 | 4 | 5, note: string) {
  const group = page.getByRole("group", { name: criterion, exact: true });
  await group.getByRole("radio", { name: SCORE_WORDS[1] }).focus();
  await page.keyboard.press("Space");
  for (let step = 1; step < score; step += 1) await page.keyboard.press("ArrowRight");
  await expect(group.getByRole("radio", { name: SCORE_WORDS[score] })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(group.getByRole("textbox")).toBeFocused();
  await page.keyboard.type(note);
}

const scoresTable = (page: Page) => page.getByRole("table", { name: /Reviewers' scores/ });

test("a researcher scores two agencies, reads the means and selects one; the agency sees it once sent", async ({
  page,
  context,
}) => {
  test.slow(); // Two agencies scored, three moves, five accessibility scans and a second person.
  const token = unique();
  await db.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: FAR_FUTURE },
    update: {},
  });
  const alder = await submittedAgency(token, `Alder Team ${token}`);
  const birch = await submittedAgency(token, `Birch Team ${token}`);
  const lead = await createUser({ role: "AGENCY_STAFF", agencyId: alder.id, agencyRole: "LEAD" });
  const colleague = await createUser({ role: "RESEARCHER", name: `Colleague ${token}` });
  const researcher = await createUser({ role: "RESEARCHER", name: `Reviewer ${token}` });
  // A colleague has already scored Alder (the agency stays "submitted" until a review is saved here).
  await db.review.create({
    data: {
      agencyId: alder.id,
      reviewerId: colleague.id,
      similarityScore: 3,
      similarityNote: `Little community work yet ${token}`,
      trainingCapacityScore: 4,
      recruitmentCapacityScore: 2,
      clientGroupFitScore: 3,
    },
  });

  await signIn(page, researcher.email);
  await page.goto(`/researcher/agencies/${alder.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Alder Team ${token}` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Scores" })).toBeVisible();
  await expect(
    page.getByText("Self-reported by the agency (1 = not at all, 9 = fully): not a reviewer's score."),
  ).toBeVisible();
  await expect(page.getByText("7 of 9", { exact: true })).toBeVisible();
  await expect(page.getByText("2 of 9", { exact: true })).toBeVisible();
  await expect(scoresTable(page).getByRole("row", { name: new RegExp(`Colleague ${token}`) })).toBeVisible();
  await expectNoAxeViolations(page);

  // Three criteria scored, the fourth forgotten: the form says which, and puts the focus there.
  await scoreWithKeyboard(page, SIMILARITY, 5, "Already runs a weekly drop-in at the library.");
  await scoreWithKeyboard(page, TRAINING, 4, "Manager will release everyone.");
  await scoreWithKeyboard(page, RECRUITMENT, 4, "25 referrals a year.");
  await page.getByRole("button", { name: "Save your review" }).click();
  const fit = page.getByRole("group", { name: FIT, exact: true });
  await expect(fit.getByText(`Choose a score from 1 to 5 for “${FIT}”.`)).toBeVisible();
  await expect(fit.getByRole("radio", { name: SCORE_WORDS[1] })).toBeFocused();
  await expectNoAxeViolations(page);

  await scoreWithKeyboard(page, FIT, 3, "Learning disability team, as the pilot needs.");
  await page.getByRole("button", { name: "Save your review" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Your review of Alder Team ${token} is saved` }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Update your review" })).toBeVisible();

  // Both reviewers' scores, the means (5 and 3, 4 and 4, 4 and 2, 3 and 3) and where they differ.
  const table = scoresTable(page);
  await expect(table.getByRole("row", { name: new RegExp(`Reviewer ${token}`) }).getByRole("cell")).toHaveText([
    "5",
    "4",
    "4",
    "3",
    "4.0",
  ]);
  await expect(table.getByRole("row", { name: /^Mean/ }).getByRole("cell")).toHaveText([
    "4.0",
    "4.0",
    "3.0",
    "3.0",
    "3.5",
  ]);
  await expect(page.getByText(`Reviewers differ by 2 points on “${SIMILARITY}”: discuss.`)).toBeVisible();
  await expect(page.getByText(`Reviewers differ by 2 points on “${RECRUITMENT}”: discuss.`)).toBeVisible();
  await page.getByText(`Notes by Colleague ${token}`).click();
  await expect(page.getByText(`Little community work yet ${token}`)).toBeVisible();
  // The first review put the agency under review, and its history says so.
  const stage = page.getByRole("region", { name: "Stage", exact: true });
  await expect(stage.getByRole("definition").first()).toHaveText("Under review");
  await expect(page.getByRole("table", { name: "Stage changes, newest first" }).getByRole("row")).toHaveCount(2);
  await expectNoAxeViolations(page);

  // The second agency, scored alone: its means are this one review's scores.
  await page.goto(`/researcher/agencies/${birch.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Birch Team ${token}` })).toBeVisible();
  await expect(page.getByText("No researcher has scored this agency yet.", { exact: false })).toBeVisible();
  await scoreWithKeyboard(page, SIMILARITY, 3, "Some community work.");
  await scoreWithKeyboard(page, TRAINING, 2, "Short of staff this year.");
  await scoreWithKeyboard(page, RECRUITMENT, 3, "Enough referrals.");
  await scoreWithKeyboard(page, FIT, 4, "Good fit.");
  await page.getByRole("button", { name: "Save your review" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Your review of Birch Team ${token} is saved` }),
  ).toBeVisible();
  await expect(scoresTable(page).getByRole("row", { name: /^Mean/ }).getByRole("cell")).toHaveText([
    "3.0",
    "2.0",
    "3.0",
    "4.0",
    "3.0",
  ]);

  // Birch withdraws. No move is left after that, so the form leaves the page; the answer stays,
  // above where the form was, and takes the focus instead of letting it fall to the page.
  const birchStage = page.getByRole("region", { name: "Stage", exact: true });
  await birchStage.getByLabel("Move to").selectOption({ label: "Withdrawn" });
  await birchStage.getByLabel("Why the agency moves").fill(`The team is being reorganised ${token}`);
  await birchStage.getByRole("button", { name: "Move agency" }).click();
  const withdrawn = `Birch Team ${token} moved from “Under review” to “Withdrawn”.`;
  await expect(birchStage.getByRole("status")).toHaveText(withdrawn);
  await expect(birchStage.getByRole("status")).toBeVisible();
  await expect(page.locator(":focus")).toHaveText(withdrawn);
  await expect(
    birchStage.getByText("A withdrawn agency stays withdrawn: its stage can no longer be changed."),
  ).toBeVisible();
  await expect(birchStage.getByLabel("Move to")).toHaveCount(0);
  await expect(birchStage.getByRole("definition").first()).toHaveText("Withdrawn");
  await expect(page.locator(":focus")).toHaveText(withdrawn);
  await expectNoAxeViolations(page);

  // Alder is shortlisted, then selected. Other specs select agencies too: the cap only goes up, so
  // theirs cannot fill the places this one needs.
  await page.goto(`/researcher/agencies/${alder.id}`);
  const moves = page.getByRole("region", { name: "Stage", exact: true });
  // Only the moves allowed from "under review" are offered: selecting needs a shortlist first.
  await expect(moves.getByLabel("Move to").getByRole("option", { name: "Selected", exact: true })).toHaveCount(0);
  await moves.getByLabel("Move to").selectOption({ label: "Shortlisted" });
  await moves.getByLabel("Why the agency moves").fill(`Highest overall score ${token}`);
  await moves.getByRole("button", { name: "Move agency" }).click();
  await expect(moves.getByRole("status")).toContainText(`moved from “Under review” to “Shortlisted”`);

  // From the selection until the agency's page is checked, no other spec may send the decisions
  // (e2e/selection-pipeline.spec.ts sends every pending one under the same lock).
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(5005)`;
      await moves.getByLabel("Move to").selectOption({ label: "Selected" });
      await moves.getByLabel("Why the agency moves").fill(`Best fit for the learning disability group ${token}`);
      await moves.getByRole("button", { name: "Move agency" }).click();
      await expect(moves.getByRole("status")).toContainText(`Alder Team ${token} is now selected`);
      await expect(moves.getByRole("definition").first()).toHaveText("Selected");
      await expect(
        moves.getByText("Not sent yet: the agency is told when the team sends the decisions."),
      ).toBeVisible();

      const history = page.getByRole("table", { name: "Stage changes, newest first" });
      const rows = history.getByRole("row");
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(1).getByRole("cell")).toHaveText([
        "Shortlisted",
        "Selected",
        `Reviewer ${token}`,
        `Best fit for the learning disability group ${token}`,
      ]);
      await expect(rows.nth(2).getByRole("cell")).toHaveText([
        "Under review",
        "Shortlisted",
        `Reviewer ${token}`,
        `Highest overall score ${token}`,
      ]);
      await expect(rows.nth(3).getByRole("cell").nth(0)).toHaveText("Questionnaire submitted");
      await expect(rows.nth(3).getByRole("cell").nth(1)).toHaveText("Under review");
      await expect(rows.nth(3).getByRole("cell").nth(2)).toHaveText(`Reviewer ${token}`);
      await expectNoAxeViolations(page);

      // The agency's lead: a decision is internal until it is sent.
      await context.clearCookies();
      await signIn(page, lead.email);
      await page.goto("/agency");
      await expect(page.getByRole("heading", { level: 1, name: `Alder Team ${token}` })).toBeVisible();
      await expect(page.getByText(STAGE_FOR_AGENCY.UNDER_REVIEW)).toBeVisible();
      await expect(page.getByText(STAGE_FOR_AGENCY.SELECTED)).toHaveCount(0);
      await expect(page.getByText(/Decision: selected/)).toHaveCount(0);
    },
    { maxWait: 120_000, timeout: 120_000 },
  );

  await db.agency.update({
    where: { id: alder.id },
    data: { decisionSentStage: "SELECTED", decisionSentAt: new Date() },
  });
  await page.reload();
  await expect(page.getByText(STAGE_FOR_AGENCY.SELECTED)).toBeVisible();
  await expect(page.getByText(/Decision: selected/)).toBeVisible();
  await expect(page.getByText(STAGE_FOR_AGENCY.UNDER_REVIEW)).toHaveCount(0);
});
