// The whole expression of interest filled in with the keyboard alone, over two visits, with axe
// run on every section before it is filled in: Tab and Shift+Tab to move, typing into the focused
// box, Space to tick, arrow keys for ratings and yes/no answers, letters to choose from a list,
// Enter to save and continue and to submit. No clicks, fills or checks on the way.
import type { Locator, Page } from "@playwright/test";
import { createAgencyStaff, db, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const FAR_FUTURE = new Date("2099-03-16T17:00:00Z");

/** Unicode and markup in a text box: stored and shown exactly as typed, never run. */
const EXAMPLES = "Zoë’s walking group meets at the café — 日本語 🌿 <script>alert(1)</script> & <b>bold</b>";

/** A lead with an empty draft that is open, whatever deadline other tests left on the shared study row. */
async function leadWithEmptyDraft() {
  const study = await db.study.upsert({
    where: { id: 1 },
    create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: FAR_FUTURE },
    update: {},
  });
  const { agency, user } = await createAgencyStaff("LEAD");
  await db.expressionOfInterest.create({
    data: {
      agencyId: agency.id,
      status: "DRAFT",
      answers: {},
      // Never move the shared deadline; open this one questionnaire instead when it has passed.
      reopenedUntil: study.questionnaireDeadline <= new Date() ? FAR_FUTURE : null,
    },
  });
  return { agency, user };
}

const isFocused = (target: Locator) =>
  target.evaluate((element) => element === document.activeElement, undefined, { timeout: 5_000 });

/** Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  for (let presses = 0; presses < max && !(await isFocused(target)); presses++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused({ timeout: 1_000 });
}

/** Moves to a text box and types into it. */
async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.type(text);
  await expect(target).toHaveValue(text);
}

/** A rating from 1 to 9: Tab into the group, Space on "1", then the right arrow up to the rating. */
async function rate(page: Page, rating: number) {
  await tabTo(page, page.getByRole("radio", { name: "1 – not at all" }));
  await page.keyboard.press("Space");
  for (let step = 1; step < rating; step++) await page.keyboard.press("ArrowRight");
  const name = rating === 1 ? "1 – not at all" : rating === 9 ? "9 – fully" : String(rating);
  const chosen = page.getByRole("radio", { name, exact: true });
  await expect(chosen).toBeChecked();
  await expect(chosen).toBeFocused();
}

/** A yes/no question: Tab into its group (onto "Yes"), then Space for yes or the right arrow for no. */
async function answerYesNo(page: Page, question: string, answer: boolean) {
  const group = page.getByRole("group", { name: question });
  await tabTo(page, group.getByRole("radio", { name: "Yes" }));
  await page.keyboard.press(answer ? "Space" : "ArrowRight");
  await expect(group.getByRole("radio", { name: answer ? "Yes" : "No" })).toBeChecked();
}

