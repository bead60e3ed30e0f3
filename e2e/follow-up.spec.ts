// The research team's follow-up list: a researcher opens Participants, then Follow-up, narrows the
// lists to one agency, finds a participant whose follow-up is due and one whose follow-up is overdue
// in the right lists, and follows a study ID to the participant's page; an agency in the address
// that does not exist is explained. Axe on every page. The database is shared by specs running at
// the same time (and by this spec on desktop and phone at once): the agency and its participants
// are this test's own, and the checks look only at them.
import type { Page } from "@playwright/test";
import {
  addDays,
  followUpSchedule,
  followUpState,
  formatCalendarDate,
  formatStudyId,
  ukToday,
} from "@/lib/recruitment/rules";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { createAgency, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

/** Follows a link of the main navigation, opening the phone's menu first. */
async function openFromMenu(page: Page, name: string) {
  const menu = page.locator("summary", { hasText: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).first().click();
}

/** The calendar date some whole months before `date`, clamped to the end of a shorter month. */
function monthsBefore(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay)))
    .toISOString()
    .slice(0, 10);
}

test("a researcher finds an agency's due and overdue follow-ups and opens a participant", async ({ page }) => {
  test.slow(); // three pages, each scanned by axe
  const token = unique();
  const study = await db.study.findUnique({ where: { id: 1 } });
  const settings = {
    followUpMonths: study?.followUpMonths ?? STUDY_DEFAULTS.followUpMonths,
    followUpWindowDays: study?.followUpWindowDays ?? 28,
  };
  const today = ukToday(new Date());

  const agency = await createAgency({ stage: "RECRUITING", name: `Follow-up Team ${token}` });
  await createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "SUPERVISOR" });
  // With the study's usual settings, about 9 months ago (due about today) and about 10 months ago
  // (the window closed 10 days ago).
  const dueBaseline = monthsBefore(today, settings.followUpMonths);
  const overdueBaseline = addDays(dueBaseline, -(settings.followUpWindowDays + 10));
  expect(followUpState({ status: "BASELINE_DONE", baselineDate: dueBaseline }, today, settings)).toBe("due");
  expect(followUpState({ status: "BASELINE_DONE", baselineDate: overdueBaseline }, today, settings)).toBe("overdue");

  const participant = (sequence: number, baseline: string) => {
    const earlier = new Date(`${addDays(baseline, -10)}T00:00:00Z`);
    return db.participant.create({
      data: {
        studyId: formatStudyId(agency.code, sequence),
        agencyId: agency.id,
        sequence,
        subgroup: "OLDER_ADULT_MENTAL_HEALTH",
        isNewReferral: true,
        status: "BASELINE_DONE",
        referralDate: earlier,
        screenedDate: earlier,
        consentDate: earlier,
        baselineDate: new Date(`${baseline}T00:00:00Z`),
        baselineMeasures: ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"],
      },
    });
  };
  const due = await participant(1, dueBaseline);
  const overdue = await participant(2, overdueBaseline);

  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);

  // An agency in the address that does not exist is explained, and every agency shown.
  await page.goto("/researcher/participants/follow-up?agency=00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1, name: "Follow-up" })).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "The agency in the address could not be found" }),
  ).toBeVisible();
  await expect(page.getByLabel("Agency", { exact: true })).toHaveValue("");
  await expectNoAxeViolations(page);

  await page.goto("/researcher");
  await openFromMenu(page, "Participants");
  await page.getByRole("navigation", { name: "Participants" }).getByRole("link", { name: "Follow-up" }).click();
  await expect(page).toHaveURL(/\/researcher\/participants\/follow-up$/);
  await expect(page).toHaveTitle(/Follow-up/);
  await expect(page.getByRole("heading", { level: 1, name: "Follow-up" })).toBeVisible();

  await page.getByLabel("Agency", { exact: true }).selectOption({ label: agency.teamName });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`agency=${agency.id}`));
  await expect(page.getByText(`Showing the participants of ${agency.teamName}.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Overdue (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Due now or in the next 4 weeks (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Done (0)" })).toBeVisible();
  await expect(page.getByText(`No follow-up interview of ${agency.teamName} is recorded yet.`)).toBeVisible();

  const overdueTable = page.getByRole("table", { name: /^Overdue follow-ups/ });
  const dueTable = page.getByRole("table", { name: /^Follow-ups due now/ });
  await expect(overdueTable.getByRole("rowheader")).toHaveText([overdue.studyId]);
  await expect(dueTable.getByRole("rowheader")).toHaveText([due.studyId]);

  const overdueSchedule = followUpSchedule(overdueBaseline, settings);
  const overdueRow = overdueTable.getByRole("row", { name: new RegExp(overdue.studyId) });
  await expect(overdueRow).toContainText(agency.teamName);
  await expect(overdueRow).toContainText("Older adult functional mental health");
  await expect(overdueRow).toContainText(formatCalendarDate(overdueBaseline));
  await expect(overdueRow).toContainText(
    `${formatCalendarDate(overdueSchedule.opens)} to ${formatCalendarDate(overdueSchedule.closes)}`,
  );
  await expect(overdueRow).toContainText(/Window closed \d+ days? ago/);
  const dueSchedule = followUpSchedule(dueBaseline, settings);
  const dueRow = dueTable.getByRole("row", { name: new RegExp(due.studyId) });
  await expect(dueRow).toContainText(formatCalendarDate(dueSchedule.due));
  await expect(dueRow).toContainText(/Window open/);
  // The notifier runs every 15 minutes: emailed already, or about to be.
  await expect(dueRow).toContainText(/Yes, |Not yet: within 15 minutes/);
  await expectNoAxeViolations(page);

  await dueTable.getByRole("link", { name: due.studyId }).click();
  await expect(page).toHaveURL(new RegExp(`/researcher/participants/${due.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: due.studyId })).toBeVisible();
  await expectNoAxeViolations(page);
});
