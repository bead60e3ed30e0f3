"use client";

// The one form on a participant's page: record the next step of their record. Only the steps the
// rules allow from the participant's status are offered (the page works them out with
// allowedParticipantMoves); choosing one shows the fields that step needs: its date, a reason for
// the steps that end the record early, the measures completed at an interview, and whether data
// may be kept after a withdrawal. The server checks everything again against the locked record
// and says why it refuses. The answer (and any warning, such as a follow-up outside its window)
// takes focus, and the page reloads its facts and history. When nothing more can be recorded, the
// form says so, and who can correct a mistake.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
import { ErrorSummary, fieldMessage, problemsOf, useFocusOnProblems } from "@/components/error-summary";
import { Field, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { CheckboxGroup, RadioGroup } from "@/components/questionnaire-choices";
import { ReasonField } from "@/components/reason-field";
import type { Measure } from "@/lib/generated/prisma/client";
import { recordParticipantStepStaffAction } from "@/lib/recruitment/agency-actions";
import { DATE_STEP_LABELS, MEASURE_LABELS, MEASURES } from "@/lib/recruitment/rules";
import type { ParticipantStep, ParticipantStepValues } from "@/lib/recruitment/schema";
import { STEP_DATE } from "@/lib/recruitment/steps";

export type StepChoice = { step: ParticipantStep; label: string };

type Props = {
  participantId: string;
  studyId: string;
  steps: StepChoice[];
  /** Today in the UK, "YYYY-MM-DD": the latest date the date boxes accept. */
  today: string;
  /** A message to show (and focus) from the start, e.g. after the participant was added. */
  initialMessage?: string | null;
};

type StepFormValues = {
  participantId: string;
  step: ParticipantStep | undefined;
  date: string;
  reason: string;
  measures: Measure[];
  keepData: "yes" | "no" | undefined;
};

const FIELDS = ["step", "date", "reason", "measures", "keepData"] as const;

const REASON_WORDS: Partial<Record<ParticipantStep, { label: string; hint: string }>> = {
  "not-eligible": {
    label: "Why is the participant not eligible?",
    hint: "A few words, such as “does not meet the inclusion criteria: already in another study”.",
  },
  decline: { label: "Why did the participant decline?", hint: "A few words, as they gave it, if they did." },
  withdraw: { label: "Why did the participant withdraw?", hint: "A few words, as they gave it, if they did." },
  lost: {
    label: "Why was the participant lost to follow-up?",
    hint: "A few words, such as “no reply to three contacts”.",
  },
};

const NEEDS_MEASURES: readonly ParticipantStep[] = ["baseline", "follow-up"];

const YES_NO = [
  { value: "yes", label: "Yes, the data collected so far may be kept" },
  { value: "no", label: "No, the data must not be used" },
] as const;

const id = (field: string) => `step-${field}`;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function blank(participantId: string): StepFormValues {
  return { participantId, step: undefined, date: "", reason: "", measures: [], keepData: undefined };
}

// The schema is a union on `step`: the fields a step does not need are dropped before sending. With
// no step chosen, its message (meant for a broken page) gives way to one that says what to do.
const schemaResolver = lazyZodResolver(() =>
  import("@/lib/recruitment/schema").then((schemas) => schemas.participantStepSchema),
) as unknown as Resolver<StepFormValues, unknown, ParticipantStepValues>;
const resolver: Resolver<StepFormValues, unknown, ParticipantStepValues> = (values, context, options) =>
  values.step
    ? schemaResolver(values, context, options)
    : { values: {}, errors: { step: { type: "required", message: "Choose what happened: the step to record." } } };

export function ParticipantStepForm({ participantId, studyId, steps, today, initialMessage = null }: Props) {
  const router = useRouter();
  const [answer, setAnswer] = useState<{ message: string; warning?: string } | null>(
    initialMessage ? { message: initialMessage } : null,
  );
  // Bumped after each success, so the same message twice still takes focus.
  const [answers, setAnswers] = useState(initialMessage ? 1 : 0);
  const answerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (answers > 0) answerRef.current?.focus();
  }, [answers]);

  const form = useForm<StepFormValues, unknown, ParticipantStepValues>({
    resolver,
    defaultValues: blank(participantId),
    shouldFocusError: false,
  });
  const {
    control,
    register,
    reset,
    setFocus,
    formState: { errors, isSubmitting },
  } = form;
  const step = useWatch({ control, name: "step" });
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setAnswer(null);
      return recordParticipantStepStaffAction(values);
    },
    fields: FIELDS,
    onSuccess(result) {
      reset(blank(participantId));
      setAnswer({ message: result.message, warning: result.warning });
      setAnswers((count) => count + 1);
      router.refresh();
    },
  });
  const problems = problemsOf(errors, FIELDS, formError);
  const summaryRef = useFocusOnProblems(isSubmitting, problems.length > 0);
  const message = (field: (typeof FIELDS)[number]) => fieldMessage(errors, field);
  const reasonWords = step ? REASON_WORDS[step] : undefined;

  return (
    <div className="max-w-2xl space-y-6">
      <div ref={answerRef} tabIndex={-1} className="space-y-2">
        <div role="status">
          {answer ? (
            <div className="border-brand-700 bg-brand-50 space-y-2 rounded-md border-l-4 p-4">
              <p className="font-semibold">{answer.message}</p>
              {answer.warning ? (
                <p>
                  <strong>Check: </strong>
                  {answer.warning}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>
      {steps.length === 0 ? (
        <div className="space-y-2">
          <p className="text-lg font-semibold">Nothing more to record</p>
          <p>
            Participant {studyId}’s record is complete. If a step was recorded by mistake, ask the research team to
            correct it: they can undo the last step.
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary
            problems={problems}
            summaryRef={summaryRef}
            onPick={(field) => setFocus(field as (typeof FIELDS)[number])}
            fieldId={id}
          />
          <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
            <input type="hidden" {...register("participantId")} />
            <Controller
              control={control}
              name="step"
              render={({ field }) => (
                <RadioGroup
                  id={id("step")}
                  legend="What happened?"
                  hint={`Participant ${studyId} can move on to ${steps.length === 1 ? "this step" : "one of these steps"}.`}
                  error={message("step")}
                  options={steps.map((choice) => ({ value: choice.step, label: choice.label }))}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  inputRef={field.ref}
                />
              )}
            />
            {step ? (
              <>
                <Field
                  id={id("date")}
                  label={capitalise(DATE_STEP_LABELS[STEP_DATE[step]])}
                  hint="The day it happened. Not in the future, and not before the steps already recorded."
                  type="date"
                  max={today}
                  error={message("date")}
                  className="max-w-xs"
                  {...register("date")}
                />
                {reasonWords ? (
                  <Controller
                    control={control}
                    name="reason"
                    render={({ field }) => (
                      <ReasonField
                        id={id("reason")}
                        label={reasonWords.label}
                        hint={`${reasonWords.hint} No names, addresses, NHS numbers, phone numbers, email addresses or dates of birth.`}
                        error={message("reason")}
                        value={field.value}
                        name={field.name}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        inputRef={field.ref}
                      />
                    )}
                  />
                ) : null}
                {NEEDS_MEASURES.includes(step) ? (
                  <Controller
                    control={control}
                    name="measures"
                    render={({ field }) => (
                      <CheckboxGroup
                        id={id("measures")}
                        legend="Which measures were completed at the interview?"
                        hint="Tick each one completed."
                        error={message("measures")}
                        options={MEASURES.map((value) => ({ value, label: MEASURE_LABELS[value] }))}
                        value={field.value ?? []}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        inputRef={field.ref}
                      />
                    )}
                  />
                ) : null}
                {step === "withdraw" ? (
                  <Controller
                    control={control}
                    name="keepData"
                    render={({ field }) => (
                      <RadioGroup
                        id={id("keepData")}
                        legend="May the data collected so far be kept?"
                        hint="As the participant agreed when they withdrew."
                        error={message("keepData")}
                        options={YES_NO}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        inputRef={field.ref}
                      />
                    )}
                  />
                ) : null}
              </>
            ) : null}
            <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
              {isSubmitting ? "Saving…" : "Save this step"}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
