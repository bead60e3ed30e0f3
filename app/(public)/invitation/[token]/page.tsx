import type { Metadata } from "next";
import Link from "next/link";
import { AccountAcceptInvitationForm } from "@/components/account-accept-invitation-form";
import { getInvitationView } from "@/lib/accounts/queries";
import { AGENCY_ROLE_NAMES } from "@/lib/accounts/rules";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = {
  title: "Accept your invitation",
  // The address holds the invitation's secret: keep it out of Referer headers and search engines.
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export const dynamic = "force-dynamic";

type InvitationPageProps = { params: Promise<{ token: string }> };

export default async function InvitationPage({ params }: InvitationPageProps) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([getInvitationView(token), getCurrentUser()]);

  if (!invitation.usable) {
    return (
      <div className="max-w-2xl space-y-4">
        <h1 className="text-3xl font-bold">This invitation cannot be used</h1>
        <p className="border-danger bg-danger-50 rounded-md border-l-4 p-4 font-semibold">{invitation.problem}</p>
        {invitation.showSignIn ? (
          <p>
            <Link href="/signin" className="button-primary">
              Sign in
            </Link>
          </p>
        ) : (
          <p>
            <Link href="/">Go to the home page</Link>
          </p>
        )}
      </div>
    );
  }

  const joining =
    invitation.role === "RESEARCHER"
      ? "the research team of the Connecting People pilot"
      : `${invitation.teamName} (${invitation.organisation}) as ${
          invitation.agencyRole === "LEAD" ? "an" : "a"
        } ${AGENCY_ROLE_NAMES[invitation.agencyRole ?? "WORKER"]}`;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Accept your invitation</h1>
      <div className="max-w-2xl space-y-3">
        <p className="text-lg">
          {invitation.inviterName ?? "Someone"} has invited you to join <strong>{joining}</strong>.
        </p>
        <p>Choose your name as colleagues will see it and a password, and your account is ready.</p>
        {user ? (
          <p>You are signed in as {user.name}. Accepting this invitation signs you in to the new account instead.</p>
        ) : null}
      </div>
      <AccountAcceptInvitationForm token={token} email={invitation.email} />
    </div>
  );
}
