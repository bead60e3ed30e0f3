"use client";

// Adding a new referral: the referral date (today by default), the worker (the signed-in person
// when they are on the list), the subgroup and whether the person is newly referred to the team.
// The app makes the study ID; nothing that identifies the person is asked for. Problems are shown
// on their fields and in a summary at the top that takes focus, and links to each field. On success
// the participant's page opens, where the next step is recorded.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { ErrorSummary, fieldMessage, problemsOf, useFocusOnProblems } from "@/components/error-summary";
import { Field, SelectField, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { RadioGroup } from "@/components/questionnaire-choices";
import { createParticipantStaffAction } from "@/lib/recruitment/agency-actions";
import { SUBGROUP_LABELS } from "@/lib/recruitment/rules";
import type { NewParticipantInput, NewParticipantValues } from "@/lib/recruitment/schema";
import { SUBGROUPS } from "@/lib/recruitment/steps";

const resolver = lazyZodResolver(() =>
  import("@/lib/recruitment/schema").then((schemas) => schemas.newParticipantSchema),
);

export type WorkerChoice = { id: string; label: string };

type Props = {
  /** Today in the UK, "YYYY-MM-DD": the referral date to start with. */
  today: string;
  workers: WorkerChoice[];
  /** The signed-in person's id when they are on the list of workers. */
  defaultWorkerId: string | null;
};

const FIELDS = ["referralDate", "workerId", "subgroup", "isNewReferral"] as const;

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
] as const;

const id = (field: string) => `new-participant-${field}`;

export function ParticipantNewForm({ today, workers, defaultWorkerId }: Props) {
  const router = useRouter();
  const [added, setAdded] = useState<string | null>(null);
  const addedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (added) addedRef.current?.focus();
  }, [added]);

  const form = useForm<NewParticipantInput, unknown, NewParticipantValues>({
    resolver,
    defaultValues: { referralDate: today, workerId: defaultWorkerId ?? "" },
    shouldFocusError: false,
  });
  const {
    control,
    register,
    setFocus,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setAdded(null);
      return createParticipantStaffAction(values);
    },
    fields: FIELDS,
    onSuccess(answer) {
      if (answer.participantId) {
        router.push(`/agency/participants/${answer.participantId}?added=1`);
        return;
      }
      // Without the new record's id, say so here, with its study ID.
      setAdded(answer.message);
      form.reset({ referralDate: today, workerId: defaultWorkerId ?? "" });
    },
  });
  const problems = problemsOf(errors, FIELDS, formError);
  const summaryRef = useFocusOnProblems(isSubmitting, problems.length > 0);
  const message = (field: (typeof FIELDS)[number]) => fieldMessage(errors, field);

  return (
    <div className="max-w-2xl space-y-6">
      <div ref={addedRef} tabIndex={-1}>
        <StatusMessage message={added} />
      </div>
      <ErrorSummary
        problems={problems}
        summaryRef={summaryRef}
        onPick={(field) => setFocus(field as (typeof FIELDS)[number])}
        fieldId={id}
      />
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
        <Field
          id={id("referralDate")}
          label="Referral date"
          hint="The day the person was referred to the study. Not in the future."
          type="date"
          max={today}
          error={message("referralDate")}
          className="max-w-xs"
          {...register("referralDate")}
        />
        <SelectField
          id={id("workerId")}
          label="Worker"
          hint="The member of your team who works with this participant."
          error={message("workerId")}
          {...register("workerId")}
        >
          <option value="">Choose a worker</option>
          {workers.map((worker) => (
            <option key={worker.id} value={worker.id}>
              {worker.label}
            </option>
          ))}
        </SelectField>
        <Controller
          control={control}
          name="subgroup"
          render={({ field }) => (
            <RadioGroup
              id={id("subgroup")}
              legend="Subgroup"
              hint="The service the participant is referred from."
              error={message("subgroup")}
              options={SUBGROUPS.map((value) => ({ value, label: SUBGROUP_LABELS[value] }))}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
            />
          )}
        />
        <Controller
          control={control}
          name="isNewReferral"
          render={({ field }) => (
            <RadioGroup
              id={id("isNewReferral")}
              legend="Is this a new referral to your team?"
              hint="Yes if the person has just been referred to your service; no if your team already works with them."
              error={message("isNewReferral")}
              options={YES_NO}
              value={field.value === true ? "yes" : field.value === false ? "no" : (field.value as string | undefined)}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              inline
            />
          )}
        />
        <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
          {isSubmitting ? "Adding…" : "Add the participant"}
        </button>
      </form>
    </div>
  );
}
