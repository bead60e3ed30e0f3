import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { hashToken, INVITATION_LIFETIME_MS } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { acceptInvitation, inviteResearcher, inviteStaff, resendInvitation, revokeInvitation } from "./invitations";
import { getInvitationView, listAgencyInvitations } from "./queries";
import {
  createAgencyWithLead,
  createResearcherUser,
  createStaff,
  GOOD_PASSWORD,
  uniqueEmail,
  type Actor,
} from "./test-helpers";

afterAll(() => db.$disconnect());

/** Invites and returns the token, failing the test if the invitation is refused. */
async function invited(actor: Actor, email = uniqueEmail("invitee"), agencyRole: "WORKER" | "SUPERVISOR" = "WORKER") {
  const result =
    actor.role === "RESEARCHER"
      ? await inviteResearcher(actor, { email })
      : await inviteStaff(actor, { email, agencyRole });
  if (!result.ok) throw new Error(`invitation refused: ${JSON.stringify(result)}`);
  return { ...result, email: email.trim().toLowerCase() };
}

const accept = (token: string, name = "Jo Bloggs") =>
  acceptInvitation({ token, name, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD });

describe("inviting agency staff", () => {
  it("stores only the token's hash, queues the email with the link, and records it in the audit trail", async () => {
    const { agency, lead } = await createAgencyWithLead();
    const email = `Sam.${crypto.randomUUID().slice(0, 8)}@Example.org`;
    const before = Date.now();

    const { invitationId, token } = await invited(lead, email, "SUPERVISOR");

    const row = await db.userToken.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row).toMatchObject({
      purpose: "INVITATION",
      tokenHash: hashToken(token),
      email: email.toLowerCase(),
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "SUPERVISOR",
      issuedById: lead.id,
      usedAt: null,
      revokedAt: null,
    });
    expect(row.tokenHash).not.toContain(token);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_LIFETIME_MS);
    expect(row.expiresAt.getTime()).toBeLessThan(Date.now() + INVITATION_LIFETIME_MS + 1000);

    const outbox = await db.outboxEmail.findMany({ where: { to: email.toLowerCase() } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: "invitation",
      subject: `Join ${agency.teamName} in the Connecting People pilot`,
    });
    expect(outbox[0]!.text).toContain(`/invitation/${token}`);
    expect(outbox[0]!.text).toContain(`${lead.name} has invited you to join ${agency.teamName}`);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: invitationId } });
    expect(audit).toMatchObject({ actorId: lead.id, action: "user.invited", entity: "Invitation" });
    expect(JSON.stringify(audit.after)).not.toContain(token);
  });

  it("refuses an address that already has an account, or already has an invitation waiting", async () => {
    const { lead } = await createAgencyWithLead();
    const colleague = await createStaff(lead.agencyId!, "WORKER");
    const taken = await inviteStaff(lead, { email: colleague.email.toUpperCase(), agencyRole: "WORKER" });
    expect(taken).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.stringMatching(/already has an account/)] },
    });

    const { email } = await invited(lead);
    const again = await inviteStaff(lead, { email, agencyRole: "SUPERVISOR" });
    expect(again).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringMatching(/Send again/)] } });
    expect(await db.userToken.count({ where: { email } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
  });

  it("refuses supervisors and workers, writing nothing", async () => {
    const { agency } = await createAgencyWithLead();
    for (const role of ["SUPERVISOR", "WORKER"] as const) {
      const member = await createStaff(agency.id, role);
      const email = uniqueEmail("nope");
      expect(await inviteStaff(member, { email, agencyRole: "WORKER" })).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/Only your agency's lead/),
      });
      expect(await db.userToken.count({ where: { email } })).toBe(0);
    }
  });

  it("invites only into the lead's own agency, whatever the input says", async () => {
    const a = await createAgencyWithLead();
    const b = await createAgencyWithLead();
    const email = uniqueEmail("sneaky");

    const result = await inviteStaff(a.lead, { email, agencyRole: "WORKER", agencyId: b.agency.id });

    expect(result.ok).toBe(true);
    const row = await db.userToken.findFirstOrThrow({ where: { email } });
    expect(row.agencyId).toBe(a.agency.id);
  });

  it("treats another agency's invitation as not found: no resend, no withdrawal", async () => {
    const a = await createAgencyWithLead();
    const b = await createAgencyWithLead();
    const { invitationId, email } = await invited(b.lead);

    for (const act of [resendInvitation, revokeInvitation]) {
      expect(await act(a.lead, { invitationId })).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/could not find that invitation/),
      });
    }
    expect(await db.userToken.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ revokedAt: null });
    expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
    expect((await listAgencyInvitations(a.agency.id)).map((invitation) => invitation.id)).not.toContain(invitationId);
  });
});

