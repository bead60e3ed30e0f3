"use client";

// The research team's correction of a participant's record: undo the last step, with a reason that
// goes into the audit trail. The form says what will be undone before it is sent, warns as the
// reason is typed when it looks like it names someone (the server refuses obvious identifiers), and
// after the undo says what was done and shows the record as it now is.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormError, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { ReasonField } from "@/components/reason-field";
import type { ParticipantStatus } from "@/lib/generated/prisma/client";
import { correctParticipantResearcherAction } from "@/lib/recruitment/researcher-actions";
import type { CorrectParticipantInput } from "@/lib/recruitment/schema";

const resolver = lazyZodResolver(() =>
  import("@/lib/recruitment/schema").then((schemas) => schemas.correctParticipantSchema),
);

const UNAVAILABLE = "We could not undo the step just now. Nothing was changed; please try again in a few minutes.";

type Props = {
  participantId: string;
  studyId: string;
  status: ParticipantStatus;
  /** What undoing would do, in a sentence; null when there is nothing to undo. */
  plan: string | null;
};

export function ParticipantCorrectForm({ participantId, studyId, status, plan }: Props) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const form = useForm<CorrectParticipantInput>({
    resolver,
    defaultValues: { participantId, reason: "" },
  });
  const {
    register,
    reset,
    control,
    formState: { isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setDone(null);
      return correctParticipantResearcherAction({ ...values, expectedStatus: status });
    },
    fields: ["reason"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      reset({ participantId, reason: "" });
      setDone(answer.message);
      router.refresh();
    },
  });

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <div className="space-y-4">
      <div role="status">
        {done ? (
          <p
            ref={doneRef}
            tabIndex={-1}
            className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4 font-semibold"
          >
            {done}
          </p>
        ) : null}
      </div>
      {plan === null ? (
        <p>{studyId} is only referred: nothing has been recorded after the referral, so there is nothing to undo.</p>
      ) : (
        <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
          <FormError message={formError} />
          <input type="hidden" {...register("participantId")} />
          <p className="border-line rounded-md border-l-4 p-4 font-semibold">{plan}</p>
          <p>
            The agency can then record the step again, with the right details. The undo and your reason are kept in the
            participant&apos;s history and the audit trail.
          </p>
          <Controller
            control={control}
            name="reason"
            render={({ field, fieldState }) => (
              <ReasonField
                id="correct-reason"
                label="Why is the step being undone?"
                hint="For example “baseline date entered wrongly”. No names, addresses, NHS numbers, phone numbers, email addresses or dates of birth."
                error={fieldState.error?.message}
                value={field.value ?? ""}
                name={field.name}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
              />
            )}
          />
          <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
            {isSubmitting ? "Undoing…" : "Undo the last step"}
          </button>
        </form>
      )}
    </div>
  );
}
