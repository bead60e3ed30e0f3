"use client";

// Cancelling one booking, after a question that names the person and the session: a cancelled
// place goes to the first person on the waiting list at once, so it is not done by a slip. The
// answer is shown by the list around the button (TrainingAgencyBookings), because the booking
// leaves the page once it is cancelled.
import { useEffect, useRef, useState } from "react";

type Props = {
  /** e.g. "Ada Lovelace's place on Worker day 1, Monday, 14 June 2027". */
  what: string;
  pending: boolean;
  onCancel: () => void;
};

export function TrainingCancelBookingButton({ what, pending, onCancel }: Props) {
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button
        ref={buttonRef}
        type="button"
        aria-disabled={pending}
        className="button-secondary cursor-pointer"
        onClick={() => {
          if (!pending) setConfirming(true);
        }}
      >
        Cancel<span className="sr-only"> {what}</span>
      </button>
    );
  }

  return (
    <div className="border-danger bg-danger-50 space-y-3 rounded-md border-l-4 p-4">
      <p ref={questionRef} tabIndex={-1} className="font-semibold">
        Cancel {what}? The place goes to the first person on the waiting list, if there is one.
      </p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          aria-disabled={pending}
          className="button-primary cursor-pointer"
          onClick={() => {
            if (pending) return;
            setConfirming(false);
            onCancel();
          }}
        >
          Yes, cancel the booking
        </button>
        <button
          type="button"
          className="button-secondary cursor-pointer"
          onClick={() => {
            setConfirming(false);
            requestAnimationFrame(() => buttonRef.current?.focus());
          }}
        >
          Keep the booking
        </button>
      </div>
    </div>
  );
}
