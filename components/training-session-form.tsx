"use client";

// Publishing a training session, or changing one: which training day it is, its UK date and
// times, where it is (a venue and address, an online link, or both), who runs it and how many it
// takes. The browser checks the answers with the schema the server uses; the server checks again,
// turns the UK times into instants (refusing the hour skipped when the clocks go forward) and,
// for a change, emails everyone booked.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { Field, FormError, SelectField, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { createSessionResearcherAction, updateSessionResearcherAction } from "@/lib/training/researcher-actions";
import { CAPACITY_MAX, TRAINING_DAY_LABELS, TRAINING_DAYS } from "@/lib/training/rules";
import type { SessionValues } from "@/lib/training/schema";

const sessionResolver = lazyZodResolver(() => import("@/lib/training/schema").then((schemas) => schemas.sessionSchema));

/** What the form holds: every field as typed. */
export type TrainingSessionFormValues = {
  trainingDay: string;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  address: string;
  onlineUrl: string;
  trainer: string;
  capacity: string;
  notes: string;
};

const FIELDS = [
  "trainingDay",
  "date",
  "startTime",
  "endTime",
  "venue",
  "address",
  "onlineUrl",
  "trainer",
  "capacity",
  "notes",
] as const;

export const EMPTY_SESSION: TrainingSessionFormValues = {
  trainingDay: "",
  date: "",
  startTime: "09:30",
  endTime: "16:30",
  venue: "",
  address: "",
  onlineUrl: "",
  trainer: "",
  capacity: "20",
  notes: "",
};

type Props =
  | { mode: "create"; initialValues?: TrainingSessionFormValues }
  | { mode: "edit"; sessionId: string; initialValues: TrainingSessionFormValues; booked: number };

export function TrainingSessionForm(props: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const editing = props.mode === "edit";
  const form = useForm<TrainingSessionFormValues, unknown, SessionValues>({
    resolver: sessionResolver as unknown as Resolver<TrainingSessionFormValues, unknown, SessionValues>,
    defaultValues: props.initialValues ?? EMPTY_SESSION,
  });
  const {
    register,
    reset,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return props.mode === "edit"
        ? updateSessionResearcherAction({ sessionId: props.sessionId, ...values })
        : createSessionResearcherAction(values);
    },
    fields: FIELDS,
    unavailable: editing
      ? "We could not save the changes just now. Nothing was changed; please try again in a few minutes."
      : "We could not publish the session just now. Nothing was saved; please try again in a few minutes.",
    async onSuccess(answer, values) {
      if (props.mode === "create") {
        const sessionId = (answer as { sessionId?: string }).sessionId;
        if (sessionId) {
          router.push(`/researcher/training/${sessionId}?published=1`);
          return;
        }
        reset(EMPTY_SESSION);
      } else {
        // What was saved becomes the form's starting point.
        reset({ ...values, capacity: String(values.capacity) });
      }
      setStatus(answer.message);
      router.refresh();
    },
  });
  const prefix = editing ? "edit-session" : "session";

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-2xl space-y-8">
      <FormError message={formError} />
      <StatusMessage message={status} />
      {props.mode === "edit" && props.booked > 0 ? (
        <p>
          {props.booked === 1 ? "The person booked is" : `The ${props.booked} people booked are`} emailed the new
          details with an updated calendar invitation.
        </p>
      ) : null}

      <fieldset className="space-y-4" aria-describedby={`${prefix}-time-note`}>
        <legend className="text-xl font-bold">Training day and time</legend>
        <SelectField
          id={`${prefix}-training-day`}
          label="Training day"
          hint="Supervisor days are for supervisors only; worker days are for workers and supervisors."
          error={errors.trainingDay?.message}
          {...register("trainingDay")}
        >
          <option value="">Choose a training day</option>
          {TRAINING_DAYS.map((day) => (
            <option key={day} value={day}>
              {TRAINING_DAY_LABELS[day]}
            </option>
          ))}
        </SelectField>
        <p id={`${prefix}-time-note`} className="text-muted">
          Dates and times are UK time (GMT or BST as it will be on that day), on the 24-hour clock.
        </p>
        <div className="flex flex-wrap gap-6">
          <Field
            id={`${prefix}-date`}
            label="Date"
            type="date"
            className="w-auto"
            error={errors.date?.message}
            {...register("date")}
          />
          <Field
            id={`${prefix}-start-time`}
            label="Start time"
            hint="For example 09:30"
            type="time"
            className="w-auto"
            error={errors.startTime?.message}
            {...register("startTime")}
          />
          <Field
            id={`${prefix}-end-time`}
            label="End time"
            hint="For example 16:30"
            type="time"
            className="w-auto"
            error={errors.endTime?.message}
            {...register("endTime")}
          />
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-xl font-bold">Place</legend>
        <p className="text-muted">Give the venue and its address, an online link, or both.</p>
        <Field
          id={`${prefix}-venue`}
          label="Venue (optional for an online session)"
          hint="For example Leeds Civic Hall, Committee Room 2"
          autoComplete="off"
          error={errors.venue?.message}
          {...register("venue")}
        />
        <TextAreaField
          id={`${prefix}-address`}
          label="Address (optional for an online session)"
          rows={3}
          error={errors.address?.message}
          {...register("address")}
        />
        <Field
          id={`${prefix}-online-url`}
          label="Online link (optional when there is a venue)"
          hint="The full address of the meeting, starting with https://"
          type="url"
          inputMode="url"
          autoComplete="off"
          error={errors.onlineUrl?.message}
          {...register("onlineUrl")}
        />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-xl font-bold">Trainer and places</legend>
        <Field
          id={`${prefix}-trainer`}
          label="Trainer"
          hint="Who runs the session."
          autoComplete="off"
          error={errors.trainer?.message}
          {...register("trainer")}
        />
        <Field
          id={`${prefix}-capacity`}
          label="Places"
          hint={`How many people the session can take, from 1 to ${CAPACITY_MAX}. When it is full, supervisors can join a waiting list.`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          className="max-w-32"
          error={errors.capacity?.message}
          {...register("capacity")}
        />
        <TextAreaField
          id={`${prefix}-notes`}
          label="Notes (optional)"
          hint="Anything people should know: what to bring, parking, lunch."
          rows={4}
          error={errors.notes?.message}
          {...register("notes")}
        />
      </fieldset>

      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {editing
          ? isSubmitting
            ? "Saving the changes…"
            : "Save the changes"
          : isSubmitting
            ? "Publishing…"
            : "Publish the session"}
      </button>
    </form>
  );
}
