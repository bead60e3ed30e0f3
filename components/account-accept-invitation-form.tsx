"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { AccountField, FormError, inputClass, showFieldErrors } from "@/components/account-field";
import { acceptInvitationAction } from "@/lib/accounts/actions";
import { acceptInvitationSchema, type AcceptInvitationInput, type AcceptInvitationValues } from "@/lib/accounts/schema";

const FIELD_ORDER = ["name", "password", "confirmPassword"] as const;

const UNAVAILABLE = "We could not set up your account just now. Please try again in a few minutes.";

export function AccountAcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [createdOnly, setCreatedOnly] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<AcceptInvitationInput, unknown, AcceptInvitationValues>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { token, name: "", password: "", confirmPassword: "" },
  });

  useEffect(() => {
    if (formError || createdOnly) messageRef.current?.focus();
  }, [formError, createdOnly]);

  async function onSubmit(values: AcceptInvitationValues) {
    // A second press while the first is on its way does nothing.
    if (isSubmitting) return;
    setFormError(null);
    let result: Awaited<ReturnType<typeof acceptInvitationAction>>;
    try {
      result = await acceptInvitationAction(values);
    } catch {
      setFormError(UNAVAILABLE);
      return;
    }
    if (!result.ok) {
      const onField = showFieldErrors(result.fieldErrors, FIELD_ORDER, setError, setFocus);
      if (result.formError || !onField) setFormError(result.formError ?? UNAVAILABLE);
      return;
    }
    const signedIn = await signIn("credentials", {
      redirect: false,
      email: result.email,
      password: values.password,
    }).catch(() => undefined);
    if (signedIn?.ok && !signedIn.error) {
      // A full page load (not router.push), so the header, rendered by the root layout, shows the
      // new account too.
      window.location.assign(result.home);
      return;
    }
    setCreatedOnly(true);
  }

  if (createdOnly) {
    return (
      <div ref={messageRef} tabIndex={-1} className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
        <p className="font-semibold">Your account is ready.</p>
        <p>
          We could not sign you in straight away. <Link href="/signin">Sign in</Link> with your email address and the
          password you just chose.
        </p>
      </div>
    );
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-6">
      {formError ? <FormError ref={messageRef}>{formError}</FormError> : null}

      <div className="space-y-2">
        <label htmlFor="invited-email" className="block font-semibold">
          Email address
        </label>
        <p id="invited-email-hint" className="text-muted">
          The invitation was sent to this address; you will sign in with it.
        </p>
        <input
          id="invited-email"
          type="email"
          value={email}
          readOnly
          autoComplete="username"
          aria-describedby="invited-email-hint"
          className={`${inputClass} bg-brand-50`}
        />
      </div>

      <AccountField
        id="name"
        label="Your full name"
        autoComplete="name"
        error={errors.name?.message}
        {...register("name")}
      />
      <AccountField
        id="password"
        label="Password"
        hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...register("password")}
      />
      <AccountField
        id="confirmPassword"
        label="Type the password again"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...register("confirmPassword")}
      />

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Setting up your account…" : "Accept and set up my account"}
      </button>
    </form>
  );
}
