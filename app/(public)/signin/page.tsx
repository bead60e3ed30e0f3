import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { signInErrorMessage } from "@/lib/auth/schema";
import { getCurrentUser } from "@/lib/auth/session";
import { safeLocalPath } from "@/lib/auth/user";

export const metadata: Metadata = { title: "Sign in" };

export const dynamic = "force-dynamic";

type SignInPageProps = {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; reset?: string | string[] }>;
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeLocalPath(first(params.callbackUrl));

  if (await getCurrentUser()) {
    redirect(callbackUrl ? `/after-signin?${new URLSearchParams({ callbackUrl })}` : "/after-signin");
  }

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Sign in</h1>
      <p className="max-w-2xl">
        Sign in with the email address and password of your study account. Researchers see the study overview; agency
        staff see their own team.
      </p>
      {first(params.reset) === "done" ? (
        <p role="status" className="border-brand-700 bg-brand-50 max-w-2xl rounded-md border-l-4 p-4 font-semibold">
          Your password has been changed. Sign in with your new password.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(first(params.error))} />
    </div>
  );
}
