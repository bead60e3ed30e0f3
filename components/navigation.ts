// The links each role sees in the header. Add a feature's page here when it exists.
import type { Role } from "@/lib/generated/prisma/client";

export type NavItem = {
  href: string;
  label: string;
  /** "exact" for an area's front page, so it is not marked current on every page below it. */
  match: "exact" | "prefix";
};

const NAVIGATION: Record<Role, NavItem[]> = {
  RESEARCHER: [
    { href: "/researcher", label: "Overview", match: "exact" },
    { href: "/researcher/agencies", label: "Agencies", match: "prefix" },
    { href: "/researcher/selection", label: "Selection", match: "prefix" },
    { href: "/researcher/training", label: "Training", match: "prefix" },
    { href: "/researcher/participants", label: "Participants", match: "prefix" },
    { href: "/researcher/team", label: "Team", match: "prefix" },
    { href: "/researcher/outbox", label: "Outbox", match: "prefix" },
    { href: "/researcher/audit", label: "Audit", match: "prefix" },
    { href: "/researcher/settings", label: "Settings", match: "prefix" },
    { href: "/profile", label: "Profile", match: "prefix" },
  ],
  AGENCY_STAFF: [
    { href: "/agency", label: "My agency", match: "exact" },
    { href: "/agency/questionnaire", label: "Questionnaire", match: "prefix" },
    { href: "/agency/staff", label: "Staff", match: "prefix" },
    { href: "/agency/training", label: "Training", match: "prefix" },
    { href: "/agency/participants", label: "Participants", match: "prefix" },
    { href: "/profile", label: "Profile", match: "prefix" },
  ],
};

export const SIGNED_OUT_NAVIGATION: NavItem[] = [
  { href: "/signin", label: "Sign in", match: "exact" },
  { href: "/register", label: "Register your team", match: "exact" },
];

export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION[role];
}

export function isCurrent(item: NavItem, pathname: string): boolean {
  return item.match === "exact"
    ? pathname === item.href
    : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
