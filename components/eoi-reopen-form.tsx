"use client";

// Reopening one agency's questionnaire until a UK date and time. The browser checks the shape of
// the answers; the server checks that the time exists in the UK and is in the future, by its clock.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormError, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { reopenQuestionnaireAction } from "@/lib/eoi/researcher-actions";
import type { ReopenQuestionnaireInput, ReopenQuestionnaireValues } from "@/lib/eoi/researcher-schema";

const resolver = lazyZodResolver(() =>
  import("@/lib/eoi/researcher-schema").then((schemas) => schemas.reopenQuestionnaireSchema),
);

const UNAVAILABLE =
  "We could not reopen the questionnaire just now. Nothing was changed; please try again in a few minutes.";

export function EoiReopenForm({ agencyId, wasSubmitted }: { agencyId: string; wasSubmitted: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<ReopenQuestionnaireInput, unknown, ReopenQuestionnaireValues>({
    resolver,
    defaultValues: { agencyId, date: "", time: "17:00", reason: "" },
  });
  const {
    register,
    reset,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return reopenQuestionnaireAction(values);
    },
    fields: ["date", "time", "reason"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      reset({ agencyId, date: "", time: "17:00", reason: "" });
      setStatus(answer.message);
      router.refresh();
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />
      <input type="hidden" {...register("agencyId")} />
      <p>
        {wasSubmitted
          ? "The agency can correct its submitted answers and submit again until the time you set. Its stage goes back to “questionnaire in progress”, and the last submission is kept."
          : "The agency can go on filling in its questionnaire and submit it until the time you set."}{" "}
        We email the agency&apos;s lead and contact person.
      </p>
      <div className="flex flex-wrap gap-6">
        <Field
          id="reopen-date"
          label="Open until (date)"
          type="date"
          className="w-auto"
          error={errors.date?.message}
          {...register("date")}
        />
        <Field
          id="reopen-time"
          label="Time (UK time)"
          hint="24-hour clock, for example 17:00"
          type="time"
          className="w-auto"
          error={errors.time?.message}
          {...register("time")}
        />
      </div>
      <TextAreaField
        id="reopen-reason"
        label="Reason"
        hint="Kept in the agency's history and the audit trail; not sent to the agency."
        rows={3}
        error={errors.reason?.message}
        {...register("reason")}
      />
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Reopening…" : "Reopen the questionnaire"}
      </button>
    </form>
  );
}
