// The selection page: the places taken, the pipeline of candidate agencies with their scores (filter
// and sort in the address), the coverage of the selected set, the ranked reserve list, the decisions
// waiting to be sent, and the exports. Researchers only; the reads are lib/selection/queries.ts.
import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { SelectionCoverage } from "@/components/selection-coverage";
import { SelectionDecisions } from "@/components/selection-decisions";
import { SelectionFilterForm } from "@/components/selection-filter-form";
import { SelectionPipelineTable } from "@/components/selection-pipeline-table";
import { SelectionPromoteForm } from "@/components/selection-promote-form";
import { SelectionReserveList } from "@/components/selection-reserve-list";
import { stageLabel } from "@/lib/agencies/stages";
import { CLIENT_GROUP_LABELS, REGION_LABELS } from "@/lib/eoi/schema";
import { requireRole } from "@/lib/auth/session";
import {
  isFiltered,
  parsePipelineSearchParams,
  PIPELINE_FIELDS,
  pipelineHref,
  SORT_WORDS,
} from "@/lib/selection/pipeline-params";
import {
  coverage,
  decisionOverview,
  listPipeline,
  placesOverview,
  reserveList,
  type ReserveRow,
} from "@/lib/selection/queries";
import { formatScore } from "@/lib/selection/scores";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Selection" };
}

const agencies = (count: number) => `${count} ${count === 1 ? "agency" : "agencies"}`;

/** A reserve agency's facts in one line, written here so that the list's browser code stays small. */
function reserveFacts(row: ReserveRow): string {
  const score = row.overall === null ? "none yet" : formatScore(row.overall);
  const reviews = `${row.reviewCount} ${row.reviewCount === 1 ? "review" : "reviews"}`;
  const region = row.region ? REGION_LABELS[row.region] : "region not given";
  const groups =
    row.clientGroups.length > 0
      ? row.clientGroups.map((group) => CLIENT_GROUP_LABELS[group]).join("; ")
      : "client group not given";
  return `Mean score ${score} (${reviews}) · ${region} · ${groups}`;
}

