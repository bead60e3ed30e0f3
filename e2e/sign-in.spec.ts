// Signing in and out: each role's landing place, the one message for wrong credentials, and the
// refusal after repeated failures.
import type { Page } from "@playwright/test";
import { SIGN_IN_FAILED_MESSAGE, TOO_MANY_SIGN_INS_MESSAGE } from "@/lib/auth/schema";
import {
  createAgencyStaff,
  createUser,
  expect,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
  unique,
} from "./fixtures";

// Failed sign-ins count per client address too, and every test reaches the app from the same
// machine: each test comes from an address of its own, so that one test's failures never lock
// out another's sign-ins.
test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `2001:db8::${unique().slice(0, 4)}:${unique().slice(0, 4)}` });
});

/** The form's error summary (Next's route announcer is an alert too, outside the main content). */
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

/** One sign-in through the form, waiting until the server has answered it. */
async function trySignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

test("a researcher lands on the study overview", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);
  await expect(page).toHaveURL(/\/researcher$/);
});

for (const agencyRole of ["LEAD", "SUPERVISOR", "WORKER"] as const) {
  test(`an agency ${agencyRole.toLowerCase()} lands on their agency's page`, async ({ page }) => {
    const { agency, user } = await createAgencyStaff(agencyRole);
    // Typed in capitals: the email address is not case-sensitive.
    await signIn(page, user.email.toUpperCase());
    await expect(page).toHaveURL(/\/agency$/);
    await expect(page.getByRole("heading", { level: 1, name: agency.teamName })).toBeVisible();
  });
}

test("a wrong password and an unknown email get the same message, which does not say which part was wrong", async ({
  page,
}) => {
  const user = await createUser();
  await page.goto("/signin");

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toBeFocused();
  await expectNoAxeViolations(page);

  await trySignIn(page, user.email, "not-the-right-password");
  const alert = formAlert(page);
  await expect(alert).toHaveText(SIGN_IN_FAILED_MESSAGE);
  await expect(alert).toBeFocused();
  await expectNoAxeViolations(page);

  await trySignIn(page, `nobody.${unique()}@example.org`, PASSWORD);
  await expect(formAlert(page)).toHaveText(SIGN_IN_FAILED_MESSAGE);
  await expect(page).toHaveURL(/\/signin/);
});

test("after 5 failed sign-ins the next one is refused, even with the right password", async ({ page }) => {
  const user = await createUser();
  await page.goto("/signin");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await trySignIn(page, user.email, `wrong-password-${attempt}`);
    await expect(formAlert(page)).toHaveText(SIGN_IN_FAILED_MESSAGE);
  }

  await trySignIn(page, user.email, PASSWORD);
  await expect(formAlert(page)).toHaveText(TOO_MANY_SIGN_INS_MESSAGE);
  await expect(page).toHaveURL(/\/signin/);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
});

test("signing out returns to the home page and ends the session", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);

  // On a phone the button is in the menu.
  const menu = page.getByText("Menu", { exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Sign out" }).filter({ visible: true }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.goto("/researcher");
  await expect(page).toHaveURL(/\/signin/);
});

test("on a phone, a menu opened before the page's script has run stays open when it arrives", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);

  // Hold the page's JavaScript back (routing also turns the browser's cache off), as a slow phone
  // network would, and open the menu meanwhile.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/researcher", { waitUntil: "domcontentloaded" });
  const menu = page.locator("summary", { hasText: "Menu" });
  test.skip(!(await menu.isVisible()), "a wide screen shows the links without a menu");
  await menu.click();
  const details = page.locator("details", { has: menu });
  await expect(details).toHaveAttribute("open", "");
  await expect(details).not.toHaveAttribute("data-enhanced", "true");

  release();
  await expect(details).toHaveAttribute("data-enhanced", "true");
  await expect(details).toHaveAttribute("open", "");
  await details.getByRole("link", { name: "Agencies" }).click();
  await expect(page).toHaveURL(/\/researcher\/agencies$/);
  // Following a link from the menu closes it.
  await expect(details).not.toHaveAttribute("open", "");
});
