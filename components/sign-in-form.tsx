"use client";

import Link from "next/link";
import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { signInWithPassword } from "@/lib/auth/client-sign-in";
import type { SignInInput, SignInValues } from "@/lib/auth/schema";
import { SIGN_IN_UNAVAILABLE, signInErrorMessage } from "@/lib/auth/sign-in-messages";

const resolver = lazyZodResolver(() => import("@/lib/auth/schema").then((schemas) => schemas.signInSchema));

type SignInFormProps = {
  /** Where to go after signing in, if it is in the person's area; checked again on the server. */
  callbackUrl: string | null;
  /** A message to show straight away (e.g. after next-auth sent the person back with an error). */
  initialError: string | null;
};

export function SignInForm({ callbackUrl, initialError }: SignInFormProps) {
  const form = useForm<SignInInput, unknown, SignInValues>({
    resolver,
    defaultValues: { email: "", password: "" },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    // Not a server action: next-auth's answer becomes the same kind of answer, with one message
    // for the whole form so that it never tells which field was wrong.
    async action(values) {
      const result = await signInWithPassword(values.email, values.password);
      if (result.ok) return { ok: true };
      const code = result.error === "unavailable" ? SIGN_IN_UNAVAILABLE : result.error;
      return { ok: false, formError: signInErrorMessage(code) ?? undefined };
    },
    fields: [],
    unavailable: signInErrorMessage(SIGN_IN_UNAVAILABLE) ?? undefined,
    initialError,
    onSuccess() {
      // A full page load, so the header and every part of the page show the signed-in person.
      window.location.assign(callbackUrl ? `/after-signin?${new URLSearchParams({ callbackUrl })}` : "/after-signin");
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-6">
      <FormError message={formError} />

      <Field
        id="email"
        label="Email address"
        type="email"
        autoComplete="username"
        spellCheck={false}
        error={errors.email?.message}
        {...register("email")}
      />

      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register("password")}
      />

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>

      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
    </form>
  );
}