export default async function ResearcherSelectionPage({ searchParams }: Props) {
  const researcher = await requireRole("RESEARCHER");
  const { params, values, problems } = parsePipelineSearchParams(await searchParams);
  const [pipeline, places, covered, reserve, decisions] = await Promise.all([
    listPipeline(params, researcher.id),
    placesOverview(),
    coverage(),
    reserveList(),
    decisionOverview(),
  ]);
  const messages = [...PIPELINE_FIELDS, "page" as const].flatMap((field) => (problems[field] ? [problems[field]] : []));
  const filtered = isFiltered(params);
  const shown = agencies(pipeline.matched);
  // Only the holders are named when they are few; at any scale, how many hold a place at each stage.
  const allNamed = places.holders.length === places.taken;

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Selection</h1>
        <p className="max-w-3xl">
          Compare the agencies&apos; scores, see how the selected agencies cover the client groups and regions, keep the
          reserve list in order and send the decisions. To score an agency or move it to another stage, open it from the
          list.
        </p>
      </div>

      <section aria-labelledby="places-heading" className="space-y-3">
        <h2 id="places-heading" className="text-2xl font-bold">
          {places.taken} of {places.cap} places taken
        </h2>
        {places.full ? (
          <p className="border-brand-700 bg-brand-50 max-w-3xl rounded-md border-l-4 p-4">
            <strong>All {places.cap} places are taken.</strong> To select another agency, first move a selected one to
            the reserve list or to &ldquo;Not selected&rdquo;, or raise the number of agencies in{" "}
            <Link href="/researcher/settings">Study settings</Link>.
          </p>
        ) : (
          <p>
            {places.free} {places.free === 1 ? "place is" : "places are"} free. A place is held by a selected agency,
            and stays held while it trains, recruits and follows up.
          </p>
        )}
        {places.taken > 0 ? (
          <details className="max-w-3xl">
            <summary className="cursor-pointer font-semibold">The {agencies(places.taken)} holding a place</summary>
            {allNamed ? (
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {places.holders.map((holder) => (
                  <li key={holder.id}>
                    <Link href={`/researcher/agencies/${holder.id}`} className="[overflow-wrap:anywhere]">
                      {holder.teamName}
                    </Link>{" "}
                    <span className="text-muted">({stageLabel(holder.stage)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {places.byStage.map(({ stage, count }) => (
                  <li key={stage}>
                    <Link href={`${pipelineHref({ stage, sort: "team" })}#pipeline-heading`}>
                      {stageLabel(stage)}: {agencies(count)}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </details>
        ) : null}
      </section>

      <section aria-labelledby="pipeline-heading" className="space-y-4">
        <h2 id="pipeline-heading" className="text-2xl font-bold">
          Agencies in the pipeline
        </h2>
        <p className="max-w-3xl">
          Every agency that has submitted its questionnaire at least once ({pipeline.total} in all), including those
          reopened for corrections and those that have withdrawn since. Agencies still filling in a first draft are not
          here: see <Link href="/researcher/agencies">Agencies</Link>.
        </p>

        {messages.length > 0 ? (
          <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
            <h3 className="text-danger font-bold">Part of the address could not be used, so it is left out</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {messages.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}

        <div className="border-line bg-brand-50 rounded-lg border p-4">
          <SelectionFilterForm values={values} params={params} />
        </div>

        <h3 id="pipeline-results-heading" className="text-xl font-bold">
          {filtered ? `${shown} ${pipeline.matched === 1 ? "matches" : "match"} the filter` : shown}
        </h3>
        {pipeline.matched === 0 ? (
          <p>
            {filtered
              ? "No agency matches the filter. Change or clear it to see more."
              : "No agency has submitted its questionnaire yet."}
          </p>
        ) : (
          <>
            <SelectionPipelineTable
              rows={pipeline.rows}
              params={{ ...params, page: pipeline.page }}
              caption={`Agencies in the pipeline, sorted by ${SORT_WORDS[params.sort]}, ${
                params.dir === "asc" ? "ascending" : "descending"
              }; agencies without a value last${
                pipeline.pageCount > 1 ? `: page ${pipeline.page} of ${pipeline.pageCount}` : ""
              }`}
            />
            {pipeline.pageCount > 1 ? (
              <Pagination
                label="Pages of the pipeline"
                page={pipeline.page}
                pageCount={pipeline.pageCount}
                hrefFor={(target) => `${pipelineHref({ ...params, page: target })}#pipeline-results-heading`}
              />
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="coverage-heading" className="space-y-4">
        <h2 id="coverage-heading" className="text-2xl font-bold">
          Coverage of the selected agencies
        </h2>
        <SelectionCoverage coverage={covered} />
      </section>

      <section aria-labelledby="reserve-heading" className="space-y-4">
        <h2 id="reserve-heading" className="text-2xl font-bold">
          Reserve list ({agencies(reserve.length)})
        </h2>
        {/* Both stay in the page when the list empties, so that the answer to the last move or
            promotion is still there to read (each says itself when there is nobody to show). */}
        <SelectionReserveList
          rows={reserve.map((row) => ({
            id: row.id,
            teamName: row.teamName,
            organisation: row.organisation,
            reserveRank: row.reserveRank,
            facts: reserveFacts(row),
          }))}
        />
        <h3 className="text-xl font-bold">Promote a reserve agency</h3>
        <SelectionPromoteForm
          candidates={reserve.map(({ id, teamName, reserveRank }) => ({ id, teamName, reserveRank }))}
          places={{ cap: places.cap, free: places.free, full: places.full }}
        />
      </section>

      <section aria-labelledby="decisions-heading" className="space-y-4">
        <h2 id="decisions-heading" className="text-2xl font-bold">
          Decisions
        </h2>
        <SelectionDecisions overview={decisions} />
      </section>

      <section aria-labelledby="export-heading" className="space-y-3">
        <h2 id="export-heading" className="text-2xl font-bold">
          Export
        </h2>
        <p className="max-w-3xl">
          Every agency with its questionnaire answers, stage and scores, as a CSV file for a spreadsheet or a statistics
          package, and the data dictionary that says what each column means.
        </p>
        <ul className="space-y-2">
          <li>
            {/* A plain link: the file is a download, not a page for the router to load. */}
            <a href="/researcher/export/agencies" download>
              Download all agencies (CSV)
            </a>
          </li>
          <li>
            <a href="/researcher/export/agencies/dictionary" download>
              Data dictionary (CSV)
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
