// The researchers' side of training: publishing a session with the keyboard alone and finding it
// in its month with how full it is, changing its places, marking attendance once a session has
// started and seeing it in the training matrix, and the sign-in sheet, with axe on every page.
// The database is shared by specs running at the same time (and by this spec on desktop and phone
// at once): every agency, person and session here is this test's own, found by unique names.
import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { createAgency, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

test.use({ locale: "en-GB", timezoneId: "Europe/London" });

const isFocused = (target: Locator) =>
  target.evaluate((element) => element === document.activeElement, undefined, { timeout: 5_000 });

/** Presses Tab until the target has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let presses = 0; presses < max && !(await isFocused(target)); presses++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused({ timeout: 1_000 });
}

async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.type(text);
  await expect(target).toHaveValue(text);
}

const pad = (value: number) => String(value).padStart(2, "0");

test("a researcher publishes a session with the keyboard, finds it in its month and changes its places", async ({
  page,
}) => {
  test.slow(); // four pages, each scanned by axe
  const token = unique();
  const trainer = `Trainer ${token}`;
  // Far ahead, in a month chosen by chance: the session is found by its trainer anyway. The day is
  // the month's number (7 July): a date box takes its parts in the browser's own order, day first
  // or month first, and with the two the same either order gives the same date.
  const year = 2090 + randomInt(0, 9);
  const month = pad(randomInt(1, 13));
  const day = month;
  const researcher = await createUser({ role: "RESEARCHER" });

  await signIn(page, researcher.email);
  await page.goto("/researcher/training?month=2027-13");
  await expect(page.getByRole("heading", { level: 1, name: "Training sessions" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The month in the address could not be used" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Keyboard only from here to the published session.
  await tabTo(page, page.getByRole("link", { name: "Publish a session" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Publish a training session" })).toBeVisible();
  await expect(page).toHaveTitle(/Publish a training session/);
  await expectNoAxeViolations(page);

  const trainingDay = page.getByLabel("Training day");
  await tabTo(page, trainingDay);
  await page.keyboard.type("Worker day 2"); // choosing from a closed list by typing the option
  await expect(trainingDay).toHaveValue("WORKER_2");
  const date = page.getByLabel("Date", { exact: true });
  await tabTo(page, date);
  await page.keyboard.type(`${day}${month}${year}`);
  await expect(date).toHaveValue(`${year}-${month}-${day}`);
  // The times keep their starting values, 09:30 to 16:30.
  await expect(page.getByLabel("Start time")).toHaveValue("09:30");
  await expect(page.getByLabel("End time")).toHaveValue("16:30");
  await typeInto(page, page.getByLabel(/^Venue/), `Civic Hall ${token}`);
  await typeInto(page, page.getByLabel(/^Address/), "1 Market Street, Leeds");
  await typeInto(page, page.getByLabel("Trainer"), trainer);
  const places = page.getByLabel("Places");
  await tabTo(page, places);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("17");
  await expect(places).toHaveValue("17");
  await tabTo(page, page.getByRole("button", { name: "Publish the session" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/researcher\/training\/[0-9a-f-]{36}\?published=1$/);
  await expect(page.getByRole("status").filter({ hasText: "The session is published" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Worker day 2");
  await expect(page.getByText("You can mark attendance from the start of the session")).toBeVisible();
  const sessionUrl = page.url().replace(/\?.*$/, "");

  await tabTo(page, page.getByRole("link", { name: "Back to the training sessions" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`month=${year}-${month}$`));
  const row = page.getByRole("row").filter({ hasText: trainer });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("0 of 17 booked");
  await expect(row).toContainText("09:30 to 16:30");
  await expect(row).toContainText(`Civic Hall ${token}`);
  await expect(row).toContainText("Open for booking");
  await expectNoAxeViolations(page);

  // Changing the number of places.
  await row.getByRole("link", { name: /Worker day 2/ }).click();
  await expect(page).toHaveURL(sessionUrl);
  await expect(page.getByLabel("Trainer")).toHaveValue(trainer);
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(`${year}-${month}-${day}`);
  await page.getByLabel("Places").fill("18");
  await page.getByRole("button", { name: "Save the changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toBeVisible();
  await expect(page.getByText("0 of 18 booked").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/researcher/training?month=${year}-${month}`);
  await expect(page.getByRole("row").filter({ hasText: trainer })).toContainText("0 of 18 booked");
});

test("a researcher marks attendance for a session that has started, and the matrix and sign-in sheet show it", async ({
  page,
}) => {
  test.slow(); // three pages, each scanned by axe, one of them the matrix
  const token = unique();
  const agency = await createAgency({ stage: "TRAINING", name: `Attendance Team ${token}` });
  const [came, missed] = await Promise.all(
    [`Ada Came ${token}`, `Bo Missed ${token}`].map((name) =>
      createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "WORKER", name }),
    ),
  );
  const startsAt = new Date(Date.now() - 60 * 60_000);
  const session = await db.trainingSession.create({
    data: {
      trainingDay: "WORKER_1",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 60 * 60_000),
      venue: `Room ${token}`,
      address: "2 Quay Road, Newcastle",
      trainer: `Trainer ${token}`,
      capacity: 10,
      bookings: {
        create: [
          { userId: came!.id, status: "BOOKED" },
          { userId: missed!.id, status: "BOOKED" },
        ],
      },
    },
  });
  const researcher = await createUser({ role: "RESEARCHER" });

  await signIn(page, researcher.email);
  await page.goto(`/researcher/training/${session.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Worker day 1");
  const people = page.getByRole("table", { name: /People booked/ });
  await expect(people.getByRole("row").filter({ hasText: `Ada Came ${token}` })).toContainText("Booked");
  await expect(page.getByText("2 of 10 booked").first()).toBeVisible();
  // Started: no more changes, but attendance can be marked.
  await expect(page.getByText("The session has started, so its details can no longer be changed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cancel the session" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Mark all attended" }).click();
  const ada = page.getByRole("group", { name: `Ada Came ${token}` });
  const bo = page.getByRole("group", { name: `Bo Missed ${token}` });
  await expect(ada.getByRole("radio", { name: "Attended" })).toBeChecked();
  await expect(bo.getByRole("radio", { name: "Attended" })).toBeChecked();
  await bo.getByRole("radio", { name: "Absent" }).check();
  await page.getByRole("button", { name: "Save the attendance" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked 1 attended and 1 absent." })).toBeVisible();
  await expect(people.getByRole("row").filter({ hasText: `Ada Came ${token}` })).toContainText(
    `Attended (marked by ${researcher.name}`,
  );
  await expect(people.getByRole("row").filter({ hasText: `Bo Missed ${token}` })).toContainText("Absent");
  const saved = await db.booking.findMany({ where: { sessionId: session.id }, include: { person: true } });
  expect(saved.map((booking) => [booking.person.name, booking.status]).sort()).toEqual([
    [`Ada Came ${token}`, "ATTENDED"],
    [`Bo Missed ${token}`, "ABSENT"],
  ]);

  await page.getByRole("link", { name: /Print sign-in sheet/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Worker day 1");
  const sheet = page.getByRole("table", { name: /sign on arrival/ });
  await expect(sheet.getByRole("columnheader", { name: "Signature" })).toBeVisible();
  await expect(sheet.getByRole("columnheader", { name: "Time" })).toBeVisible();
  for (const name of [`Ada Came ${token}`, `Bo Missed ${token}`]) {
    await expect(sheet.getByRole("row").filter({ hasText: name })).toContainText(`Attendance Team ${token}`);
  }
  await expectNoAxeViolations(page);
  // On paper: the sheet without the site's header or the print button.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("body > header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print the sign-in sheet" })).toBeHidden();
  await expect(sheet.getByRole("row").filter({ hasText: `Ada Came ${token}` })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  await page.goto("/researcher/training/matrix");
  await expect(page.getByRole("heading", { level: 1, name: "Training matrix" })).toBeVisible();
  // A page of agencies at a time: the agency is found by its name and stage, as a researcher would.
  await expect(page.getByRole("navigation", { name: "Pages of the training matrix" })).toContainText(/Page 1 of \d+/);
  await page.getByLabel("Team or organisation name contains").fill(`Attendance Team ${token}`);
  await page.getByLabel("Stage").selectOption({ label: "In training" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 agency matches" })).toBeVisible();
  await expect(page).toHaveURL(/[?&]stage=TRAINING/);
  const section = page.getByRole("region", { name: `Attendance Team ${token}`, exact: true });
  await expect(section).toContainText("0 of 2 staff have completed training.");
  const matrix = section.getByRole("table");
  const columns = await matrix.getByRole("columnheader").allTextContents();
  const workerDay1 = columns.indexOf("Worker day 1");
  const workerDay2 = columns.indexOf("Worker day 2");
  const supervisorDay1 = columns.indexOf("Supervisor day 1");
  const adaRow = matrix.getByRole("row").filter({ hasText: `Ada Came ${token}` });
  const boRow = matrix.getByRole("row").filter({ hasText: `Bo Missed ${token}` });
  await expect(adaRow.getByRole("cell").nth(workerDay1 - 1)).toHaveText("Attended");
  await expect(boRow.getByRole("cell").nth(workerDay1 - 1)).toHaveText("Absent");
  await expect(adaRow.getByRole("cell").nth(workerDay2 - 1)).toHaveText("Not booked");
  await expect(adaRow.getByRole("cell").nth(supervisorDay1 - 1)).toHaveText("Not needed");
  await expect(section.getByText("Ready to start recruiting")).toHaveCount(0);
  await expectNoAxeViolations(page);
});
