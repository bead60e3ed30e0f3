"use client";

import { useEffect, useRef } from "react";

type AuditErrorSummaryProps = {
  /** One line per problem; `fieldId` links to the field to correct, when there is one on the page. */
  problems: { fieldId: string | null; message: string }[];
};

/**
 * What was wrong with the filter, at the top of the page. It takes focus when the page opens so that
 * keyboard and screen reader users meet it first, as the sign-in form's summary does.
 */
export function AuditErrorSummary({ problems }: AuditErrorSummaryProps) {
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    summary.current?.focus();
  }, []);

  return (
    <div
      ref={summary}
      role="alert"
      tabIndex={-1}
      aria-labelledby="audit-error-summary-title"
      className="border-danger bg-danger-50 rounded-md border-l-4 p-4"
    >
      <h2 id="audit-error-summary-title" className="text-danger font-bold">
        The filter could not be used, so every event is shown
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {problems.map(({ fieldId, message }) => (
          <li key={`${fieldId}:${message}`}>{fieldId ? <a href={`#${fieldId}`}>{message}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}
