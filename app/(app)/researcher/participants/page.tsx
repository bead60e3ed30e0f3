// Every participant across the agencies, newest referral first, 50 a page: filtered from the
// address by study ID, agency, status and subgroup (a value that cannot be used is explained and
// left out), with the counts by status under the filter and the downloads. Researchers only; the
// reads are lib/recruitment/queries.ts.
import type { Metadata } from "next";
import Link from "next/link";
import { agencyChoiceLabel, ParticipantFilterForm } from "@/components/participant-filter-form";
import { Pagination } from "@/components/pagination";
import { ParticipantResearcherTable } from "@/components/participant-researcher-table";
import { requireRole } from "@/lib/auth/session";
import {
  checkAgencyChoice,
  isParticipantFilterActive,
  listParticipantAgencyChoices,
  listResearcherParticipants,
  PARTICIPANT_FILTER_FIELDS,
  parseParticipantSearchParams,
  participantsHref,
} from "@/lib/recruitment/queries";
import { STATUS_LABELS, SUBGROUP_LABELS } from "@/lib/recruitment/rules";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Participants" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const participants = (count: number) =>
  `${count.toLocaleString("en-GB")} ${count === 1 ? "participant" : "participants"}`;

export default async function ResearcherParticipantsPage({ searchParams }: Props) {
  await requireRole("RESEARCHER");
  const parsed = parseParticipantSearchParams(await searchParams);
  const agencies = await listParticipantAgencyChoices();
  checkAgencyChoice(parsed, agencies);
  const { filter, page, values, problems } = parsed;
  const list = await listResearcherParticipants({ ...filter, page });

  const messages = [...PARTICIPANT_FILTER_FIELDS, "page" as const].flatMap((field) =>
    problems[field] ? [problems[field]] : [],
  );
  const filtered = isParticipantFilterActive(filter);
  const agency = filter.agencyId ? agencies.find((choice) => choice.id === filter.agencyId) : undefined;
  const filterWords = [
    filter.studyId ? `study ID ${filter.studyId}` : null,
    agency ? `agency ${agencyChoiceLabel(agency)}` : null,
    filter.subgroup ? SUBGROUP_LABELS[filter.subgroup].toLowerCase() : null,
  ].filter(Boolean);
  const { status: _status, ...withoutStatus } = filter;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Participants</h1>
        <p className="max-w-3xl">
          Every participant the agencies have recorded, newest referral first. Open a participant to see their whole
          record and its history, or to undo a step recorded by mistake.
        </p>
      </div>

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
        <ParticipantFilterForm values={values} agencies={agencies} />
      </section>

      <section aria-labelledby="status-counts-heading" className="space-y-3">
        <h2 id="status-counts-heading" className="text-2xl font-bold">
          By status{filterWords.length > 0 ? `: ${filterWords.join(", ")}` : ""}
        </h2>
        <ul className="grid gap-2 sm:grid-cols-3">
          {list.statusCounts.map(({ status, count }) => (
            <li key={status} className="border-line flex justify-between gap-3 rounded-md border px-3 py-2">
              {filter.status === status ? (
                <span className="font-semibold" aria-current="true">
                  {STATUS_LABELS[status]} (shown)
                </span>
              ) : (
                <Link href={participantsHref({ ...withoutStatus, status })}>{STATUS_LABELS[status]}</Link>
              )}
              <span className="font-semibold tabular-nums">{count.toLocaleString("en-GB")}</span>
            </li>
          ))}
        </ul>
        {filter.status ? (
          <p>
            <Link href={participantsHref(withoutStatus)}>Show every status</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="participants-results-heading" className="space-y-4">
        <h2 id="participants-results-heading" className="text-2xl font-bold">
          {filtered
            ? `${participants(list.total)} ${list.total === 1 ? "matches" : "match"} the filter`
            : participants(list.total)}
        </h2>
        {list.rows.length === 0 ? (
          <p>
            {filtered
              ? "No participant matches the filter. Change or clear it to see more."
              : "No participant has been recorded yet. Agencies record their participants once their training is complete."}
          </p>
        ) : (
          <>
            <ParticipantResearcherTable
              rows={list.rows}
              caption={`Participants, newest referral first: page ${list.page} of ${list.pageCount}`}
            />
            <Pagination
              label="Pages of the participants list"
              page={list.page}
              pageCount={list.pageCount}
              hrefFor={(target) => participantsHref(filter, target)}
            />
          </>
        )}
      </section>

      <section aria-labelledby="participants-export-heading" className="space-y-3">
        <h2 id="participants-export-heading" className="text-2xl font-bold">
          Export
        </h2>
        <p className="max-w-3xl">
          Every participant of every agency (not only those filtered here) with their dates, statuses, reasons and
          measures, as a CSV file for a spreadsheet or a statistics package, and the data dictionary that says what each
          column means. Workers appear only as a pseudonymous id.
        </p>
        <ul className="space-y-2">
          <li>
            {/* A plain link: the file is a download, not a page for the router to load. */}
            <a href="/researcher/export/participants" download>
              Download all participants (CSV)
            </a>
          </li>
          <li>
            <a href="/researcher/export/participants/dictionary" download>
              Data dictionary (CSV)
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
