import Link from "next/link";
import type { ReactNode } from "react";
import { QUESTIONNAIRE_STATE_LABELS, QUESTIONNAIRE_STATES, type AgencyListField } from "@/lib/eoi/researcher-schema";
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, REGION_LABELS, REGIONS } from "@/lib/eoi/schema";

const inputClass = "block w-full rounded-md border-2 border-muted bg-white px-3 py-2 text-base text-ink";

type Props = {
  /** What the person asked for, shown again in the form. */
  values: Partial<Record<AgencyListField, string>>;
};

/**
 * The agencies list's filter: a plain GET form, so that a filtered list has its own address and the
 * form works without script. The sort in force is kept in hidden fields.
 */
export function EoiAgencyFilterForm({ values }: Props) {
  const known = <T extends string>(list: readonly T[], value: string | undefined) =>
    value && (list as readonly string[]).includes(value) ? value : "";

  return (
    <form method="get" action="/researcher/agencies" aria-labelledby="agency-filter-heading">
      <h2 id="agency-filter-heading" className="mb-4 text-xl font-bold">
        Filter the agencies
      </h2>
      <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <Labelled id="filter-q" label="Team or organisation name contains">
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={values.q ?? ""}
            maxLength={200}
            autoComplete="off"
            className={inputClass}
          />
        </Labelled>
        <Labelled id="filter-state" label="Questionnaire state">
          <select
            id="filter-state"
            name="state"
            defaultValue={known(QUESTIONNAIRE_STATES, values.state)}
            className={inputClass}
          >
            <option value="">Any state</option>
            {QUESTIONNAIRE_STATES.map((state) => (
              <option key={state} value={state}>
                {QUESTIONNAIRE_STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="filter-client-group" label="Client group">
          <select
            id="filter-client-group"
            name="clientGroup"
            defaultValue={known(CLIENT_GROUPS, values.clientGroup)}
            className={inputClass}
          >
            <option value="">Any client group</option>
            {CLIENT_GROUPS.map((group) => (
              <option key={group} value={group}>
                {CLIENT_GROUP_LABELS[group]}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="filter-region" label="Region">
          <select id="filter-region" name="region" defaultValue={known(REGIONS, values.region)} className={inputClass}>
            <option value="">Any region</option>
            {REGIONS.map((region) => (
              <option key={region} value={region}>
                {REGION_LABELS[region]}
              </option>
            ))}
          </select>
        </Labelled>
      </div>
      {values.sort ? <input type="hidden" name="sort" value={values.sort} /> : null}
      {values.dir ? <input type="hidden" name="dir" value={values.dir} /> : null}
      <div className="mt-6 flex flex-wrap gap-4">
        <button type="submit" className="button-primary cursor-pointer">
          Filter
        </button>
        <Link href="/researcher/agencies" className="button-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}

function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {children}
    </div>
  );
}
