// The agency's side of training, end to end: a supervisor of a selected agency books two workers
// onto a session with the keyboard (the agency moves to "In training"), is not offered a
// supervisor day for a worker and is told why, and cancels one booking; the worker still booked
// sees their own training and downloads their calendar; a researcher marks them attended once the
// session has started; the supervisor then sees the day attended. axe runs at every state.
// The database is shared by specs running at the same time (and by this spec on desktop and phone
// at once): the agency, its people and both sessions are this test's own, found by unique names.
import type { Page } from "@playwright/test";
import { ukLocalToUtc, toUkInputValues } from "@/lib/dates";
import { createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

const DAY = 24 * 60 * 60_000;

/** A session `days` ahead from 10:00 to 16:00 UK time. */
async function createSession(token: string, trainingDay: "WORKER_1" | "SUPERVISOR_1", days: number) {
  const { date } = toUkInputValues(new Date(Date.now() + days * DAY));
  return db.trainingSession.create({
    data: {
      trainingDay,
      startsAt: ukLocalToUtc(date, "10:00")!,
      endsAt: ukLocalToUtc(date, "16:00")!,
      venue: `Room ${token}`,
      address: "2 Quay Road, Newcastle upon Tyne",
      trainer: `Trainer ${trainingDay} ${token}`,
      capacity: 20,
    },
  });
}

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
}

