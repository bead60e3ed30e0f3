// The selection pipeline's filter form (a plain GET form, so a filtered list has its own address).
import Link from "next/link";
import { FilterSearch, FilterSelect } from "@/components/filter-fields";
import { STAGE_ORDER, stageLabel } from "@/lib/agencies/stages";
import { CLIENT_GROUP_LABELS, CLIENT_GROUPS, REGION_LABELS, REGIONS } from "@/lib/eoi/schema";
import {
  DEFAULT_DIRECTION,
  DEFAULT_SORT,
  PIPELINE_PATH,
  type PipelineField,
  type PipelineParams,
} from "@/lib/selection/pipeline-params";
import { DISCUSS_AT_RANGE } from "@/lib/selection/scores";

type Props = {
  /** What the person asked for, shown again in the form. */
  values: Partial<Record<PipelineField, string>>;
  /** The filter and sort in force: the sort is kept when the filter changes. */
  params: PipelineParams;
};

/**
 * The pipeline's filter: a plain GET form, so that a filtered list has its own address and the
 * form works without script. The sort in force is kept in hidden fields.
 */
export function SelectionFilterForm({ values, params }: Props) {
  return (
    <form method="get" action={PIPELINE_PATH} aria-labelledby="pipeline-filter-heading">
      <h3 id="pipeline-filter-heading" className="mb-4 text-xl font-bold">
        Filter the agencies
      </h3>
      <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
        <FilterSearch id="pipeline-q" value={values.q} />
        <FilterSelect
          id="pipeline-stage"
          name="stage"
          label="Stage"
          anyLabel="Any stage"
          choices={STAGE_ORDER}
          labelOf={stageLabel}
          value={values.stage}
        />
        <FilterSelect
          id="pipeline-client-group"
          name="clientGroup"
          label="Client group"
          anyLabel="Any client group"
          choices={CLIENT_GROUPS}
          labelOf={(group) => CLIENT_GROUP_LABELS[group]}
          value={values.clientGroup}
        />
        <FilterSelect
          id="pipeline-region"
          name="region"
          label="Region"
          anyLabel="Any region"
          choices={REGIONS}
          labelOf={(region) => REGION_LABELS[region]}
          value={values.region}
        />
      </div>
      <div className="mt-4 flex items-start gap-3">
        <input
          id="pipeline-discuss"
          name="discuss"
          type="checkbox"
          value="1"
          defaultChecked={Boolean(params.discuss)}
          aria-describedby="pipeline-discuss-hint"
          className="mt-1 size-6 shrink-0"
        />
        <div>
          <label htmlFor="pipeline-discuss" className="font-semibold">
            Only agencies to discuss
          </label>
          <p id="pipeline-discuss-hint" className="text-muted">
            Two reviewers or more, who differ by {DISCUSS_AT_RANGE} points or more on at least one criterion.
          </p>
        </div>
      </div>
      {params.sort !== DEFAULT_SORT ? <input type="hidden" name="sort" value={params.sort} /> : null}
      {params.dir !== DEFAULT_DIRECTION[params.sort] ? <input type="hidden" name="dir" value={params.dir} /> : null}
      <div className="mt-6 flex flex-wrap gap-4">
        <button type="submit" className="button-primary cursor-pointer">
          Filter
        </button>
        <Link href={PIPELINE_PATH} className="button-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}