/** Checks the section page before anything is typed, with axe. */
async function arriveAt(page: Page, slug: string, title: string) {
  await expect(page).toHaveURL(new RegExp(`/agency/questionnaire/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // The title streams in after the page's body on a move between sections: wait for it before axe.
  await expect(page).toHaveTitle(`${title} – Expression of interest · Connecting People pilot`);
  await expectNoAxeViolations(page);
}

/** "Save and continue" with Enter, which saves the section and opens the next one. */
async function saveAndContinue(page: Page) {
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");
}

async function practiceSection(page: Page, slug: string, title: string, rating: number, examples: string) {
  await arriveAt(page, slug, title);
  await rate(page, rating);
  await typeInto(page, page.getByLabel("Examples from the team's practice"), examples);
  await saveAndContinue(page);
}

test("a lead fills in and submits the whole questionnaire over two visits with the keyboard alone", async ({
  page,
  browser,
}) => {
  test.setTimeout(360_000); // Eleven sections, sixteen axe runs, two sign-ins: minutes on a busy machine.
  const { agency, user } = await leadWithEmptyDraft();
  const dialogs: string[] = [];

  // First visit: the first five sections.
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, user.email);
  await page.goto("/agency/questionnaire");
  await expect(page.getByText("0 of 11 sections complete.")).toBeVisible();
  await expectNoAxeViolations(page);
  await tabTo(page, page.getByRole("link", { name: "1. Who does this team work with?" }));
  await page.keyboard.press("Enter");

  await arriveAt(page, "eligibility", "Who does this team work with?");
  for (const group of [
    "Adults of working age with mental health problems",
    "Adults (over 18) with learning disabilities",
  ]) {
    const box = page.getByRole("checkbox", { name: group });
    await tabTo(page, box);
    await page.keyboard.press("Space");
    await expect(box).toBeChecked();
  }
  await saveAndContinue(page);

  await arriveAt(page, "team", "The team and its contact person");
  await typeInto(page, page.getByLabel("Organisation"), "Tyneside & Wear NHS Trust");
  await typeInto(page, page.getByLabel("Team name"), "Community mental health team (east)");
  const sector = page.getByLabel("Sector");
  await tabTo(page, sector);
  await page.keyboard.type("Vol"); // Choosing from a closed list by typing the start of an option.
  await expect(sector).toHaveValue("VOLUNTARY");
  const region = page.getByLabel("English region");
  await tabTo(page, region);
  await page.keyboard.press("ArrowDown"); // Or with the arrow keys: the option after "Choose the region".
  await expect(region).toHaveValue("NORTH_EAST");
  await typeInto(page, page.getByLabel("Team address"), "1 High Street, Newcastle upon Tyne NE1 1AA");
  await typeInto(page, page.getByLabel("Contact person", { exact: true }), "Zoë O’Brien");
  await typeInto(page, page.getByLabel("Contact person's role"), "Team manager");
  await typeInto(page, page.getByLabel("Contact email address"), "zoe.obrien@example.org");
  await typeInto(page, page.getByLabel("Contact telephone number"), "0191 496 0123");
  // Back up through the form to the first box, as someone checking their answers would.
  await tabTo(page, page.getByLabel("Organisation"), { backwards: true });
  await saveAndContinue(page);

  await arriveAt(page, "size", "Size of the team");
  await typeInto(page, page.getByLabel("Number of front-line workers"), "12");
  await typeInto(page, page.getByLabel("Number of supervisors"), "2");
  await typeInto(page, page.getByLabel("Current caseload (number of people)"), "300");
  await saveAndContinue(page);

  await practiceSection(page, "practice-community", "Engagement with local communities", 6, EXAMPLES);
  await practiceSection(
    page,
    "practice-co-production",
    "Agreeing goals together (co-production)",
    4,
    "Goals are agreed at the first visit.",
  );
  await arriveAt(page, "practice-networks", "Talking about and mapping social networks");
  await page.close(); // The browser is closed mid-way; everything saved so far is kept.

  // Second visit: a new browser session, the rest of the sections, the check and the submit.
  const context = await browser.newContext();
  const again = await context.newPage();
  again.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(again, user.email);
  await again.goto("/agency/questionnaire");
  await expect(again.getByText("5 of 11 sections complete.")).toBeVisible();
  const done = again
    .getByRole("listitem")
    .filter({ has: again.getByRole("link", { name: "5. Agreeing goals together (co-production)" }) });
  await expect(done.getByText("Complete", { exact: true })).toBeVisible();
  await expectNoAxeViolations(again);
  await tabTo(again, again.getByRole("link", { name: "6. Talking about and mapping social networks" }));
  await again.keyboard.press("Enter");

  await practiceSection(
    again,
    "practice-networks",
    "Talking about and mapping social networks",
    5,
    "We draw network maps with people.",
  );
  await practiceSection(
    again,
    "practice-activities",
    "Trying new social and community activities",
    7,
    "Taster sessions at the leisure centre.",
  );
  await practiceSection(
    again,
    "practice-community-links",
    "The team's own links with community groups",
    3,
    "A list of local groups, kept up to date.",
  );
  await practiceSection(
    again,
    "practice-supervision",
    "Supervision and agency support",
    9,
    "Monthly group supervision.",
  );

  await arriveAt(again, "capacity", "Capacity and commitment");
  await answerYesNo(again, "Can the team release workers for 3 training days?", true);
  await answerYesNo(again, "Can the team release supervisors for 2 more training days?", false);
  await answerYesNo(again, "Does the service manager support the team taking part?", true);
  await typeInto(
    again,
    again.getByLabel("How many new referrals could the team invite to the study during the pilot?"),
    "20",
  );
  await typeInto(again, again.getByLabel("Reorganisations planned during the pilot"), "None planned.");
  await typeInto(again, again.getByLabel("Places that would suit the team for training"), "Newcastle or Gateshead");
  await typeInto(again, again.getByLabel("Months that would suit the team for training"), "May or June");
  await saveAndContinue(again);

  await arriveAt(again, "agreement", "Agreement");
  for (const agreement of [
    "The team agrees to take part in the evaluation",
    "The team agrees to support the recruitment of participants",
  ]) {
    const box = again.getByRole("checkbox", { name: agreement });
    await tabTo(again, box);
    await again.keyboard.press("Space");
    await expect(box).toBeChecked();
  }
  await saveAndContinue(again);

  await expect(again).toHaveURL(/\/agency\/questionnaire\/review$/);
  await expect(again.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  await expect(again).toHaveTitle(/^Check your answers – Expression of interest/);
  await expectNoAxeViolations(again);
  // The text is on the page exactly as typed, as text: the markup is neither run nor turned into elements.
  const examples = again.getByText(EXAMPLES, { exact: true });
  await expect(examples).toBeVisible();
  expect(await examples.evaluate((element) => element.childElementCount)).toBe(0);
  await expect(again.getByText("Zoë O’Brien", { exact: true })).toBeVisible();
  await expect(again.getByText("Voluntary sector", { exact: true })).toBeVisible();
  await tabTo(again, again.getByRole("button", { name: "Submit the expression of interest" }));
  await again.keyboard.press("Enter");

  await expect(again).toHaveURL(/\/agency\/questionnaire\/submitted$/);
  await expect(again.getByRole("heading", { level: 1, name: "Expression of interest submitted" })).toBeVisible();
  await expect(again).toHaveTitle(/^Expression of interest submitted/);
  await expectNoAxeViolations(again);
  expect(dialogs).toEqual([]);

  const eoi = await db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId: agency.id } });
  expect(eoi.status).toBe("SUBMITTED");
  expect(eoi.submittedAnswers).toMatchObject({
    eligibility: { clientGroups: ["MENTAL_HEALTH_WORKING_AGE", "LEARNING_DISABILITY"] },
    team: { sector: "VOLUNTARY", region: "NORTH_EAST", contactName: "Zoë O’Brien" },
    size: { frontLineWorkers: 12, supervisors: 2, caseload: 300 },
    practice: {
      community: { rating: 6, examples: EXAMPLES },
      coProduction: { rating: 4 },
      networks: { rating: 5 },
      activities: { rating: 7 },
      communityLinks: { rating: 3 },
      supervision: { rating: 9 },
    },
    capacity: { releaseWorkers: true, releaseSupervisors: false, managerSupports: true, referrals: 20 },
    agreement: { evaluation: true, recruitment: true },
  });
  await context.close();
});
