// The researchers' filter of the participants list: a plain GET form, so that a filtered list has
// its own address and the form works without script. Server component: no state.
import Link from "next/link";
import { FILTER_INPUT_CLASS, FilterField, FilterSelect } from "@/components/filter-fields";
import type { AgencyChoice, ParticipantFilterField } from "@/lib/recruitment/queries";
import { PARTICIPANTS_PATH } from "@/lib/recruitment/queries";
import { STATUS_LABELS, STATUS_ORDER, SUBGROUP_LABELS } from "@/lib/recruitment/rules";
import { SUBGROUPS } from "@/lib/recruitment/schema";

type Props = {
  /** What the person asked for, shown again in the form. */
  values: Partial<Record<ParticipantFilterField, string>>;
  agencies: AgencyChoice[];
};

export const agencyChoiceLabel = (agency: AgencyChoice) =>
  `${String(agency.code).padStart(2, "0")}: ${agency.teamName}`;

export function ParticipantFilterForm({ values, agencies }: Props) {
  const labelOf = new Map(agencies.map((agency) => [agency.id, agencyChoiceLabel(agency)]));
  return (
    <form method="get" action={PARTICIPANTS_PATH} aria-labelledby="participant-filter-heading">
      <h2 id="participant-filter-heading" className="mb-4 text-xl font-bold">
        Filter the participants
      </h2>
      <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <FilterField id="participant-q" label="Study ID">
          <p id="participant-q-hint" className="text-muted">
            The whole study ID, for example CP-07-0012.
          </p>
          <input
            id="participant-q"
            name="q"
            type="search"
            defaultValue={values.q ?? ""}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="participant-q-hint"
            className={FILTER_INPUT_CLASS}
          />
        </FilterField>
        <FilterSelect
          id="participant-agency"
          name="agency"
          label="Agency"
          anyLabel="Any agency"
          choices={agencies.map((agency) => agency.id)}
          labelOf={(id) => labelOf.get(id) ?? id}
          value={values.agency}
        />
        <FilterSelect
          id="participant-status"
          name="status"
          label="Status"
          anyLabel="Any status"
          choices={STATUS_ORDER}
          labelOf={(status) => STATUS_LABELS[status]}
          value={values.status}
        />
        <FilterSelect
          id="participant-subgroup"
          name="subgroup"
          label="Subgroup"
          anyLabel="Any subgroup"
          choices={SUBGROUPS}
          labelOf={(subgroup) => SUBGROUP_LABELS[subgroup]}
          value={values.subgroup}
        />
      </div>
      <div className="mt-6 flex flex-wrap gap-4">
        <button type="submit" className="button-primary cursor-pointer">
          Filter
        </button>
        <Link href={PARTICIPANTS_PATH} className="button-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}
