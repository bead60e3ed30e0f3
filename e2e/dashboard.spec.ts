// The researchers' dashboard and an agency's participant target. The browser tests share one
// database, so the study's totals are whatever the other tests left: this test makes its own
// recruiting agency with two participants who consented, and checks that agency's own row, then
// sets its target on its page and sees recruitment against it, up to over target.
import type { Page } from "@playwright/test";
import { createAgency, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** A participant of the agency who consented on `date` (referred and screened the same day). */
async function consentedParticipant(agency: { id: string; code: number }, sequence: number, date: string) {
  await db.participant.create({
    data: {
      studyId: `CP-${String(agency.code).padStart(2, "0")}-${String(sequence).padStart(4, "0")}`,
      agencyId: agency.id,
      sequence,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: true,
      status: "CONSENTED",
      referralDate: day(date),
      screenedDate: day(date),
      consentDate: day(date),
    },
  });
}

/** The row of the recruitment table for one agency. */
const recruitmentRow = (page: Page, teamName: string) =>
  page
    .getByRole("region", { name: /Recruitment per agency/ })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: teamName }) });

test("a researcher follows recruitment on the dashboard and sets an agency's target", async ({ page }) => {
  // Two long pages, three saves and five axe runs.
  test.slow();
  await db.study
    .upsert({
      where: { id: 1 },
      create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2099-03-16T17:00:00Z") },
      update: {},
    })
    // The phone and desktop runs may create it at the same moment; one of them wins.
    .catch(() => undefined);
  const teamName = `Dashboard team ${unique()}`;
  const agency = await createAgency({ stage: "RECRUITING", name: teamName });
  await consentedParticipant(agency, 1, "2026-01-12");
  await consentedParticipant(agency, 2, "2026-02-03");
  // A referral not yet screened: referred, not recruited.
  await db.participant.create({
    data: {
      studyId: `CP-${String(agency.code).padStart(2, "0")}-0003`,
      agencyId: agency.id,
      sequence: 3,
      subgroup: "LEARNING_DISABILITY",
      isNewReferral: false,
      referralDate: day("2026-02-10"),
    },
  });
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);

  await page.goto("/researcher");
  await expect(page.getByRole("heading", { level: 1, name: "Study overview" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Agencies by stage" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Training" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Recruitment against target" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Recruitment over time" })).toBeVisible();

  // The table shows 50 agencies a page, furthest behind target first; the other tests' agencies
  // share the database, so our agency is found by its name, as a researcher would find it.
  await expect(page.getByRole("region", { name: /Recruitment per agency/ })).toContainText(
    /Recruitment per agency, all \d+ agencies, furthest behind target first: page 1 of \d+\./,
  );
  await page.getByLabel("Team name contains").fill(teamName);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByRole("region", { name: /Recruitment per agency/ })).toContainText(
    `Recruitment per agency, 1 agency whose name contains “${teamName}”, furthest behind target first: page 1 of 1.`,
  );
  await expect(page.getByLabel("Team name contains")).toHaveValue(teamName);

  // Our agency's row: 2 recruited of its share of the study target, 3 referred, none further on.
  const row = recruitmentRow(page, teamName);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(0)).toHaveText("Recruiting participants");
  await expect(row.getByRole("cell").nth(1)).toContainText(/^2\/\d+ \(\d+ %\)/);
  await expect(row.getByRole("cell").nth(1)).toContainText("Share of the study target");
  await expect(row.getByRole("cell").nth(2)).toHaveText("3");
  await expect(row.getByRole("cell").nth(3)).toHaveText("0");
  await expect(row.getByRole("cell").nth(4)).toHaveText("0");
  await expect(row.getByRole("cell").nth(5)).toHaveText("0");

  // The chart, described in words, with the projection and the numbers as a table.
  const chart = page.getByRole("img", { name: "Cumulative recruitment against the study target" });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(
    /Participants recruited \(consented\) in total, from .* so far, against the study target of \d+\./,
  );
  await page.getByText("Show the numbers as a table").click();
  await expect(page.getByRole("columnheader", { name: "Total by the end of the month" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "January 2026" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing on the page is wider than the screen (the wide tables scroll inside their own box).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await row.getByRole("link", { name: teamName }).click();
  await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  const section = page.getByRole("region", { name: "Participant target" });
  await expect(section).toContainText("its share of the study target");
  await expect(section).toContainText(/2\/\d+ \(\d+ %\)/);

  const field = section.getByLabel("Own participant target");
  await expect(field).toHaveValue("");
  await field.fill("-1");
  await section.getByRole("button", { name: "Save the target" }).click();
  await expect(section.getByText("The target cannot be below 0.")).toBeVisible();
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/The target cannot be below 0\./);
  await expectNoAxeViolations(page);
  expect((await db.agency.findUniqueOrThrow({ where: { id: agency.id } })).participantTarget).toBeNull();

  await field.fill("2");
  await section.getByRole("button", { name: "Save the target" }).click();
  await expect(section.getByRole("status")).toContainText(
    `The participant target of ${teamName} is now 2 participants.`,
  );
  await expect(section.getByRole("status")).toBeFocused();
  await expect(section.getByText("2/2 (100 %)")).toBeVisible();
  await expect(section).toContainText("2: its own target");
  await expectNoAxeViolations(page);

  await field.fill("1");
  await section.getByRole("button", { name: "Save the target" }).click();
  await expect(section.getByRole("status")).toContainText(
    `The participant target of ${teamName} is now 1 participant.`,
  );
  await expect(section.getByText("2/1 (200 %)")).toBeVisible();
  await expect(section.getByText("over target")).toBeVisible();
  await expectNoAxeViolations(page);

  const audit = await db.auditEvent.findMany({
    where: { entity: "Agency", entityId: agency.id, action: "agency.target_changed" },
    orderBy: { at: "asc" },
    select: { actorId: true, before: true, after: true },
  });
  expect(audit).toEqual([
    { actorId: researcher.id, before: { participantTarget: null }, after: { participantTarget: 2 } },
    { actorId: researcher.id, before: { participantTarget: 2 }, after: { participantTarget: 1 } },
  ]);

  // Back on the dashboard, the agency's row shows its own target, over, at once; ordered by most
  // recruited, the search is kept.
  await page.goto(`/researcher?q=${encodeURIComponent(teamName)}`);
  await page
    .getByRole("navigation", { name: "Order of the agencies" })
    .getByRole("link", { name: "Most recruited first" })
    .click();
  await expect(page.getByText("Most recruited first (shown)")).toBeVisible();
  const updated = recruitmentRow(page, teamName);
  await expect(updated.getByRole("cell").nth(1)).toContainText("2/1 (200 %) over target");
  await expect(updated.getByRole("cell").nth(1)).toContainText("Own target");
});

test("the chart fits a 390 px screen", async ({ page }) => {
  const agency = await createAgency({ stage: "RECRUITING", name: `Narrow team ${unique()}` });
  await consentedParticipant(agency, 1, "2026-03-02");
  const researcher = await createUser({ role: "RESEARCHER" });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, researcher.email);
  await page.goto("/researcher");
  const chart = page.getByRole("img", { name: "Cumulative recruitment against the study target" });
  await expect(chart).toBeVisible();
  const box = await chart.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  expect(box!.width).toBeGreaterThan(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});
