"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { changeNameAction } from "@/lib/auth/actions";
import { changeNameSchema, type ChangeNameInput } from "@/lib/auth/schema";

export function ProfileNameForm({ name }: { name: string }) {
  const form = useForm<ChangeNameInput>({ resolver: zodResolver(changeNameSchema), defaultValues: { name } });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    // On success the action reloads the profile page with a confirmation.
    action: changeNameAction,
    fields: ["name"],
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-6">
      <FormError message={formError} />
      <Field
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
