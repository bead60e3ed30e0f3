// The CONSORT flow, end to end: a researcher opens Participants → CONSORT flow, sees the diagram
// (an image with its name) and the numbers as tables, chooses their own recruiting agency and reads
// its exact counts in both, downloads the SVG (its name, type and the counts in it) and the PNG (its
// name, signature and size, drawn at twice the diagram's size); an unknown agency is explained on
// the page and refused by the download with a 404. An agency supervisor gets "Page not found" for
// the page and a 404 for the download. axe runs on every page and state.
// The database is shared by specs running at the same time (and by this spec on desktop and phone
// at once): the whole-study numbers are not ours to predict, so exact counts are checked on an
// agency this test makes, with participants at every status.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import type { ParticipantStatus, Prisma } from "@/lib/generated/prisma/client";
import { formatStudyId } from "@/lib/recruitment/rules";
import {
  createAgency,
  createAgencyStaff,
  createUser,
  db,
  expect,
  expectNoAxeViolations,
  signIn,
  test,
} from "./fixtures";

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const REFERRED = { referralDate: day("2026-01-05") };
const SCREENED = { ...REFERRED, screenedDate: day("2026-01-10") };
const CONSENTED = { ...SCREENED, consentDate: day("2026-01-15") };
const BASELINE = { ...CONSENTED, baselineDate: day("2026-02-01"), baselineMeasures: ["WEMWBS" as const] };
const FOLLOWED_UP = { ...BASELINE, followUpDate: day("2026-11-01"), followUpMeasures: ["EQ_5D" as const] };

/**
 * A recruiting agency with 8 participants: 1 awaiting screening; 1 not eligible and 1 declined (so 7
 * assessed, 2 excluded); 1 awaiting baseline (5 consented); 2 awaiting follow-up and 1 withdrawn
 * after baseline (4 with a baseline); 1 followed up.
 */
async function recruitingAgency() {
  const agency = await createAgency({ stage: "RECRUITING", name: `Consort Team ${randomUUID().slice(0, 8)}` });
  const people: [ParticipantStatus, Partial<Prisma.ParticipantUncheckedCreateInput>][] = [
    ["REFERRED", REFERRED],
    ["NOT_ELIGIBLE", { ...SCREENED, ineligibleReason: "Lives outside the area" }],
    ["DECLINED", { ...SCREENED, declinedDate: day("2026-01-15"), declineReason: "Work & family <commitments>" }],
    ["CONSENTED", CONSENTED],
    ["BASELINE_DONE", BASELINE],
    ["BASELINE_DONE", BASELINE],
    [
      "WITHDRAWN",
      { ...BASELINE, withdrawnDate: day("2026-03-01"), withdrawalReason: "Too unwell", keepDataOnWithdrawal: true },
    ],
    ["FOLLOW_UP_DONE", FOLLOWED_UP],
  ];
  await db.participant.createMany({
    data: people.map(([status, fields], index) => ({
      studyId: formatStudyId(agency.code, index + 1),
      agencyId: agency.id,
      sequence: index + 1,
      subgroup: "ADULT_MENTAL_HEALTH" as const,
      isNewReferral: true,
      status,
      ...REFERRED,
      ...fields,
    })),
  });
  return agency;
}

/** What each box of the participants' flow says for that agency, as drawn in the diagram. */
const PARTICIPANT_BOXES = [
  "n = 8",
  "n = 7 (87.5% of referred)",
  "Excluded: n = 2 (28.6% of assessed)",
  "Not eligible: n = 1 (14.3% of assessed)",
  "Declined: n = 1 (14.3% of assessed)",
  "n = 5 (71.4% of assessed)",
  "Awaiting baseline: n = 1",
  "n = 4 (80.0% of consented)",
  "Withdrawn: n = 1 (25.0% of baseline)",
  "Awaiting follow-up: n = 2",
  "n = 1 (25.0% of baseline)",
];

async function downloadBy(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  expect(await download.failure()).toBeNull();
  return { download, body: await readFile((await download.path())!) };
}

