import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { createAgencyStaff, createUser, db, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

/** Follows a link of the main navigation, opening the phone's menu first when there is one. */
async function openFromNavigation(page: Page, name: string) {
  const menu = page.locator("summary", { hasText: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
}

test("a researcher finds a record's history in the audit trail and reads what changed", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  const { user: lead } = await createAgencyStaff("LEAD");
  const entityId = randomUUID();
  await db.auditEvent.createMany({
    data: [
      {
        actorId: lead.id,
        action: "user.invited",
        entity: "User",
        entityId,
        after: { email: "new.worker@example.org", agencyRole: "WORKER" },
        at: new Date("2026-06-30T12:00:00Z"),
      },
      {
        // 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST).
        actorId: lead.id,
        action: "user.role_changed",
        entity: "User",
        entityId,
        before: { agencyRole: "WORKER", passwordHash: "$argon2id$never-show-this" },
        after: { agencyRole: "SUPERVISOR", passwordHash: "$argon2id$nor-this" },
        at: new Date("2026-06-30T23:30:00Z"),
      },
      // Another record's event, which the filter must leave out.
      { actorId: null, action: "user.invited", entity: "User", entityId: randomUUID() },
    ],
  });

  await signIn(page, researcher.email);
  await openFromNavigation(page, "Audit");
  await expect(page).toHaveURL(/\/researcher\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expect(page.getByText("The audit trail cannot be changed or deleted.")).toBeVisible();

  await page.getByLabel("Record id").fill(entityId);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`entityId=${entityId}`));
  await expect(page.getByRole("heading", { name: "2 events match the filter" })).toBeVisible();
  await expect(page.getByLabel("Record id")).toHaveValue(entityId);

  const table = page.getByRole("table", { name: /Audit events, newest first/ });
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(3); // the header and two events
  const newest = rows.nth(1);
  await expect(newest.getByRole("rowheader")).toHaveText("1 Jul 2026, 00:30:00");
  await expect(newest).toContainText("User role changed");
  await expect(newest).toContainText(lead.name);
  await expect(newest).toContainText(lead.email);
  await expect(newest).toContainText("agencyRole: WORKER → SUPERVISOR");
  await expect(rows.nth(2)).toContainText("User invited");
  await expect(rows.nth(2)).toContainText("agencyRole: (none) → WORKER");
  await expect(page.locator("body")).not.toContainText(/argon2|passwordHash/);
  await expect(page.getByText("Page 1 of 1", { exact: true })).toBeVisible();

  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/researcher\/audit$/);
  await expect(page.getByLabel("Record id")).toHaveValue("");
});

test("a filter that cannot be used is explained beside its field, and every event is shown", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await db.auditEvent.create({
    data: { action: "agency.stage_changed", entity: "Agency", entityId: randomUUID(), after: { stage: "SUBMITTED" } },
  });

  await signIn(page, researcher.email);
  await page.goto("/researcher/audit?from=2026-07-02&to=2026-07-01&entity=Spaceship");

  await expect(
    page.getByRole("alert", { name: "The filter could not be used, so every event is shown" }),
  ).toBeFocused();
  const to = page.getByLabel("To date");
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toHaveAccessibleDescription(/must be the same as or after the from date/);
  await expect(page.getByLabel("Kind of record")).toHaveAccessibleDescription(/Choose a kind of record/);
  // Unfiltered: the heading counts every event, not the ones that "match the filter".
  await expect(page.getByRole("heading", { level: 2, name: /^\d+ events?$/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Audit events/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an agency lead cannot open the audit trail", async ({ page }) => {
  const { user: lead } = await createAgencyStaff("LEAD");
  await signIn(page, lead.email);

  await page.goto("/researcher/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("The audit trail cannot be changed or deleted.")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toHaveCount(0);
});