describe("resending and withdrawing", () => {
  it("resending replaces the link: the old one stops working, the new one is emailed", async () => {
    const { lead } = await createAgencyWithLead();
    const first = await invited(lead);

    const resent = await resendInvitation(lead, { invitationId: first.invitationId });
    if (!resent.ok) throw new Error(JSON.stringify(resent));

    expect(await db.userToken.findUniqueOrThrow({ where: { id: first.invitationId } })).toMatchObject({
      revokedAt: expect.any(Date),
    });
    const emails = await db.outboxEmail.findMany({ where: { to: first.email }, orderBy: { createdAt: "asc" } });
    expect(emails).toHaveLength(2);
    expect(emails[1]!.text).toContain(`/invitation/${resent.token}`);
    expect(await accept(first.token)).toMatchObject({ ok: false, formError: expect.stringMatching(/withdrawn/) });
    expect(await accept(resent.token)).toMatchObject({ ok: true, email: first.email });
  });

  it("an expired invitation can be sent again, or replaced by a new invitation to the same address", async () => {
    const { lead } = await createAgencyWithLead();
    const first = await invited(lead);
    await db.userToken.update({ where: { id: first.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const fresh = await inviteStaff(lead, { email: first.email, agencyRole: "SUPERVISOR" });
    expect(fresh.ok).toBe(true);
    const open = await db.userToken.findMany({ where: { email: first.email, revokedAt: null } });
    expect(open).toHaveLength(1);
    expect(open[0]!.agencyRole).toBe("SUPERVISOR");
  });

  it("withdrawing stops the link and records who did it", async () => {
    const { lead } = await createAgencyWithLead();
    const { invitationId, token } = await invited(lead);

    expect(await revokeInvitation(lead, { invitationId })).toMatchObject({ ok: true });
    expect(await revokeInvitation(lead, { invitationId })).toMatchObject({ ok: false });

    expect(await accept(token)).toEqual({
      ok: false,
      formError: `This invitation has been withdrawn — ask ${lead.name} if you should still have an account.`,
    });
    expect(
      await db.auditEvent.findFirst({ where: { entityId: invitationId, action: "user.invitation_revoked" } }),
    ).toMatchObject({
      actorId: lead.id,
    });
  });
});

describe("accepting an invitation", () => {
  it("creates the account in that agency with that role, uses the token up, and records it", async () => {
    const { agency, lead } = await createAgencyWithLead();
    const { token, invitationId, email } = await invited(lead, undefined, "SUPERVISOR");
    expect(await getInvitationView(token)).toMatchObject({
      usable: true,
      email,
      agencyRole: "SUPERVISOR",
      teamName: agency.teamName,
      inviterName: lead.name,
    });

    const result = await accept(token, "  Jo Bloggs ");

    expect(result).toMatchObject({ ok: true, email, home: "/agency" });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({
      name: "Jo Bloggs",
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "SUPERVISOR",
    });
    expect(await verifyPassword(user.passwordHash!, GOOD_PASSWORD)).toBe(true);
    expect(await db.userToken.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({
      usedAt: expect.any(Date),
      userId: user.id,
    });
    expect(await db.auditEvent.findFirst({ where: { entityId: user.id, action: "user.created" } })).toMatchObject({
      actorId: user.id,
    });
  });

  it("works once: a second use, even at the same moment in another tab, is refused", async () => {
    const { lead } = await createAgencyWithLead();
    const { token, email } = await invited(lead);

    const results = await Promise.all([accept(token, "Tab One"), accept(token, "Tab Two")]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false });
    expect(await db.user.count({ where: { email } })).toBe(1);
    expect(await accept(token)).toEqual({
      ok: false,
      formError: "This invitation has already been used. If you set up your account with it, sign in.",
    });
    expect(await getInvitationView(token)).toMatchObject({ usable: false, showSignIn: true });
  });

  it("refuses an expired invitation, naming the lead to ask, and an unknown link", async () => {
    const { lead } = await createAgencyWithLead();
    const { token, invitationId, email } = await invited(lead);
    await db.userToken.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const expired = `This invitation has expired — ask ${lead.name} to send a new one.`;
    expect(await accept(token)).toEqual({ ok: false, formError: expired });
    expect(await getInvitationView(token)).toEqual({ usable: false, problem: expired, showSignIn: false });
    expect(await db.user.count({ where: { email } })).toBe(0);

    expect(await accept("not-a-real-token")).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/link does not work/),
    });
  });

  it("asks for a better password without using the invitation up", async () => {
    const { lead } = await createAgencyWithLead();
    const { token, invitationId } = await invited(lead);

    const result = await acceptInvitation({ token, name: "Jo", password: "1234567890", confirmPassword: "1234567890" });

    expect(result).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringMatching(/most common/)] } });
    expect(await db.userToken.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ usedAt: null });
  });

  it("tells the invitee clearly when the address got an account in the meantime", async () => {
    const a = await createAgencyWithLead();
    const b = await createAgencyWithLead();
    const email = uniqueEmail("both");
    const fromA = await invited(a.lead, email);
    const fromB = await invited(b.lead, email);

    expect(await accept(fromA.token)).toMatchObject({ ok: true });
    expect(await accept(fromB.token)).toEqual({
      ok: false,
      formError: "An account with this email already exists — sign in or reset your password.",
    });
    expect(await db.userToken.findUniqueOrThrow({ where: { id: fromB.invitationId } })).toMatchObject({ usedAt: null });
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ agencyId: a.agency.id });
  });
});

