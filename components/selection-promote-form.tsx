"use client";

// Promoting an agency from the reserve list to "Selected" when a place is free, with the reason
// kept in its history. The first on the list is offered first; the server checks the places again
// under its lock, so two researchers filling the last place at once cannot both succeed.
//
// The form is here only while someone can be promoted: promoting into the last free place, or the
// last agency on the list, takes it away. So the answer is shown above it, in a message area that
// stays in the page and takes focus after a promotion (WCAG 2.4.3, 4.1.3), and this component also
// says why nobody can be promoted, so that it stays mounted (and keeps the message) either way.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, SelectField, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { moveAgencyStageAction } from "@/lib/selection/actions";
import { moveStageSchema, REASON_MAX, type MoveStageInput, type MoveStageValues } from "@/lib/selection/schema";

const UNAVAILABLE = "We could not promote the agency just now. Nothing was changed; please try again in a few minutes.";

type Props = {
  /** The reserve list in its order: the first is offered first. */
  candidates: { id: string; teamName: string; reserveRank: number }[];
  /** The study's places: how many, how many free, and whether all are taken. */
  places: { cap: number; free: number; full: boolean };
};

export function SelectionPromoteForm({ candidates, places }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  // Bumped after each promotion, so that the same message twice still moves focus.
  const [promotions, setPromotions] = useState(0);
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
  useEffect(() => {
    if (promotions > 0) messageRef.current?.focus();
  }, [promotions]);
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
      setPromotions((count) => count + 1);
      router.refresh();
    },
  });

  return (
    <div className="space-y-4">
      <div ref={messageRef} tabIndex={-1} className="max-w-xl space-y-2">
        <FormError message={formError} />
        <StatusMessage message={status} />
      </div>
      {candidates.length === 0 ? (
        <p>There is nobody on the reserve list to promote.</p>
      ) : places.full ? (
        <p>
          All {places.cap} places are taken, so nobody can be promoted now. When a selected agency withdraws or moves
          off the list, a place becomes free and you can promote the next agency here.
        </p>
      ) : (
        <>
          <p>
            {places.free} {places.free === 1 ? "place is" : "places are"} free. The agency promoted is told when the
            team next sends the decisions.
          </p>
          <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
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
        </>
      )}
    </div>
  );
}
