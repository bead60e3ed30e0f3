"use client";

// A short free-text reason on a participant's record (not eligible, declined, withdrawn, lost to
// follow-up). Participants are pseudonymised, so as the person types the box says how many
// characters are left and checks the text with identifierCheck: what must be removed (an email
// address, an NHS number, a phone number, a postcode, a date of birth) shows as an error before
// anything is sent; what only looks like a name or an address shows as a polite notice to check.
// The server refuses the same things with the same schema (reasonField).
import { useDeferredValue, type Ref } from "react";
import { inputClass } from "@/components/form";
import { identifierCheck, REASON_MAX } from "@/lib/recruitment/identifiers";

type Props = {
  id: string;
  label: string;
  hint?: string;
  /** The error from the form (server or schema), shown above the box. */
  error?: string;
  value: string;
  name?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLTextAreaElement>;
};

export function ReasonField({ id, label, hint, error, value, name, onChange, onBlur, inputRef }: Props) {
  // The check runs on a deferred copy, so typing never waits for it.
  const text = useDeferredValue(value);
  const { refuse, warn } = identifierCheck(text);
  const length = value.length;
  const over = length - REASON_MAX;
  // The schema's own message for the same identifier is left out, so it is not said twice.
  const live = refuse.filter((message) => message !== error);
  const invalid = Boolean(error) || refuse.length > 0 || over > 0;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, `${id}-count`, `${id}-check`]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <textarea
        ref={inputRef}
        id={id}
        name={name}
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className={`${inputClass} max-w-2xl`}
      />
      <p id={`${id}-count`} className={over > 0 ? "text-danger font-semibold" : "text-muted"}>
        {over > 0
          ? `${length} of ${REASON_MAX} characters: ${over} too many. Shorten the reason.`
          : `${length} of ${REASON_MAX} characters`}
      </p>
      {/* Always in the page, so screen readers announce what appears as the person types. */}
      <div id={`${id}-check`} role="status" aria-live="polite" className="space-y-2">
        {live.length > 0 ? (
          <ul className="border-danger bg-danger-50 text-danger list-none space-y-1 rounded-md border-l-4 p-3 font-semibold">
            {live.map((message) => (
              <li key={message}>
                <span className="sr-only">Error: </span>
                {message}
              </li>
            ))}
          </ul>
        ) : null}
        {warn.length > 0 ? (
          <div className="border-ink bg-brand-100 rounded-md border-l-4 p-3">
            <p className="font-semibold">Check before saving:</p>
            <ul className="list-disc space-y-1 pl-5">
              {warn.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </div>
  );
}
