// Invitations: a lead invites workers and supervisors into their own agency, a researcher invites
// researchers. The link carries a random token; the database keeps only its hash. Each change,
// its email and its audit entry are written in one transaction.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { hashToken, INVITATION_LIFETIME_MS, newToken } from "@/lib/auth/tokens";
import { homePathFor, type CurrentUser } from "@/lib/auth/user";
import { appUrl } from "@/lib/app-url";
import { db, Prisma } from "@/lib/db";
import type { AgencyRole } from "@/lib/generated/prisma/enums";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { invalidInput, isUniqueViolation } from "./errors";
import { canManageStaff, INVITATION_NOT_FOUND, invitationEmail, invitationProblem, invitationState } from "./rules";
import {
  acceptInvitationSchema,
  EMAIL_TAKEN_MESSAGE,
  invitationIdSchema,
  inviteResearcherSchema,
  inviteStaffSchema,
  type AccountResult,
} from "./schema";
import { lockActiveLeads, NOT_LEAD } from "./staff";

/** Whose invitations an actor manages: a lead their agency's, a researcher the research team's. */
type Scope = { role: "AGENCY_STAFF"; agencyId: string } | { role: "RESEARCHER"; agencyId: null };

function scopeOf(actor: CurrentUser): Scope | null {
  if (actor.role === "RESEARCHER") return { role: "RESEARCHER", agencyId: null };
  if (canManageStaff(actor)) return { role: "AGENCY_STAFF", agencyId: actor.agencyId };
  return null;
}

const INVITATION_GONE = {
  ok: false,
  formError: "We could not find that invitation. It may have been accepted or withdrawn already.",
} as const;

/** For a lead: still an active lead of the agency, checked under the staff-list lock. */
async function stillAllowed(tx: Prisma.TransactionClient, actor: CurrentUser, scope: Scope): Promise<boolean> {
  if (scope.role === "RESEARCHER") return true;
  const leads = await lockActiveLeads(tx, scope.agencyId);
  return leads.includes(actor.id);
}

/** Serialises invitations to one address, so two at once cannot both pass the checks below. */
async function lockEmail(tx: Prisma.TransactionClient, email: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invitation:${email}`}))`;
}

/** Why this address cannot be invited in this scope now, or null. */
async function invitationBlocker(tx: Prisma.TransactionClient, email: string, scope: Scope): Promise<string | null> {
  const account = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (account) return "This email address already has an account in the study, so it cannot be invited.";
  const pending = await tx.userToken.findFirst({
    where: {
      purpose: "INVITATION",
      email,
      usedAt: null,
      revokedAt: null,
      expiresAt: { gt: new Date() },
      role: scope.role,
      agencyId: scope.agencyId,
    },
    select: { id: true },
  });
  if (pending) {
    return "This email address already has an invitation waiting. Use “Send again” beside it in the list of invitations instead.";
  }
  return null;
}

/** Creates the invitation token and queues its email; returns the token for the link. */
async function issueInvitation(
  tx: Prisma.TransactionClient,
  {
    actor,
    scope,
    email,
    agencyRole,
  }: { actor: CurrentUser; scope: Scope; email: string; agencyRole: AgencyRole | null },
) {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const invitation = await tx.userToken.create({
    data: {
      purpose: "INVITATION",
      tokenHash,
      email,
      role: scope.role,
      agencyId: scope.agencyId,
      agencyRole: scope.role === "AGENCY_STAFF" ? agencyRole : null,
      issuedById: actor.id,
      expiresAt,
    },
    select: { id: true },
  });
  const agency = scope.agencyId
    ? await tx.agency.findUniqueOrThrow({
        where: { id: scope.agencyId },
        select: { teamName: true, organisation: true },
      })
    : null;
  const message = invitationEmail({
    link: appUrl(`/invitation/${token}`),
    inviterName: actor.name,
    teamName: agency?.teamName,
    organisation: agency?.organisation,
    agencyRole,
    expiresAt,
  });
  await enqueueEmail(tx, { to: email, subject: message.subject, text: message.text, kind: "invitation" });
  return { id: invitation.id, token, expiresAt };
}

