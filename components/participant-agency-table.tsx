// An agency's participants, one row each: the study ID (linking to the participant's page), the
// subgroup, the worker, the status, the referral date and where the follow-up stands. Server
// component; the rows come from lib/recruitment/agency-queries.ts.
//
// Kept small, since every row is sent twice (as HTML and in the page's React Server Components
// payload): the cells' spacing is set once on the table rather than on each cell, and the study ID
// is a plain link (next/link would make each row a client component to hydrate, and prefetch every
// participant's page as the list scrolls into view).
import { CalendarDate } from "@/components/calendar-date";
import type { AgencyParticipantRow } from "@/lib/recruitment/agency-queries";
import { FOLLOW_UP_STATE_LABELS, formatCalendarDate, STATUS_LABELS, SUBGROUP_LABELS } from "@/lib/recruitment/rules";

function followUpWords(row: AgencyParticipantRow): string {
  if (row.followUpState === "not-applicable") return "Not applicable";
  if (row.followUpState === "done" || !row.followUpDue) return FOLLOW_UP_STATE_LABELS[row.followUpState];
  return `${FOLLOW_UP_STATE_LABELS[row.followUpState]}: due ${formatCalendarDate(row.followUpDue)}`;
}

const TABLE_CLASS = [
  "w-full min-w-[48rem] border-collapse text-left align-top",
  // Every body row and cell, set once here.
  "[&_tbody_tr]:border-line [&_tbody_tr]:border-b [&_tbody_tr]:align-top",
  "[&_tbody_td]:py-3 [&_tbody_td]:pr-4 [&_tbody_th]:py-3 [&_tbody_th]:pr-4",
  "[&_tbody_th]:font-normal [&_tbody_th]:whitespace-nowrap [&_tbody_th_a]:font-semibold",
].join(" ");

export function ParticipantAgencyTable({ rows, caption }: { rows: AgencyParticipantRow[]; caption: string }) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="participant-table-caption" tabIndex={0} className="overflow-x-auto">
      <table className={TABLE_CLASS}>
        <caption id="participant-table-caption" className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4">
              Study ID
            </th>
            <th scope="col" className="py-2 pr-4">
              Subgroup
            </th>
            <th scope="col" className="py-2 pr-4">
              Worker
            </th>
            <th scope="col" className="py-2 pr-4">
              Status
            </th>
            <th scope="col" className="py-2 pr-4">
              Referral date
            </th>
            <th scope="col" className="py-2">
              Follow-up
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <a href={`/agency/participants/${row.id}`}>{row.studyId}</a>
              </th>
              <td>{SUBGROUP_LABELS[row.subgroup]}</td>
              <td className="[overflow-wrap:anywhere]">
                {row.workerName ?? <span className="text-muted">No longer recorded</span>}
              </td>
              <td>{STATUS_LABELS[row.status]}</td>
              <td className="whitespace-nowrap">
                <CalendarDate date={row.referralDate} />
              </td>
              <td>{followUpWords(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
