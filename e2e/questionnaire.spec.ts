// The agency's side of the expression of interest: filling sections in, field errors with focus,
// progress, and the kind screen-out for a team outside the pilot's three client groups.
import { createAgencyStaff, db, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const FAR_FUTURE = new Date("2099-03-16T17:00:00Z");

/** A lead whose questionnaire is open, whatever deadline other tests left on the shared study row. */
async function leadWithDraft(answers: object = {}) {
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
      answers,
      // Never move the shared deadline; open this one questionnaire instead when it has passed.
      reopenedUntil: study.questionnaireDeadline <= new Date() ? FAR_FUTURE : null,
    },
  });
  return { agency, user };
}

test("a lead fills in eligibility and the team section, meets a field error, and sees progress", async ({ page }) => {
  test.slow(); // Three pages, three axe runs and three saves: over 30 s when the machine is busy.
  const { user } = await leadWithDraft();
  await signIn(page, user.email);

  await page.goto("/agency/questionnaire");
  await expect(page.getByRole("heading", { level: 1, name: "Expression of interest" })).toBeVisible();
  await expect(page.getByText("0 of 11 sections complete.")).toBeVisible();
  await expect(page.getByText(/left: the questionnaire closes on/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "1. Who does this team work with?" }).click();
  await expect(page).toHaveURL(/\/agency\/questionnaire\/eligibility$/);
  await page.getByRole("checkbox", { name: "Adults (over 18) with learning disabilities" }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page).toHaveURL(/\/agency\/questionnaire\/team$/);
  await expect(page.getByRole("heading", { level: 1, name: "The team and its contact person" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Organisation").fill("Tyneside Trust");
  await page.getByLabel("Team name").fill("Learning disability team");
  await page.getByLabel("Sector").selectOption({ label: "NHS" });
  await page.getByLabel("English region").selectOption({ label: "North East" });
  await page.getByLabel("Team address").fill("1 High Street, Newcastle");
  await page.getByLabel("Contact person", { exact: true }).fill("Ann Example");
  await page.getByLabel("Contact person's role").fill("Team manager");
  await page.getByLabel("Contact email address").fill("not-an-email");
  await page.getByLabel("Contact telephone number").fill("0191 496 0123");
  await page.getByRole("button", { name: "Save draft" }).click();

  const email = page.getByLabel("Contact email address");
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem with 1 answer" })).toContainText(
    "Enter an email address like name@example.org.",
  );
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  await email.fill("ann@example.org");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/agency\/questionnaire\/size$/);

  await page.goto("/agency/questionnaire");
  await expect(page.getByText("2 of 11 sections complete.")).toBeVisible();
  const team = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "2. The team" }) });
  await expect(team.getByText("Complete", { exact: true })).toBeVisible();
});

test("a team outside the three client groups is told kindly that it cannot take part", async ({ page }) => {
  const { user } = await leadWithDraft();
  await signIn(page, user.email);

  await page.goto("/agency/questionnaire/eligibility");
  await page.getByLabel("Other groups the team works with").fill("Young people leaving care");
  await expect(page.getByText(/only for teams that work with .* it cannot take part/)).toBeVisible();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved." })).toBeVisible();

  await page.goto("/agency/questionnaire");
  await expect(page.getByText(/Your answers say your team works with none of these groups/)).toBeVisible();
});

test("what was typed when the session ended is offered again after signing back in", async ({ page, context }) => {
  const { user } = await leadWithDraft();
  await signIn(page, user.email);
  await page.goto("/agency/questionnaire/team");
  await page.getByLabel("Team name").fill("Typed before the session ended");

  await context.clearCookies();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText(/kept on this device/).or(page.getByRole("heading", { name: "Sign in" }))).toBeVisible();

  await signIn(page, user.email);
  await page.goto("/agency/questionnaire/team");
  await expect(page.getByLabel("Team name")).toHaveValue("");
  await page.getByRole("button", { name: "Restore them" }).click();
  await expect(page.getByLabel("Team name")).toHaveValue("Typed before the session ended");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved." })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Team name")).toHaveValue("Typed before the session ended");
  await expect(page.getByRole("button", { name: "Restore them" })).toHaveCount(0);
});

const practice = { rating: 6, examples: "<b>Walking group</b> with the library" };
const ALL_BUT_AGREEMENT = {
  eligibility: { clientGroups: ["MENTAL_HEALTH_WORKING_AGE"], otherClientGroups: "" },
  team: {
    organisation: "Tyneside Trust",
    teamName: "Community mental health team",
    sector: "NHS",
    region: "NORTH_EAST",
    address: "1 High Street, Newcastle",
    contactName: "Ann Example",
    contactRole: "Team manager",
    contactEmail: "ann@example.org",
    contactPhone: "0191 496 0123",
  },
  size: { frontLineWorkers: 12, supervisors: 2, caseload: 300 },
  practice: Object.fromEntries(
    ["community", "coProduction", "networks", "activities", "communityLinks", "supervision"].map((name) => [
      name,
      practice,
    ]),
  ),
  capacity: {
    releaseWorkers: true,
    releaseSupervisors: true,
    managerSupports: true,
    referrals: 20,
    reorganisation: "",
    trainingPlaces: "Newcastle",
    trainingMonths: "May, June",
  },
};

test("the last section, the check, the submit, then contact details only", async ({ page }) => {
  const { agency, user } = await leadWithDraft(ALL_BUT_AGREEMENT);
  await signIn(page, user.email);

  await page.goto("/agency/questionnaire/agreement");
  await page.getByRole("checkbox", { name: "The team agrees to take part in the evaluation" }).check();
  await page.getByRole("checkbox", { name: "The team agrees to support the recruitment of participants" }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page).toHaveURL(/\/agency\/questionnaire\/review$/);
  await expect(page.getByText("<b>Walking group</b> with the library").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Submit the expression of interest" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Expression of interest submitted" })).toBeVisible();
  await expect
    .poll(async () => (await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).stage)
    .toBe("SUBMITTED");

  await page.goto("/agency/questionnaire");
  await expect(page.getByRole("heading", { name: "Your submitted answers" })).toBeVisible();
  await page.getByLabel("Contact person", { exact: true }).fill("Bea New");
  await page.getByRole("button", { name: "Save contact details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Contact details saved." })).toBeVisible();
  await expectNoAxeViolations(page);
  const eoi = await db.expressionOfInterest.findUniqueOrThrow({ where: { agencyId: agency.id } });
  expect(eoi.submittedAnswers).toMatchObject({ team: { contactName: "Ann Example" } });
});
