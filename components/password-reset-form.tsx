"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import {
  FORM_UNAVAILABLE_MESSAGE,
  FormErrorSummary,
  FormField,
  isNavigation,
  NEW_PASSWORD_HINT,
  showFieldErrors,
} from "@/components/password-form-parts";
import { resetPasswordAction } from "@/lib/auth/actions";
import { resetPasswordSchema, type ResetPasswordInput } from "@/lib/auth/schema";

export function PasswordResetForm({ token }: { token: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ResetPasswordInput>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: "", confirmPassword: "" },
  });

  async function onSubmit(values: ResetPasswordInput) {
    setFormError(null);
    try {
      // On success the action moves on to the sign-in page.
      const result = await resetPasswordAction(token, values);
      if (result && !result.ok && !showFieldErrors(setError, result.fieldErrors, ["password", "confirmPassword"])) {
        setFormError(result.formError ?? FORM_UNAVAILABLE_MESSAGE);
      }
    } catch (error) {
      if (!isNavigation(error)) setFormError(FORM_UNAVAILABLE_MESSAGE);
    }
  }

  return (
    <form
      // aria-disabled keeps the button focusable while sending, so a second press is ignored here.
      onSubmit={(event) => (isSubmitting ? event.preventDefault() : handleSubmit(onSubmit)(event))}
      noValidate
      className="max-w-md space-y-6"
    >
      <FormErrorSummary message={formError} />
      <FormField
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={NEW_PASSWORD_HINT}
        error={errors.password?.message}
        {...register("password")}
      />
      <FormField
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
