import Link from "next/link";
import type { ReactNode } from "react";
import { actionWords, AUDIT_ENTITIES, entityLabel } from "@/lib/audit/rules";
import type { AuditFilterField } from "@/lib/audit/schema";

type AuditFilterFormProps = {
  /** Recorded actions, for the action's choices. */
  actions: string[];
  /** What the person asked for, shown again even when it was wrong so that they can correct it. */
  values: Partial<Record<AuditFilterField, string>>;
  fieldErrors: Partial<Record<AuditFilterField, string>>;
};

const inputClass =
  "block w-full rounded-md border-2 border-muted bg-white px-3 py-2 text-base text-ink aria-invalid:border-danger";

/**
 * The audit trail's filter: a plain GET form, so that a filtered list has its own address that can
 * be bookmarked or shared, and the form works before (or without) any script.
 */
export function AuditFilterForm({ actions, values, fieldErrors }: AuditFilterFormProps) {
  // An action typed into the address keeps its place in the list, so the select shows what is applied.
  const actionChoices = values.action && !actions.includes(values.action) ? [...actions, values.action] : actions;

  return (
    <form method="get" action="/researcher/audit" noValidate aria-labelledby="audit-filter-heading">
      <h2 id="audit-filter-heading" className="mb-4 text-xl font-bold">
        Filter the audit trail
      </h2>
      <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field id="action" label="Action" error={fieldErrors.action}>
          <select
            id="action"
            name="action"
            defaultValue={values.action ?? ""}
            aria-invalid={fieldErrors.action ? true : undefined}
            aria-describedby={fieldErrors.action ? "action-error" : undefined}
            className={inputClass}
          >
            <option value="">Any action</option>
            {actionChoices.map((action) => (
              <option key={action} value={action}>
                {actionWords(action)}
              </option>
            ))}
          </select>
        </Field>

        <Field id="entity" label="Kind of record" error={fieldErrors.entity}>
          <select
            id="entity"
            name="entity"
            defaultValue={values.entity && AUDIT_ENTITIES.some((e) => e === values.entity) ? values.entity : ""}
            aria-invalid={fieldErrors.entity ? true : undefined}
            aria-describedby={fieldErrors.entity ? "entity-error" : undefined}
            className={inputClass}
          >
            <option value="">Any kind of record</option>
            {AUDIT_ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {entityLabel(entity)}
              </option>
            ))}
          </select>
        </Field>

        <Field id="entityId" label="Record id" error={fieldErrors.entityId}>
          <input
            id="entityId"
            name="entityId"
            type="text"
            defaultValue={values.entityId ?? ""}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={fieldErrors.entityId ? true : undefined}
            aria-describedby={fieldErrors.entityId ? "entityId-error" : undefined}
            className={`${inputClass} font-mono`}
          />
        </Field>

        <Field id="actorEmail" label="Email address of the person who acted" error={fieldErrors.actorEmail}>
          <input
            id="actorEmail"
            name="actorEmail"
            type="email"
            defaultValue={values.actorEmail ?? ""}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={fieldErrors.actorEmail ? true : undefined}
            aria-describedby={fieldErrors.actorEmail ? "actorEmail-error" : undefined}
            className={inputClass}
          />
        </Field>

        <Field id="from" label="From date" hint="Events from the start of this day, UK time" error={fieldErrors.from}>
          <input
            id="from"
            name="from"
            type="date"
            defaultValue={values.from ?? ""}
            aria-invalid={fieldErrors.from ? true : undefined}
            aria-describedby={describedBy("from", fieldErrors.from)}
            className={inputClass}
          />
        </Field>

        <Field id="to" label="To date" hint="Events up to the end of this day, UK time" error={fieldErrors.to}>
          <input
            id="to"
            name="to"
            type="date"
            defaultValue={values.to ?? ""}
            aria-invalid={fieldErrors.to ? true : undefined}
            aria-describedby={describedBy("to", fieldErrors.to)}
            className={inputClass}
          />
        </Field>
      </div>

      {/* Kept when a link filtered by person, so that filtering again does not drop it silently. */}
      {values.actorId && !fieldErrors.actorId ? <input type="hidden" name="actorId" value={values.actorId} /> : null}

      <div className="mt-6 flex flex-wrap gap-4">
        <button type="submit" className="button-primary cursor-pointer">
          Filter
        </button>
        <Link href="/researcher/audit" className="button-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}

function describedBy(id: string, error: string | undefined): string {
  return error ? `${id}-hint ${id}-error` : `${id}-hint`;
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-muted text-sm">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
