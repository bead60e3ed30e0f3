import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StaffDirectory } from "@/components/staff-directory";
import { StaffInviteForm } from "@/components/staff-invite-form";
import { listAgencyInvitations, listAgencyStaff } from "@/lib/accounts/queries";
import { canManageStaff, describePendingInvitation } from "@/lib/accounts/rules";
import { getAgencySummary } from "@/lib/agencies/queries";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Staff" };

export const dynamic = "force-dynamic";

export default async function AgencyStaffPage() {
  const user = await requireRole("AGENCY_STAFF");
  const [agency, staff, invitations] = await Promise.all([
    getAgencySummary(user.agencyId),
    listAgencyStaff(user.agencyId),
    listAgencyInvitations(user.agencyId),
  ]);
  if (!agency) notFound();
  const isLead = canManageStaff(user);
  const now = new Date();

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <p className="text-muted">{agency.teamName}</p>
        <h1 className="text-3xl font-bold">Staff</h1>
        <p className="max-w-2xl">
          {isLead
            ? "Invite your team’s supervisors and workers, and keep this list up to date: it decides who can sign in for your team."
            : "The people in your team who can sign in to the study. Only your agency’s lead can invite or change staff."}
        </p>
      </div>

      {isLead ? (
        <section aria-labelledby="invite-heading" className="space-y-4">
          <h2 id="invite-heading" className="text-2xl font-bold">
            Invite a colleague
          </h2>
          <StaffInviteForm area="agency" />
        </section>
      ) : null}

      <StaffDirectory
        area="agency"
        currentUserId={user.id}
        manageMembers={isLead}
        manageInvitations={isLead}
        members={staff}
        invitations={invitations.map((invitation) => ({
          id: invitation.id,
          email: invitation.email,
          roleLabel: invitation.agencyRole ? AGENCY_ROLE_LABELS[invitation.agencyRole] : "Member of staff",
          ...describePendingInvitation(invitation, now, formatUkDateTime),
        }))}
      />
    </div>
  );
}
