"use client";

// Radio and checkbox groups for the questionnaire, in the same accessible pattern as
// components/form.tsx: a fieldset whose legend is the question, the hint and error tied to every
// box with aria-describedby, aria-invalid when the answer has a problem.
import type { ComponentProps, ReactNode, Ref } from "react";
import { TextAreaField } from "@/components/form";

type GroupProps = {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  inline?: boolean;
  children: ReactNode;
};

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Group({ id, legend, hint, error, inline, children }: GroupProps) {
  return (
    <fieldset className="space-y-2" id={id}>
      <legend className="mb-2 font-semibold">{legend}</legend>
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
      <div className={inline ? "flex flex-wrap gap-2" : "space-y-2"}>{children}</div>
    </fieldset>
  );
}

const boxClass = "size-6 shrink-0 accent-[var(--color-brand-700)]";

/** One answer from a few: each option's value may be a number, a boolean or a string. */
export function RadioGroup<T extends string | number | boolean>({
  id,
  legend,
  hint,
  error,
  inline,
  options,
  value,
  onChange,
  onBlur,
  inputRef,
}: Omit<GroupProps, "children"> & {
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <Group id={id} legend={legend} hint={hint} error={error} inline={inline}>
      {options.map((option, index) => (
        <label
          key={String(option.value)}
          className={`flex min-h-11 cursor-pointer items-center gap-3 ${inline ? "border-muted rounded-md border px-3" : ""}`}
        >
          <input
            ref={index === 0 ? inputRef : undefined}
            type="radio"
            name={id}
            className={boxClass}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            onBlur={onBlur}
            aria-describedby={describedBy(id, hint, error)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </Group>
  );
}

/** Any number of answers from a list. */
export function CheckboxGroup<T extends string>({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  onBlur,
  inputRef,
}: Omit<GroupProps, "children" | "inline"> & {
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <Group id={id} legend={legend} hint={hint} error={error}>
      {options.map((option, index) => (
        <label key={option.value} className="flex min-h-11 cursor-pointer items-center gap-3">
          <input
            ref={index === 0 ? inputRef : undefined}
            type="checkbox"
            className={boxClass}
            checked={value.includes(option.value)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? options.map((o) => o.value).filter((v) => v === option.value || value.includes(v))
                  : value.filter((v) => v !== option.value),
              )
            }
            onBlur={onBlur}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, hint, error)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </Group>
  );
}

/** A single tick box whose answer is "yes" (true) or not given (undefined). */
export function AgreeBox({
  id,
  label,
  error,
  value,
  onChange,
  onBlur,
  inputRef,
}: {
  id: string;
  label: string;
  error?: string;
  value: boolean | undefined;
  onChange: (value: true | undefined) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="space-y-2">
      {error ? (
        <p id={`${id}-error`} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          ref={inputRef}
          id={id}
          type="checkbox"
          className={boxClass}
          checked={value === true}
          onChange={(event) => onChange(event.target.checked ? true : undefined)}
          onBlur={onBlur}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}

/** The questionnaire's text boxes: components/form.tsx's TextAreaField, wider and taller. */
export function QuestionnaireTextArea(props: ComponentProps<typeof TextAreaField>) {
  return (
    <TextAreaField
      rows={5}
      className="border-muted text-ink aria-invalid:border-danger block w-full max-w-2xl rounded-md border-2 bg-white px-3 py-2 text-base"
      {...props}
    />
  );
}
