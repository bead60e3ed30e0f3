// Shared pieces of the browser tests: factories that write straight to the test database
// (DATABASE_URL, handed over by scripts/test.ts), each with unique names so that tests never
// share data, and a sign-in that goes through the real form.
import { randomUUID } from "node:crypto";
import { expect, test as base, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { createPrismaClient } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { AgencyRole, AgencyStage } from "@/lib/generated/prisma/enums";

export const PASSWORD = "a-long-test-password-42";
let passwordHash: Promise<string> | undefined;

export const db = createPrismaClient(process.env.DATABASE_URL!);

export const unique = () => randomUUID().slice(0, 8);

export async function createAgency({ stage = "DRAFT" as AgencyStage, name = `Team ${unique()}` } = {}) {
  return db.agency.create({ data: { organisation: `Organisation ${unique()}`, teamName: name, stage } });
}

export async function createUser({
  role = "RESEARCHER" as "RESEARCHER" | "AGENCY_STAFF",
  agencyId,
  agencyRole,
  name = `Person ${unique()}`,
  email = `person.${unique()}@example.org`,
}: {
  role?: "RESEARCHER" | "AGENCY_STAFF";
  agencyId?: string;
  agencyRole?: AgencyRole;
  name?: string;
  email?: string;
} = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  return db.user.create({
    data: { email: email.toLowerCase(), name, role, agencyId, agencyRole, passwordHash: await passwordHash },
  });
}

/** An agency with a member of staff in the given role. */
export async function createAgencyStaff(agencyRole: AgencyRole = "LEAD", stage: AgencyStage = "DRAFT") {
  const agency = await createAgency({ stage });
  const user = await createUser({ role: "AGENCY_STAFF", agencyId: agency.id, agencyRole });
  return { agency, user };
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

/** Fails with the list of WCAG 2.2 AA violations axe finds on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`),
  ).toEqual([]);
}

export const test = base;
export { expect };
