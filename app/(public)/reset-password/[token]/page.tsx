import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { PasswordResetForm } from "@/components/password-reset-form";
import { checkPasswordResetLink, type ResetLinkState } from "@/lib/auth/password-reset";

type ResetPasswordPageProps = { params: Promise<{ token: string }> };

const linkState = cache(checkPasswordResetLink);

const PROBLEMS: Record<Exclude<ResetLinkState, "valid">, { title: string; text: string }> = {
  expired: {
    title: "This link has expired",
    text: "Links to reset a password work for 1 hour. This link has expired. Ask for a new one.",
  },
  used: {
    title: "This link has already been used",
    text: "Each link works only once. If you have set a new password, sign in with it. If you still need to reset your password, ask for a new link.",
  },
  revoked: {
    title: "This link has been replaced",
    text: "You asked for another link after this one, so this one no longer works. Use the link in the newest email, or ask for a new link.",
  },
  unknown: {
    title: "This link does not work",
    text: "Check that you opened the whole link from the email. If it still does not work, ask for a new link.",
  },
};

export async function generateMetadata({ params }: ResetPasswordPageProps): Promise<Metadata> {
  const state = await linkState((await params).token);
  return {
    title: state === "valid" ? "Choose a new password" : PROBLEMS[state].title,
    // The link is a secret: keep it out of other sites' logs and out of search engines.
    referrer: "no-referrer",
    robots: { index: false, follow: false },
  };
}

export default async function ResetPasswordPage({ params }: ResetPasswordPageProps) {
  const { token } = await params;
  const state = await linkState(token);

  if (state !== "valid") {
    const problem = PROBLEMS[state];
    return (
      <div className="max-w-2xl space-y-6">
        <h1 className="text-3xl font-bold">{problem.title}</h1>
        <p>{problem.text}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/forgot-password" className="button-primary">
            Ask for a new link
          </Link>
          <Link href="/signin" className="button-secondary">
            Sign in
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Choose a new password</h1>
      <p className="max-w-2xl">
        Setting a new password signs you out everywhere you are signed in. Then sign in with the new password.
      </p>
      <PasswordResetForm token={token} />
    </div>
  );
}
