// Factories for the accounts database tests: each call makes its own agency and people with
// unique names, so tests never share data.
import { randomUUID } from "node:crypto";
import { toCurrentUser, type CurrentUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import type { AgencyRole } from "@/lib/generated/prisma/enums";

export const unique = () => randomUUID().slice(0, 8);

export const uniqueEmail = (prefix = "person") => `${prefix}.${unique()}@example.org`;

export function createAgency() {
  return db.agency.create({ data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}` } });
}

/** A member of staff as the session would present them (the server's view of "who is acting"). */
export async function createStaff(agencyId: string, agencyRole: AgencyRole, name = `Person ${unique()}`) {
  const row = await db.user.create({
    data: { email: uniqueEmail(agencyRole.toLowerCase()), name, role: "AGENCY_STAFF", agencyId, agencyRole },
  });
  return toCurrentUser(row)!;
}

export async function createResearcherUser() {
  const row = await db.user.create({
    data: { email: uniqueEmail("researcher"), name: `Researcher ${unique()}`, role: "RESEARCHER" },
  });
  return toCurrentUser(row)!;
}

/** An agency with a lead. */
export async function createAgencyWithLead() {
  const agency = await createAgency();
  const lead = await createStaff(agency.id, "LEAD");
  return { agency, lead };
}

export type Actor = CurrentUser;

export const GOOD_PASSWORD = "river-lantern-oak-71";
