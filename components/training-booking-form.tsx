"use client";

// Booking several colleagues onto one training session at once: a tick box for each supervisor
// or worker who could be booked on it (the page works that out with the same rules the server
// uses), and the others listed with the reason they cannot be. The server checks everything again
// in one transaction; a refusal (the session filled up, someone was booked meanwhile) is shown in
// its words. When the session is full, the same form puts people on its waiting list.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { bookPeopleStaffAction } from "@/lib/training/agency-actions";
import type { BookInput } from "@/lib/training/schema";

const resolver = lazyZodResolver(() => import("@/lib/training/schema").then((schemas) => schemas.bookSchema));

export type BookingCandidate = {
  userId: string;
  /** e.g. "Ada Lovelace (worker)" or "Sam Patel (supervisor, you)". */
  label: string;
  /** Null when the person could be booked; otherwise why not. */
  problem: string | null;
};

type Props = {
  sessionId: string;
  /** Names the session for screen readers, e.g. "Worker day 1 on Monday, 14 June 2027". */
  sessionName: string;
  placesLeft: number;
  candidates: BookingCandidate[];
};

type BookValues = { sessionId: string; userIds: string[] };

const UNAVAILABLE = "We could not make the booking just now. Nobody was booked; please try again in a few minutes.";

export function TrainingBookingForm({ sessionId, sessionName, placesLeft, candidates }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  // The answer takes focus after each booking: the form may disappear (nobody left to book), and
  // the keyboard must not be lost with it. Bumped each time, so the same answer twice still moves it.
  const messageRef = useRef<HTMLDivElement>(null);
  const [answers, setAnswers] = useState(0);
  useEffect(() => {
    if (answers > 0) messageRef.current?.focus();
  }, [answers]);
  const form = useForm<BookInput, unknown, BookValues>({
    resolver,
    // An array from the start, so a single tick box still gives a list of ids.
    defaultValues: { sessionId, userIds: [] },
  });
  const {
    register,
    reset,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return bookPeopleStaffAction(values);
    },
    fields: ["userIds"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      reset({ sessionId, userIds: [] });
      setStatus(answer.message);
      setAnswers((count) => count + 1);
      router.refresh();
    },
  });

  const bookable = candidates.filter((candidate) => candidate.problem === null);
  const refused = candidates.filter((candidate) => candidate.problem !== null);
  const full = placesLeft === 0;
  const groupId = `book-${sessionId}`;
  const error = errors.userIds?.message ?? errors.userIds?.root?.message;
  const describedBy = [`${groupId}-hint`, error ? `${groupId}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="space-y-4">
      <div ref={messageRef} tabIndex={-1} className="space-y-2">
        <FormError message={formError} />
        <StatusMessage message={status} />
      </div>
      {bookable.length === 0 ? (
        <p>Nobody else in your team can be booked on this session.</p>
      ) : (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
          <input type="hidden" {...register("sessionId")} />
          <fieldset className="space-y-2" aria-describedby={describedBy}>
            <legend className="mb-2 font-semibold">
              Who to book<span className="sr-only"> on {sessionName}</span>
            </legend>
            <p id={`${groupId}-hint`} className="text-muted">
              {full
                ? "The session is full: the people you choose join its waiting list, in the order of booking, and get a place automatically when one frees up."
                : bookable.length > placesLeft
                  ? `Only ${placesLeft} ${placesLeft === 1 ? "place is" : "places are"} left: anyone chosen beyond that joins the waiting list.`
                  : "Choose everyone who should go to this session. Each person gets an email with a calendar invitation."}
            </p>
            {error ? (
              <p id={`${groupId}-error`} className="text-danger font-semibold">
                <span className="sr-only">Error: </span>
                {error}
              </p>
            ) : null}
            <div className="space-y-1">
              {bookable.map((candidate) => (
                <label key={candidate.userId} className="flex min-h-11 cursor-pointer items-center gap-3">
                  <input
                    type="checkbox"
                    value={candidate.userId}
                    className="size-6 shrink-0 accent-[var(--color-brand-700)]"
                    aria-invalid={error ? true : undefined}
                    {...register("userIds")}
                  />
                  <span>{candidate.label}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
            {isSubmitting ? "Booking…" : full ? "Join the waiting list" : "Book"}
            <span className="sr-only"> for {sessionName}</span>
          </button>
        </form>
      )}
      {refused.length > 0 ? (
        <div className="space-y-2">
          <p className="font-semibold">Cannot be booked on this session:</p>
          <ul className="list-disc space-y-1 pl-6">
            {refused.map((candidate) => (
              <li key={candidate.userId}>{candidate.problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
