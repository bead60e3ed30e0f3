import { describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/user";
import {
  canManageStaff,
  describePendingInvitation,
  invitationEmail,
  invitationProblem,
  invitationState,
  lastLeadProblem,
} from "./rules";

const person = { id: "u1", name: "Sam", email: "sam@example.org" };
const staff = (agencyRole: "LEAD" | "SUPERVISOR" | "WORKER"): CurrentUser => ({
  ...person,
  role: "AGENCY_STAFF",
  agencyId: "a1",
  agencyRole,
});

describe("canManageStaff", () => {
  it("lets only an agency lead change the staff list", () => {
    expect(canManageStaff(staff("LEAD"))).toBe(true);
    expect(canManageStaff(staff("SUPERVISOR"))).toBe(false);
    expect(canManageStaff(staff("WORKER"))).toBe(false);
    expect(canManageStaff({ ...person, role: "RESEARCHER", agencyId: null, agencyRole: null })).toBe(false);
  });
});

describe("invitationState", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const later = new Date("2026-05-08T12:00:00Z");
  const earlier = new Date("2026-04-30T12:00:00Z");

  it("is valid while unused, not withdrawn and before its expiry", () => {
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: later }, now)).toBe("valid");
  });

  it("expires at the exact expiry instant", () => {
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(invitationState({ usedAt: null, revokedAt: null, expiresAt: earlier }, now)).toBe("expired");
  });

  it("says used or withdrawn before expired, since that says what happened", () => {
    expect(invitationState({ usedAt: earlier, revokedAt: null, expiresAt: earlier }, now)).toBe("used");
    expect(invitationState({ usedAt: null, revokedAt: earlier, expiresAt: earlier }, now)).toBe("revoked");
  });
});

describe("invitationProblem", () => {
  it("names who to ask for a new invitation", () => {
    expect(invitationProblem("expired", "Priya Shah")).toBe(
      "This invitation has expired — ask Priya Shah to send a new one.",
    );
    expect(invitationProblem("revoked", null)).toMatch(/ask the person who invited you/);
    expect(invitationProblem("used", "Priya Shah")).toMatch(/already been used.*sign in/);
  });
});

describe("lastLeadProblem", () => {
  it("refuses to demote or remove the only active lead", () => {
    expect(lastLeadProblem(["lead"], "lead", { kind: "role", agencyRole: "WORKER" })).toMatch(/at least one lead/);
    expect(lastLeadProblem(["lead"], "lead", { kind: "remove" })).toMatch(/only agency lead/);
  });

  it("lets one of two leads step down or be removed", () => {
    expect(lastLeadProblem(["a", "b"], "a", { kind: "role", agencyRole: "SUPERVISOR" })).toBeNull();
    expect(lastLeadProblem(["a", "b"], "b", { kind: "remove" })).toBeNull();
  });

  it("does not stand in the way of changes to people who are not leads", () => {
    expect(lastLeadProblem(["lead"], "worker", { kind: "role", agencyRole: "SUPERVISOR" })).toBeNull();
    expect(lastLeadProblem(["lead"], "worker", { kind: "remove" })).toBeNull();
    expect(lastLeadProblem(["lead"], "worker", { kind: "role", agencyRole: "LEAD" })).toBeNull();
  });

  it("lets the only lead keep the lead role", () => {
    expect(lastLeadProblem(["lead"], "lead", { kind: "role", agencyRole: "LEAD" })).toBeNull();
  });
});

describe("invitationEmail", () => {
  const expiresAt = new Date("2026-07-08T09:30:00Z");

  it("tells an agency invitee the team, the role, the link and when it expires in UK time", () => {
    const email = invitationEmail({
      link: "https://cp.example/invitation/abc",
      inviterName: "Priya Shah",
      teamName: "North Leeds CMHT",
      organisation: "Leeds Trust",
      agencyRole: "SUPERVISOR",
      expiresAt,
    });
    expect(email.subject).toBe("Join North Leeds CMHT in the Connecting People pilot");
    expect(email.text).toContain("Priya Shah has invited you to join North Leeds CMHT (Leeds Trust) as a supervisor");
    expect(email.text).toContain("https://cp.example/invitation/abc");
    expect(email.text).toContain("Wednesday, 8 July 2026 at 10:30");
  });

  it("invites a researcher to the research team", () => {
    const email = invitationEmail({ link: "https://cp.example/i/x", inviterName: "Dr Lee", expiresAt });
    expect(email.subject).toBe("Join the Connecting People research team");
    expect(email.text).toContain("join the research team");
  });
});

describe("describePendingInvitation", () => {
  const format = (date: Date) => date.toISOString().slice(0, 10);
  const invitation = {
    createdAt: new Date("2026-05-01T00:00:00Z"),
    expiresAt: new Date("2026-05-08T00:00:00Z"),
    issuedBy: { name: "Priya" },
  };

  it("shows who sent it and until when it works", () => {
    expect(describePendingInvitation(invitation, new Date("2026-05-02T00:00:00Z"), format)).toEqual({
      sentLabel: "Sent 2026-05-01 by Priya",
      expiryLabel: "The link works until 2026-05-08",
      expired: false,
    });
  });

  it("marks an expired one and suggests sending it again", () => {
    const described = describePendingInvitation(invitation, new Date("2026-05-09T00:00:00Z"), format);
    expect(described.expired).toBe(true);
    expect(described.expiryLabel).toMatch(/expired on 2026-05-08.*Send it again/);
  });
});
