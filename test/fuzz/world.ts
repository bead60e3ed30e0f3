// The small study the fuzz tests run in, in a database of their own: the study row, a recruiting
// agency with a lead, a supervisor and a worker, a second agency under review, two on the reserve
// list, one whose questionnaire is an open draft, a researcher, a training session ahead and one
// past (each with a booking), a participant, and open invitation and password-reset links. Real
// ids (and real tokens) let malformed payloads get past "not found" when a field happens to hold
// one, so the deeper checks are reached too.
import { randomUUID } from "node:crypto";
import { hashToken } from "@/lib/auth/tokens";
import { toCurrentUser, type AgencyStaffUser, type ResearcherUser } from "@/lib/auth/user";
import type { Db } from "@/lib/db";
import { formatStudyId } from "@/lib/recruitment/rules";

export type World = {
  researcher: ResearcherUser;
  lead: AgencyStaffUser;
  supervisor: AgencyStaffUser;
  worker: AgencyStaffUser;
  otherLead: AgencyStaffUser;
  /** Two agencies on the reserve list, so that reordering it has something to move. */
  reserveAgencyIds: [string, string];
  /** The lead of an agency whose questionnaire is still an open draft. */
  draftLead: AgencyStaffUser;
  agencyId: string;
  otherAgencyId: string;
  draftAgencyId: string;
  sessionId: string;
  bookingId: string;
  /** A session that took place two days ago, with the worker booked on it: attendance can be marked. */
  pastSessionId: string;
  pastBookingId: string;
  participantId: string;
  staffInvitationId: string;
  researcherInvitationId: string;
  /**
   * The plain tokens behind an open invitation and a password-reset link. The invitation is not the
   * one above, nor among `ids`, so that resending or revoking invitations leaves it open.
   */
  invitationToken: string;
  resetToken: string;
  /** Every id above, for payloads that pick a real one. */
  ids: string[];
};

const FAR_FUTURE = new Date("2099-06-01T09:00:00Z");

async function person(
  client: Db,
  data:
    | { name: string; role: "RESEARCHER" }
    | { name: string; role: "AGENCY_STAFF"; agencyId: string; agencyRole: "LEAD" | "SUPERVISOR" | "WORKER" },
) {
  const row = await client.user.create({
    data: { ...data, email: `${data.name.toLowerCase().replaceAll(" ", ".")}.${randomUUID().slice(0, 6)}@example.org` },
  });
  return toCurrentUser(row)!;
}

