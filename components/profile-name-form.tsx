"use client";

import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { changeNameAction } from "@/lib/auth/actions";
import type { ChangeNameInput } from "@/lib/auth/schema";

const resolver = lazyZodResolver(() => import("@/lib/auth/schema").then((schemas) => schemas.changeNameSchema));

export function ProfileNameForm({ name }: { name: string }) {
  const form = useForm<ChangeNameInput>({ resolver, defaultValues: { name } });
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
