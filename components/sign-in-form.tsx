"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import {
  SIGN_IN_UNAVAILABLE,
  signInErrorMessage,
  signInSchema,
  type SignInInput,
  type SignInValues,
} from "@/lib/auth/schema";

type SignInFormProps = {
  /** Where to go after signing in, if it is in the person's area; checked again on the server. */
  callbackUrl: string | null;
  /** A message to show straight away (e.g. after next-auth sent the person back with an error). */
  initialError: string | null;
};

export function SignInForm({ callbackUrl, initialError }: SignInFormProps) {
  const [formError, setFormError] = useState<string | null>(initialError);
  const errorSummary = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput, unknown, SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });

  // Move focus to a new sign-in error so that keyboard and screen reader users meet it first.
  useEffect(() => {
    if (formError) errorSummary.current?.focus();
  }, [formError]);

  async function onSubmit(values: SignInValues) {
    setFormError(null);
    let failure: string | null;
    try {
      const result = await signIn("credentials", { redirect: false, email: values.email, password: values.password });
      failure = result?.ok && !result.error ? null : signInErrorMessage(result?.error ?? SIGN_IN_UNAVAILABLE);
    } catch {
      failure = signInErrorMessage(SIGN_IN_UNAVAILABLE);
    }
    if (failure) {
      setFormError(failure);
      return;
    }
    // A full page load, so the header and every part of the page show the signed-in person.
    window.location.assign(callbackUrl ? `/after-signin?${new URLSearchParams({ callbackUrl })}` : "/after-signin");
  }

  const inputClass =
    "block w-full max-w-md rounded-md border-2 bg-white px-3 py-2 text-base text-ink aria-invalid:border-danger";

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-md space-y-6">
      {formError ? (
        <div
          ref={errorSummary}
          role="alert"
          tabIndex={-1}
          className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold"
        >
          {formError}
        </div>
      ) : null}

      <div className="space-y-2">
        <label htmlFor="email" className="block font-semibold">
          Email address
        </label>
        {errors.email ? (
          <p id="email-error" className="text-danger font-semibold">
            <span className="sr-only">Error: </span>
            {errors.email.message}
          </p>
        ) : null}
        <input
          id="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "email-error" : undefined}
          className={`${inputClass} border-muted`}
          {...register("email")}
        />
      </div>

      <div className="space-y-2">
        <label htmlFor="password" className="block font-semibold">
          Password
        </label>
        {errors.password ? (
          <p id="password-error" className="text-danger font-semibold">
            <span className="sr-only">Error: </span>
            {errors.password.message}
          </p>
        ) : null}
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : undefined}
          className={`${inputClass} border-muted`}
          {...register("password")}
        />
      </div>

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>

      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
    </form>
  );
}
