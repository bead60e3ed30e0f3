// The fields of the lists' filters (agencies, selection pipeline): plain GET forms, so that a
// filtered list has its own address and the form works without script. Server components: no state.
import type { ReactNode } from "react";

/** Full width, unlike the form kit's boxes (components/form.tsx): a filter sits in a two-column grid. */
export const FILTER_INPUT_CLASS = "block w-full rounded-md border-2 border-muted bg-white px-3 py-2 text-base text-ink";

/** The value to show selected: what the address asked for when it is one of the choices, else "any". */
export function knownValue<T extends string>(choices: readonly T[], value: string | undefined): string {
  return value && (choices as readonly string[]).includes(value) ? value : "";
}

/** A label above its control. */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The name search every agency filter starts with. */
export function FilterSearch({ id, value }: { id: string; value: string | undefined }) {
  return (
    <FilterField id={id} label="Team or organisation name contains">
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={value ?? ""}
        maxLength={200}
        autoComplete="off"
        className={FILTER_INPUT_CLASS}
      />
    </FilterField>
  );
}

/** A drop-down of choices with an "any" first; an unknown value in the address shows as "any". */
export function FilterSelect<T extends string>({
  id,
  name,
  label,
  anyLabel,
  choices,
  labelOf,
  value,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  choices: readonly T[];
  labelOf: (choice: T) => string;
  value: string | undefined;
}) {
  return (
    <FilterField id={id} label={label}>
      <select id={id} name={name} defaultValue={knownValue(choices, value)} className={FILTER_INPUT_CLASS}>
        <option value="">{anyLabel}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {labelOf(choice)}
          </option>
        ))}
      </select>
    </FilterField>
  );
}