type Invited = AccountResult<{ invitationId: string; token: string }>;

async function invite(
  actor: CurrentUser,
  scope: Scope,
  email: string,
  agencyRole: AgencyRole | null,
): Promise<Invited> {
  return db.$transaction(async (tx): Promise<Invited> => {
    if (!(await stillAllowed(tx, actor, scope))) return NOT_LEAD;
    await lockEmail(tx, email);
    const blocker = await invitationBlocker(tx, email, scope);
    if (blocker) return { ok: false, fieldErrors: { email: [blocker] } };
    // An earlier invitation to this address that ran out is replaced by this one.
    await tx.userToken.updateMany({
      where: {
        purpose: "INVITATION",
        email,
        usedAt: null,
        revokedAt: null,
        role: scope.role,
        agencyId: scope.agencyId,
      },
      data: { revokedAt: new Date() },
    });
    const invitation = await issueInvitation(tx, { actor, scope, email, agencyRole });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.invited",
      entity: "Invitation",
      entityId: invitation.id,
      after: {
        email,
        role: scope.role,
        agencyId: scope.agencyId,
        agencyRole,
        expiresAt: invitation.expiresAt.toISOString(),
      },
    });
    return {
      ok: true,
      message: `Invitation sent to ${email}.`,
      invitationId: invitation.id,
      token: invitation.token,
    };
  });
}

export async function inviteStaff(actor: CurrentUser, input: unknown): Promise<Invited> {
  const scope = scopeOf(actor);
  if (actor.role !== "AGENCY_STAFF" || scope?.role !== "AGENCY_STAFF") return NOT_LEAD;
  const parsed = inviteStaffSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return invite(actor, scope, parsed.data.email, parsed.data.agencyRole);
}

export async function inviteResearcher(actor: CurrentUser, input: unknown): Promise<Invited> {
  if (actor.role !== "RESEARCHER") return { ok: false, formError: "Only researchers can invite researchers." };
  const parsed = inviteResearcherSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return invite(actor, { role: "RESEARCHER", agencyId: null }, parsed.data.email, null);
}

/** The open invitation with this id in the actor's scope, for resending or revoking. */
function findOpenInvitation(tx: Prisma.TransactionClient, id: string, scope: Scope) {
  return tx.userToken.findFirst({
    where: { id, purpose: "INVITATION", usedAt: null, revokedAt: null, role: scope.role, agencyId: scope.agencyId },
    select: { id: true, email: true, agencyRole: true },
  });
}

/** A new link (the old one stops working) and a new email, with a fresh expiry. */
export async function resendInvitation(actor: CurrentUser, input: unknown): Promise<Invited> {
  const scope = scopeOf(actor);
  if (!scope) return NOT_LEAD;
  const parsed = invitationIdSchema.safeParse(input);
  if (!parsed.success) return INVITATION_GONE;

  return db.$transaction(async (tx): Promise<Invited> => {
    if (!(await stillAllowed(tx, actor, scope))) return NOT_LEAD;
    const old = await findOpenInvitation(tx, parsed.data.invitationId, scope);
    if (!old) return INVITATION_GONE;
    await lockEmail(tx, old.email);
    if (await tx.user.findUnique({ where: { email: old.email }, select: { id: true } })) {
      return { ok: false, formError: `${old.email} already has an account, so there is no need to invite them again.` };
    }
    const revoked = await tx.userToken.updateMany({
      where: { id: old.id, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) return INVITATION_GONE;
    const invitation = await issueInvitation(tx, { actor, scope, email: old.email, agencyRole: old.agencyRole });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.invitation_resent",
      entity: "Invitation",
      entityId: invitation.id,
      before: { invitationId: old.id },
      after: { email: old.email, expiresAt: invitation.expiresAt.toISOString() },
    });
    return {
      ok: true,
      message: `A new invitation has been sent to ${old.email}. The link in the earlier email no longer works.`,
      invitationId: invitation.id,
      token: invitation.token,
    };
  });
}

