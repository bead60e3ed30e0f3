// Pure rules of accounts: who may manage staff, the state of an invitation, the last-lead rule,
// and the words of the invitation email. No database here, so everything is unit-tested.
import type { AgencyRole } from "@/lib/generated/prisma/enums";
import type { CurrentUser } from "@/lib/auth/user";

export const AGENCY_ROLE_NAMES: Record<AgencyRole, string> = {
  LEAD: "agency lead",
  SUPERVISOR: "supervisor",
  WORKER: "worker",
};

/** Only an agency's lead changes its staff list; supervisors and workers may only read it. */
export function canManageStaff(user: CurrentUser): boolean {
  return user.role === "AGENCY_STAFF" && user.agencyRole === "LEAD";
}

export type InvitationState = "valid" | "used" | "revoked" | "expired";

/** Used and revoked outrank expired: they say what happened, which is more useful to the invitee. */
export function invitationState(
  token: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (token.usedAt) return "used";
  if (token.revokedAt) return "revoked";
  if (token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

/** What an invitee reads when the link no longer works, naming who can send a new one. */
export function invitationProblem(state: Exclude<InvitationState, "valid">, issuerName: string | null): string {
  const who = issuerName ?? "the person who invited you";
  switch (state) {
    case "expired":
      return `This invitation has expired — ask ${who} to send a new one.`;
    case "revoked":
      return `This invitation has been withdrawn — ask ${who} if you should still have an account.`;
    case "used":
      return "This invitation has already been used. If you set up your account with it, sign in.";
  }
}

export const INVITATION_NOT_FOUND =
  "This invitation link does not work. Check that you opened the whole link from the email, or ask the person who invited you to send a new one.";

export type StaffChange = { kind: "role"; agencyRole: AgencyRole } | { kind: "remove" };

/**
 * Why a change to a member of staff is refused under the last-lead rule (an agency always keeps
 * at least one active lead), or null when it may go ahead. `activeLeadIds` are the agency's active
 * leads, read under a lock in the same transaction as the change.
 */
export function lastLeadProblem(
  activeLeadIds: readonly string[],
  targetId: string,
  change: StaffChange,
): string | null {
  const targetIsLead = activeLeadIds.includes(targetId);
  const stopsBeingLead = change.kind === "remove" || change.agencyRole !== "LEAD";
  if (targetIsLead && stopsBeingLead && activeLeadIds.length <= 1) {
    return change.kind === "remove"
      ? "You cannot remove the only agency lead. Make someone else a lead first."
      : "The agency needs at least one lead. Make someone else a lead before changing this role.";
  }
  return null;
}

export function invitationEmail({
  link,
  inviterName,
  teamName,
  organisation,
  agencyRole,
  expiresAt,
}: {
  link: string;
  inviterName: string;
  /** Absent for an invitation to join the research team. */
  teamName?: string;
  organisation?: string;
  agencyRole?: AgencyRole | null;
  expiresAt: Date;
}): { subject: string; text: string } {
  const joining =
    teamName && agencyRole
      ? `${teamName} (${organisation}) as ${article(AGENCY_ROLE_NAMES[agencyRole])}`
      : "the research team";
  const expires = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    dateStyle: "full",
    timeStyle: "short",
  }).format(expiresAt);
  const subject = teamName
    ? `Join ${teamName} in the Connecting People pilot`
    : "Join the Connecting People research team";
  const text = [
    "Hello,",
    "",
    `${inviterName} has invited you to join ${joining} in the Connecting People pilot.`,
    "",
    "To accept, open this link, then choose your name and a password:",
    link,
    "",
    `The link works once and expires on ${expires} (UK time). If it has expired, ask ${inviterName} to send a new one.`,
    "",
    "If you were not expecting this email, you can ignore it.",
  ].join("\n");
  return { subject, text };
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** The lines the invitation lists show: who sent it and when, and until when the link works. */
export function describePendingInvitation(
  invitation: { createdAt: Date; expiresAt: Date; issuedBy: { name: string } | null },
  now: Date,
  format: (date: Date) => string,
): { sentLabel: string; expiryLabel: string; expired: boolean } {
  const expired = invitation.expiresAt.getTime() <= now.getTime();
  const by = invitation.issuedBy ? ` by ${invitation.issuedBy.name}` : "";
  return {
    sentLabel: `Sent ${format(invitation.createdAt)}${by}`,
    expiryLabel: expired
      ? `The link expired on ${format(invitation.expiresAt)}. Send it again to give them a new one.`
      : `The link works until ${format(invitation.expiresAt)}`,
    expired,
  };
}
