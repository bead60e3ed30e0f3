import type { Metadata } from "next";
import { ProfileNameForm } from "@/components/profile-name-form";
import { ProfilePasswordForm } from "@/components/profile-password-form";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your profile" };

export const dynamic = "force-dynamic";

type ProfilePageProps = { searchParams: Promise<{ updated?: string | string[] }> };

const UPDATED: Record<string, string> = {
  name: "Your name has been changed.",
  password: "Your password has been changed. You have been signed out everywhere else; you stay signed in here.",
};

export default async function ProfilePage({ searchParams }: ProfilePageProps) {
  const user = await requireUser();
  const { updated } = await searchParams;
  const confirmation = typeof updated === "string" ? UPDATED[updated] : undefined;

  return (
    <div className="space-y-10">
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">Your profile</h1>
        {confirmation ? (
          <p role="status" className="border-brand-700 bg-brand-50 max-w-2xl rounded-md border-l-4 p-4 font-semibold">
            {confirmation}
          </p>
        ) : null}
        <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="font-semibold">Email address</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="font-semibold">Role</dt>
          <dd>{user.role === "RESEARCHER" ? "Researcher" : AGENCY_ROLE_LABELS[user.agencyRole]}</dd>
        </dl>
        <p className="text-muted max-w-2xl">
          You sign in with this email address. To change it, ask the research team.
        </p>
      </div>

      <section aria-labelledby="name-heading" className="space-y-4">
        <h2 id="name-heading" className="text-2xl font-bold">
          Name
        </h2>
        <ProfileNameForm name={user.name} />
      </section>

      <section aria-labelledby="password-heading" className="space-y-4">
        <h2 id="password-heading" className="text-2xl font-bold">
          Change your password
        </h2>
        <p className="max-w-2xl">
          Changing your password signs you out on every other device and browser. You stay signed in here.
        </p>
        <ProfilePasswordForm email={user.email} />
      </section>
    </div>
  );
}
