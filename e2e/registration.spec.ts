import type { Locator, Page } from "@playwright/test";
import { createUser, db, expect, expectNoAxeViolations, PASSWORD, test, unique } from "./fixtures";

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator, limit = 40) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a team manager registers with the keyboard alone and lands on the agency page, signed in as its lead", async ({
  page,
}) => {
  const teamName = `Riverside CMHT ${unique()}`;
  const email = `Lead.${unique()}@Example.org`;
  await page.goto("/register");
  await expect(page.getByRole("heading", { level: 1, name: "Register your team" })).toBeVisible();
  await expectNoAxeViolations(page);

  await tabTo(page, page.getByLabel("Organisation"));
  await page.keyboard.type("Riverside Health and Care Trust");
  const answers: [string, string][] = [
    ["Team name", teamName],
    ["Your full name", "Priya Shah"],
    ["Your email address", email],
    ["Password", PASSWORD],
    ["Type the password again", PASSWORD],
  ];
  for (const [label, value] of answers) {
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(label, { exact: true })).toBeFocused();
    await page.keyboard.type(value);
  }
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/agency$/);
  await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  await expect(page.getByText("You are signed in as Priya Shah, agency lead for this team.")).toBeVisible();

  const agency = await db.agency.findFirstOrThrow({
    where: { teamName },
    include: { staff: true, expressionOfInterest: true },
  });
  expect(agency.stage).toBe("DRAFT");
  expect(agency.expressionOfInterest?.status).toBe("DRAFT");
  expect(agency.staff.map((person) => [person.email, person.agencyRole])).toEqual([[email.toLowerCase(), "LEAD"]]);
});

test("an email that already has an account gets a clear message on the email field, and nothing is created", async ({
  page,
}) => {
  const existing = await createUser({ role: "RESEARCHER" });
  const teamName = `Duplicate team ${unique()}`;
  await page.goto("/register");

  await page.getByLabel("Organisation").fill("Somewhere Trust");
  await page.getByLabel("Team name").fill(teamName);
  await page.getByLabel("Your full name").fill("Sam Taylor");
  await page.getByLabel("Your email address").fill(existing.email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Type the password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Register your team" }).click();

  const emailField = page.getByLabel("Your email address");
  await expect(
    page.getByText("An account with this email already exists — sign in or reset your password."),
  ).toBeVisible();
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(emailField).toBeFocused();
  await expect(page).toHaveURL(/\/register$/);
  await expectNoAxeViolations(page);
  expect(await db.agency.count({ where: { teamName } })).toBe(0);
});

test("the form says what to fix before sending anything", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Type the password again").fill("different");
  await page.getByRole("button", { name: "Register your team" }).click();

  await expect(page.getByText("Enter the name of your organisation.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByText("The two passwords are different.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Organisation")).toBeFocused();
  await expectNoAxeViolations(page);
});
