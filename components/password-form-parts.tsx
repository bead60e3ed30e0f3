"use client";
// The pieces the password and profile forms share, following the sign-in form's pattern: a label
// for every field, its error text tied to it with aria-describedby and aria-invalid, and an error
// summary that takes focus so keyboard and screen reader users meet it first.
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { unstable_rethrow } from "next/navigation";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

type FormFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  ref?: Ref<HTMLInputElement>;
};

export function FormField({ id, label, hint, error, className = "", ...input }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`border-muted text-ink aria-invalid:border-danger block w-full max-w-md rounded-md border-2 bg-white px-3 py-2 text-base ${className}`}
        {...input}
      />
    </div>
  );
}

/** A problem with the whole form; takes focus whenever a new message appears. */
export function FormErrorSummary({ message }: { message: string | null }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) summary.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div
      ref={summary}
      role="alert"
      tabIndex={-1}
      className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold"
    >
      {message}
    </div>
  );
}

/** Puts the server's field errors on the form's fields, moving focus to the first one. */
export function showFieldErrors<Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  fieldErrors: Partial<Record<string, string[] | undefined>> | undefined,
  order: Path<Values>[],
): boolean {
  let shown = false;
  for (const field of order) {
    const message = fieldErrors?.[field]?.[0];
    if (!message) continue;
    setError(field, { type: "server", message }, { shouldFocus: !shown });
    shown = true;
  }
  return shown;
}

/**
 * Whether a server action "failed" only because it redirected: the client rejects the action's
 * promise with Next's redirect signal while the router goes on to the new page by itself.
 */
export function isNavigation(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}

/** What to say when the server could not be reached or failed. */
export const FORM_UNAVAILABLE_MESSAGE =
  "Something went wrong and nothing was changed. Please try again in a few minutes.";

/** The hint under every new password field. */
export const NEW_PASSWORD_HINT =
  "At least 10 characters. A few unrelated words make a strong password that is easy to remember. Not a common password, and not your email address.";