export async function seedWorld(client: Db): Promise<World> {
  await client.study.create({
    data: { id: 1, name: "Connecting People pilot (fuzz)", questionnaireDeadline: new Date("2099-12-31T17:00:00Z") },
  });
  const researcher = (await person(client, { name: "Fuzz Researcher", role: "RESEARCHER" })) as ResearcherUser;

  const agency = await client.agency.create({
    data: {
      organisation: "Fuzz Trust",
      teamName: "Recruiting Team",
      stage: "RECRUITING",
      clientGroups: ["LEARNING_DISABILITY"],
    },
  });
  const staff = (agencyRole: "LEAD" | "SUPERVISOR" | "WORKER", name: string, agencyId = agency.id) =>
    person(client, { name, role: "AGENCY_STAFF", agencyId, agencyRole }) as Promise<AgencyStaffUser>;
  const lead = await staff("LEAD", "Fuzz Lead");
  const supervisor = await staff("SUPERVISOR", "Fuzz Supervisor");
  const worker = await staff("WORKER", "Fuzz Worker");
  await client.expressionOfInterest.create({
    data: {
      agencyId: agency.id,
      status: "SUBMITTED",
      submittedAt: new Date("2026-01-10T12:00:00Z"),
      submittedAnswers: {},
    },
  });

  const other = await client.agency.create({
    data: { organisation: "Other Trust", teamName: "Team Under Review", stage: "UNDER_REVIEW" },
  });
  const otherLead = await staff("LEAD", "Other Lead", other.id);
  await client.expressionOfInterest.create({
    data: {
      agencyId: other.id,
      status: "SUBMITTED",
      submittedAt: new Date("2026-01-11T12:00:00Z"),
      submittedAnswers: {},
    },
  });

  const reserve = await Promise.all(
    [1, 2].map((reserveRank) =>
      client.agency.create({
        data: {
          organisation: `Reserve Trust ${reserveRank}`,
          teamName: `Reserve Team ${reserveRank}`,
          stage: "RESERVE",
          reserveRank,
        },
      }),
    ),
  );

  const draft = await client.agency.create({
    data: { organisation: "Draft Trust", teamName: "Draft Team", stage: "DRAFT" },
  });
  const draftLead = await staff("LEAD", "Draft Lead", draft.id);
  await client.expressionOfInterest.create({ data: { agencyId: draft.id, status: "DRAFT" } });

  const session = await client.trainingSession.create({
    data: {
      trainingDay: "WORKER_1",
      startsAt: FAR_FUTURE,
      endsAt: new Date(FAR_FUTURE.getTime() + 6 * 60 * 60 * 1000),
      venue: "Fuzz Hall",
      address: "1 Test Street",
      trainer: "Trainer",
      capacity: 10,
      createdById: researcher.id,
    },
  });
  const booking = await client.booking.create({
    data: { sessionId: session.id, userId: worker.id, status: "BOOKED", bookedById: lead.id },
  });

  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  const pastSession = await client.trainingSession.create({
    data: {
      trainingDay: "WORKER_1",
      startsAt: twoDaysAgo,
      endsAt: new Date(twoDaysAgo.getTime() + 6 * 60 * 60 * 1000),
      venue: "Fuzz Hall",
      address: "1 Test Street",
      trainer: "Trainer",
      capacity: 10,
      createdById: researcher.id,
    },
  });
  const pastBooking = await client.booking.create({
    data: { sessionId: pastSession.id, userId: worker.id, status: "BOOKED", bookedById: lead.id },
  });

  const participant = await client.participant.create({
    data: {
      studyId: formatStudyId(agency.code, 1),
      agencyId: agency.id,
      sequence: 1,
      workerId: worker.id,
      subgroup: "LEARNING_DISABILITY",
      isNewReferral: true,
      referralDate: new Date("2026-01-05T00:00:00Z"),
      createdById: lead.id,
    },
  });

  const expiresAt = new Date("2099-01-01T00:00:00Z");
  const invitationToken = `fuzz-invitation-${randomUUID()}`;
  await client.userToken.create({
    data: {
      purpose: "INVITATION",
      tokenHash: hashToken(invitationToken),
      email: `invited.${randomUUID().slice(0, 6)}@example.org`,
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "WORKER",
      issuedById: lead.id,
      expiresAt,
    },
  });
  const staffInvitation = await client.userToken.create({
    data: {
      purpose: "INVITATION",
      tokenHash: hashToken(`fuzz-staff-invitation-${randomUUID()}`),
      email: `invited.${randomUUID().slice(0, 6)}@example.org`,
      role: "AGENCY_STAFF",
      agencyId: agency.id,
      agencyRole: "WORKER",
      issuedById: lead.id,
      expiresAt,
    },
  });
  const researcherInvitation = await client.userToken.create({
    data: {
      purpose: "INVITATION",
      tokenHash: hashToken(`fuzz-researcher-invitation-${randomUUID()}`),
      email: `invited.researcher.${randomUUID().slice(0, 6)}@example.org`,
      role: "RESEARCHER",
      issuedById: researcher.id,
      expiresAt,
    },
  });
  const resetToken = `fuzz-reset-${randomUUID()}`;
  await client.userToken.create({
    data: {
      purpose: "PASSWORD_RESET",
      tokenHash: hashToken(resetToken),
      email: supervisor.email,
      userId: supervisor.id,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    },
  });

  const world = {
    researcher,
    lead,
    supervisor,
    worker,
    otherLead,
    draftLead,
    reserveAgencyIds: [reserve[0]!.id, reserve[1]!.id] as [string, string],
    agencyId: agency.id,
    otherAgencyId: other.id,
    draftAgencyId: draft.id,
    sessionId: session.id,
    bookingId: booking.id,
    pastSessionId: pastSession.id,
    pastBookingId: pastBooking.id,
    participantId: participant.id,
    staffInvitationId: staffInvitation.id,
    researcherInvitationId: researcherInvitation.id,
    invitationToken,
    resetToken,
  };
  const ids = [
    researcher.id,
    lead.id,
    supervisor.id,
    worker.id,
    otherLead.id,
    draftLead.id,
    agency.id,
    other.id,
    draft.id,
    reserve[0]!.id,
    reserve[1]!.id,
    session.id,
    booking.id,
    pastSession.id,
    pastBooking.id,
    participant.id,
    staffInvitation.id,
    researcherInvitation.id,
  ];
  return { ...world, ids };
}

/** The session next-auth would give this person. */
export function sessionOf(user: ResearcherUser | AgencyStaffUser) {
  return { user: { ...user }, expires: "2999-01-01T00:00:00Z" };
}
