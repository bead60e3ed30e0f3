"use client";

// The error summary of the participant forms: "There is a problem" with each problem (the form's
// own first, then each field's in the page's order), linking to its field, and focus moved to it
// each time a send ends with problems.
import { useEffect, useRef } from "react";
import type { FieldErrors, FieldValues } from "react-hook-form";

export type Problem = { field: string; message: string };

/** The problems to list: the form's own (not tied to a field) first, then each field's, in the page's order. */
export function problemsOf<Values extends FieldValues>(
  errors: FieldErrors<Values>,
  fields: readonly string[],
  formError: string | null,
): Problem[] {
  const list: Problem[] = formError ? [{ field: "", message: formError }] : [];
  for (const field of fields) {
    const message = fieldMessage(errors, field);
    if (message) list.push({ field, message });
  }
  return list;
}

/** A field's message, or an array field's own (react-hook-form puts it under `root`). */
export function fieldMessage<Values extends FieldValues>(errors: FieldErrors<Values>, field: string) {
  const error = (errors as Record<string, { message?: unknown; root?: { message?: unknown } } | undefined>)[field];
  const message = error?.message ?? error?.root?.message;
  return typeof message === "string" && message ? message : undefined;
}

/**
 * Moves focus to the summary each time a send ends with problems (found in the browser or by the
 * server), so keyboard and screen reader users meet them first.
 */
export function useFocusOnProblems(isSubmitting: boolean, hasProblems: boolean) {
  const summary = useRef<HTMLDivElement>(null);
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (isSubmitting) {
      wasSubmitting.current = true;
      return;
    }
    if (wasSubmitting.current) {
      wasSubmitting.current = false;
      if (hasProblems) summary.current?.focus();
    }
  }, [isSubmitting, hasProblems]);
  return summary;
}

/** "There is a problem": each problem, linking to its field when it has one. */
export function ErrorSummary({
  problems,
  summaryRef,
  onPick,
  fieldId,
}: {
  problems: Problem[];
  summaryRef: React.Ref<HTMLDivElement>;
  /** Puts focus on a field (react-hook-form's setFocus). */
  onPick: (field: string) => void;
  fieldId: (field: string) => string;
}) {
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role={problems.length > 0 ? "alert" : undefined}
      aria-labelledby={problems.length > 0 ? "problem-summary-title" : undefined}
      className={problems.length > 0 ? "border-danger bg-danger-50 rounded-md border-l-4 p-4" : undefined}
    >
      {problems.length > 0 ? (
        <>
          <h2 id="problem-summary-title" className="text-danger text-lg font-bold">
            There is a problem
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {problems.map(({ field, message }) => (
              <li key={`${field}:${message}`}>
                {field ? (
                  <a
                    href={`#${fieldId(field)}`}
                    className="text-danger font-semibold"
                    onClick={(event) => {
                      event.preventDefault();
                      onPick(field);
                    }}
                  >
                    {message}
                  </a>
                ) : (
                  <span className="text-danger font-semibold">{message}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
