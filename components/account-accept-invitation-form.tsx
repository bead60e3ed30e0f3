"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { acceptInvitationAction } from "@/lib/accounts/actions";
import type { AcceptInvitationInput, AcceptInvitationValues } from "@/lib/accounts/schema";
import { signInWithPassword } from "@/lib/auth/client-sign-in";

const resolver = lazyZodResolver(() =>
  import("@/lib/accounts/schema").then((schemas) => schemas.acceptInvitationSchema),
);

const FIELD_ORDER = ["name", "password", "confirmPassword"] as const;

const UNAVAILABLE = "We could not set up your account just now. Please try again in a few minutes.";

export function AccountAcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [createdOnly, setCreatedOnly] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const form = useForm<AcceptInvitationInput, unknown, AcceptInvitationValues>({
    resolver,
    defaultValues: { token, name: "", password: "", confirmPassword: "" },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action: acceptInvitationAction,
    fields: FIELD_ORDER,
    unavailable: UNAVAILABLE,
    async onSuccess(answer, values) {
      const signedIn = await signInWithPassword(answer.email, values.password);
      if (signedIn.ok) {
        // A full page load (not router.push), so the header, rendered by the root layout, shows the
        // new account too.
        window.location.assign(answer.home);
        return;
      }
      setCreatedOnly(true);
    },
  });

  useEffect(() => {
    if (createdOnly) messageRef.current?.focus();
  }, [createdOnly]);

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
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />

      <Field
        id="invited-email"
        label="Email address"
        hint="The invitation was sent to this address; you will sign in with it."
        type="email"
        value={email}
        readOnly
        autoComplete="username"
        className="bg-brand-50"
      />

      <Field id="name" label="Your full name" autoComplete="name" error={errors.name?.message} {...register("name")} />
      <Field
        id="password"
        label="Password"
        hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
        type="password"
        autoComplete="new-password"
        error={errors.password?.message}
        {...register("password")}
      />
      <Field
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
