// Forgotten passwords (a link by email, used once) and changing one's name and password on the
// profile page.
import type { Page } from "@playwright/test";
import { RESET_LINK_SENT_MESSAGE } from "@/lib/auth/schema";
import { newToken } from "@/lib/auth/tokens";
import {
  createAgencyStaff,
  createUser,
  db,
  expect,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
  unique,
} from "./fixtures";

const NEW_PASSWORD = "orchard-pebble-compass-64";

// Failed sign-ins count per client address, and every test reaches the app from the same machine:
// each test comes from an address of its own.
test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `2001:db8::${unique().slice(0, 4)}:${unique().slice(0, 4)}` });
});

/** The path of the reset link in the newest reset email to this address (it is only there). */
async function resetLinkFor(email: string): Promise<string> {
  let path: string | undefined;
  await expect
    .poll(async () => {
      const message = await db.outboxEmail.findFirst({
        where: { to: email, kind: "password-reset" },
        orderBy: { createdAt: "desc" },
      });
      path = message ? /\/reset-password\/[A-Za-z0-9_-]+/.exec(message.text)?.[0] : undefined;
      return path;
    })
    .toBeDefined();
  return path!;
}

async function askForResetLink(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByText(RESET_LINK_SENT_MESSAGE)).toBeVisible();
}

test("someone who forgot their password sets a new one with the emailed link and signs in with it", async ({
  page,
}) => {
  const user = await createUser({ role: "RESEARCHER" });

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Email address").fill(user.email.toUpperCase());
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByText(RESET_LINK_SENT_MESSAGE)).toBeVisible();
  await expectNoAxeViolations(page);

  const link = await resetLinkFor(user.email);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The server refuses a common password; the form says so next to the field.
  await page.getByLabel("New password", { exact: true }).fill("qwertyuiop");
  await page.getByLabel("New password again").fill("qwertyuiop");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText(/one of the most common passwords/)).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(`${NEW_PASSWORD}x`);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("The two new passwords are not the same.", { exact: false })).toBeVisible();

  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/signin\?reset=done$/);
  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Your password has been changed. Sign in with your new password.",
  );

  await signIn(page, user.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/researcher$/);
  expect(await db.outboxEmail.count({ where: { to: user.email, kind: "password-changed" } })).toBe(1);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link has already been used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  await expectNoAxeViolations(page);
});

test("an address without an account gets the same answer", async ({ page }) => {
  const email = `nobody.${unique()}@example.org`;
  await askForResetLink(page, email);
  expect(await db.userToken.count({ where: { email } })).toBe(0);
});

test("an expired link says so and offers a new one", async ({ page }) => {
  const user = await createUser();
  const { token, tokenHash } = newToken();
  await db.userToken.create({
    data: {
      purpose: "PASSWORD_RESET",
      userId: user.id,
      email: user.email,
      tokenHash,
      expiresAt: new Date(Date.now() - 60_000),
    },
  });

  await page.goto(`/reset-password/${token}`);
  await expect(page.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible();
  await expect(page.getByText("This link has expired. Ask for a new one.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
});

test("an older link stops working once a newer one is asked for", async ({ page }) => {
  const user = await createUser();
  await askForResetLink(page, user.email);
  const first = await resetLinkFor(user.email);
  await askForResetLink(page, user.email);
  await expect.poll(() => resetLinkFor(user.email)).not.toBe(first);

  await page.goto(first);
  await expect(page.getByRole("heading", { level: 1, name: "This link has been replaced" })).toBeVisible();
});

test("changing one's password on the profile page keeps this browser signed in and signs out the others", async ({
  page,
  browser,
}) => {
  // Five password hashes and checks (argon2id is slow on purpose), two browsers and two axe runs.
  test.slow();
  const { user } = await createAgencyStaff("WORKER");
  const elsewhere = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `2001:db8::${unique().slice(0, 4)}:1` },
  });
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, user.email);
  await signIn(page, user.email);

  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Current password").fill("not-my-current-password");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.", { exact: false })).toBeVisible();
  await expect(page.getByLabel("Current password")).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password has been changed.");

  // This browser carries on; the other one is signed out.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await otherPage.goto("/agency");
  await expect(otherPage).toHaveURL(/\/signin/);
  await signIn(otherPage, user.email, NEW_PASSWORD);
  await expect(otherPage).toHaveURL(/\/agency$/);
  await elsewhere.close();
});

test("changing one's name shows at once and is in the audit trail", async ({ page }) => {
  const user = await createUser({ role: "RESEARCHER", name: `Old Name ${unique()}` });
  const newName = `New Name ${unique()}`;
  await signIn(page, user.email);
  await page.goto("/profile");

  await page.getByLabel("Your name").fill("");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();

  await page.getByLabel("Your name").fill(newName);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Your name has been changed.");
  await expect(page.getByLabel("Your name")).toHaveValue(newName);
  await expect(page.getByText(newName, { exact: true }).first()).toBeAttached();

  const audit = await db.auditEvent.findFirst({ where: { entityId: user.id, action: "user.name_changed" } });
  expect(audit).toMatchObject({ actorId: user.id, before: { name: user.name }, after: { name: newName } });
});
