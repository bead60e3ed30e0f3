"use client";

// Adding a new referral: the referral date (today by default), the worker (the signed-in person
// when they are on the list), the subgroup and whether the person is newly referred to the team.
// The app makes the study ID; nothing that identifies the person is asked for. Problems are shown
// on their fields and in a summary at the top that takes focus, and links to each field. On success
// the participant's page opens, where the next step is recorded.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm, type FieldErrors, type FieldValues } from "react-hook-form";
import { Field, SelectField, StatusMessage, useActionForm } from "@/components/form";
import { RadioGroup } from "@/components/questionnaire-choices";
import { createParticipantStaffAction } from "@/lib/recruitment/agency-actions";
import { SUBGROUP_LABELS } from "@/lib/recruitment/rules";
import {
  newParticipantSchema,
  SUBGROUPS,
  type NewParticipantInput,
  type NewParticipantValues,
} from "@/lib/recruitment/schema";

// ---------------------------------------------------------------------------------------------
// The error summary both participant forms use.

export type Problem = { field: string; message: string };

/** The problems to list: the form's own (not tied to a field) first, then each field's, in the page's order. */
export function problemsOf<Values extends FieldValues>(
  errors: FieldErrors<Values>,
  fields: readonly string[],
  formError: string | null,
): Problem[] {
  const list: Problem[] = formError ? [{ field: "", message: formError }] : [];
  for (const field of fields) {
    const error = (errors as Record<string, { message?: unknown; root?: { message?: unknown } } | undefined>)[field];
    const message = error?.message ?? error?.root?.message;
    if (typeof message === "string" && message) list.push({ field, message });
  }
  return list;
}

/**
 * Moves focus to the summary each time a send ends with problems (found in the browser or by the
 * server), so keyboard and screen reader users meet them first.
 */
export function useFocusOnProblems(isSubmitting: boolean, hasProblems: boolean) {
  const summary = useRef<HTMLDivElement>(null);
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (isSubmitting) {
      wasSubmitting.current = true;
      return;
    }
    if (wasSubmitting.current) {
      wasSubmitting.current = false;
      if (hasProblems) summary.current?.focus();
    }
  }, [isSubmitting, hasProblems]);
  return summary;
}

/** "There is a problem": each problem, linking to its field when it has one. */
export function ErrorSummary({
  problems,
  summaryRef,
  onPick,
  fieldId,
}: {
  problems: Problem[];
  summaryRef: React.Ref<HTMLDivElement>;
  /** Puts focus on a field (react-hook-form's setFocus). */
  onPick: (field: string) => void;
  fieldId: (field: string) => string;
}) {
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role={problems.length > 0 ? "alert" : undefined}
      aria-labelledby={problems.length > 0 ? "problem-summary-title" : undefined}
      className={problems.length > 0 ? "border-danger bg-danger-50 rounded-md border-l-4 p-4" : undefined}
    >
      {problems.length > 0 ? (
        <>
          <h2 id="problem-summary-title" className="text-danger text-lg font-bold">
            There is a problem
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {problems.map(({ field, message }) => (
              <li key={`${field}:${message}`}>
                {field ? (
                  <a
                    href={`#${fieldId(field)}`}
                    className="text-danger font-semibold"
                    onClick={(event) => {
                      event.preventDefault();
                      onPick(field);
                    }}
                  >
                    {message}
                  </a>
                ) : (
                  <span className="text-danger font-semibold">{message}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The form

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
    resolver: zodResolver(newParticipantSchema),
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
  const message = (field: (typeof FIELDS)[number]) => errors[field]?.message;

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
