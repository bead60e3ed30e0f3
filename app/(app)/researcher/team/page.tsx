import type { Metadata } from "next";
import { StaffDirectory } from "@/components/staff-directory";
import { StaffInviteForm } from "@/components/staff-invite-form";
import { listResearcherInvitations, listResearchers } from "@/lib/accounts/queries";
import { describePendingInvitation } from "@/lib/accounts/rules";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Research team" };

export const dynamic = "force-dynamic";

const ukDate = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "long" });

export default async function ResearchTeamPage() {
  const user = await requireRole("RESEARCHER");
  const [researchers, invitations] = await Promise.all([listResearchers(), listResearcherInvitations()]);
  const now = new Date();

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Research team</h1>
        <p className="max-w-2xl">
          Researchers see every agency, score expressions of interest, run training and watch recruitment. Invite a
          colleague to give them an account.
        </p>
      </div>

      <section aria-labelledby="invite-heading" className="space-y-4">
        <h2 id="invite-heading" className="text-2xl font-bold">
          Invite a researcher
        </h2>
        <StaffInviteForm area="researcher" />
      </section>

      <StaffDirectory
        area="researcher"
        currentUserId={user.id}
        manageMembers={false}
        manageInvitations
        members={researchers.map((researcher) => ({
          id: researcher.id,
          name: researcher.name,
          email: researcher.email,
          agencyRole: null,
          detail: `Researcher since ${ukDate.format(researcher.createdAt)}`,
        }))}
        invitations={invitations.map((invitation) => ({
          id: invitation.id,
          email: invitation.email,
          roleLabel: "Researcher",
          ...describePendingInvitation(invitation, now, formatUkDateTime),
        }))}
      />
    </div>
  );
}
