// The selection page in the browser: a researcher filters the pipeline by client group, sorts it
// by mean score and by their own score, narrows it to the agencies to discuss, reads the coverage
// of the selected agencies, reorders the reserve list with the keyboard, promotes a reserve agency
// into a free place and sends the decisions; axe-clean at each step, on a desktop and on a phone.
// The database is shared by specs running at the same time (this one too, on the other device):
// every agency here carries this run's token, and only this run's rows are asserted on.
import type { Page } from "@playwright/test";
import type { AgencyStage, ClientGroup, Region } from "@/lib/generated/prisma/enums";
import { createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";

/** Follows the main navigation's "Selection" link, opening the phone's menu first. */
async function openSelection(page: Page) {
  const menu = page.locator("summary", { hasText: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Selection" }).first().click();
  await expect(page).toHaveURL(/\/researcher\/selection$/);
}

/** The Study row, made with a far-off closing date when missing; its closing date is never moved. */
async function ensureStudy() {
  await db.study
    .upsert({
      where: { id: 1 },
      create: { id: 1, name: "Connecting People pilot", questionnaireDeadline: new Date("2099-03-16T17:00:00Z") },
      update: {},
    })
    // The phone and desktop runs may create it at the same moment; one of them wins.
    .catch(() => undefined);
}

type AgencySpec = {
  name: string;
  stage: AgencyStage;
  clientGroups: ClientGroup[];
  region: Region;
  reserveRank?: number;
  /** The decision the agency has already been told. */
  decisionSentStage?: AgencyStage;
};

async function createAgency(
  token: string,
  { name, stage, clientGroups, region, reserveRank, decisionSentStage }: AgencySpec,
) {
  const agency = await db.agency.create({
    data: {
      teamName: `${name} ${token}`,
      organisation: `Organisation ${token}`,
      stage,
      clientGroups,
      region,
      reserveRank: reserveRank ?? null,
      decisionSentStage: decisionSentStage ?? null,
      expressionOfInterest: { create: { status: "SUBMITTED", submittedAt: new Date("2030-03-10T12:00:00Z") } },
    },
  });
  const lead = await createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "LEAD" });
  return { agency, lead };
}

/** A review with the four scores in the criteria's order: similarity, training, recruitment, client group. */
async function review(agencyId: string, reviewerId: string, [similarity, training, recruitment, fit]: number[]) {
  await db.review.create({
    data: {
      agencyId,
      reviewerId,
      similarityScore: similarity!,
      trainingCapacityScore: training!,
      recruitmentCapacityScore: recruitment!,
      clientGroupFitScore: fit!,
    },
  });
}

test("a researcher compares, covers, reorders, promotes and sends the decisions", async ({ page }) => {
  test.slow(); // one long journey with seven accessibility scans
  const token = unique();
  await ensureStudy();
  const researcher = await createUser({ role: "RESEARCHER" });
  const colleague = await createUser({ role: "RESEARCHER" });

  // Alpha: mean 3.9, the reader gave 3.5, reviewers 3 points apart on similarity.
  const alpha = await createAgency(token, {
    name: "Alpha",
    stage: "SHORTLISTED",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "NORTH_EAST",
  });
  await review(alpha.agency.id, researcher.id, [2, 4, 4, 4]);
  await review(alpha.agency.id, colleague.id, [5, 4, 4, 4]);
  // Bravo: mean 3.5, the reader gave 4.0, reviewers 1 point apart.
  const bravo = await createAgency(token, {
    name: "Bravo",
    stage: "SHORTLISTED",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "SOUTH_WEST",
  });
  await review(bravo.agency.id, researcher.id, [4, 4, 4, 4]);
  await review(bravo.agency.id, colleague.id, [3, 3, 3, 3]);
  // Charlie: selected (and already told so), another client group.
  const charlie = await createAgency(token, {
    name: "Charlie",
    stage: "SELECTED",
    decisionSentStage: "SELECTED",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "YORKSHIRE_AND_THE_HUMBER",
  });
  await review(charlie.agency.id, colleague.id, [2, 2, 2, 2]);

  // Delta and Echo at the end of the reserve list, one after the other, and already told so. The
  // ranks are worked out under the Study row's lock, as the app does, so that a run on the other
  // device cannot take them too.
  const [delta, echo] = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Study" WHERE "id" = 1 FOR UPDATE`;
    const last = (await tx.agency.aggregate({ where: { stage: "RESERVE" }, _max: { reserveRank: true } }))._max
      .reserveRank;
    const ranks = [(last ?? 0) + 1, (last ?? 0) + 2];
    return Promise.all([
      tx.agency.create({
        data: {
          teamName: `Delta ${token}`,
          organisation: `Organisation ${token}`,
          stage: "RESERVE",
          reserveRank: ranks[0],
          decisionSentStage: "RESERVE",
          clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
          region: "EAST_OF_ENGLAND",
        },
      }),
      tx.agency.create({
        data: {
          teamName: `Echo ${token}`,
          organisation: `Organisation ${token}`,
          stage: "RESERVE",
          reserveRank: ranks[1],
          decisionSentStage: "RESERVE",
          clientGroups: ["LEARNING_DISABILITY"],
          region: "EAST_OF_ENGLAND",
        },
      }),
    ]);
  });
  const deltaLead = await createUser({ role: "AGENCY_STAFF", agencyId: delta.id, agencyRole: "LEAD" });
  const echoLead = await createUser({ role: "AGENCY_STAFF", agencyId: echo.id, agencyRole: "LEAD" });

  await signIn(page, researcher.email);
  await openSelection(page);
  await expect(page).toHaveTitle(/Selection/);
  await expect(page.getByRole("heading", { level: 1, name: "Selection" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^\d+ of \d+ places taken$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download all agencies (CSV)" })).toHaveAttribute(
    "href",
    "/researcher/export/agencies",
  );
  await expect(page.getByRole("link", { name: "Data dictionary (CSV)" })).toHaveAttribute(
    "href",
    "/researcher/export/agencies/dictionary",
  );
  await expectNoAxeViolations(page);

  // Filter by client group (and this run's token, to see only this run's agencies).
  await page.getByLabel("Team or organisation name contains").fill(token);
  await page.getByLabel("Client group", { exact: true }).selectOption("LEARNING_DISABILITY");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/clientGroup=LEARNING_DISABILITY/);
  await expect(page.getByRole("heading", { name: "3 agencies match the filter" })).toBeVisible();
  const table = page.getByRole("table", { name: /Agencies in the pipeline/ });
  const teams = table.getByRole("link", { name: new RegExp(token) });
  // Best mean score first by default; Echo, not yet scored, last.
  await expect(teams).toHaveText([`Alpha ${token}`, `Bravo ${token}`, `Echo ${token}`]);
  await expect(table.getByRole("columnheader", { name: "Mean score" })).toHaveAttribute("aria-sort", "descending");
  const alphaRow = table.getByRole("row").filter({ hasText: `Alpha ${token}` });
  await expect(alphaRow).toContainText("Shortlisted");
  await expect(alphaRow).toContainText("North East");
  await expect(alphaRow.getByRole("cell").nth(3)).toHaveText("3.9");
  await expect(alphaRow.getByRole("cell").nth(4)).toHaveText("2");
  await expect(alphaRow.getByRole("cell").nth(5)).toHaveText("3.5");
  await expect(alphaRow).toContainText("Discuss: differ by 3 points");
  const echoRow = table.getByRole("row").filter({ hasText: `Echo ${token}` });
  await expect(echoRow).toContainText("No reviews yet");
  await expect(echoRow).toContainText("Not scored");
  await expect(table.getByRole("row").filter({ hasText: `Charlie ${token}` })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Sort by team, then by mean score both ways: unscored agencies stay last.
  await table.getByRole("link", { name: "Team", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Team" })).toHaveAttribute("aria-sort", "ascending");
  await expect(teams).toHaveText([`Alpha ${token}`, `Bravo ${token}`, `Echo ${token}`]);
  await table.getByRole("link", { name: "Mean score", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Mean score" })).toHaveAttribute("aria-sort", "descending");
  await expect(teams).toHaveText([`Alpha ${token}`, `Bravo ${token}`, `Echo ${token}`]);
  await table.getByRole("link", { name: "Mean score", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Mean score" })).toHaveAttribute("aria-sort", "ascending");
  await expect(teams).toHaveText([`Bravo ${token}`, `Alpha ${token}`, `Echo ${token}`]);
  await expect(page).toHaveURL(/q=.*clientGroup=LEARNING_DISABILITY.*dir=asc/);
  // By the reader's own score: Bravo (4.0) before Alpha (3.5).
  await table.getByRole("link", { name: "Your score", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Your score" })).toHaveAttribute("aria-sort", "descending");
  await expect(teams).toHaveText([`Bravo ${token}`, `Alpha ${token}`, `Echo ${token}`]);

  // Only the agencies whose reviewers should talk.
  await page.getByLabel("Only agencies to discuss").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/discuss=1/);
  await expect(page.getByRole("heading", { name: "1 agency matches the filter" })).toBeVisible();
  await expect(teams).toHaveText([`Alpha ${token}`]);
  await expectNoAxeViolations(page);

  // A page number that is not one (a hand-edited link): said, and the first page shown with the
  // rest of the address still applied.
  await page.goto(`/researcher/selection?q=${token}&page=abc`);
  await expect(
    page.getByText("The page number in the address was not understood, so the first page is shown."),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "5 agencies match the filter" })).toBeVisible();
  // Past the last page (an old link): the last page, here the only one, with its agencies.
  await page.goto(`/researcher/selection?q=${token}&page=7`);
  await expect(teams).toHaveText([
    `Alpha ${token}`,
    `Bravo ${token}`,
    `Charlie ${token}`,
    `Delta ${token}`,
    `Echo ${token}`,
  ]);
  await page.goto("/researcher/selection");

  // Coverage: Charlie holds a place in Yorkshire and the Humber. Other specs select agencies too,
  // so the page is compared with the database read just before it.
  const regionCount = (name: string) =>
    page
      .getByRole("table", { name: "Agencies holding a place, by English region" })
      .getByRole("row", { name: new RegExp(`^${name}`) })
      .getByRole("cell");
  await expect(async () => {
    const expected = await db.agency.count({
      where: { stage: { in: [...HOLDS_A_PLACE] }, region: "YORKSHIRE_AND_THE_HUMBER" },
    });
    expect(expected).toBeGreaterThanOrEqual(1);
    await page.reload();
    await expect(regionCount("Yorkshire and the Humber")).toHaveText(String(expected), { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // The reserve list: Echo moves above Delta with the keyboard, and keeps the focus.
  const reserve = page.getByRole("list", { name: /^Reserve list/ });
  const ours = reserve.getByRole("listitem").filter({ hasText: token });
  await expect(ours).toHaveText([new RegExp(`Delta ${token}`), new RegExp(`Echo ${token}`)]);
  await page.getByRole("button", { name: `Move up: Echo ${token}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(new RegExp(`Echo ${token} moved up to number \\d+ on the reserve list`))).toBeVisible();
  await expect(ours).toHaveText([new RegExp(`Echo ${token}`), new RegExp(`Delta ${token}`)]);
  await expect(page.locator(":focus")).toHaveAccessibleName(new RegExp(`^Move (up|down): Echo ${token}$`));
  await expectNoAxeViolations(page);

  // Sending the decisions emails every agency whose decision has not been sent, this run's and any
  // other's. From Echo's promotion (its decision is then waiting) to the sending, the run on the
  // other device is held back, so that it cannot send Echo's decision first.
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(5005)`;

      // A place is free: promote Echo, with a reason.
      await page.getByLabel("Agency to promote").selectOption(echo.id);
      await page.getByRole("button", { name: "Promote to selected" }).click();
      await expect(page.getByText("Say why the agency moves to this stage.")).toBeVisible();
      await expect(page.getByLabel("Reason")).toBeFocused();
      await page.getByLabel("Reason").fill("A selected agency withdrew.");
      await page.getByRole("button", { name: "Promote to selected" }).click();
      await expect(page.getByText(`Echo ${token} is now selected from the reserve list`)).toBeVisible();
      // The answer takes the focus, in a message area that stays in the page even when the
      // promotion takes the last free place or the last reserve agency, and the form with it.
      await expect(page.locator(":focus")).toContainText(`Echo ${token} is now selected from the reserve list`);
      await expect(page.locator(":focus")).toBeVisible();
      await expect(ours).toHaveText([new RegExp(`Delta ${token}`)]);
      await expect(async () => {
        const expected = await db.agency.count({
          where: { stage: { in: [...HOLDS_A_PLACE] }, region: "EAST_OF_ENGLAND" },
        });
        expect(expected).toBeGreaterThanOrEqual(1);
        await page.reload();
        await expect(regionCount("East of England")).toHaveText(String(expected), { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expectNoAxeViolations(page);

      // What will be sent: Echo's new decision, not the decisions Charlie and Delta already know.
      const decisions = page.getByRole("region", { name: "Decisions" });
      const selected = decisions.getByRole("region", { name: /^Selected \(\d+\)$/ });
      await expect(selected.getByRole("listitem").filter({ hasText: `Echo ${token}` })).toContainText(
        "was told: On the reserve list",
      );
      await expect(decisions.getByRole("link", { name: `Charlie ${token}` })).toHaveCount(0);
      await expect(decisions.getByRole("link", { name: `Delta ${token}` })).toHaveCount(0);
      await expect(decisions.getByRole("listitem").filter({ hasText: `Alpha ${token}` })).toContainText(
        "(Shortlisted)",
      );

      await page.getByRole("button", { name: "Send decisions" }).click();
      await expect(page.getByText("Tick the box to confirm that the decisions are final")).toBeVisible();
      await expect(page.getByLabel("These decisions are final: send them to the agencies")).toBeFocused();
      await page.getByLabel("These decisions are final: send them to the agencies").check();
      await page.getByRole("button", { name: "Send decisions" }).click();
      await expect(page.getByText(/^Sent \d+ decisions?: \d+ selected, \d+ reserve, \d+ not selected\./)).toBeVisible();
      // The box and the button go once everything is sent; the answer keeps the focus.
      await expect(page.locator(":focus")).toContainText(/Sent \d+ decisions?: \d+ selected/);
      await expect(decisions.getByRole("link", { name: `Echo ${token}` })).toHaveCount(0);
    },
    { maxWait: 120_000, timeout: 120_000 },
  );

  // Echo's lead hears of the promotion, once; Charlie and Delta, already told, hear nothing new.
  const echoEmails = await db.outboxEmail.findMany({ where: { to: echoLead.email, kind: "decision" } });
  expect(echoEmails.map((email) => email.subject)).toEqual([
    `Connecting People pilot: Echo ${token} has been selected`,
  ]);
  expect(echoEmails[0]!.text).toContain("replaces our earlier message");
  // Already told, or still being considered: not emailed.
  const others = [charlie.lead.email, deltaLead.email, alpha.lead.email, bravo.lead.email];
  expect(await db.outboxEmail.count({ where: { to: { in: others } } })).toBe(0);
  await expect(page.getByText(/Decisions were first sent on/)).toBeVisible();
  await expectNoAxeViolations(page);
});
