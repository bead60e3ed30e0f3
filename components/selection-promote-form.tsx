"use client";

// Promoting an agency from the reserve list to "Selected" when a place is free, with the reason
// kept in its history. The first on the list is offered first; the server checks the places again
// under its lock, so two researchers filling the last place at once cannot both succeed.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, SelectField, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { moveAgencyStageAction } from "@/lib/selection/actions";
import { moveStageSchema, REASON_MAX, type MoveStageInput, type MoveStageValues } from "@/lib/selection/schema";

const UNAVAILABLE = "We could not promote the agency just now. Nothing was changed; please try again in a few minutes.";

type Props = {
  /** The reserve list in its order: the first is offered first. */
  candidates: { id: string; teamName: string; reserveRank: number }[];
};

export function SelectionPromoteForm({ candidates }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const first = candidates[0]?.id ?? "";
  const form = useForm<MoveStageInput, unknown, MoveStageValues>({
    resolver: zodResolver(moveStageSchema),
    defaultValues: { agencyId: first, to: "SELECTED", reason: "" },
  });
  const {
    register,
    reset,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = form;
  // When the list changes (after a promotion, or another researcher's change), an agency no longer
  // on it gives way to the new first in line.
  useEffect(() => {
    if (!candidates.some((candidate) => candidate.id === getValues("agencyId"))) setValue("agencyId", first);
  }, [candidates, first, getValues, setValue]);
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return moveAgencyStageAction(values);
    },
    fields: ["agencyId", "reason"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      // The promoted agency leaves the list; the effect above then offers the new first in line.
      reset({ agencyId: getValues("agencyId"), to: "SELECTED", reason: "" });
      setStatus(answer.message);
      router.refresh();
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />
      <input type="hidden" {...register("to")} />
      <SelectField
        id="promote-agency"
        label="Agency to promote"
        hint="The reserve list in its order; the first is the next in line."
        className="w-auto max-w-full"
        error={errors.agencyId?.message}
        {...register("agencyId")}
      >
        {candidates.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.reserveRank}. {candidate.teamName}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id="promote-reason"
        label="Reason"
        hint={`For example, which selected agency withdrew. Kept in the agency's stage history and the audit trail; not sent to the agency. At most ${REASON_MAX} characters.`}
        rows={3}
        error={errors.reason?.message}
        {...register("reason")}
      />
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Promoting…" : "Promote to selected"}
      </button>
    </form>
  );
}
