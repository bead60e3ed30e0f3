// The study settings page. The browser tests share one database whose closing date other tests
// rely on, so this test never saves a change: it checks what the page shows, the messages beside
// the fields, and a save that changes nothing.
import { formatUkDateTime, toUkInputValues } from "@/lib/dates";
import { createUser, db, expect, expectNoAxeViolations, signIn, test } from "./fixtures";

/** The Study row, made with a far-off closing date when missing, never moved: other tests rely on it. */
async function studyRow() {
  await db.study
    .upsert({
      where: { id: 1 },
      create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2099-03-16T17:00:00Z") },
      update: {},
    })
    // The phone and desktop runs may create it at the same moment; one of them wins.
    .catch(() => undefined);
  return db.study.findUniqueOrThrow({ where: { id: 1 } });
}

test("a researcher sees the current settings and is told, beside the field, what to fix", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  const study = await studyRow();
  await signIn(page, researcher.email);

  await page.goto("/researcher/settings");
  await expect(page).toHaveTitle(/Study settings/);
  await expect(page.getByRole("heading", { level: 1, name: "Study settings" })).toBeVisible();

  const deadline = toUkInputValues(study.questionnaireDeadline);
  await expect(page.getByText(formatUkDateTime(study.questionnaireDeadline))).toBeVisible();
  await expect(page.getByText("UK time (GMT or BST as it will be on that day)")).toBeVisible();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(deadline.date);
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue(deadline.time);
  const agencies = page.getByLabel("Agencies to select");
  await expect(agencies).toHaveValue(String(study.agenciesToSelect));
  await expect(page.getByLabel("Training days for workers")).toHaveValue(String(study.workerTrainingDays));
  await expect(page.getByLabel("Extra training days for supervisors")).toHaveValue(String(study.supervisorExtraDays));
  await expect(page.getByLabel("Months from baseline to follow-up")).toHaveValue(String(study.followUpMonths));
  await expect(page.getByLabel(/Follow-up window/)).toHaveValue(String(study.followUpWindowDays));
  await expect(page.getByLabel("Participant target for the whole study")).toHaveValue(String(study.participantTarget));
  await expectNoAxeViolations(page);

  await agencies.fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("The number of agencies to select must be between 1 and 100.")).toBeVisible();
  await expect(agencies).toBeFocused();
  await expect(agencies).toHaveAttribute("aria-invalid", "true");
  await expect(agencies).toHaveAccessibleDescription(/must be between 1 and 100/);
  await expectNoAxeViolations(page);

  // A time in the hour skipped when the clocks go forward is refused by name.
  await agencies.fill(String(study.agenciesToSelect));
  const time = page.getByLabel("Time", { exact: true });
  await page.getByLabel("Date", { exact: true }).fill("2026-03-29");
  await time.fill("01:30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/There is no 01:30 on Sunday, 29 March 2026 in the UK/)).toBeVisible();
  await expect(time).toBeFocused();
  // A time that exists on that day, now past: the page offers the confirmation that saving would
  // close the questionnaire.
  await expect(page.getByLabel("I understand this closes the questionnaire now")).toHaveCount(0);
  await time.fill("02:30");
  await expect(page.getByLabel("I understand this closes the questionnaire now")).toBeVisible();

  // Back to the saved values: saving them changes nothing, and says so.
  await page.getByLabel("Date", { exact: true }).fill(deadline.date);
  await time.fill(deadline.time);
  await expect(page.getByLabel("I understand this closes the questionnaire now")).toHaveCount(0);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Nothing to save");
  await expectNoAxeViolations(page);
});
