"use client";

// After submitting, the agency can still correct who the study team should contact. The
// submitted answers stay as they were; these details live on the agency.
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Field, FormError, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { updateContactDetailsAction } from "@/lib/eoi/actions";
import { FIELD_LABELS } from "@/lib/eoi/labels";
import type { contactDetailsSchema } from "@/lib/eoi/sections";

type Values = z.input<typeof contactDetailsSchema>;
type Checked = z.output<typeof contactDetailsSchema>;
// The schema (and zod with it) loads after the page: the form needs it only when it is checked.
const resolver = lazyZodResolver(() => import("@/lib/eoi/sections").then((sections) => sections.contactDetailsSchema));

const FIELDS = ["contactName", "contactRole", "contactEmail", "contactPhone"] as const;

export function QuestionnaireContactForm({ initial }: { initial: Values }) {
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Values, unknown, Checked>({
    resolver,
    defaultValues: initial,
  });
  const {
    register,
    reset,
    getValues,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return updateContactDetailsAction(values);
    },
    fields: FIELDS,
    onSuccess(answer) {
      reset(getValues());
      setStatus(("message" in answer && typeof answer.message === "string" && answer.message) || "Saved.");
    },
  });
  const types = { contactName: "text", contactRole: "text", contactEmail: "email", contactPhone: "tel" } as const;
  const autoComplete = {
    contactName: "name",
    contactRole: "organization-title",
    contactEmail: "email",
    contactPhone: "tel",
  } as const;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />
      {FIELDS.map((field) => (
        <Field
          key={field}
          id={`contact-${field}`}
          label={FIELD_LABELS.team[field]}
          type={types[field]}
          autoComplete={autoComplete[field]}
          error={errors[field]?.message}
          {...register(field)}
        />
      ))}
      <button type="submit" aria-disabled={isSubmitting} className="button-secondary cursor-pointer">
        Save contact details
      </button>
    </form>
  );
}
