import Link from "next/link";
import { stageLabel } from "@/lib/agencies/stages";
import { formatUkDateTime } from "@/lib/dates";
import type { AgencyQuestionnaireRow } from "@/lib/eoi/researcher-queries";
import {
  agencyListHref,
  QUESTIONNAIRE_STATE_LABELS,
  type AgencyListParams,
  type AgencySort,
} from "@/lib/eoi/researcher-schema";
import { CLIENT_GROUP_LABELS, REGION_LABELS } from "@/lib/eoi/schema";

type Props = {
  rows: AgencyQuestionnaireRow[];
  params: AgencyListParams;
  caption: string;
};

/**
 * The agencies and their questionnaires. A sortable column's heading is a link that sorts by it
 * (again: the other way round); the column in force says so with aria-sort.
 */
export function EoiAgencyTable({ rows, params, caption }: Props) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="agency-table-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[52rem] border-collapse text-left align-top">
        <caption id="agency-table-caption" className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <SortableHeader label="Team" sort="team" params={params} />
            <SortableHeader label="Questionnaire" sort="state" params={params} />
            <th scope="col" className="py-2 pr-4">
              Client groups
            </th>
            <SortableHeader label="Region" sort="region" params={params} />
            <th scope="col" className="py-2 pr-4">
              Stage
            </th>
            <SortableHeader label="Submitted (UK time)" sort="submitted" params={params} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal">
                <Link href={`/researcher/agencies/${row.id}`} className="font-semibold [overflow-wrap:anywhere]">
                  {row.teamName}
                </Link>
                <span className="text-muted block text-sm [overflow-wrap:anywhere]">{row.organisation}</span>
              </th>
              <td className="py-3 pr-4">{QUESTIONNAIRE_STATE_LABELS[row.state]}</td>
              <td className="py-3 pr-4 text-sm">
                {row.clientGroups.length === 0 ? (
                  <span className="text-muted">Not given</span>
                ) : (
                  <ul className="space-y-1">
                    {row.clientGroups.map((group) => (
                      <li key={group}>{CLIENT_GROUP_LABELS[group]}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-3 pr-4">
                {row.region ? REGION_LABELS[row.region] : <span className="text-muted">Not given</span>}
              </td>
              <td className="py-3 pr-4">{stageLabel(row.stage)}</td>
              <td className="py-3 text-sm">
                {row.submittedAt ? (
                  <time dateTime={row.submittedAt.toISOString()}>{formatUkDateTime(row.submittedAt)}</time>
                ) : (
                  <span className="text-muted">Not submitted</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortableHeader({ label, sort, params }: { label: string; sort: AgencySort; params: AgencyListParams }) {
  const current = params.sort === sort;
  const next = current ? (params.dir === "asc" ? "desc" : "asc") : sort === "submitted" ? "desc" : "asc";
  const arrow = current ? (params.dir === "asc" ? "▲" : "▼") : "";
  return (
    <th
      scope="col"
      aria-sort={current ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
      className="py-2 pr-4"
    >
      <Link href={agencyListHref({ ...params, sort, dir: next })} className="inline-flex items-center gap-1">
        {label}
        {arrow ? <span aria-hidden="true">{arrow}</span> : null}
      </Link>
    </th>
  );
}
