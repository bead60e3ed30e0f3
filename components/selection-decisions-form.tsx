"use client";

// Sending the decisions: a box to tick that they are final, then one press that emails every
// agency whose decision has not been sent yet. The server sends each decision once, however often
// the button is pressed, and says what it sent. Once everything is sent the box and the button
// leave the page, so the answer sits above them, in a message area that stays and takes focus
// after sending (WCAG 2.4.3, 4.1.3): focus would otherwise fall to the page with the button.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, StatusMessage, useActionForm } from "@/components/form";
import { sendDecisionsAction } from "@/lib/selection/actions";
import { sendDecisionsSchema, type SendDecisionsInput } from "@/lib/selection/schema";

const UNAVAILABLE =
  "We could not send the decisions just now. No email was sent and nothing was changed; please try again in a few minutes.";

type Props = {
  /** How many agencies would be emailed now. */
  toSendCount: number;
};

export function SelectionDecisionsForm({ toSendCount }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  // Bumped after each sending, so that the same message twice still moves focus.
  const [sendings, setSendings] = useState(0);
  const form = useForm<SendDecisionsInput, unknown, SendDecisionsInput>({
    resolver: zodResolver(sendDecisionsSchema),
  });
  const {
    register,
    reset,
    formState: { errors, isSubmitting },
  } = form;
  useEffect(() => {
    if (sendings > 0) messageRef.current?.focus();
  }, [sendings]);
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return sendDecisionsAction(values);
    },
    fields: ["confirm"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      reset({});
      setStatus(answer.message);
      setSendings((count) => count + 1);
      router.refresh();
    },
  });
  const error = errors.confirm?.message;
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
                id="decisions-confirm"
                type="checkbox"
                aria-invalid={error ? true : undefined}
                aria-describedby={["decisions-confirm-hint", error ? "decisions-confirm-error" : null]
                  .filter(Boolean)
                  .join(" ")}
                className="mt-1 size-6 shrink-0"
                {...register("confirm")}
              />
              <label htmlFor="decisions-confirm" className="font-semibold">
                These decisions are final: send them to the agencies
              </label>
            </div>
            <p id="decisions-confirm-hint" className="text-muted">
              {agencies} will be emailed, each once, with the next steps. Each agency then sees its decision in the app.
            </p>
          </div>
          <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
            {isSubmitting ? "Sending…" : "Send decisions"}
          </button>
        </form>
      ) : null}
    </div>
  );
}
