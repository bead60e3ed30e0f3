"use client";

import { useForm } from "react-hook-form";
import { Field, FormError, NEW_PASSWORD_HINT, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { resetPasswordAction } from "@/lib/auth/actions";
import type { ResetPasswordInput } from "@/lib/auth/schema";

const resolver = lazyZodResolver(() => import("@/lib/auth/schema").then((schemas) => schemas.resetPasswordSchema));

export function PasswordResetForm({ token }: { token: string }) {
  const form = useForm<ResetPasswordInput>({
    resolver,
    defaultValues: { password: "", confirmPassword: "" },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    // On success the action moves on to the sign-in page.
    action: (values) => resetPasswordAction(token, values),
    fields: ["password", "confirmPassword"],
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-6">
      <FormError message={formError} />
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
        {isSubmitting ? "Saving…" : "Save new password"}
      </button>
    </form>
  );
}
