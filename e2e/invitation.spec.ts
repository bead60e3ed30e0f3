import { hashToken, newToken } from "@/lib/auth/tokens";
import {
  createAgencyStaff,
  createUser,
  db,
  expect,
  expectNoAxeViolations,
  PASSWORD,
  signIn,
  test,
  unique,
} from "./fixtures";

/** The invitation link, read from the email in the outbox (the token exists nowhere else). */
async function invitationLink(email: string): Promise<string> {
  const message = await db.outboxEmail.findFirstOrThrow({
    where: { to: email, kind: "invitation" },
    orderBy: { createdAt: "desc" },
  });
  const link = message.text.match(/https?:\/\/\S+\/invitation\/[\w-]+/)?.[0];
  if (!link) throw new Error(`No invitation link in: ${message.text}`);
  return link;
}

test("a lead invites a worker, who accepts in another browser and joins that agency as a worker", async ({
  page,
  browser,
}) => {
  const { agency, user: lead } = await createAgencyStaff("LEAD");
  const email = `worker.${unique()}@example.org`;
  await signIn(page, lead.email);
  await page.goto("/agency/staff");
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Their email address").fill(email);
  await page.getByLabel("Their role").selectOption({ label: "Worker" });
  await page.getByRole("button", { name: "Send invitation" }).click();

  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}.` })).toBeVisible();
  const pending = page.getByRole("listitem").filter({ hasText: email });
  await expect(pending).toContainText("Worker");
  await expect(pending).toContainText(`Sent`);
  await expect(pending).toContainText("The link works until");
  await expectNoAxeViolations(page);

  const link = await invitationLink(email);
  const context = await browser.newContext();
  try {
    const invitee = await context.newPage();
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
    await expect(invitee.getByText(`${lead.name} has invited you to join`)).toContainText(
      `${agency.teamName} (${agency.organisation}) as a worker`,
    );
    await expect(invitee.getByLabel("Email address")).toHaveValue(email);
    await expectNoAxeViolations(invitee);

    await invitee.getByLabel("Your full name").fill("Jo Bloggs");
    await invitee.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await invitee.getByLabel("Type the password again").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Accept and set up my account" }).click();

    await expect(invitee).toHaveURL(/\/agency$/);
    await expect(invitee.getByRole("heading", { level: 1, name: agency.teamName })).toBeVisible();
    await expect(invitee.getByText("You are signed in as Jo Bloggs, worker for this team.")).toBeVisible();

    // The link worked once: opening it again explains that.
    await invitee.goto(link);
    await expect(invitee.getByText("This invitation has already been used.", { exact: false })).toBeVisible();
  } finally {
    await context.close();
  }

  const worker = await db.user.findUniqueOrThrow({ where: { email } });
  expect(worker).toMatchObject({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "WORKER" });

  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "Jo Bloggs" })).toContainText(email);
  await expect(page.getByText("There are no invitations waiting.")).toBeVisible();
});

test("an expired or withdrawn invitation says so, and who to ask", async ({ page }) => {
  const { agency, user: lead } = await createAgencyStaff("LEAD");
  const expired = newToken();
  const withdrawn = newToken();
  const base = {
    purpose: "INVITATION" as const,
    role: "AGENCY_STAFF" as const,
    agencyId: agency.id,
    agencyRole: "WORKER" as const,
    issuedById: lead.id,
  };
  await db.userToken.createMany({
    data: [
      {
        ...base,
        tokenHash: expired.tokenHash,
        email: `late.${unique()}@example.org`,
        expiresAt: new Date(Date.now() - 60_000),
      },
      {
        ...base,
        tokenHash: withdrawn.tokenHash,
        email: `gone.${unique()}@example.org`,
        expiresAt: new Date(Date.now() + 60 * 60_000),
        revokedAt: new Date(),
      },
    ],
  });
  expect(hashToken(expired.token)).toBe(expired.tokenHash);

  await page.goto(`/invitation/${expired.token}`);
  await expect(page.getByRole("heading", { level: 1, name: "This invitation cannot be used" })).toBeVisible();
  await expect(page.getByText(`This invitation has expired — ask ${lead.name} to send a new one.`)).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto(`/invitation/${withdrawn.token}`);
  await expect(page.getByText(`This invitation has been withdrawn — ask ${lead.name}`, { exact: false })).toBeVisible();

  await page.goto("/invitation/not-a-real-token");
  await expect(page.getByText("This invitation link does not work.", { exact: false })).toBeVisible();
});

test("a worker sees the staff list but cannot change it", async ({ page }) => {
  const { agency, user: lead } = await createAgencyStaff("LEAD");
  const worker = await createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "WORKER" });
  await signIn(page, worker.email);
  await page.goto("/agency/staff");

  await expect(page.getByRole("listitem").filter({ hasText: lead.name })).toContainText("Agency lead");
  await expect(page.getByText("Only your agency’s lead can invite or change staff.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invite a colleague" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove|Change role|Send invitation/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a lead removes a colleague after confirming, and cannot demote the only lead", async ({ page }) => {
  const { agency, user: lead } = await createAgencyStaff("LEAD");
  const worker = await createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "WORKER" });
  await signIn(page, lead.email);
  await page.goto("/agency/staff");

  await page.getByRole("button", { name: `Remove ${worker.name}` }).click();
  await expect(page.getByText(`Remove ${worker.name} from your agency?`)).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: `Yes, remove ${worker.name}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `${worker.name} has been removed from your agency` }),
  ).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: worker.email })).toHaveCount(0);
  expect((await db.user.findUniqueOrThrow({ where: { id: worker.id } })).deactivatedAt).not.toBeNull();

  await page.getByLabel(`Role of ${lead.name}`).selectOption({ label: "Worker" });
  await page.getByRole("button", { name: `Change role of ${lead.name}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The agency needs at least one lead." })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: lead.id } })).agencyRole).toBe("LEAD");
});

test("a researcher invites a researcher, sends the invitation again, then withdraws it", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  const email = `researcher.${unique()}@example.org`;
  await signIn(page, researcher.email);
  await page.goto("/researcher/team");
  await expect(page.getByRole("heading", { level: 1, name: "Research team" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: researcher.email })).toBeVisible();

  await page.getByLabel("Their email address").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${email}.` })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText("Researcher");
  await expectNoAxeViolations(page);
  const firstLink = await invitationLink(email);

  await page.getByRole("button", { name: `Send again to ${email}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `A new invitation has been sent to ${email}` }),
  ).toBeVisible();
  expect(await invitationLink(email)).not.toBe(firstLink);

  await page.getByRole("button", { name: `Withdraw the invitation to ${email}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `The invitation to ${email} has been withdrawn` }),
  ).toBeVisible();
  await expect(page.getByText("There are no invitations waiting.")).toBeVisible();

  await page.goto(new URL(firstLink).pathname);
  await expect(
    page.getByText(`This invitation has been withdrawn — ask ${researcher.name}`, { exact: false }),
  ).toBeVisible();
});
