"use client";

// Pieces the account forms share, following the sign-in form's accessible pattern: a label, the
// error above the box (tied to it with aria-describedby), aria-invalid, and a form-level message
// with role="alert" that takes focus.
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from "react";
import type { FieldValues, Path, UseFormSetError, UseFormSetFocus } from "react-hook-form";

export const inputClass =
  "block w-full max-w-md rounded-md border-2 border-muted bg-white px-3 py-2 text-base text-ink aria-invalid:border-danger";

type AccountFieldProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
} & ComponentPropsWithoutRef<"input">;

export const AccountField = forwardRef<HTMLInputElement, AccountFieldProps>(function AccountField(
  { id, label, hint, error, className = "", ...input },
  ref,
) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId!} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId!} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`${inputClass} ${className}`}
        {...input}
      />
    </div>
  );
});

/** A problem with the whole form: an alert that the form moves focus to. */
export const FormError = forwardRef<HTMLDivElement, { children: ReactNode }>(function FormError({ children }, ref) {
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold"
    >
      {children}
    </div>
  );
});

/**
 * News after an action ("Invitation sent"). The live region is always in the page, so screen
 * readers announce the message when it appears.
 */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status">
      {message ? (
        <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4 font-semibold">{message}</p>
      ) : null}
    </div>
  );
}

/**
 * Puts the server's field errors on the form's fields and focuses the first of them (in the
 * form's order). Returns true when at least one field got an error.
 */
export function showFieldErrors<T extends FieldValues>(
  fieldErrors: Record<string, string[] | undefined> | undefined,
  order: readonly Path<T>[],
  setError: UseFormSetError<T>,
  setFocus: UseFormSetFocus<T>,
): boolean {
  if (!fieldErrors) return false;
  const fields = order.filter((field) => fieldErrors[field]?.[0]);
  for (const field of fields) setError(field, { type: "server", message: fieldErrors[field]![0] });
  if (fields[0]) setFocus(fields[0]);
  return fields.length > 0;
}
