import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { db } from "./fixtures";

test("a visitor learns what the study is and can go on to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Connecting People/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The number the study is looking for, as set in its settings (12 in the call).
  const study = await db.study.findUnique({ where: { id: 1 }, select: { agenciesToSelect: true } });
  const wanted = study?.agenciesToSelect ?? 12;
  await expect(page.getByText(new RegExp(`${wanted} (agencies|teams)`, "i")).first()).toBeVisible();
  await expect(page.getByText(/learning disabilit/i).first()).toBeVisible();

  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await page
    .getByRole("link", { name: /sign in/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel(/email/i)).toBeVisible();
});

test("the first thing a keyboard user reaches skips to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: /skip to main content/i });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
