"use client";

// Cancelling a training session: a reason, which everyone booked or waiting is told by email, and
// a tick to confirm, because a cancellation cannot be undone and frees every booking. The tick is
// the browser's only; the server checks the reason with the same schema.
import { useRouter } from "next/navigation";
import { useState, type ComponentProps } from "react";
import { useForm } from "react-hook-form";
import { FormError, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { cancelSessionResearcherAction } from "@/lib/training/researcher-actions";
import type { CancelFormInput, CancelFormValues } from "@/lib/training/form-schemas";

const resolver = lazyZodResolver(() =>
  import("@/lib/training/form-schemas").then((schemas) => schemas.cancelFormSchema),
);

const UNAVAILABLE = "We could not cancel the session just now. Nothing was changed; please try again in a few minutes.";

export function TrainingCancelForm({
  sessionId,
  booked,
  waiting,
}: {
  sessionId: string;
  booked: number;
  waiting: number;
}) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<CancelFormInput, unknown, CancelFormValues>({
    resolver,
    defaultValues: { sessionId, reason: "", confirm: false as unknown as true },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action({ sessionId: id, reason }) {
      setStatus(null);
      return cancelSessionResearcherAction({ sessionId: id, reason });
    },
    fields: ["reason", "confirm"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      setStatus(answer.message);
      router.refresh();
    },
  });

  const told =
    booked + waiting === 0
      ? "Nobody is booked or waiting yet."
      : `${[
          booked > 0 ? `${booked} ${booked === 1 ? "person booked" : "people booked"}` : null,
          waiting > 0 ? `${waiting} on the waiting list` : null,
        ]
          .filter(Boolean)
          .join(" and ")} will be told by email, and their bookings cancelled.`;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />
      <input type="hidden" {...register("sessionId")} />
      <p>{told} A cancelled session cannot be reopened: publish a new one instead.</p>
      <TextAreaField
        id="cancel-reason"
        label="Reason for cancelling"
        hint="Sent to everyone booked or waiting, and kept in the audit trail."
        rows={3}
        error={errors.reason?.message}
        {...register("reason")}
      />
      <ConfirmBox
        id="cancel-confirm"
        label="I understand the session is cancelled for everyone, and cannot be reopened"
        error={errors.confirm?.message}
        {...register("confirm")}
      />
      <button type="submit" aria-disabled={isSubmitting} className="button-secondary cursor-pointer">
        {isSubmitting ? "Cancelling…" : "Cancel the session"}
      </button>
    </form>
  );
}

/** A checkbox with its label beside it, and its error tied to it as in components/form.tsx. */
function ConfirmBox({
  id,
  label,
  error,
  ...input
}: { id: string; label: string; error?: string } & ComponentProps<"input">) {
  return (
    <div className="space-y-2">
      {error ? (
        <p id={`${id}-error`} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 size-6 shrink-0"
          {...input}
        />
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
      </div>
    </div>
  );
}