export async function revokeInvitation(actor: CurrentUser, input: unknown): Promise<AccountResult> {
  const scope = scopeOf(actor);
  if (!scope) return NOT_LEAD;
  const parsed = invitationIdSchema.safeParse(input);
  if (!parsed.success) return INVITATION_GONE;

  return db.$transaction(async (tx): Promise<AccountResult> => {
    if (!(await stillAllowed(tx, actor, scope))) return NOT_LEAD;
    const invitation = await findOpenInvitation(tx, parsed.data.invitationId, scope);
    if (!invitation) return INVITATION_GONE;
    const revokedAt = new Date();
    const revoked = await tx.userToken.updateMany({
      where: { id: invitation.id, usedAt: null, revokedAt: null },
      data: { revokedAt },
    });
    if (revoked.count !== 1) return INVITATION_GONE;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.invitation_revoked",
      entity: "Invitation",
      entityId: invitation.id,
      before: { email: invitation.email, revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { ok: true, message: `The invitation to ${invitation.email} has been withdrawn. Its link no longer works.` };
  });
}

/** Thrown inside the transaction to roll it back when the token was used up at the same moment. */
class InvitationTaken extends Error {}

/**
 * Accepting an invitation: the new account joins the inviting agency with the invited role (or
 * the research team). The token is marked used by an UPDATE that only matches an unused one, so
 * two tabs submitting at once cannot both succeed.
 */
export async function acceptInvitation(
  input: unknown,
): Promise<AccountResult<{ email: string; home: "/agency" | "/researcher"; userId: string }>> {
  const parsed = acceptInvitationSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { token, name, password } = parsed.data;

  const invitation = await db.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      email: true,
      role: true,
      agencyId: true,
      agencyRole: true,
      issuedById: true,
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      issuedBy: { select: { name: true } },
    },
  });
  if (!invitation || invitation.purpose !== "INVITATION" || !invitation.role) {
    return { ok: false, formError: INVITATION_NOT_FOUND };
  }
  const state = invitationState(invitation, new Date());
  if (state !== "valid") return { ok: false, formError: invitationProblem(state, invitation.issuedBy?.name ?? null) };

  const problem = passwordProblem(password, { email: invitation.email });
  if (problem) return { ok: false, fieldErrors: { password: [problem] } };
  const passwordHash = await hashPassword(password);
  const role = invitation.role;
  const staff = role === "AGENCY_STAFF";

  try {
    const userId = await db.$transaction(async (tx) => {
      const now = new Date();
      const claimed = await tx.userToken.updateMany({
        where: { id: invitation.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.count !== 1) throw new InvitationTaken();
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name,
          passwordHash,
          role,
          agencyId: staff ? invitation.agencyId : null,
          agencyRole: staff ? invitation.agencyRole : null,
        },
        select: { id: true },
      });
      await tx.userToken.update({ where: { id: invitation.id }, data: { userId: user.id } });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.created",
        entity: "User",
        entityId: user.id,
        after: {
          email: invitation.email,
          name,
          role,
          agencyId: staff ? invitation.agencyId : null,
          agencyRole: staff ? invitation.agencyRole : null,
          via: "invitation",
          invitationId: invitation.id,
          invitedById: invitation.issuedById,
        },
      });
      return user.id;
    });
    return { ok: true, email: invitation.email, home: homePathFor(role), userId };
  } catch (error) {
    if (error instanceof InvitationTaken) {
      const now = await db.userToken.findUnique({
        where: { id: invitation.id },
        select: { usedAt: true, revokedAt: true, expiresAt: true },
      });
      const after = now ? invitationState(now, new Date()) : "revoked";
      return {
        ok: false,
        formError: invitationProblem(after === "valid" ? "used" : after, invitation.issuedBy?.name ?? null),
      };
    }
    if (isUniqueViolation(error)) return { ok: false, formError: EMAIL_TAKEN_MESSAGE };
    throw error;
  }
}
