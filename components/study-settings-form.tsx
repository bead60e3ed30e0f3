"use client";

// The study settings form: the questionnaire's closing date and time in UK time, and the numbers
// the pilot is planned around. A closing time already past asks for an explicit confirmation,
// which the server checks again against its own clock.
import { useState, type ComponentProps } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Field, FormError, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { ukLocalToUtc } from "@/lib/dates";
import { updateStudySettingsAction } from "@/lib/study/actions";
import type { StudySettingsValues } from "@/lib/study/schema";
import type { z } from "zod";

export type StudySettingsFormValues = {
  deadlineDate: string;
  deadlineTime: string;
  agenciesToSelect: string;
  workerTrainingDays: string;
  supervisorExtraDays: string;
  followUpMonths: string;
  followUpWindowDays: string;
  participantTarget: string;
  confirmCloseNow: boolean;
};

const FIELDS = [
  "deadlineDate",
  "deadlineTime",
  "confirmCloseNow",
  "agenciesToSelect",
  "workerTrainingDays",
  "supervisorExtraDays",
  "followUpMonths",
  "followUpWindowDays",
  "participantTarget",
] as const;

const UNAVAILABLE =
  "We could not save the study settings just now. Nothing was changed. Please try again in a few minutes.";

// The schema (and zod with it) loads after the page: the form needs it only when it is checked.
const resolver = lazyZodResolver<StudySettingsFormValues, StudySettingsValues>(() =>
  import("@/lib/study/schema").then(
    (schemas) =>
      // The form holds the numbers as typed (text); the schema reads them from text.
      schemas.studySettingsSchema as unknown as z.ZodType<StudySettingsValues, StudySettingsFormValues>,
  ),
);

const numberBox = { type: "text", inputMode: "numeric", autoComplete: "off", className: "max-w-32" } as const;

export function StudySettingsForm({
  initialValues,
  agenciesSelected,
  serverNow,
}: {
  initialValues: StudySettingsFormValues;
  agenciesSelected: number;
  /** The server's clock when the page was made: the browser's own clock may be wrong. */
  serverNow: number;
}) {
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<StudySettingsFormValues, unknown, StudySettingsValues>({
    resolver,
    defaultValues: initialValues,
  });
  const {
    register,
    reset,
    control,
    formState: { errors, isSubmitting, defaultValues },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return updateStudySettingsAction(values);
    },
    fields: FIELDS,
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      // What was saved becomes the form's starting point, so "changed" and the confirmation start afresh.
      reset({ ...form.getValues(), confirmCloseNow: false });
      setStatus(answer.ok ? answer.message : null);
    },
  });

  // This only decides whether to offer the confirmation; the server decides, on saving, whether it is needed.
  const [date, time] = useWatch({ control, name: ["deadlineDate", "deadlineTime"] });
  const entered = ukLocalToUtc(date, time);
  const moved = date !== defaultValues?.deadlineDate || time !== defaultValues?.deadlineTime;
  const closesNow = moved && entered !== null && entered.getTime() <= serverNow;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-2xl space-y-8">
      <FormError message={formError} />
      <StatusMessage message={status} />

      <fieldset className="space-y-4" aria-describedby="deadline-note">
        <legend className="text-2xl font-bold">Closing date of the questionnaire</legend>
        <p id="deadline-note" className="text-muted">
          UK time (GMT or BST as it will be on that day). Questionnaires can be submitted until this moment; at this
          exact time the questionnaire closes.
        </p>
        <div className="flex flex-wrap gap-6">
          <Field
            id="deadline-date"
            label="Date"
            type="date"
            error={errors.deadlineDate?.message}
            className="max-w-48"
            {...register("deadlineDate")}
          />
          <Field
            id="deadline-time"
            label="Time"
            hint="24-hour clock, for example 17:00"
            type="time"
            error={errors.deadlineTime?.message}
            className="max-w-36"
            {...register("deadlineTime")}
          />
        </div>
        {closesNow || errors.confirmCloseNow ? (
          <Checkbox
            id="confirm-close-now"
            label="I understand this closes the questionnaire now"
            hint="This time has already passed. Agencies that have not submitted will no longer be able to, unless you reopen them one by one."
            error={errors.confirmCloseNow?.message}
            {...register("confirmCloseNow")}
          />
        ) : null}
      </fieldset>

      <fieldset className="space-y-6">
        <legend className="text-2xl font-bold">Selection, training and follow-up</legend>
        <Field
          id="agencies-to-select"
          label="Agencies to select"
          hint={`Between 1 and 100. ${agenciesSelected === 0 ? "No agency has been selected yet." : `${agenciesSelected} ${agenciesSelected === 1 ? "agency is" : "agencies are"} already selected or further along, so no fewer than ${agenciesSelected}.`}`}
          error={errors.agenciesToSelect?.message}
          {...numberBox}
          {...register("agenciesToSelect")}
        />
        <Field
          id="worker-training-days"
          label="Training days for workers"
          hint="Between 1 and 3 days: the training calendar offers worker days 1, 2 and 3."
          error={errors.workerTrainingDays?.message}
          {...numberBox}
          {...register("workerTrainingDays")}
        />
        <Field
          id="supervisor-extra-days"
          label="Extra training days for supervisors"
          hint="Days supervisors attend on top of the workers' days, between 0 and 2 (supervisor days 1 and 2)."
          error={errors.supervisorExtraDays?.message}
          {...numberBox}
          {...register("supervisorExtraDays")}
        />
        <Field
          id="follow-up-months"
          label="Months from baseline to follow-up"
          hint="Between 1 and 36 months."
          error={errors.followUpMonths?.message}
          {...numberBox}
          {...register("followUpMonths")}
        />
        <Field
          id="follow-up-window-days"
          label="Follow-up window, in days either side of the due date"
          hint="A follow-up interview counts when it falls this many days before or after its due date. Between 0 and 180, and shorter than the follow-up period."
          error={errors.followUpWindowDays?.message}
          {...numberBox}
          {...register("followUpWindowDays")}
        />
        <Field
          id="participant-target"
          label="Participant target for the whole study"
          hint="Between 1 and 100,000, and at least the number of agencies to select."
          error={errors.participantTarget?.message}
          {...numberBox}
          {...register("participantTarget")}
        />
      </fieldset>

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Saving the settings…" : "Save settings"}
      </button>
    </form>
  );
}

/** A checkbox with its label beside it, and its hint and error tied to it as in components/form.tsx. */
function Checkbox({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: string; error?: string } & ComponentProps<"input">) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="border-danger space-y-2 border-l-4 pl-4">
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
          aria-describedby={describedBy}
          className="mt-1 size-6 shrink-0"
          {...input}
        />
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
