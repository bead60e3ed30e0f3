// The agency's side of recruitment, end to end: a supervisor of a recruiting agency adds a
// participant through the form (partly with the keyboard), records screening, consent and the
// baseline interview with two measures, and sees the follow-up due date and the progress against
// the target; on a second participant, a reason holding an email address is refused before sending
// and a reason holding a name is warned about. A list longer than a page comes a page at a time,
// with the first follow-ups due and how many in all. An agency still in training is told why it cannot
// record participants; another agency's supervisor gets "Page not found" for the first agency's
// participant. axe runs on every page and error state.
// The database is shared by specs running at the same time (and by this spec on desktop and phone
// at once): each test makes its own agencies and people, with unique names. The recruiting agency
// has a target of its own, so its progress does not depend on other tests' agencies.
import type { Page } from "@playwright/test";
import { toUkInputValues } from "@/lib/dates";
import { formatStudyId } from "@/lib/recruitment/rules";
import { createAgency, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

/** A recruiting agency with a target of 12, a supervisor and a worker. */
async function recruitingAgency() {
  const token = unique();
  const created = await createAgency({ stage: "RECRUITING", name: `Recruiting Team ${token}` });
  const agency = await db.agency.update({ where: { id: created.id }, data: { participantTarget: 12 } });
  const supervisor = await createUser({
    role: "AGENCY_STAFF",
    agencyId: agency.id,
    agencyRole: "SUPERVISOR",
    name: `Sam Supervisor ${token}`,
  });
  const worker = await createUser({
    role: "AGENCY_STAFF",
    agencyId: agency.id,
    agencyRole: "WORKER",
    name: `Ada Worker ${token}`,
  });
  return { agency, supervisor, worker };
}

test("a supervisor adds a participant and records them up to the baseline interview", async ({ page }) => {
  test.slow(); // many pages and forms, each scanned by axe
  const { agency, supervisor, worker } = await recruitingAgency();
  const today = toUkInputValues(new Date()).date;

  await signInAs(page, supervisor.email);
  await page.goto("/agency/participants");
  await expect(page.getByRole("heading", { level: 1, name: "Participants" })).toBeVisible();
  await expect(page).toHaveTitle(/Participants/);
  await expect(page.getByText("Participants are known by their study ID only.")).toBeVisible();
  await expect(page.getByText("0/12 (0 %)")).toBeVisible();
  await expect(page.getByText("Your team has not added any participants yet.")).toBeVisible();
  await expectNoAxeViolations(page);

  // The form: sent with nothing chosen, it lists the problems in a summary that takes focus.
  await page.getByRole("link", { name: "Add a participant" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a participant" })).toBeVisible();
  await expect(page.getByLabel("Referral date")).toHaveValue(today);
  await expect(page.getByLabel("Worker", { exact: true })).toHaveValue(supervisor.id);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Add the participant" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Choose the participant's subgroup.");
  await expect(summary).toContainText("Say whether the participant is newly referred to your team.");
  await expectNoAxeViolations(page);

  // Choose the worker, then the radio groups and the button with the keyboard only.
  await page.getByLabel("Worker", { exact: true }).selectOption({ label: `${worker.name} (worker)` });
  const subgroup = page.getByRole("group", { name: "Subgroup" });
  await subgroup.getByRole("radio", { name: "Adult mental health" }).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(subgroup.getByRole("radio", { name: "Learning disability" })).toBeChecked();
  await page.keyboard.press("Tab");
  const newReferral = page.getByRole("group", { name: "Is this a new referral to your team?" });
  await expect(newReferral.getByRole("radio", { name: "Yes" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(newReferral.getByRole("radio", { name: "Yes" })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Add the participant" })).toBeFocused();
  await page.keyboard.press("Enter");

  // The participant's page, with the study ID the app made.
  const studyId = formatStudyId(agency.code, 1);
  await expect(page.getByRole("heading", { level: 1, name: studyId })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`Participant ${studyId}`));
  const answer = page.getByRole("status").filter({ hasText: `Participant ${studyId} added` });
  await expect(answer).toBeVisible();
  const record = page.getByRole("region", { name: "What is recorded" });
  await expect(record).toContainText("Learning disability");
  await expect(record).toContainText(worker.name);
  await expect(page.getByRole("table", { name: `What was recorded for ${studyId}, oldest first` })).toContainText(
    "Referred on",
  );
  await expectNoAxeViolations(page);

  // Only the screening can come next.
  const steps = page.getByRole("group", { name: "What happened?" });
  await expect(steps.getByRole("radio")).toHaveCount(2);
  await expect(steps.getByRole("radio", { name: "Consented" })).toHaveCount(0);
  await steps.getByRole("radio", { name: "Screened: eligible" }).check();
  await page.getByLabel("Screening date").fill(today);
  await page.getByRole("button", { name: "Save this step" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Participant ${studyId} screened as eligible` }),
  ).toBeVisible();

  await steps.getByRole("radio", { name: "Consented" }).check();
  await page.getByLabel("Consent date").fill(today);
  await page.getByRole("button", { name: "Save this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: "now counts as recruited" })).toBeVisible();

  // Baseline without measures is refused; with two, recorded.
  await steps.getByRole("radio", { name: "Baseline interview done" }).check();
  await page.getByLabel("Baseline interview date").fill(today);
  await page.getByRole("button", { name: "Save this step" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Tick the measures completed at the interview",
  );
  await expectNoAxeViolations(page);
  const measures = page.getByRole("group", { name: "Which measures were completed at the interview?" });
  await measures.getByRole("checkbox", { name: "WEMWBS" }).check();
  await measures.getByRole("checkbox", { name: "EQ-5D" }).check();
  await page.getByRole("button", { name: "Save this step" }).click();
  const baselineAnswer = page.getByRole("status").filter({ hasText: `Baseline interview for Participant ${studyId}` });
  await expect(baselineAnswer).toBeVisible();
  await expect(baselineAnswer).toContainText("Their follow-up is due on");
  await expect(record.locator("dd").filter({ hasText: "Baseline interview done" })).toBeVisible();
  await expect(record.locator("dd").filter({ hasText: "WEMWBS, EQ-5D" })).toBeVisible();
  const due = page.locator("dt", { hasText: "Follow-up due" }).locator("xpath=following-sibling::dd");
  await expect(due).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  const dueText = (await due.textContent())!;
  await expect(baselineAnswer).toContainText(`Their follow-up is due on ${dueText}`);
  // What can come next: the follow-up, a withdrawal or lost to follow-up.
  await expect(steps.getByRole("radio")).toHaveCount(3);
  await expectNoAxeViolations(page);

  // The list: the participant, and progress of 1 against the target of 12.
  await page.goto("/agency/participants");
  await expect(page.getByText("1/12 (8 %)")).toBeVisible();
  const table = page.getByRole("table", { name: /Your participants/ });
  const row = table.getByRole("row").filter({ hasText: studyId });
  await expect(row).toContainText("Baseline interview done");
  await expect(row).toContainText(worker.name);
  await expect(row).toContainText(`Not yet due: due ${dueText}`);
  await expectNoAxeViolations(page);
  // The agency's home page sums it up, with a link to the list.
  await page.goto("/agency");
  const panel = page.getByRole("region", { name: "Participants" });
  await expect(panel).toContainText("1/12 (8 %)");
  await expect(panel).toContainText("1 participant added.");
  await expect(panel.getByRole("link", { name: "See your participants" })).toHaveAttribute(
    "href",
    "/agency/participants",
  );
  await expectNoAxeViolations(page);
  // Filtering by a status from the address, and an unknown one explained.
  await page.goto("/agency/participants?status=declined");
  await expect(page.getByText("No participant is at this status.")).toBeVisible();
  await page.goto("/agency/participants?status=asleep");
  await expect(page.getByText("“asleep” is not a status a participant can have")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: studyId })).toBeVisible();
  await expectNoAxeViolations(page);

  // A second participant, screened eligible, who declines: the reason is checked as it is typed.
  const second = await db.participant.create({
    data: {
      studyId: formatStudyId(agency.code, 2),
      agencyId: agency.id,
      sequence: 2,
      workerId: worker.id,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: false,
      status: "ELIGIBLE",
      referralDate: new Date(`${today}T00:00:00Z`),
      screenedDate: new Date(`${today}T00:00:00Z`),
    },
  });
  await page.goto(`/agency/participants/${second.id}`);
  await expect(page.getByRole("heading", { level: 1, name: second.studyId })).toBeVisible();
  await page.getByRole("group", { name: "What happened?" }).getByRole("radio", { name: "Declined" }).check();
  await page.getByLabel("Date they declined").fill(today);
  const reason = page.getByLabel("Why did the participant decline?");
  await reason.fill("Asked us to write to someone@example.org instead");
  await expect(page.getByText("Remove the email address.").first()).toBeVisible();
  await expect(page.getByText(/\d+ of 200 characters/)).toBeVisible();
  await page.getByRole("button", { name: "Save this step" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(refusal).toBeFocused();
  await expect(refusal).toContainText("Remove the email address.");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  // A name is only a warning: it may be saved.
  await reason.fill("Talked it over with Siân Jones and decided not to");
  await expect(page.getByText("“Siân Jones” looks like a person's name.")).toBeVisible();
  await expect(page.getByText("Remove the email address.")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await reason.fill("Did not want more appointments");
  await page.getByRole("button", { name: "Save this step" }).click();
  await expect(page.getByRole("status").filter({ hasText: "recorded as declining" })).toBeVisible();
  await expect(page.getByText("Nothing more to record")).toBeVisible();
  await expect(page.getByText("ask the research team to correct it")).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: "Did not want more appointments" })).toBeVisible();
  await expectNoAxeViolations(page);
  // The saved record holds what was typed, and no email address.
  const saved = await db.participant.findUniqueOrThrow({ where: { id: second.id } });
  expect(saved).toMatchObject({ status: "DECLINED", declineReason: "Did not want more appointments" });
});

test("a long list comes a page at a time, with the follow-ups due first", async ({ page }) => {
  const { agency, supervisor, worker } = await recruitingAgency();
  // 23 participants overdue for follow-up (baselines long past) and 7 just referred: 30 in all.
  const day = (date: string) => new Date(`${date}T00:00:00Z`);
  await db.participant.createMany({
    data: Array.from({ length: 30 }, (_, index) => {
      const sequence = index + 1;
      const base = {
        studyId: formatStudyId(agency.code, sequence),
        agencyId: agency.id,
        sequence,
        workerId: worker.id,
        subgroup: "ADULT_MENTAL_HEALTH" as const,
        isNewReferral: true,
      };
      if (index >= 23) return { ...base, status: "REFERRED" as const, referralDate: day("2025-06-01") };
      const baseline = day(`2024-01-${String(index + 2).padStart(2, "0")}`);
      return {
        ...base,
        status: "BASELINE_DONE" as const,
        referralDate: day("2024-01-01"),
        screenedDate: day("2024-01-01"),
        consentDate: day("2024-01-01"),
        baselineDate: baseline,
        baselineMeasures: ["WEMWBS" as const],
      };
    }),
  });
  await signInAs(page, supervisor.email);
  await page.goto("/agency/participants");
  await expect(page.getByRole("heading", { name: "All participants: 30" })).toBeVisible();
  await expect(
    page.getByText("23 follow-up interviews are due soon, due now or overdue: the 20 due first"),
  ).toBeVisible();
  const followUps = page.getByRole("region", { name: "Follow-up due" }).getByRole("listitem");
  await expect(followUps).toHaveCount(20);
  await expect(followUps.first()).toContainText(`${formatStudyId(agency.code, 1)}: Overdue`);
  const table = page.getByRole("table", { name: "Your participants, newest first: page 1 of 2" });
  await expect(table.getByRole("row")).toHaveCount(1 + 25);
  await expect(page.getByText("Page 1 of 2", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Next page" }).click();
  const second = page.getByRole("table", { name: "Your participants, newest first: page 2 of 2" });
  await expect(second.getByRole("row")).toHaveCount(1 + 5);
  // The oldest participant is last; its study ID opens its page.
  await second.getByRole("link", { name: formatStudyId(agency.code, 1) }).click();
  await expect(page.getByRole("heading", { level: 1, name: formatStudyId(agency.code, 1) })).toBeVisible();
});

test("an agency still in training is told why it cannot record participants", async ({ page }) => {
  const token = unique();
  const agency = await createAgency({ stage: "TRAINING", name: `Training Team ${token}` });
  const supervisor = await createUser({
    role: "AGENCY_STAFF",
    agencyId: agency.id,
    agencyRole: "SUPERVISOR",
    name: `Supervisor ${token}`,
  });
  await signInAs(page, supervisor.email);
  await page.goto("/agency/participants");
  await expect(page.getByRole("heading", { level: 1, name: "Participants" })).toBeVisible();
  await expect(page.getByText(/can record participants once every supervisor and worker has completed/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the Training page" })).toHaveAttribute("href", "/agency/training");
  await expect(page.getByRole("link", { name: "Add a participant" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto("/agency/participants/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add a participant" })).toBeVisible();
  await expect(page.getByText(/can record participants once every supervisor and worker has completed/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Add the participant" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // No participants panel on the home page before recruiting.
  await page.goto("/agency");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Participants" })).toHaveCount(0);
});

test("another agency's supervisor gets “Page not found” for a participant who is not theirs", async ({ page }) => {
  const { agency, worker } = await recruitingAgency();
  const today = new Date(`${toUkInputValues(new Date()).date}T00:00:00Z`);
  const participant = await db.participant.create({
    data: {
      studyId: formatStudyId(agency.code, 1),
      agencyId: agency.id,
      sequence: 1,
      workerId: worker.id,
      subgroup: "ADULT_MENTAL_HEALTH",
      isNewReferral: true,
      status: "REFERRED",
      referralDate: today,
    },
  });
  const other = await recruitingAgency();
  await signInAs(page, other.supervisor.email);
  await page.goto(`/agency/participants/${participant.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText(participant.studyId)).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Their own list does not show it either.
  await page.goto("/agency/participants");
  await expect(page.getByText("Your team has not added any participants yet.")).toBeVisible();
  await expect(page.getByText(participant.studyId)).toHaveCount(0);
  // A malformed id is not found too, not an error.
  await page.goto("/agency/participants/not-a-participant");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
