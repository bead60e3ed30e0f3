"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import {
  FORM_UNAVAILABLE_MESSAGE,
  FormErrorSummary,
  FormField,
  isNavigation,
  showFieldErrors,
} from "@/components/password-form-parts";
import { requestPasswordResetAction } from "@/lib/auth/actions";
import { forgotPasswordSchema, type ForgotPasswordInput } from "@/lib/auth/schema";

export function PasswordForgotForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ForgotPasswordInput>({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: "" } });

  async function onSubmit(values: ForgotPasswordInput) {
    setFormError(null);
    try {
      // On success the action moves on to the "check your email" page.
      const result = await requestPasswordResetAction(values);
      if (result && !result.ok && !showFieldErrors(setError, result.fieldErrors, ["email"])) {
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
