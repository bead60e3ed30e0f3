// The signed-in person as the app sees them. Pure: safe to import from client components.
import type { AgencyRole, Role } from "@/lib/generated/prisma/client";

type Person = { id: string; name: string; email: string };

export type ResearcherUser = Person & { role: "RESEARCHER"; agencyId: null; agencyRole: null };
export type AgencyStaffUser = Person & { role: "AGENCY_STAFF"; agencyId: string; agencyRole: AgencyRole };
export type CurrentUser = ResearcherUser | AgencyStaffUser;

type UserRow = Person & { role: Role; agencyId: string | null; agencyRole: AgencyRole | null };

/**
 * Narrows a user row to the shape its role promises. The database holds the same rule as a CHECK
 * constraint, so `null` here means a row that should not exist.
 */
export function toCurrentUser(row: UserRow): CurrentUser | null {
  const person = { id: row.id, name: row.name, email: row.email };
  if (row.role === "RESEARCHER" && row.agencyId === null && row.agencyRole === null) {
    return { ...person, role: "RESEARCHER", agencyId: null, agencyRole: null };
  }
  if (row.role === "AGENCY_STAFF" && row.agencyId !== null && row.agencyRole !== null) {
    return { ...person, role: "AGENCY_STAFF", agencyId: row.agencyId, agencyRole: row.agencyRole };
  }
  return null;
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role): "/researcher" | "/agency" {
  return role === "RESEARCHER" ? "/researcher" : "/agency";
}

/**
 * A callback URL is followed only when it is a path inside the person's own area: never another
 * site (open redirect), and never the other role's area (which would only show "not found").
 */
export function afterSignInPath(role: Role, callbackUrl: string | null | undefined): string {
  const home = homePathFor(role);
  const path = safeLocalPath(callbackUrl);
  if (path && (path === home || path.startsWith(`${home}/`) || path.startsWith(`${home}?`))) return path;
  return home;
}

/** A same-origin path such as `/agency/staff?x=1`, or null for anything else. */
export function safeLocalPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  try {
    const base = "http://local.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
