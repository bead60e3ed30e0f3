"use client";

// The review page's submit: the server decides (deadline, eligibility, completeness) and either
// moves on to the confirmation page or says in words why it refused.
import { useState, useTransition } from "react";
import { unstable_rethrow } from "next/navigation";
import { FormError } from "@/components/form";
import { submitQuestionnaireAction } from "@/lib/eoi/actions";

const UNAVAILABLE = "We could not submit just now and nothing was changed. Please try again in a few minutes.";

export function QuestionnaireSubmit() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit() {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      try {
        const answer = await submitQuestionnaireAction();
        if (answer && !answer.ok) setError(answer.formError ?? UNAVAILABLE);
      } catch (caught) {
        // A redirect to the confirmation page arrives as a rejected promise; the router follows it.
        try {
          unstable_rethrow(caught);
        } catch {
          return;
        }
        setError(UNAVAILABLE);
      }
    });
  }

  return (
    <div className="space-y-4">
      <FormError message={error} />
      <button type="button" onClick={submit} aria-disabled={pending} className="button-primary cursor-pointer">
        {pending ? "Submitting…" : "Submit the expression of interest"}
      </button>
    </div>
  );
}
