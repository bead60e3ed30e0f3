// Who is signed in, and guards that pages and server actions call first.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import type { AgencyStaffUser, CurrentUser, ResearcherUser } from "@/lib/auth/user";

export type { AgencyStaffUser, CurrentUser, ResearcherUser } from "@/lib/auth/user";

/**
 * The signed-in person, or null. Read once per request however many components ask. Null too when
 * the session has ended, 12 hours after signing in or 2 hours after the last request
 * (lib/auth/session-lifetime.ts): the session callback in lib/auth/options.ts refuses it.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
});

/** The signed-in person; a signed-out visitor is sent to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/**
 * The signed-in person when they have this role. Anyone else gets "not found", so a page of the
 * other role's area does not even confirm that it exists.
 */
export async function requireRole(role: "RESEARCHER"): Promise<ResearcherUser>;
export async function requireRole(role: "AGENCY_STAFF"): Promise<AgencyStaffUser>;
export async function requireRole(role: CurrentUser["role"]): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== role) notFound();
  return user;
}

/**
 * The signed-in person when they may see this agency's records: any researcher, or a member of
 * that agency's staff. Another agency's id behaves like one that does not exist.
 */
export async function requireAgencyAccess(agencyId: string): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role === "AGENCY_STAFF" && user.agencyId !== agencyId) notFound();
  return user;
}
