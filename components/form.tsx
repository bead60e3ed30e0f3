"use client";

// The pieces every form is built from, so that each one is accessible in the same way: a label for
// every field, its hint and error tied to it with aria-describedby (the error above the box, where
// it is read before the box), aria-invalid, and a form-level alert that takes focus so keyboard and
// screen reader users meet it first. useActionForm applies a server action's answer
// ({ ok: false, fieldErrors, formError }) to a react-hook-form form.
import { useEffect, useRef, useState, type ComponentProps, type FormEvent, type ReactNode } from "react";
import { unstable_rethrow } from "next/navigation";
import type { FieldValues, Path, UseFormReturn, UseFormSetError } from "react-hook-form";

export const inputClass =
  "block w-full max-w-md rounded-md border-2 border-muted bg-white px-3 py-2 text-base text-ink aria-invalid:border-danger";

type FieldFrameProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
};

/** The ids of a field's hint and error, for the control's aria-describedby. */
function describedBy({ id, hint, error }: Omit<FieldFrameProps, "label">): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps & { children: ReactNode }) {
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
      {children}
    </div>
  );
}

/** A labelled text box; spread react-hook-form's `register(name)` into it (its `ref` included). */
export function Field({ id, label, hint, error, className = "", ...input }: FieldFrameProps & ComponentProps<"input">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        className={`${inputClass} ${className}`}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled drop-down list, the same way as Field; the options are its children. */
export function SelectField({
  id,
  label,
  hint,
  error,
  className = "",
  children,
  ...select
}: FieldFrameProps & ComponentProps<"select">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        className={`${inputClass} ${className}`}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/**
 * A labelled multi-line text box, the same way as Field. `className` replaces the default look
 * (inputClass) when a form wants a wider box.
 */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  className = inputClass,
  ...textarea
}: FieldFrameProps & ComponentProps<"textarea">) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        className={className}
        {...textarea}
      />
    </FieldFrame>
  );
}

/**
 * A problem with the whole form, or nothing when there is none. It takes focus whenever a new
 * message appears, unless `takeFocus` is false because the page moves focus to a region around it.
 */
export function FormError({ message, takeFocus = true }: { message: string | null; takeFocus?: boolean }) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && takeFocus) alert.current?.focus();
  }, [message, takeFocus]);
  if (!message) return null;
  return (
    <div
      ref={alert}
      role="alert"
      tabIndex={-1}
      className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold"
    >
      {message}
    </div>
  );
}

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

/** What a server action answers a form: success (perhaps with more to say), or what to fix. */
export type FormAnswer =
  { ok: true } | { ok: false; fieldErrors?: Partial<Record<string, string[] | undefined>>; formError?: string };

/** What to say when the server could not be reached or failed. */
const FORM_UNAVAILABLE_MESSAGE = "Something went wrong and nothing was changed. Please try again in a few minutes.";

/** The hint under every new password field of the password and profile pages. */
export const NEW_PASSWORD_HINT =
  "At least 10 characters. A few unrelated words make a strong password that is easy to remember. Not a common password, and not your email address.";

/**
 * Puts the server's field errors on the form's fields and focuses the first of them, in the
 * order of `fields` (the page's order). Returns true when at least one field got an error.
 */
function showFieldErrors<Values extends FieldValues>(
  setError: UseFormSetError<Values>,
  fieldErrors: Partial<Record<string, string[] | undefined>> | undefined,
  fields: readonly Path<Values>[],
): boolean {
  let shown = false;
  for (const field of fields) {
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

type ActionFormOptions<Values extends FieldValues, Checked, Answer extends FormAnswer> = {
  /** Sends the checked values; resolves to nothing (or rejects with a redirect) when it moved on to another page. */
  action: (values: Checked) => Promise<Answer | undefined | void>;
  /** The fields in the page's order: the first one the server finds a problem with takes focus. */
  fields: readonly Path<Values>[];
  /** Said when the action fails, or refuses without saying why in a way the form can show. */
  unavailable?: string;
  /** A form-level message to show from the start. */
  initialError?: string | null;
  /** What to do after the action succeeded; the form still counts as sending until it is done. */
  onSuccess?: (answer: Extract<Answer, { ok: true }>, values: Checked) => void | Promise<void>;
};

/**
 * The submit of a form backed by a server action: checks the values in the browser, ignores a
 * second press while the first is on its way (the button stays focusable with aria-disabled), and
 * shows the answer. Field errors go on their fields with focus on the first; a form-level message
 * (or `unavailable` when the action failed or nothing else explains a refusal) goes in `formError`,
 * which a FormError shows and focuses.
 *
 * Forms using it say method="post": pressed before the page has become interactive, the browser
 * then posts the fields instead of putting them (a password, an answer) in the address bar.
 */
export function useActionForm<Values extends FieldValues, Context, Checked, Answer extends FormAnswer>(
  form: UseFormReturn<Values, Context, Checked>,
  {
    action,
    fields,
    unavailable = FORM_UNAVAILABLE_MESSAGE,
    initialError = null,
    onSuccess,
  }: ActionFormOptions<Values, Checked, Answer>,
) {
  const [formError, setFormError] = useState<string | null>(initialError);
  const { handleSubmit, setError } = form;
  const { isSubmitting } = form.formState;

  async function submit(values: Checked) {
    setFormError(null);
    let answer: Answer | undefined | void;
    try {
      answer = await action(values);
    } catch (error) {
      if (!isNavigation(error)) setFormError(unavailable);
      return;
    }
    if (!answer) return;
    if (!answer.ok) {
      const onField = showFieldErrors(setError, answer.fieldErrors, fields);
      if (answer.formError || !onField) setFormError(answer.formError ?? unavailable);
      return;
    }
    await onSuccess?.(answer as Extract<Answer, { ok: true }>, values);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (isSubmitting) {
      event.preventDefault();
      return;
    }
    // The check itself can fail when its code could not be loaded (components/lazy-resolver.ts on a
    // dropped connection): say so rather than do nothing.
    handleSubmit(submit)(event).catch(() => setFormError(unavailable));
  }

  return { formError, onSubmit };
}
