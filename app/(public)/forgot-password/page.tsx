import type { Metadata } from "next";
import Link from "next/link";
import { PasswordForgotForm } from "@/components/password-forgot-form";
import { RESET_LINK_SENT_MESSAGE } from "@/lib/auth/schema";

type ForgotPasswordPageProps = { searchParams: Promise<{ sent?: string | string[] }> };

export async function generateMetadata({ searchParams }: ForgotPasswordPageProps): Promise<Metadata> {
  return { title: (await searchParams).sent ? "Check your email" : "Forgot your password?" };
}

export default async function ForgotPasswordPage({ searchParams }: ForgotPasswordPageProps) {
  const { sent } = await searchParams;

  if (sent) {
    return (
      <div className="max-w-2xl space-y-6">
        <h1 className="text-3xl font-bold">Check your email</h1>
        <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">{RESET_LINK_SENT_MESSAGE}</p>
        <p>
          No email after a few minutes? Look in your spam or junk folder, check that you used the address of your study
          account, or <Link href="/forgot-password">ask for another link</Link>.
        </p>
        <p>
          <Link href="/signin">Back to sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Forgot your password?</h1>
      <p className="max-w-2xl">
        Enter the email address of your study account. We will email you a link to choose a new password.
      </p>
      <PasswordForgotForm />
      <p>
        <Link href="/signin">Back to sign in</Link>
      </p>
    </div>
  );
}
