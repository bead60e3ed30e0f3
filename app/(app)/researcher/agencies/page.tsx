import type { Metadata } from "next";
import { EoiAgencyFilterForm } from "@/components/eoi-agency-filter-form";
import { EoiAgencyTable } from "@/components/eoi-agency-table";
import { EoiStateCounts } from "@/components/eoi-state-counts";
import { requireRole } from "@/lib/auth/session";
import { listAgencyQuestionnaires } from "@/lib/eoi/researcher-queries";
import { AGENCY_LIST_FIELDS, parseAgencyListSearchParams } from "@/lib/eoi/researcher-schema";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Agencies" };
}

const SORT_WORDS = { team: "team name", submitted: "submitted date", region: "region", state: "questionnaire state" };

export default async function ResearcherAgenciesPage({ searchParams }: Props) {
  await requireRole("RESEARCHER");
  const { params, values, problems } = parseAgencyListSearchParams(await searchParams);
  const { rows, counts, total } = await listAgencyQuestionnaires(params);
  const messages = AGENCY_LIST_FIELDS.flatMap((field) => (problems[field] ? [problems[field]] : []));
  const filtered = Boolean(params.q || params.state || params.clientGroup || params.region);
  const shown = `${rows.length} ${rows.length === 1 ? "agency" : "agencies"}`;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Agencies</h1>
        <p className="max-w-2xl">
          Every agency that has registered, with the state of its expression of interest. Open one to read its
          questionnaire as submitted, print it, or reopen it.
        </p>
      </div>

      <section aria-labelledby="state-counts-heading" className="space-y-3">
        <h2 id="state-counts-heading" className="text-2xl font-bold">
          Questionnaires by state ({total} {total === 1 ? "agency" : "agencies"} in all)
        </h2>
        <EoiStateCounts counts={counts} params={params} />
      </section>

      {messages.length > 0 ? (
        <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          <h2 className="text-danger font-bold">Part of the address could not be used, so it is left out</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section className="border-line bg-brand-50 rounded-lg border p-4">
        <EoiAgencyFilterForm values={values} />
      </section>

      <section aria-labelledby="agency-results-heading" className="space-y-4">
        <h2 id="agency-results-heading" className="text-2xl font-bold">
          {filtered ? `${shown} ${rows.length === 1 ? "matches" : "match"} the filter` : shown}
        </h2>
        {rows.length === 0 ? (
          <p>
            {filtered
              ? "No agency matches the filter. Change or clear it to see more."
              : "No agency has registered yet."}
          </p>
        ) : (
          <EoiAgencyTable
            rows={rows}
            params={params}
            caption={`Agencies and their questionnaires, sorted by ${SORT_WORDS[params.sort]}, ${
              params.dir === "asc" ? "ascending" : "descending"
            }`}
          />
        )}
      </section>
    </div>
  );
}
