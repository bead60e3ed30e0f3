import Link from "next/link";
import { FilterSearch, FilterSelect } from "@/components/filter-fields";
import { QUESTIONNAIRE_STATE_LABELS, QUESTIONNAIRE_STATES, type AgencyListField } from "@/lib/eoi/researcher-schema";
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, REGION_LABELS, REGIONS } from "@/lib/eoi/schema";

type Props = {
  /** What the person asked for, shown again in the form. */
  values: Partial<Record<AgencyListField, string>>;
};

/**
 * The agencies list's filter: a plain GET form, so that a filtered list has its own address and the
 * form works without script. The sort in force is kept in hidden fields.
 */
export function EoiAgencyFilterForm({ values }: Props) {
  return (
    <form method="get" action="/researcher/agencies" aria-labelledby="agency-filter-heading">
      <h2 id="agency-filter-heading" className="mb-4 text-xl font-bold">
        Filter the agencies
      </h2>
      <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <FilterSearch id="filter-q" value={values.q} />
        <FilterSelect
          id="filter-state"
          name="state"
          label="Questionnaire state"
          anyLabel="Any state"
          choices={QUESTIONNAIRE_STATES}
          labelOf={(state) => QUESTIONNAIRE_STATE_LABELS[state]}
          value={values.state}
        />
        <FilterSelect
          id="filter-client-group"
          name="clientGroup"
          label="Client group"
          anyLabel="Any client group"
          choices={CLIENT_GROUPS}
          labelOf={(group) => CLIENT_GROUP_LABELS[group]}
          value={values.clientGroup}
        />
        <FilterSelect
          id="filter-region"
          name="region"
          label="Region"
          anyLabel="Any region"
          choices={REGIONS}
          labelOf={(region) => REGION_LABELS[region]}
          value={values.region}
        />
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
