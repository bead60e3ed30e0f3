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
import { changePasswordAction } from "@/lib/auth/actions";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/auth/schema";

export function ProfilePasswordForm({ email }: { email: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
  });

  async function onSubmit(values: ChangePasswordInput) {
    setFormError(null);
    try {
      // On success the action reloads the profile page with a confirmation.
      const result = await changePasswordAction(values);
      if (
        result &&
        !result.ok &&
        !showFieldErrors(setError, result.fieldErrors, ["currentPassword", "password", "confirmPassword"])
      ) {
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
      {/* Tells password managers whose password this is. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <FormField
        id="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...register("currentPassword")}
      />
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
        {isSubmitting ? "Changing password…" : "Change password"}
      </button>
    </form>
  );
}
