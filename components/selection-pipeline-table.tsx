// The selection pipeline's table: each candidate agency with its scores, sortable by column, and
// how far its reviewers disagree in words, so the team knows which agencies to talk about.
import Link from "next/link";
import { stageLabel } from "@/lib/agencies/stages";
import { CLIENT_GROUP_LABELS, REGION_LABELS } from "@/lib/eoi/schema";
import { pipelineHref, type PipelineParams, type PipelineSort } from "@/lib/selection/pipeline-params";
import { disagreementOf, type PipelineRow } from "@/lib/selection/queries";
import { DISCUSS_AT_RANGE, formatScore } from "@/lib/selection/scores";

type Props = {
  rows: PipelineRow[];
  params: PipelineParams;
  caption: string;
};

const points = (count: number) => `${count} ${count === 1 ? "point" : "points"}`;

/**
 * How far the reviewers of one agency are apart, in words (never by colour alone): the widest
 * gap between two reviewers' scores on any one criterion.
 */
export function disagreementWords(row: Pick<PipelineRow, "summary">): { text: string; discuss: boolean } {
  const range = disagreementOf(row.summary);
  if (row.summary.count === 0) return { text: "No reviews yet", discuss: false };
  if (range === null) return { text: "One review only", discuss: false };
  if (row.summary.needsDiscussion) return { text: `Discuss: differ by ${points(range)}`, discuss: true };
  return { text: range === 0 ? "Agree on every criterion" : `Close: differ by ${points(range)}`, discuss: false };
}

/**
 * One page of the pipeline: each candidate agency with its stage, client groups, region, the reviewers' mean
 * score, the number of reviews, the reader's own score and how far reviewers disagree. A sortable
 * column's heading is a link that sorts by it (again: the other way round), from the first page;
 * the column in force says so with aria-sort.
 */
export function SelectionPipelineTable({ rows, params, caption }: Props) {
  return (
    <div className="space-y-2">
      {/* A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div role="region" aria-labelledby="pipeline-table-caption" tabIndex={0} className="overflow-x-auto">
        <table className="w-full min-w-[60rem] border-collapse text-left align-top">
          <caption id="pipeline-table-caption" className="mb-2 text-left font-semibold">
            {caption}
          </caption>
          <thead>
            <tr className="border-ink border-b-2">
              <SortableHeader label="Team" sort="team" params={params} />
              <SortableHeader label="Stage" sort="stage" params={params} />
              <th scope="col" className="py-2 pr-4 align-bottom">
                Client groups
              </th>
              <SortableHeader label="Region" sort="region" params={params} />
              <SortableHeader label="Mean score" sort="mean" params={params} />
              <SortableHeader label="Reviews" sort="reviews" params={params} />
              <SortableHeader label="Your score" sort="mine" params={params} />
              <SortableHeader label="Disagreement" sort="disagreement" params={params} />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const disagreement = disagreementWords(row);
              return (
                <tr key={row.id} className="border-line border-b align-top">
                  <th scope="row" className="min-w-44 py-3 pr-4 font-normal">
                    <Link href={`/researcher/agencies/${row.id}`} className="font-semibold [overflow-wrap:anywhere]">
                      {row.teamName}
                    </Link>
                    <span className="text-muted block text-sm [overflow-wrap:anywhere]">{row.organisation}</span>
                  </th>
                  <td className="py-3 pr-4">
                    {stageLabel(row.stage)}
                    {row.reserveRank ? (
                      <span className="block text-sm">Number {row.reserveRank} in reserve</span>
                    ) : null}
                  </td>
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
                  <td className="py-3 pr-4 tabular-nums">
                    {row.summary.overall === null ? (
                      <span className="text-muted">None yet</span>
                    ) : (
                      formatScore(row.summary.overall)
                    )}
                  </td>
                  <td className="py-3 pr-4 tabular-nums">{row.reviewCount}</td>
                  <td className="py-3 pr-4 tabular-nums">
                    {row.mine === null ? <span className="text-muted">Not scored</span> : formatScore(row.mine)}
                  </td>
                  <td className="min-w-36 py-3 text-sm">
                    {disagreement.discuss ? (
                      <strong className="border-danger text-danger border-l-4 pl-2">{disagreement.text}</strong>
                    ) : (
                      disagreement.text
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-muted text-sm">
        Scores run from 1 (very poor) to 5 (excellent); the mean score is the mean of the four criteria&apos;s means.
        “Discuss” marks reviewers {DISCUSS_AT_RANGE} points or more apart on one criterion.
      </p>
    </div>
  );
}

function SortableHeader({ label, sort, params }: { label: string; sort: PipelineSort; params: PipelineParams }) {
  const current = params.sort === sort;
  // Chosen again, a column sorts the other way; chosen first, it sorts its own natural way.
  const dir = current ? (params.dir === "asc" ? "desc" : "asc") : undefined;
  const arrow = current ? (params.dir === "asc" ? "▲" : "▼") : "";
  return (
    <th
      scope="col"
      aria-sort={current ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
      className="py-2 pr-4 align-bottom"
    >
      <Link
        href={`${pipelineHref({ ...params, sort, dir, page: 1 })}#pipeline-heading`}
        className="inline-flex items-center gap-1"
      >
        {label}
        {arrow ? <span aria-hidden="true">{arrow}</span> : null}
      </Link>
    </th>
  );
}
