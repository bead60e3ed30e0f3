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
import { changeNameAction } from "@/lib/auth/actions";
import { changeNameSchema, type ChangeNameInput } from "@/lib/auth/schema";

export function ProfileNameForm({ name }: { name: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangeNameInput>({ resolver: zodResolver(changeNameSchema), defaultValues: { name } });

  async function onSubmit(values: ChangeNameInput) {
    setFormError(null);
    try {
      // On success the action reloads the profile page with a confirmation.
      const result = await changeNameAction(values);
      if (result && !result.ok && !showFieldErrors(setError, result.fieldErrors, ["name"])) {
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
        id="name"
        label="Your name"
        hint="As your colleagues and the research team know you."
        autoComplete="name"
        error={errors.name?.message}
        {...register("name")}
      />
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Saving…" : "Save name"}
      </button>
    </form>
  );
}
