"use client";

// Sending the decisions: a box to tick that they are final, then one press that emails every
// agency whose decision has not been sent yet. The server sends each decision once, however often
// the button is pressed, and says what it sent. Once everything is sent the box and the button
// leave the page, so the answer sits above them, in a message area that stays and takes focus
// after sending (WCAG 2.4.3, 4.1.3): focus would otherwise fall to the page with the button.
//
// One checkbox needs no form library: it is checked here with the server's words
// (lib/selection/limits.ts), which keeps the selection page's JavaScript small.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { FormError, StatusMessage, isNavigation } from "@/components/form";
import { sendDecisionsAction } from "@/lib/selection/actions";
import { CONFIRM_MESSAGE } from "@/lib/selection/limits";
import type { SelectionResult } from "@/lib/selection/schema";

const UNAVAILABLE =
  "We could not send the decisions just now. No email was sent and nothing was changed; please try again in a few minutes.";

type Props = {
  /** How many agencies would be emailed now. */
  toSendCount: number;
};

export function SelectionDecisionsForm({ toSendCount }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLInputElement>(null);
  // Bumped after each sending, so that the same message twice still moves focus.
  const [sendings, setSendings] = useState(0);
  useEffect(() => {
    if (sendings > 0) messageRef.current?.focus();
  }, [sendings]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setFormError(null);
    if (!confirmed) {
      setError(CONFIRM_MESSAGE);
      boxRef.current?.focus();
      return;
    }
    setError(null);
    setStatus(null);
    setSubmitting(true);
    let answer: SelectionResult;
    try {
      answer = await sendDecisionsAction({ confirm: true });
    } catch (failure) {
      if (!isNavigation(failure)) setFormError(UNAVAILABLE);
      setSubmitting(false);
      return;
    }
    setSubmitting(false);
    if (!answer.ok) {
      const onField = answer.fieldErrors?.confirm?.[0];
      if (onField) {
        setError(onField);
        boxRef.current?.focus();
      }
      if (answer.formError || !onField) setFormError(answer.formError ?? UNAVAILABLE);
      return;
    }
    setConfirmed(false);
    setStatus(answer.message);
    setSendings((count) => count + 1);
    router.refresh();
  }

  const agencies = `${toSendCount} ${toSendCount === 1 ? "agency" : "agencies"}`;

  return (
    <div className="max-w-xl space-y-6">
      <div ref={messageRef} tabIndex={-1} className="space-y-2">
        <FormError message={formError} />
        <StatusMessage message={status} />
      </div>
      {toSendCount > 0 ? (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
          <div className={`space-y-2 ${error ? "border-danger border-l-4 pl-4" : ""}`}>
            {error ? (
              <p id="decisions-confirm-error" className="text-danger font-semibold">
                <span className="sr-only">Error: </span>
                {error}
              </p>
            ) : null}
            <div className="flex items-start gap-3">
              <input
                ref={boxRef}
                id="decisions-confirm"
                name="confirm"
                type="checkbox"
                checked={confirmed}
                onChange={(event) => {
                  setConfirmed(event.target.checked);
                  // Ticked, the problem is put right.
                  if (event.target.checked) setError(null);
                }}
                aria-invalid={error ? true : undefined}
                aria-describedby={["decisions-confirm-hint", error ? "decisions-confirm-error" : null]
                  .filter(Boolean)
                  .join(" ")}
                className="mt-1 size-6 shrink-0"
              />
              <label htmlFor="decisions-confirm" className="font-semibold">
                These decisions are final: send them to the agencies
              </label>
            </div>
            <p id="decisions-confirm-hint" className="text-muted">
              {agencies} will be emailed, each once, with the next steps. Each agency then sees its decision in the app.
            </p>
          </div>
          <button type="submit" aria-disabled={submitting} className="button-primary cursor-pointer">
            {submitting ? "Sending…" : "Send decisions"}
          </button>
        </form>
      ) : null}
    </div>
  );
}
