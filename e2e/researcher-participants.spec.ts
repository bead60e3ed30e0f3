// The research team's participants: a researcher filters the list to one agency of their own
// making, opens a participant, undoes the last step with a reason (first trying without one) and
// sees the new status and the history entry, then downloads the CSV and finds the participant in
// it. Axe on every page, the error states included. The database is shared by specs running at the
// same time (and by this spec on desktop and phone at once): the agency, its people and its
// participants are this test's own, written straight to the database so that they satisfy the
// record's CHECK constraints.
import { readFile } from "node:fs/promises";
import { formatStudyId } from "@/lib/recruitment/rules";
import { createAgency, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

test.use({ locale: "en-GB", timezoneId: "Europe/London" });

const d = (date: string) => new Date(`${date}T00:00:00Z`);

async function agencyWithParticipants() {
  const agency = await createAgency({ stage: "RECRUITING", name: `Recruiting team ${unique()}` });
  const worker = await createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "WORKER" });
  const common = { agencyId: agency.id, workerId: worker.id, isNewReferral: true, referralDate: d("2026-01-05") };
  const id = (sequence: number) => ({ sequence, studyId: formatStudyId(agency.code, sequence) });
  await db.participant.createMany({
    data: [
      { ...common, ...id(1), subgroup: "ADULT_MENTAL_HEALTH", status: "REFERRED" },
      {
        ...common,
        ...id(2),
        subgroup: "LEARNING_DISABILITY",
        status: "BASELINE_DONE",
        screenedDate: d("2026-01-10"),
        consentDate: d("2026-01-15"),
        baselineDate: d("2026-01-20"),
        baselineMeasures: ["WEMWBS", "EQ_5D"],
      },
      {
        ...common,
        ...id(3),
        subgroup: "OLDER_ADULT_MENTAL_HEALTH",
        status: "NOT_ELIGIBLE",
        screenedDate: d("2026-01-08"),
        ineligibleReason: "Outside the team's area",
      },
    ],
  });
  return { agency, worker, baselineId: formatStudyId(agency.code, 2), referredId: formatStudyId(agency.code, 1) };
}

test("a researcher filters to an agency, undoes a participant's last step and downloads the CSV", async ({ page }) => {
  test.slow(); // several pages, each scanned by axe
  const { agency, worker, baselineId, referredId } = await agencyWithParticipants();
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);

  await page.goto("/researcher/participants");
  await expect(page.getByRole("heading", { level: 1, name: "Participants" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Filter to this agency.
  await page
    .getByLabel("Agency")
    .selectOption({ label: `${String(agency.code).padStart(2, "0")}: ${agency.teamName}` });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("heading", { name: "3 participants match the filter" })).toBeVisible();
  const table = page.getByRole("table", { name: /Participants, newest referral first/ });
  await expect(table.getByRole("row")).toHaveCount(4);
  const row = table.getByRole("row", { name: new RegExp(baselineId) });
  await expect(row).toContainText("Learning disability");
  await expect(row).toContainText(worker.name);
  await expect(row).toContainText("Baseline interview done");
  await expect(row).toContainText("20 January 2026");
  await expect(row.getByRole("link", { name: agency.teamName })).toHaveAttribute(
    "href",
    `/researcher/agencies/${agency.id}`,
  );
  await expect(page.getByRole("link", { name: "Download all participants (CSV)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Data dictionary (CSV)" })).toBeVisible();
  await expectNoAxeViolations(page);

  // A bad value in the address is explained, and the rest of the filter still applies.
  await page.goto(`/researcher/participants?agency=${agency.id}&status=HAPPY`);
  await expect(page.getByText("Choose a status from the list.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "3 participants match the filter" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The study ID search forgives lower case and spaces.
  await page.getByLabel("Study ID").fill(` ${baselineId.toLowerCase()} `);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("heading", { name: "1 participant matches the filter" })).toBeVisible();
  await page.getByRole("link", { name: baselineId }).click();

  await expect(page.getByRole("heading", { level: 1, name: baselineId })).toBeVisible();
  await expect(page.getByText("WEMWBS, EQ-5D")).toBeVisible();
  await expect(
    page.getByText(
      "This will undo “Baseline interview done” (20 January 2026) and return the participant to “Consented”.",
    ),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // Without a reason: refused, with the error on the field.
  const reason = page.getByLabel("Why is the step being undone?");
  await page.getByRole("button", { name: "Undo the last step" }).click();
  await expect(page.getByText("Enter why the step is being undone.")).toBeVisible();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toBeFocused();
  await expectNoAxeViolations(page);

  await reason.fill("Baseline date entered wrongly");
  await page.getByRole("button", { name: "Undo the last step" }).click();
  const done = page.getByText(
    `Undid “Baseline interview done” (20 January 2026) for ${baselineId}: the participant is back at “Consented”.`,
  );
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  await expect(page.getByText(`Consented, at ${agency.teamName}`)).toBeVisible();
  await expect(
    page.getByText("Step undone by the research team: Baseline date entered wrongly (back to “Consented”)"),
  ).toBeVisible();
  await expect(
    page.getByText("This will undo “Consented” (15 January 2026) and return the participant to “Screened: eligible”."),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  const saved = await db.participant.findUniqueOrThrow({ where: { studyId: baselineId } });
  expect(saved).toMatchObject({ status: "CONSENTED", baselineDate: null, baselineMeasures: [] });

  // A participant only referred has nothing to undo.
  const referred = await db.participant.findUniqueOrThrow({ where: { studyId: referredId } });
  await page.goto(`/researcher/participants/${referred.id}`);
  await expect(
    page.getByText(`${referredId} is only referred: nothing has been recorded after the referral`),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo the last step" })).toHaveCount(0);

  // The CSV, with this participant's new status in it.
  await page.goto(`/researcher/participants?agency=${agency.id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download all participants (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^connecting-people-participants-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = text.split("\r\n");
  expect(header).toMatch(/^study_id,agency_code,agency_team,subgroup,is_new_referral,worker_id,status,referral_date,/);
  const line = lines.find((each) => each.startsWith(`${baselineId},`));
  expect(line).toContain(`,${worker.id},CONSENTED,2026-01-05,2026-01-10,1,,2026-01-15,`);
  expect(text).not.toContain(worker.name);
});

test("an unknown participant is not found", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);
  const response = await page.goto("/researcher/participants/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  const junk = await page.goto("/researcher/participants/not-an-id");
  expect(junk?.status()).toBe(404);
});
