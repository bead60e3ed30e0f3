"use client";

// Inviting a colleague by email: a lead invites a worker or supervisor into their agency, a
// researcher invites another researcher. The server sends the email; this form says it did.
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { Field, FormError, SelectField, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { inviteResearcherAction, inviteStaffAction } from "@/lib/accounts/actions";
import type { InviteStaffInput } from "@/lib/accounts/schema";

const staffResolver = lazyZodResolver(() =>
  import("@/lib/accounts/schema").then((schemas) => schemas.inviteStaffSchema),
);
const researcherResolver = lazyZodResolver(() =>
  import("@/lib/accounts/schema").then((schemas) => schemas.inviteResearcherSchema),
);

const UNAVAILABLE = "We could not send the invitation just now. Please try again in a few minutes.";

type Values = { email: string; agencyRole?: "WORKER" | "SUPERVISOR" };

export function StaffInviteForm({ area }: { area: "agency" | "researcher" }) {
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<InviteStaffInput, unknown, Values>({
    // One form for both areas: the researcher's schema simply has no role field.
    resolver: (area === "agency" ? staffResolver : researcherResolver) as unknown as Resolver<
      InviteStaffInput,
      unknown,
      Values
    >,
    defaultValues: area === "agency" ? { email: "", agencyRole: "WORKER" } : { email: "" },
  });
  const {
    register,
    reset,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return area === "agency" ? inviteStaffAction(values) : inviteResearcherAction(values);
    },
    fields: ["email", "agencyRole"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      reset();
      setStatus(answer.message ?? "Invitation sent.");
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />

      <Field
        id="invite-email"
        label="Their email address"
        hint="We will email them a link to choose their name and password. The link works once, for 7 days."
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={errors.email?.message}
        {...register("email")}
      />

      {area === "agency" ? (
        <SelectField
          id="invite-role"
          label="Their role"
          error={errors.agencyRole?.message}
          className="max-w-xs"
          {...register("agencyRole")}
        >
          <option value="WORKER">Worker</option>
          <option value="SUPERVISOR">Supervisor</option>
        </SelectField>
      ) : null}

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Sending the invitation…" : "Send invitation"}
      </button>
    </form>
  );
}
