"use client";

import { useForm } from "react-hook-form";
import { Field, FormError, NEW_PASSWORD_HINT, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { changePasswordAction } from "@/lib/auth/actions";
import type { ChangePasswordInput } from "@/lib/auth/schema";

const resolver = lazyZodResolver(() => import("@/lib/auth/schema").then((schemas) => schemas.changePasswordSchema));

export function ProfilePasswordForm({ email }: { email: string }) {
  const form = useForm<ChangePasswordInput>({
    resolver,
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    // On success the action reloads the profile page with a confirmation.
    action: changePasswordAction,
    fields: ["currentPassword", "password", "confirmPassword"],
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-6">
      <FormError message={formError} />
      {/* Tells password managers whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field
        id="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...register("currentPassword")}
      />
      <Field
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={NEW_PASSWORD_HINT}
        error={errors.password?.message}
        {...register("password")}
      />
      <Field
        id="confirmPassword"
        label="New password again"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...register("confirmPassword")}
      />
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Changing password…" : "Change password"}
      </button>
    </form>
  );
}