describe("researcher invitations", () => {
  it("a researcher invites a researcher, who joins the research team with no agency", async () => {
    const researcher = await createResearcherUser();
    const { token, email } = await invited(researcher);

    const emailRow = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(emailRow.subject).toBe("Join the Connecting People research team");

    expect(await accept(token, "Dr New")).toMatchObject({ ok: true, email, home: "/researcher" });
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      role: "RESEARCHER",
      agencyId: null,
      agencyRole: null,
    });
  });

  it("keeps agency and research-team invitations apart", async () => {
    const researcher = await createResearcherUser();
    const { lead } = await createAgencyWithLead();
    const researcherInvitation = await invited(researcher);
    const staffInvitation = await invited(lead);

    expect(await revokeInvitation(lead, { invitationId: researcherInvitation.invitationId })).toMatchObject({
      ok: false,
    });
    expect(await revokeInvitation(researcher, { invitationId: staffInvitation.invitationId })).toMatchObject({
      ok: false,
    });
    expect(await inviteResearcher(lead, { email: uniqueEmail() })).toMatchObject({ ok: false });
    expect(await inviteStaff(researcher, { email: uniqueEmail(), agencyRole: "WORKER" })).toMatchObject({ ok: false });

    expect(await resendInvitation(researcher, { invitationId: researcherInvitation.invitationId })).toMatchObject({
      ok: true,
    });
  });
});
