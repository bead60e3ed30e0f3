import type { Page } from "@playwright/test";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SECTION_KEYS, sectionAnswers, sectionSchemas, type QuestionnaireAnswers } from "@/lib/eoi/schema";
import { createAgencyStaff, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

/** Follows a link of the main navigation (opening the phone's menu first), or goes there directly when it has none yet. */
async function openAgencies(page: Page) {
  const menu = page.locator("summary", { hasText: "Menu" });
  if (await menu.isVisible()) await menu.click();
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agencies" });
  if ((await link.count()) > 0) await link.first().click();
  else await page.goto("/researcher/agencies");
}

function submittedAnswers(token: string): QuestionnaireAnswers {
  return {
    eligibility: { clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"], otherClientGroups: "" },
    team: {
      organisation: `Tyneside Trust ${token}`,
      teamName: `Older Adults Team ${token}`,
      sector: "NHS",
      region: "NORTH_EAST",
      address: "2 Quay Road, Newcastle upon Tyne",
      contactName: "Mary Seacole",
      contactRole: "Team manager",
      contactEmail: `mary.${token}@example.org`,
      contactPhone: "0191 496 0456",
    },
    size: { frontLineWorkers: 14, supervisors: 2, caseload: 310 },
    practice: {
      community: { rating: 7, examples: `Weekly drop-in at the library <script>alert(1)</script> ${token}` },
      coProduction: { rating: 6, examples: "Goals written with the person." },
      networks: { rating: 2, examples: "" },
      activities: { rating: 5, examples: "Allotment group" },
      communityLinks: { rating: 4, examples: "Links with the Age UK café" },
      supervision: { rating: 3, examples: "Monthly group supervision" },
    },
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: true,
      managerSupports: true,
      referrals: 25,
      reorganisation: "",
      trainingPlaces: "Newcastle",
      trainingMonths: "September to November",
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

test("a researcher finds a submitted questionnaire, reads it as submitted, prints it and reopens it", async ({
  page,
}) => {
  test.slow(); // a long journey across two pages, with two accessibility scans
  const token = unique();
  const answers = submittedAnswers(token);
  for (const key of SECTION_KEYS)
    expect(sectionSchemas[key].safeParse(sectionAnswers(answers, key)).success).toBe(true);
  const agency = await db.agency.create({
    data: {
      organisation: `Tyneside Trust ${token}`,
      teamName: `Older Adults Team ${token}`,
      stage: "SUBMITTED",
      region: "NORTH_EAST",
      clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
      // Changed since the submission: the page must still show the submitted contact person.
      contactName: "Florence Nightingale",
      contactEmail: `florence.${token}@example.org`,
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
  const researcher = await createUser({ role: "RESEARCHER" });

  await signIn(page, researcher.email);
  await openAgencies(page);
  await expect(page).toHaveURL(/\/researcher\/agencies/);
  await expect(page.getByRole("heading", { level: 1, name: "Agencies" })).toBeVisible();

  await page.getByLabel("Team or organisation name contains").fill(token);
  await page.getByLabel("Questionnaire state").selectOption("submitted");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${token}`));
  await expect(page.getByRole("heading", { name: "1 agency matches the filter" })).toBeVisible();
  const table = page.getByRole("table", { name: /Agencies and their questionnaires/ });
  const row = table.getByRole("row").filter({ hasText: token });
  await expect(row).toContainText("Submitted");
  await expect(row).toContainText("North East");
  await expect(row).toContainText("Older adults with functional mental health problems");
  await expect(row).toContainText("Monday, 16 March 2026 at 12:00");

  await table.getByRole("link", { name: "Region" }).click();
  await expect(table.getByRole("columnheader", { name: "Region" })).toHaveAttribute("aria-sort", "ascending");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: `Older Adults Team ${token}` }).click();
  await expect(page).toHaveURL(new RegExp(`/researcher/agencies/${agency.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Older Adults Team ${token}` })).toBeVisible();
  const community = page.getByRole("region", { name: "4. Engagement with local communities" });
  await expect(community.getByText("7 out of 9", { exact: true })).toBeVisible();
  await expect(
    community.getByText(`Weekly drop-in at the library <script>alert(1)</script> ${token}`, { exact: true }),
  ).toBeVisible();
  const team = page.getByRole("region", { name: "2. The team and its contact person" });
  await expect(team.getByText("Mary Seacole", { exact: true })).toBeVisible();
  const contact = page.getByRole("region", { name: /Current contact details/ });
  await expect(contact.getByText("Florence Nightingale", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // On paper: the questionnaire only, without the site's header and navigation or the buttons.
  await expect(page.locator("body > header")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("body > header")).toBeHidden();
  await expect(page.getByRole("navigation")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Print the questionnaire" })).toBeHidden();
  await expect(community.getByText("7 out of 9", { exact: true })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  await page.getByLabel("Open until (date)").fill(`${new Date().getUTCFullYear() + 1}-01-15`);
  await page.getByLabel("Time (UK time)").fill("12:00");
  await page.getByLabel("Reason").fill("The caseload figure needs correcting.");
  await page.getByRole("button", { name: "Reopen the questionnaire" }).click();
  // The page has other forms (the review, the stage move), each with its own status region.
  const reopen = page.getByRole("region", { name: "Reopen the questionnaire" });
  await expect(reopen.getByRole("status")).toContainText("is open again until");
  const stage = page.getByRole("region", { name: "Stage", exact: true });
  await expect(stage.getByRole("definition").first()).toHaveText("Questionnaire in progress");
});

test("an unknown agency is not found, and an address that cannot be used is explained", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);
  const response = await page.goto("/researcher/agencies/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  const junk = await page.goto("/researcher/agencies?state=nonsense&sort=%3Cscript%3E");
  expect(junk?.status()).toBe(200);
  await expect(page.getByText("Choose a questionnaire state from the list.")).toBeVisible();
});

test("agency staff cannot open the agencies list or a questionnaire", async ({ page }) => {
  const { agency, user } = await createAgencyStaff("LEAD", "SUBMITTED");
  await signIn(page, user.email);
  expect((await page.goto("/researcher/agencies"))?.status()).toBe(404);
  expect((await page.goto(`/researcher/agencies/${agency.id}`))?.status()).toBe(404);
});
