"use client";

// The team's bookings still to come, each with a Cancel button for a supervisor or the lead. One
// message area for the whole list takes focus after each answer: the cancelled booking leaves the
// page, so its own row cannot say what happened.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { FormError, StatusMessage } from "@/components/form";
import { TrainingCancelBookingButton } from "@/components/training-cancel-booking-button";
import { cancelBookingStaffAction } from "@/lib/training/agency-actions";
import type { TrainingResult } from "@/lib/training/schema";

export type AgencyBookingRow = {
  bookingId: string;
  person: string;
  day: string;
  /** e.g. "Monday, 14 June 2027 at 10:00 to 16:00 (UK time)". */
  when: string;
  where: string | null;
  onlineUrl: string | null;
  /** e.g. "Booked" or "On the waiting list: number 2". */
  status: string;
  waitlisted: boolean;
  cancellable: boolean;
};

const UNAVAILABLE = "We could not cancel the booking just now. Nothing was changed; please try again in a few minutes.";

export function TrainingAgencyBookings({ rows, canCancel }: { rows: AgencyBookingRow[]; canCancel: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const messageRef = useRef<HTMLDivElement>(null);
  // Bumped on every answer, so the same message twice still moves focus.
  const [answers, setAnswers] = useState(0);

  useEffect(() => {
    if (answers > 0) messageRef.current?.focus();
  }, [answers]);

  function cancel(bookingId: string) {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      let result: TrainingResult;
      try {
        result = await cancelBookingStaffAction({ bookingId });
      } catch {
        result = { ok: false, formError: UNAVAILABLE };
      }
      if (result.ok) {
        setStatus(result.message);
        router.refresh();
      } else {
        setStatus(null);
        setError(result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? UNAVAILABLE);
      }
      setAnswers((count) => count + 1);
    });
  }

  return (
    <div className="space-y-4">
      <div ref={messageRef} tabIndex={-1} className="space-y-2">
        <FormError message={error} takeFocus={false} />
        <StatusMessage message={status} />
      </div>
      {rows.length === 0 ? (
        <p>Nobody in your team is booked on a session still to come.</p>
      ) : (
        <ul className="space-y-3">
          {rows.map((row) => (
            <li key={row.bookingId} className="border-line space-y-2 rounded-lg border p-4">
              <p className="font-semibold">
                {row.person}: {row.day}
              </p>
              <p>{row.when}</p>
              {row.where ? <p>{row.where}</p> : null}
              {row.onlineUrl ? (
                <p>
                  Online:{" "}
                  <a href={row.onlineUrl} className="break-all">
                    {row.onlineUrl}
                  </a>
                </p>
              ) : null}
              <p>
                <span className="font-semibold">Status:</span> {row.status}
              </p>
              {canCancel && row.cancellable ? (
                <TrainingCancelBookingButton
                  what={`${row.person}’s ${row.waitlisted ? "place on the waiting list" : "place"} for ${row.day}, ${row.when}`}
                  pending={pending}
                  onCancel={() => cancel(row.bookingId)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