test("a supervisor books two workers, cancels one, and a researcher marks the other attended", async ({ page }) => {
  test.slow(); // four people, five pages, each scanned by axe
  const token = unique();
  const agency = await db.agency.create({
    data: {
      organisation: `Organisation ${token}`,
      teamName: `Training Team ${token}`,
      stage: "SELECTED",
      decisionSentStage: "SELECTED",
      decisionSentAt: new Date(),
    },
  });
  const staff = (agencyRole: "LEAD" | "SUPERVISOR" | "WORKER", name: string) =>
    createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole, name });
  await staff("LEAD", `Lead ${token}`);
  const supervisor = await staff("SUPERVISOR", `Sam Supervisor ${token}`);
  const ada = await staff("WORKER", `Ada Worker ${token}`);
  const ben = await staff("WORKER", `Ben Worker ${token}`);
  const workerDay = await createSession(token, "WORKER_1", 30);
  const supervisorDay = await createSession(token, "SUPERVISOR_1", 31);
  const researcher = await createUser({ role: "RESEARCHER" });

  // The supervisor opens Training: the team's progress, and the sessions open for booking.
  await signInAs(page, supervisor.email);
  await page.goto("/agency/training");
  await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
  await expect(page).toHaveTitle(/Training/);
  const stage = page.locator("p", { hasText: "Your team’s stage:" });
  await expect(stage).toContainText("Selected");
  await expect(page.getByText("0 of 3 staff have completed training.")).toBeVisible();
  const progress = page.getByRole("table", { name: "Training days for each supervisor and worker" });
  const row = (name: string) => progress.getByRole("row").filter({ hasText: name });
  // The first cell after the name is Worker day 1; a worker does not need the supervisor days.
  await expect(row(ada.name).getByRole("cell").nth(0)).toHaveText("Not booked");
  await expect(row(ada.name).getByRole("cell").nth(3)).toHaveText("Not needed");
  await expectNoAxeViolations(page);

  // Keyboard only: tick both workers on the Worker day 1 session and book them.
  const workerSession = page.getByRole("article").filter({ hasText: workerDay.trainer });
  await expect(workerSession.getByText("20 of 20 places left.")).toBeVisible();
  const adaBox = workerSession.getByRole("checkbox", { name: `${ada.name} (worker)` });
  const benBox = workerSession.getByRole("checkbox", { name: `${ben.name} (worker)` });
  await adaBox.focus();
  await page.keyboard.press("Space");
  await expect(adaBox).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(benBox).toBeFocused();
  await page.keyboard.press("Space");
  await expect(benBox).toBeChecked();
  await page.keyboard.press("Tab");
  const book = workerSession.getByRole("button", { name: /^Book for Worker day 1/ });
  await expect(book).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(workerSession.getByRole("status")).toContainText(`Booked ${ada.name} and ${ben.name} on Worker day 1`);
  await expect(workerSession.getByText("18 of 20 places left.")).toBeVisible();
  // Booked people are no longer offered, and the list says why.
  await expect(workerSession.getByRole("checkbox", { name: new RegExp(ada.name) })).toHaveCount(0);
  await expect(workerSession.getByText(`${ada.name} is already booked on this session.`)).toBeVisible();
  await expect(row(ada.name).getByRole("cell").nth(0)).toContainText("Booked");
  await expect(row(ben.name).getByRole("cell").nth(0)).toContainText("Booked");
  await expect(stage).toContainText("In training");
  await expectNoAxeViolations(page);

  // A supervisor day is not offered for a worker, and the page says why.
  const supervisorSession = page.getByRole("article").filter({ hasText: supervisorDay.trainer });
  await expect(supervisorSession.getByRole("checkbox")).toHaveCount(1);
  await expect(supervisorSession.getByRole("checkbox", { name: `${supervisor.name} (supervisor, you)` })).toBeVisible();
  await expect(
    supervisorSession.getByText(`${ada.name} is a worker: Supervisor day 1 is for supervisors only.`),
  ).toBeVisible();

  // Cancel Ben's booking, after being asked.
  const bookings = page.getByRole("region", { name: "Bookings still to come" });
  await bookings
    .getByRole("listitem")
    .filter({ hasText: ben.name })
    .getByRole("button", { name: /^Cancel/ })
    .click();
  await expect(bookings.getByText(`Cancel ${ben.name}’s place for Worker day 1`)).toBeVisible();
  await bookings.getByRole("button", { name: "Yes, cancel the booking" }).click();
  await expect(bookings.getByRole("status")).toContainText(`Cancelled ${ben.name}`);
  await expect(bookings.getByRole("listitem").filter({ hasText: ben.name })).toHaveCount(0);
  await expect(bookings.getByRole("listitem").filter({ hasText: ada.name })).toBeVisible();
  await expect(row(ben.name).getByRole("cell").nth(0)).toHaveText("Not booked");
  await expect(workerSession.getByText("19 of 20 places left.")).toBeVisible();
  await expectNoAxeViolations(page);
  expect(
    (await db.booking.findMany({ where: { sessionId: workerDay.id }, orderBy: { userId: "asc" } }))
      .map((booking) => [booking.userId, booking.status])
      .sort(),
  ).toEqual(
    [
      [ada.id, "BOOKED"],
      [ben.id, "CANCELLED"],
    ].sort(),
  );

  // Ada sees her own training (no booking forms) and downloads her calendar.
  await signInAs(page, ada.email);
  await page.goto("/agency/training");
  await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
  await expect(page.getByText("You have attended 0 of your 3 training days.")).toBeVisible();
  const ownDays = page.getByRole("table", { name: /The training days you need/ });
  await expect(ownDays.getByRole("row").filter({ hasText: "Worker day 1" })).toContainText("Booked");
  await expect(page.getByText(workerDay.trainer)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Book/ })).toHaveCount(0);
  await expect(page.getByText(ben.name)).toHaveCount(0);
  const download = page.getByRole("link", { name: "Download my calendar (.ics)" });
  await expect(download).toBeVisible();
  await expectNoAxeViolations(page);
  const calendar = await page.request.get((await download.getAttribute("href"))!);
  expect(calendar.status()).toBe(200);
  expect(calendar.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(calendar.headers()["content-disposition"]).toBe('attachment; filename="connecting-people-training.ics"');
  expect(calendar.headers()["cache-control"]).toContain("no-store");
  // Long lines are folded (RFC 5545): a line break and a space inside a value.
  const ics = (await calendar.text()).replace(/\r\n /g, "");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(ics).toContain("METHOD:PUBLISH\r\n");
  expect(ics).toContain(`UID:cp-training-${workerDay.id}-${ada.id}@connecting-people\r\n`);
  expect(ics).toContain("DTSTART;TZID=Europe/London:");
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(ics).not.toContain(ben.id);
  // Signed out, there is no calendar to download: the proxy sends the visitor to sign in.
  await page.context().clearCookies();
  const signedOut = await page.request.get("/agency/training/calendar", { maxRedirects: 0 });
  expect([307, 401]).toContain(signedOut.status());
  expect(await signedOut.text()).not.toContain("BEGIN:VCALENDAR");

  // The session starts; a researcher marks Ada attended.
  await db.trainingSession.update({
    where: { id: workerDay.id },
    data: { startsAt: new Date(Date.now() - 60 * 60_000), endsAt: new Date(Date.now() + 5 * 60 * 60_000) },
  });
  await signInAs(page, researcher.email);
  // Researchers have no training calendar of their own.
  expect((await page.request.get("/agency/training/calendar")).status()).toBe(404);
  await page.goto(`/researcher/training/${workerDay.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Worker day 1");
  await page.getByRole("group", { name: ada.name }).getByRole("radio", { name: "Attended" }).check();
  await page.getByRole("button", { name: "Save the attendance" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked 1 attended" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Back as the supervisor: Ada has attended Worker day 1.
  await signInAs(page, supervisor.email);
  await page.goto("/agency/training");
  await expect(row(ada.name).getByRole("cell").nth(0)).toContainText("Attended");
  await expect(row(ben.name).getByRole("cell").nth(0)).toHaveText("Not booked");
  await expect(page.getByRole("region", { name: "Bookings still to come" }).getByRole("listitem")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an agency that has not been told it was selected is told why it cannot book, with no forms", async ({ page }) => {
  const token = unique();
  // Selected by the team, but the decision has not been sent: to the agency it is still under review.
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${token}`, teamName: `Waiting Team ${token}`, stage: "SELECTED" },
  });
  const supervisor = await createUser({
    role: "AGENCY_STAFF",
    agencyId: agency.id,
    agencyRole: "SUPERVISOR",
    name: `Supervisor ${token}`,
  });
  await createSession(token, "WORKER_1", 40);

  await signIn(page, supervisor.email);
  await page.goto("/agency/training");
  await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
  await expect(page.locator("p", { hasText: "Your team’s stage:" })).toContainText("Under review");
  await expect(page.getByText("If the study team selects your team")).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Book/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