test("a researcher sees the CONSORT flow of the study and of one agency, and downloads it as SVG and PNG", async ({
  page,
}) => {
  test.slow(); // two downloads and several axe scans
  const agency = await recruitingAgency();
  const researcher = await createUser({ role: "RESEARCHER" });
  const agencyLabel = `${agency.teamName} (${agency.organisation})`;
  const code = String(agency.code).padStart(2, "0");

  await signIn(page, researcher.email);
  await page.goto("/researcher/participants");
  await page.getByRole("navigation", { name: "Participants" }).getByRole("link", { name: "CONSORT flow" }).click();
  await expect(page).toHaveURL(/\/researcher\/participants\/consort$/);
  await expect(page.getByRole("heading", { level: 1, name: "CONSORT flow" })).toBeVisible();
  await expect(page).toHaveTitle(/CONSORT flow/);

  // The whole study: the diagram as an image with its name and summary, the numbers as tables.
  const studyDiagram = page.getByRole("img", { name: "CONSORT flow: whole study" });
  await expect(studyDiagram).toBeVisible();
  await expect(studyDiagram).toHaveAccessibleDescription(/Agencies: \d+ expressed interest/);
  await expect(page.getByRole("heading", { level: 2, name: "Whole study" })).toBeVisible();
  await expect(page.getByLabel("Whole study or one agency")).toHaveValue("");
  await expectNoAxeViolations(page);
  await page.getByText("The numbers in the diagram as a table").click();
  const studySteps = page.getByRole("table", { name: "Participants at each step" });
  await expect(studySteps).toBeVisible();
  // Our 8 are among the study's referrals, whatever other tests have added.
  const referred = Number(
    await studySteps.getByRole("row").filter({ hasText: "Referred" }).getByRole("cell").first().textContent(),
  );
  expect(referred).toBeGreaterThanOrEqual(8);
  await expect(page.getByRole("table", { name: "Agencies at each step" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The diagram keeps its size: on a phone it scrolls sideways inside its box, the page does not.
  const region = page.getByRole("region", { name: /The CONSORT flow diagram/ });
  const sizes = await region.evaluate((element) => ({
    scroll: element.scrollWidth,
    client: element.clientWidth,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
  if (sizes.viewport < 980) expect(sizes.scroll).toBeGreaterThan(sizes.client);

  // One agency, chosen in the form.
  await page.getByLabel("Whole study or one agency").selectOption({ label: agencyLabel });
  await page.getByRole("button", { name: "Show the flow" }).click();
  await expect(page).toHaveURL(new RegExp(`agency=${agency.id}`));
  await expect(page.getByRole("heading", { level: 2, name: agencyLabel })).toBeVisible();
  const diagram = page.getByRole("img", { name: `CONSORT flow: ${agency.teamName}` });
  await expect(diagram).toBeVisible();
  await expect(diagram).toHaveAccessibleDescription(
    /Participants: 8 referred, 0 left before screening, 7 assessed for eligibility, 2 excluded \(1 not eligible, 1 declined, 0 for other reasons\), 5 consented, 0 left before baseline, 4 had a baseline interview, 1 left before follow-up, 1 followed up\./,
  );
  const drawn = (await diagram.locator("text").allTextContents()).join(" ");
  for (const box of PARTICIPANT_BOXES) expect(drawn).toContain(box);
  expect(drawn).toContain("• Work & family <commitments>: 1");
  await expectNoAxeViolations(page);

  await page.getByText("The numbers in the diagram as a table").click();
  const steps = page.getByRole("table", { name: "Participants at each step" });
  const row = (table: typeof steps, name: string) => table.getByRole("row").filter({ hasText: name });
  await expect(row(steps, "Referred").getByRole("cell")).toHaveText(["8", ""]);
  await expect(row(steps, "Assessed for eligibility").getByRole("cell")).toHaveText(["7", "87.5%"]);
  await expect(row(steps, "Consented").getByRole("cell")).toHaveText(["5", "71.4%"]);
  await expect(row(steps, "Baseline interview done").getByRole("cell")).toHaveText(["4", "80.0%"]);
  await expect(row(steps, "Followed up").getByRole("cell")).toHaveText(["1", "25.0%"]);
  const left = page.getByRole("table", { name: /Participants who left or are waiting/ });
  await expect(row(left, "Excluded: not eligible").getByRole("cell")).toHaveText([
    "1",
    "14.3% of assessed",
    "Lives outside the area: 1",
  ]);
  await expect(row(left, "Excluded: declined").getByRole("cell")).toHaveText([
    "1",
    "14.3% of assessed",
    "Work & family <commitments>: 1",
  ]);
  await expect(row(left, "Withdrawn before follow-up").getByRole("cell")).toHaveText([
    "1",
    "25.0% of baseline",
    "Too unwell: 1",
  ]);
  await expect(row(left, "Awaiting follow-up").getByRole("cell").first()).toHaveText("2");
  const agencies = page.getByRole("table", { name: "Agencies at each step" });
  await expect(row(agencies, "Recruiting participants").getByRole("cell")).toHaveText(["1", "100.0%"]);
  await expectNoAxeViolations(page);

  // The SVG file: named by the agency's code and today's date, with the same counts.
  const svg = await downloadBy(page, () => page.getByRole("link", { name: "Download SVG" }).click());
  expect(svg.download.suggestedFilename()).toMatch(new RegExp(`^consort-flow-cp-${code}-\\d{4}-\\d{2}-\\d{2}\\.svg$`));
  const svgText = svg.body.toString("utf8");
  expect(svgText).toMatch(/^(<\?xml[^>]*>\s*)?<svg /);
  expect(svgText).toContain(`<title id="consort-title">CONSORT flow: ${agency.teamName}</title>`);
  for (const box of PARTICIPANT_BOXES) expect(svgText).toContain(box);
  expect(svgText).toContain("Work &amp; family &lt;commitments&gt;: 1");
  expect(svgText).not.toContain("<commitments>");
  const response = await page.request.get(`/researcher/export/consort?agency=${agency.id}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="consort-flow-cp-/);
  expect(response.headers()["cache-control"]).toContain("no-store");

  // The PNG, made in the browser at twice the diagram's size.
  const png = await downloadBy(page, () => page.getByRole("button", { name: "Download PNG" }).click());
  expect(png.download.suggestedFilename()).toMatch(new RegExp(`^consort-flow-cp-${code}-\\d{4}-\\d{2}-\\d{2}\\.png$`));
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const diagramWidth = Number(await diagram.getAttribute("width"));
  expect(png.body.readUInt32BE(16)).toBe(diagramWidth * 2);
  expect(png.body.readUInt32BE(20)).toBe(Number(await diagram.getAttribute("height")) * 2);
  await expect(page.getByRole("status").filter({ hasText: "could not be made" })).toHaveCount(0);

  // The whole study's file, from the same page's link.
  await page.goto("/researcher/participants/consort");
  const studySvg = await downloadBy(page, () => page.getByRole("link", { name: "Download SVG" }).click());
  expect(studySvg.download.suggestedFilename()).toMatch(/^consort-flow-\d{4}-\d{2}-\d{2}\.svg$/);
  expect(studySvg.body.toString("utf8")).toContain("CONSORT flow: whole study");

  // When the browser cannot make the PNG (here: the diagram has gone), it says so, politely.
  await page.locator("#consort-diagram svg").evaluate((element) => element.remove());
  await page.getByRole("button", { name: "Download PNG" }).click();
  await expect(page.getByRole("status")).toContainText(
    "The PNG image could not be made in this browser. Use “Download SVG” instead",
  );
  await expect(page.getByRole("button", { name: "Download PNG" })).toBeFocused();
  await expectNoAxeViolations(page);
});

test("an unknown agency is explained on the page and refused by the download", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  await signIn(page, researcher.email);

  for (const wanted of [randomUUID(), "not-an-agency"]) {
    const response = await page.goto(`/researcher/participants/consort?agency=${wanted}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 2, name: "There is no agency at that address" })).toBeVisible();
    await expect(page.getByRole("img", { name: "CONSORT flow: whole study" })).toBeVisible();
    await expectNoAxeViolations(page);

    const file = await page.request.get(`/researcher/export/consort?agency=${wanted}`);
    expect(file.status()).toBe(404);
    expect(file.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(await file.text()).toContain("There is no agency at this address");
  }
});

test("an agency supervisor gets “Page not found” for the CONSORT flow and a 404 for its download", async ({ page }) => {
  const { agency, user } = await createAgencyStaff("SUPERVISOR", "RECRUITING");
  await signIn(page, user.email);

  const response = await page.goto("/researcher/participants/consort");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("img", { name: /CONSORT flow/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  for (const path of ["/researcher/export/consort", `/researcher/export/consort?agency=${agency.id}`]) {
    const file = await page.request.get(path);
    expect(file.status()).toBe(404);
    expect(await file.text()).not.toContain("<svg");
  }
});
