"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { registerAgencyAction } from "@/lib/accounts/actions";
import type { RegisterAgencyInput, RegisterAgencyValues } from "@/lib/accounts/schema";
import { signInWithPassword } from "@/lib/auth/client-sign-in";

const resolver = lazyZodResolver(() => import("@/lib/accounts/schema").then((schemas) => schemas.registerAgencySchema));

const FIELD_ORDER = ["organisation", "teamName", "name", "email", "password", "confirmPassword"] as const;

const UNAVAILABLE = "We could not register your team just now. Please try again in a few minutes.";

export function AccountRegisterForm() {
  const [registeredOnly, setRegisteredOnly] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const form = useForm<RegisterAgencyInput, unknown, RegisterAgencyValues>({
    resolver,
    defaultValues: { organisation: "", teamName: "", name: "", email: "", password: "", confirmPassword: "" },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action: registerAgencyAction,
    fields: FIELD_ORDER,
    unavailable: UNAVAILABLE,
    async onSuccess(_answer, values) {
      const signedIn = await signInWithPassword(values.email, values.password);
      if (signedIn.ok) {
        // A full page load (not router.push), so the header, rendered by the root layout, shows the
        // signed-in lead too; a client-side navigation would keep the signed-out header.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/agency");
        return;
      }
      setRegisteredOnly(true);
    },
  });

  // The message takes focus, so keyboard and screen reader users meet it first.
  useEffect(() => {
    if (registeredOnly) messageRef.current?.focus();
  }, [registeredOnly]);

  if (registeredOnly) {
    return (
      <div ref={messageRef} tabIndex={-1} className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
        <p className="font-semibold">Your team is registered.</p>
        <p>
          We could not sign you in straight away. <Link href="/signin">Sign in</Link> with the email address and
          password you just chose.
        </p>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />

      <fieldset className="space-y-6">
        <legend className="mb-4 text-xl font-bold">Your team</legend>
        <Field
          id="organisation"
          label="Organisation"
          hint="The NHS trust, council, charity or company your team is part of."
          autoComplete="organization"
          error={errors.organisation?.message}
          {...register("organisation")}
        />
        <Field
          id="teamName"
          label="Team name"
          hint="The name people use for your team, for example “North Leeds Community Mental Health Team”."
          autoComplete="off"
          error={errors.teamName?.message}
          {...register("teamName")}
        />
      </fieldset>

      <fieldset className="space-y-6">
        <legend className="mb-4 text-xl font-bold">You, the team&rsquo;s lead</legend>
        <Field
          id="name"
          label="Your full name"
          autoComplete="name"
          error={errors.name?.message}
          {...register("name")}
        />
        <Field
          id="email"
          label="Your email address"
          hint="You will sign in with it, and we will write to you about your team’s progress."
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={errors.email?.message}
          {...register("email")}
        />
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
      </fieldset>

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Registering your team…" : "Register your team"}
      </button>
    </form>
  );
}
