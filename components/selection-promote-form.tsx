"use client";

// Promoting an agency from the reserve list to "Selected" when a place is free, with the reason
// kept in its history. The first on the list is offered first; the server checks the places again
// under its lock, so two researchers filling the last place at once cannot both succeed.
//
// The form is here only while someone can be promoted: promoting into the last free place, or the
// last agency on the list, takes it away. So the answer is shown above it, in a message area that
// stays in the page and takes focus after a promotion (WCAG 2.4.3, 4.1.3), and this component also
// says why nobody can be promoted, so that it stays mounted (and keeps the message) either way.
//
// Two fields need no form library: the reason is checked here with the server's own rule and
// words (lib/selection/limits.ts), which keeps the selection page's JavaScript small.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { FormError, SelectField, StatusMessage, TextAreaField, isNavigation } from "@/components/form";
import { moveAgencyStageAction } from "@/lib/selection/actions";
import { REASON_MAX, reasonProblem } from "@/lib/selection/limits";
import type { SelectionResult } from "@/lib/selection/schema";

const UNAVAILABLE = "We could not promote the agency just now. Nothing was changed; please try again in a few minutes.";

type Props = {
  /** The reserve list in its order: the first is offered first. */
  candidates: { id: string; teamName: string; reserveRank: number }[];
  /** The study's places: how many, how many free, and whether all are taken. */
  places: { cap: number; free: number; full: boolean };
};

type Errors = { agencyId?: string; reason?: string };

export function SelectionPromoteForm({ candidates, places }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const agencyRef = useRef<HTMLSelectElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // Bumped after each promotion, so that the same message twice still moves focus.
  const [promotions, setPromotions] = useState(0);
  const first = candidates[0]?.id ?? "";
  const [agencyId, setAgencyId] = useState(first);
  const [reason, setReason] = useState("");
  // When the list changes (after a promotion, or another researcher's change), an agency no longer
  // on it gives way to the new first in line.
  const chosen = candidates.some((candidate) => candidate.id === agencyId) ? agencyId : first;
  useEffect(() => {
    if (promotions > 0) messageRef.current?.focus();
  }, [promotions]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setFormError(null);
    const problem = reasonProblem(reason);
    if (problem) {
      setErrors({ reason: problem });
      reasonRef.current?.focus();
      return;
    }
    setErrors({});
    setStatus(null);
    setSubmitting(true);
    let answer: SelectionResult;
    try {
      answer = await moveAgencyStageAction({ agencyId: chosen, to: "SELECTED", reason });
    } catch (error) {
      if (!isNavigation(error)) setFormError(UNAVAILABLE);
      setSubmitting(false);
      return;
    }
    setSubmitting(false);
    if (!answer.ok) {
      const onField: Errors = {
        agencyId: answer.fieldErrors?.agencyId?.[0],
        reason: answer.fieldErrors?.reason?.[0],
      };
      setErrors(onField);
      if (onField.agencyId) agencyRef.current?.focus();
      else if (onField.reason) reasonRef.current?.focus();
      if (answer.formError || (!onField.agencyId && !onField.reason)) setFormError(answer.formError ?? UNAVAILABLE);
      return;
    }
    // The promoted agency leaves the list; the new first in line is then offered.
    setReason("");
    setStatus(answer.message);
    setPromotions((count) => count + 1);
    router.refresh();
  }

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
            <SelectField
              ref={agencyRef}
              id="promote-agency"
              name="agencyId"
              label="Agency to promote"
              hint="The reserve list in its order; the first is the next in line."
              className="w-auto max-w-full"
              error={errors.agencyId}
              value={chosen}
              onChange={(event) => {
                setAgencyId(event.target.value);
                setErrors((current) => ({ ...current, agencyId: undefined }));
              }}
            >
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.reserveRank}. {candidate.teamName}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              ref={reasonRef}
              id="promote-reason"
              name="reason"
              label="Reason"
              hint={`For example, which selected agency withdrew. Kept in the agency's stage history and the audit trail; not sent to the agency. At most ${REASON_MAX} characters.`}
              rows={3}
              error={errors.reason}
              value={reason}
              onChange={(event) => {
                const value = event.target.value;
                setReason(value);
                // Once a problem is shown, it goes (or changes) as the reason is put right.
                if (errors.reason) setErrors((current) => ({ ...current, reason: reasonProblem(value) ?? undefined }));
              }}
            />
            <button type="submit" aria-disabled={submitting} className="button-primary cursor-pointer">
              {submitting ? "Promoting…" : "Promote to selected"}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
