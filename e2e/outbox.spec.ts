// The Outbox lets researchers read every email the app queued, so the study runs without a mail
// server (the browser tests' server has no SMTP_URL, so nothing is sent). Only researchers see it.
import { INTERRUPTED } from "@/lib/notifications/interrupted";
import { createAgencyStaff, createUser, db, expect, expectNoAxeViolations, signIn, test, unique } from "./fixtures";

async function queueInvitation(tag: string) {
  return db.outboxEmail.create({
    data: {
      to: `invitee.${tag}@example.org`,
      subject: `You are invited to join Team ${tag}`,
      text: `Hello,\n\nSam invited you to join Team ${tag} as a worker.\nSet your name and password here:\nhttps://pilot.example.org/invitation/link-${tag}\n\nConnecting People study team`,
      kind: "invitation",
    },
  });
}

test("a researcher finds an email in the outbox and reads its full text", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  const tag = unique();
  const email = await queueInvitation(tag);

  await signIn(page, researcher.email);
  await page.goto("/researcher/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
  await expect(page.getByText("No mail server is set up (SMTP_URL), so emails are not sent.")).toBeVisible();

  await page.getByLabel("Recipient").fill(`invitee.${tag}`);
  await page.getByRole("button", { name: "Show emails" }).click();
  await expect(page).toHaveURL(new RegExp(`to=invitee\\.${tag}`));
  await expect(page.getByText("Showing 1 to 1 of 1 email matching the filter.")).toBeVisible();
  const item = page.getByRole("main").getByRole("listitem").filter({ hasText: email.to });
  await expect(item).toContainText("invitation");
  await expect(item).toContainText("not sent: no mail server is set up (SMTP_URL)");
  await expectNoAxeViolations(page);

  // The status filter narrows further: this email has not been sent.
  await page.getByLabel("Status").selectOption({ label: "Sent" });
  await page.getByRole("button", { name: "Show emails" }).click();
  await expect(page.getByText("No email matches this filter.")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Waiting to be sent" });
  await page.getByRole("button", { name: "Show emails" }).click();

  await page.getByRole("link", { name: email.subject }).click();
  await expect(page).toHaveURL(`/researcher/outbox/${email.id}`);
  await expect(page.getByRole("heading", { level: 1, name: email.subject })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`Email: ${email.subject}`));
  await expect(page.getByText(`https://pilot.example.org/invitation/link-${tag}`)).toBeVisible();
  await expect(page.getByText(`Sam invited you to join Team ${tag} as a worker.`)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Back to the outbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
});

test("an email whose send was interrupted says it may already have arrived and will be sent again with the same Message-ID", async ({
  page,
}) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  const tag = unique();
  // What a sender killed mid-send leaves (lib/notifications/sender.ts): the try counted and marked,
  // never answered.
  const email = await db.outboxEmail.create({
    data: {
      to: `interrupted.${tag}@example.org`,
      subject: `Your training booking ${tag}`,
      text: "You are booked.",
      kind: "booking-confirmation",
      attempts: 1,
      lastError: INTERRUPTED,
    },
  });
  const status =
    "interrupted – try 1 was not confirmed by the mail server, so this email may already have arrived; it will be sent again with the same Message-ID once a mail server is set up (SMTP_URL)";

  await signIn(page, researcher.email);
  await page.goto(`/researcher/outbox?to=interrupted.${tag}`);
  const item = page.getByRole("main").getByRole("listitem").filter({ hasText: email.to });
  await expect(item).toContainText(status);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: email.subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: email.subject })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(status);
  await expectNoAxeViolations(page);
});

test("the outbox shows 50 emails a page, newest first", async ({ page }) => {
  const researcher = await createUser({ role: "RESEARCHER" });
  const tag = unique();
  const start = Date.now() - 60 * 60_000;
  await db.outboxEmail.createMany({
    data: Array.from({ length: 51 }, (_, index) => ({
      to: `many.${tag}.${index}@example.org`,
      subject: `Reminder ${index} for ${tag}`,
      text: "A reminder.",
      kind: "reminder",
      createdAt: new Date(start + index * 1000),
    })),
  });

  await signIn(page, researcher.email);
  await page.goto(`/researcher/outbox?to=${tag}`);
  await expect(page.getByText("Showing 1 to 50 of 51 emails matching the filter.")).toBeVisible();
  const subjects = page.getByRole("main").getByRole("heading", { level: 2 });
  await expect(subjects).toHaveCount(50);
  await expect(subjects.first()).toHaveText(`Reminder 50 for ${tag}`);

  const pages = page.getByRole("navigation", { name: "Pages of the outbox" });
  await expect(pages).toContainText("Page 1 of 2");
  await pages.getByRole("link", { name: "Older emails" }).click();
  await expect(page.getByText("Showing 51 to 51 of 51 emails matching the filter.")).toBeVisible();
  await expect(subjects).toHaveText([`Reminder 0 for ${tag}`]);
  await expect(pages.getByRole("link", { name: "Newer emails" })).toBeVisible();
});

test("an agency lead is refused the outbox and its emails as not found", async ({ page }) => {
  const { user } = await createAgencyStaff("LEAD");
  const email = await queueInvitation(unique());

  await signIn(page, user.email);
  for (const path of ["/researcher/outbox", `/researcher/outbox/${email.id}`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText(email.subject)).toHaveCount(0);
  }
});
