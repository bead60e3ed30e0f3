import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FILTER_INPUT_CLASS, FilterField } from "@/components/filter-fields";
import { ParticipantAgencyTable } from "@/components/participant-agency-table";
import { ProgressBar } from "@/components/progress-bar";
import { requireRole } from "@/lib/auth/session";
import type { ParticipantStatus } from "@/lib/generated/prisma/client";
import { getAgencyParticipants, type FollowUpDueRow } from "@/lib/recruitment/agency-queries";
import { FOLLOW_UP_STATE_LABELS, formatCalendarDate, STATUS_LABELS, STATUS_ORDER } from "@/lib/recruitment/rules";

// An agency's participants: whether it may record them (the training gate), its progress against
// its target, who is due or overdue for follow-up, counts by status, and the list, filtered by
// status from the address (?status=baseline-done). Participants are pseudonymised: known by their
// study ID only.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Participants" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const BASE = "/agency/participants";

/** A status as the address writes it: "baseline-done". */
function statusParam(status: ParticipantStatus): string {
  return status.toLowerCase().replace(/_/g, "-");
}

function hrefFor(status: ParticipantStatus | null, page = 1): string {
  const params = new URLSearchParams();
  if (status) params.set("status", statusParam(status));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${BASE}?${query}` : BASE;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The filter and page asked for, and what in the address could not be used, in words. */
function parseSearch(search: Record<string, string | string[] | undefined>) {
  const problems: string[] = [];
  let status: ParticipantStatus | null = null;
  const rawStatus = first(search.status)?.trim();
  if (rawStatus) {
    const normalised = rawStatus.toUpperCase().replace(/[-\s]/g, "_");
    if ((STATUS_ORDER as readonly string[]).includes(normalised)) status = normalised as ParticipantStatus;
    else
      problems.push(
        `“${rawStatus.slice(0, 60)}” is not a status a participant can have, so every participant is shown. Choose a status from the list.`,
      );
  }
  let page = 1;
  const rawPage = first(search.page)?.trim();
  if (rawPage) {
    if (/^[1-9]\d{0,5}$/.test(rawPage)) page = Number(rawPage);
    else problems.push(`“${rawPage.slice(0, 20)}” is not a page number, so the first page is shown.`);
  }
  return { status, page, problems };
}

export default async function AgencyParticipantsPage({ searchParams }: Props) {
  const user = await requireRole("AGENCY_STAFF");
  const { status, page, problems } = parseSearch(await searchParams);
  const data = await getAgencyParticipants(user, new Date(), { status, page });
  if (!data) notFound();
  const { agency } = data;

  const heading = (
    <div className="space-y-2">
      <p className="text-muted">{agency.teamName}</p>
      <h1 className="text-3xl font-bold">Participants</h1>
      <p className="max-w-2xl">
        Participants are known by their study ID only. The app never holds their names, addresses, NHS numbers, phone
        numbers or dates of birth: keep the link between a study ID and the person in your team’s own records.
      </p>
    </div>
  );

  if (!agency.canView) {
    return (
      <div className="space-y-8">
        {heading}
        <div className="border-brand-700 bg-brand-50 max-w-2xl space-y-2 rounded-md border-l-4 p-4">
          <p>{agency.newRefusal}</p>
          {agency.stage === "SELECTED" || agency.stage === "TRAINING" ? (
            <p>
              <Link href="/agency/training">Go to the Training page</Link>
            </p>
          ) : null}
        </div>
      </div>
    );
  }

  const beyond = page > data.pageCount;
  const listed = status ? data.counts[status] : data.total;
  const shown = `${listed} ${listed === 1 ? "participant" : "participants"}`;

  return (
    <div className="space-y-10">
      {heading}

      {agency.newRefusal ? (
        <p className="border-brand-700 bg-brand-50 max-w-2xl rounded-md border-l-4 p-4">{agency.newRefusal}</p>
      ) : (
        <p>
          <Link href={`${BASE}/new`} className="button-primary">
            Add a participant
          </Link>
        </p>
      )}

      {problems.length > 0 || beyond ? (
        <div className="border-danger bg-danger-50 max-w-2xl rounded-md border-l-4 p-4">
          <h2 className="text-danger font-bold">Part of the address could not be used</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
            {beyond ? (
              <li>
                There is no page {page}: the list has {data.pageCount} {data.pageCount === 1 ? "page" : "pages"}.{" "}
                <Link href={hrefFor(status)}>Go to the first page</Link>.
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="progress-heading" className="max-w-2xl space-y-3">
        <h2 id="progress-heading" className="text-2xl font-bold">
          Recruitment against your target
        </h2>
        <ProgressBar progress={data.progress} className="max-w-md" />
        <p className="text-muted">
          A participant counts as recruited once they have consented.{" "}
          {data.progress.target === 0
            ? "Your team has no target set: the research team sets targets."
            : data.targetShared
              ? `Your target of ${data.progress.target} is your team’s share of the study’s target.`
              : `Your target of ${data.progress.target} was set for your team by the research team.`}
        </p>
      </section>

      <section aria-labelledby="follow-up-heading" className="max-w-3xl space-y-3">
        <h2 id="follow-up-heading" className="text-2xl font-bold">
          Follow-up due
        </h2>
        <p className="text-muted">
          Each follow-up interview is due {data.settings.followUpMonths} months after the baseline interview, give or
          take {data.settings.followUpWindowDays} days. Listed here from four weeks before the window opens.
        </p>
        {data.followUps.length === 0 ? (
          <p>No follow-up interview is due soon, due now or overdue.</p>
        ) : (
          <>
            {data.followUpCount > data.followUps.length ? (
              <p>
                {data.followUpCount} follow-up interviews are due soon, due now or overdue: the {data.followUps.length}{" "}
                due first are listed here. The others are in the list below, at “
                <Link href={hrefFor("BASELINE_DONE")}>{STATUS_LABELS.BASELINE_DONE}</Link>”.
              </p>
            ) : null}
            <ul className="space-y-2">
              {data.followUps.map((row) => (
                <FollowUpItem key={row.id} row={row} />
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="counts-heading" className="space-y-3">
        <h2 id="counts-heading" className="text-2xl font-bold">
          Participants by status
        </h2>
        <ul className="grid max-w-3xl gap-2 sm:grid-cols-2">
          <li>
            {status === null ? (
              <span className="font-semibold" aria-current="true">
                All: {data.total}
              </span>
            ) : (
              <Link href={hrefFor(null)}>All: {data.total}</Link>
            )}
          </li>
          {STATUS_ORDER.map((each) => (
            <li key={each}>
              {status === each ? (
                <span className="font-semibold" aria-current="true">
                  {STATUS_LABELS[each]}: {data.counts[each]}
                </span>
              ) : (
                <Link href={hrefFor(each)}>
                  {STATUS_LABELS[each]}: {data.counts[each]}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="list-heading" className="space-y-4">
        <h2 id="list-heading" className="text-2xl font-bold">
          {status ? `${shown} at “${STATUS_LABELS[status]}”` : `All participants: ${data.total}`}
        </h2>
        <form method="get" action={BASE} className="flex flex-wrap items-end gap-3">
          <div className="w-full max-w-xs">
            <FilterField id="status-filter" label="Show participants at">
              <select
                id="status-filter"
                name="status"
                defaultValue={status ? statusParam(status) : ""}
                className={FILTER_INPUT_CLASS}
              >
                <option value="">Any status</option>
                {STATUS_ORDER.map((each) => (
                  <option key={each} value={statusParam(each)}>
                    {STATUS_LABELS[each]}
                  </option>
                ))}
              </select>
            </FilterField>
          </div>
          <button type="submit" className="button-secondary cursor-pointer">
            Show
          </button>
        </form>
        {data.participants.length === 0 ? (
          <p>
            {status
              ? "No participant is at this status. Choose another status, or show them all."
              : beyond
                ? "There are no participants on this page."
                : "Your team has not added any participants yet."}
          </p>
        ) : (
          <ParticipantAgencyTable
            rows={data.participants}
            caption={`${status ? `Participants at “${STATUS_LABELS[status]}”` : "Your participants"}, newest first${
              data.pageCount > 1 ? `: page ${data.page} of ${data.pageCount}` : ""
            }`}
          />
        )}
        {data.pageCount > 1 ? (
          <nav aria-label="Pages of the participants list" className="flex flex-wrap items-center gap-4">
            {data.page > 1 && !beyond ? (
              <Link href={hrefFor(status, data.page - 1)} rel="prev" className="button-secondary">
                Previous page
              </Link>
            ) : null}
            <p>
              Page {Math.min(data.page, data.pageCount)} of {data.pageCount}
            </p>
            {data.page < data.pageCount ? (
              <Link href={hrefFor(status, data.page + 1)} rel="next" className="button-secondary">
                Next page
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function FollowUpItem({ row }: { row: FollowUpDueRow }) {
  return (
    <li
      className={`rounded-md border-l-4 p-3 ${row.state === "overdue" ? "border-danger bg-danger-50" : "border-brand-700 bg-brand-50"}`}
    >
      <Link href={`${BASE}/${row.id}`} className="font-semibold">
        {row.studyId}
      </Link>
      : <strong>{FOLLOW_UP_STATE_LABELS[row.state]}</strong>. Due {formatCalendarDate(row.due)} (window{" "}
      {formatCalendarDate(row.opens)} to {formatCalendarDate(row.closes)}).
      {row.workerName ? <span className="text-muted"> Worker: {row.workerName}.</span> : null}
    </li>
  );
}
