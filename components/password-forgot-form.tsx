"use client";

import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { requestPasswordResetAction } from "@/lib/auth/actions";
import { lazyZodResolver } from "@/components/lazy-resolver";
import type { ForgotPasswordInput } from "@/lib/auth/schema";

const resolver = lazyZodResolver(() => import("@/lib/auth/schema").then((schemas) => schemas.forgotPasswordSchema));

export function PasswordForgotForm() {
  const form = useForm<ForgotPasswordInput>({
    resolver,
    defaultValues: { email: "" },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    // On success the action moves on to the "check your email" page.
    action: requestPasswordResetAction,
    fields: ["email"],
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
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Sending…" : "Send me a link"}
      </button>
    </form>
  );
}
