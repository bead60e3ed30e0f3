import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AccountRegisterForm } from "@/components/account-register-form";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Register your team" };

export const dynamic = "force-dynamic";

export default async function RegisterPage() {
  // Someone already signed in has an account; registering a second team is not what they want.
  if (await getCurrentUser()) redirect("/after-signin");

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Register your team</h1>
      <div className="max-w-2xl space-y-3">
        <p>
          The team&rsquo;s manager registers the team, then fills in the expression of interest questionnaire. You can
          save the questionnaire and come back to it before the closing date.
        </p>
        <p>
          Once registered, you can invite your team&rsquo;s supervisors and workers from the Staff page. If your team is
          already registered, ask its lead to invite you instead.
        </p>
        <p>
          Already have an account? <Link href="/signin">Sign in</Link>.
        </p>
      </div>
      <AccountRegisterForm />
    </div>
  );
}
