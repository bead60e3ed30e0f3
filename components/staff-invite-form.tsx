"use client";

// Inviting a colleague by email: a lead invites a worker or supervisor into their agency, a
// researcher invites another researcher. The server sends the email; this form says it did.
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { AccountField, FormError, inputClass, showFieldErrors, StatusMessage } from "@/components/account-field";
import { inviteResearcherAction, inviteStaffAction } from "@/lib/accounts/actions";
import { inviteStaffSchema, inviteResearcherSchema, type InviteStaffInput } from "@/lib/accounts/schema";

const UNAVAILABLE = "We could not send the invitation just now. Please try again in a few minutes.";

type Values = { email: string; agencyRole?: "WORKER" | "SUPERVISOR" };

export function StaffInviteForm({ area }: { area: "agency" | "researcher" }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<InviteStaffInput, unknown, Values>({
    // One form for both areas: the researcher's schema simply has no role field.
    resolver: (area === "agency"
      ? zodResolver(inviteStaffSchema)
      : zodResolver(inviteResearcherSchema)) as unknown as Resolver<InviteStaffInput, unknown, Values>,
    defaultValues: area === "agency" ? { email: "", agencyRole: "WORKER" } : { email: "" },
  });

  useEffect(() => {
    if (formError) errorRef.current?.focus();
  }, [formError]);

  async function onSubmit(values: Values) {
    // A second press while the first is on its way does nothing.
    if (isSubmitting) return;
    setFormError(null);
    setStatus(null);
    try {
      const result = await (area === "agency" ? inviteStaffAction(values) : inviteResearcherAction(values));
      if (!result.ok) {
        const onField = showFieldErrors(result.fieldErrors, ["email", "agencyRole"], setError, setFocus);
        if (result.formError || !onField) setFormError(result.formError ?? UNAVAILABLE);
        return;
      }
      reset();
      setStatus(result.message ?? "Invitation sent.");
    } catch {
      setFormError(UNAVAILABLE);
    }
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="max-w-xl space-y-6">
      {formError ? <FormError ref={errorRef}>{formError}</FormError> : null}
      <StatusMessage message={status} />

      <AccountField
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
        <div className="space-y-2">
          <label htmlFor="invite-role" className="block font-semibold">
            Their role
          </label>
          {errors.agencyRole ? (
            <p id="invite-role-error" className="text-danger font-semibold">
              <span className="sr-only">Error: </span>
              {errors.agencyRole.message}
            </p>
          ) : null}
          <select
            id="invite-role"
            aria-invalid={errors.agencyRole ? true : undefined}
            aria-describedby={errors.agencyRole ? "invite-role-error" : undefined}
            className={`${inputClass} max-w-xs`}
            {...register("agencyRole")}
          >
            <option value="WORKER">Worker</option>
            <option value="SUPERVISOR">Supervisor</option>
          </select>
        </div>
      ) : null}

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Sending the invitation…" : "Send invitation"}
      </button>
    </form>
  );
}
