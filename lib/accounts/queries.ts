import "server-only";
import { hashToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { INVITATION_NOT_FOUND, invitationProblem, invitationState } from "./rules";

const ROLE_ORDER = { LEAD: 0, SUPERVISOR: 1, WORKER: 2 } as const;

/** The agency's active staff, leads first, then supervisors, then workers, each by name. */
export async function listAgencyStaff(agencyId: string) {
  const staff = await db.user.findMany({
    where: { agencyId, role: "AGENCY_STAFF", deactivatedAt: null },
    select: { id: true, name: true, email: true, agencyRole: true },
    orderBy: { name: "asc" },
  });
  return staff
    .filter((person) => person.agencyRole !== null)
    .map((person) => ({ ...person, agencyRole: person.agencyRole! }))
    .sort((a, b) => ROLE_ORDER[a.agencyRole] - ROLE_ORDER[b.agencyRole]);
}

const pendingInvitationSelect = {
  id: true,
  email: true,
  agencyRole: true,
  createdAt: true,
  expiresAt: true,
  issuedBy: { select: { name: true } },
} as const;

/** Invitations not yet accepted or withdrawn (expired ones too, so they can be sent again). */
export function listAgencyInvitations(agencyId: string) {
  return db.userToken.findMany({
    where: { purpose: "INVITATION", role: "AGENCY_STAFF", agencyId, usedAt: null, revokedAt: null },
    select: pendingInvitationSelect,
    orderBy: { createdAt: "desc" },
  });
}

export function listResearchers() {
  return db.user.findMany({
    where: { role: "RESEARCHER", deactivatedAt: null },
    select: { id: true, name: true, email: true, createdAt: true },
    orderBy: { name: "asc" },
  });
}

export function listResearcherInvitations() {
  return db.userToken.findMany({
    where: { purpose: "INVITATION", role: "RESEARCHER", agencyId: null, usedAt: null, revokedAt: null },
    select: pendingInvitationSelect,
    orderBy: { createdAt: "desc" },
  });
}

export type PendingInvitation = Awaited<ReturnType<typeof listAgencyInvitations>>[number];

export type InvitationView =
  | { usable: false; problem: string; showSignIn: boolean }
  | {
      usable: true;
      email: string;
      role: "RESEARCHER" | "AGENCY_STAFF";
      agencyRole: "LEAD" | "SUPERVISOR" | "WORKER" | null;
      teamName: string | null;
      organisation: string | null;
      inviterName: string | null;
    };

/** What the invitation page shows for the token in its link: who invites whom to what, or why not. */
export async function getInvitationView(token: string): Promise<InvitationView> {
  const invitation = await db.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      purpose: true,
      email: true,
      role: true,
      agencyRole: true,
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      agency: { select: { teamName: true, organisation: true } },
      issuedBy: { select: { name: true } },
    },
  });
  if (!invitation || invitation.purpose !== "INVITATION" || !invitation.role) {
    return { usable: false, problem: INVITATION_NOT_FOUND, showSignIn: false };
  }
  const state = invitationState(invitation, new Date());
  const inviterName = invitation.issuedBy?.name ?? null;
  if (state !== "valid") {
    return { usable: false, problem: invitationProblem(state, inviterName), showSignIn: state === "used" };
  }
  return {
    usable: true,
    email: invitation.email,
    role: invitation.role,
    agencyRole: invitation.agencyRole,
    teamName: invitation.agency?.teamName ?? null,
    organisation: invitation.agency?.organisation ?? null,
    inviterName,
  };
}
