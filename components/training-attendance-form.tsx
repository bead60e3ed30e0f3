"use client";

// Marking who came to a training session: each person holding a place is attended or absent, in
// a group of two radio buttons named after them. "Mark all attended" ticks "Attended" for everyone
// (the usual case), then the researcher changes the few who did not come. Only the people given a
// mark are sent; marks already saved show ticked and can be corrected.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { markAttendanceResearcherAction } from "@/lib/training/researcher-actions";
import type { AttendanceFormInput, AttendanceFormValues } from "@/lib/training/form-schemas";

const resolver = lazyZodResolver(() =>
  import("@/lib/training/form-schemas").then((schemas) => schemas.attendanceFormSchema),
);

export type AttendancePerson = {
  bookingId: string;
  name: string;
  /** "Team name, worker". */
  detail: string;
  status: "BOOKED" | "ATTENDED" | "ABSENT";
};

const UNAVAILABLE =
  "We could not save the attendance just now. Nothing was changed; please try again in a few minutes.";

export function TrainingAttendanceForm({ sessionId, people }: { sessionId: string; people: AttendancePerson[] }) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<AttendanceFormInput, unknown, AttendanceFormValues>({
    resolver,
    defaultValues: {
      sessionId,
      marks: people.map((person) => ({
        bookingId: person.bookingId,
        status: person.status === "BOOKED" ? "" : person.status,
      })),
    },
  });
  const {
    register,
    setValue,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return markAttendanceResearcherAction(values);
    },
    fields: ["marks"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      setStatus(answer.message);
      router.refresh();
    },
  });

  // The browser's check puts "mark at least one person" on the list as a whole.
  const marksErrors = errors.marks as { message?: string; root?: { message?: string } } | undefined;
  const listError = marksErrors?.root?.message ?? marksErrors?.message ?? null;

  function markAllAttended() {
    people.forEach((_, index) => setValue(`marks.${index}.status`, "ATTENDED", { shouldDirty: true }));
    setStatus(`All ${people.length} marked attended. Change anyone who did not come, then save the attendance.`);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <FormError message={formError ?? listError} />
      <StatusMessage message={status} />
      <input type="hidden" {...register("sessionId")} />
      <p>
        Mark each person attended or absent. Completing every training day their role needs completes a person&apos;s
        training. You can correct a mark later.
      </p>
      <button type="button" onClick={markAllAttended} className="button-secondary cursor-pointer">
        Mark all attended
      </button>
      <ul className="space-y-4">
        {people.map((person, index) => (
          <li key={person.bookingId}>
            <fieldset className="border-line rounded-md border p-4">
              <legend className="px-1 font-semibold [overflow-wrap:anywhere]">
                {person.name}
                <span className="sr-only">, </span>
                <span className="text-muted block text-sm font-normal">{person.detail}</span>
              </legend>
              <input type="hidden" {...register(`marks.${index}.bookingId`)} />
              <div className="mt-2 flex flex-wrap gap-x-8 gap-y-3">
                {(["ATTENDED", "ABSENT"] as const).map((value) => (
                  <div key={value} className="flex items-center gap-3">
                    <input
                      id={`attendance-${person.bookingId}-${value}`}
                      type="radio"
                      value={value}
                      className="size-6 shrink-0"
                      {...register(`marks.${index}.status`)}
                    />
                    <label htmlFor={`attendance-${person.bookingId}-${value}`}>
                      {value === "ATTENDED" ? "Attended" : "Absent"}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Saving the attendance…" : "Save the attendance"}
      </button>
    </form>
  );
}
