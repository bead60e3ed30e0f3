// An agency's participants, one row each: the study ID (linking to the participant's page), the
// subgroup, the worker, the status, the referral date and where the follow-up stands. Server
// component; the rows come from lib/recruitment/agency-queries.ts.
import Link from "next/link";
import { CalendarDate } from "@/components/calendar-date";
import type { AgencyParticipantRow } from "@/lib/recruitment/agency-queries";
import { FOLLOW_UP_STATE_LABELS, formatCalendarDate, STATUS_LABELS, SUBGROUP_LABELS } from "@/lib/recruitment/rules";

function followUpWords(row: AgencyParticipantRow): string {
  if (row.followUpState === "not-applicable") return "Not applicable";
  if (row.followUpState === "done" || !row.followUpDue) return FOLLOW_UP_STATE_LABELS[row.followUpState];
  return `${FOLLOW_UP_STATE_LABELS[row.followUpState]}: due ${formatCalendarDate(row.followUpDue)}`;
}

export function ParticipantAgencyTable({ rows, caption }: { rows: AgencyParticipantRow[]; caption: string }) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="participant-table-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[48rem] border-collapse text-left align-top">
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
            <tr key={row.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal whitespace-nowrap">
                <Link href={`/agency/participants/${row.id}`} className="font-semibold">
                  {row.studyId}
                </Link>
              </th>
              <td className="py-3 pr-4">{SUBGROUP_LABELS[row.subgroup]}</td>
              <td className="py-3 pr-4 [overflow-wrap:anywhere]">
                {row.workerName ?? <span className="text-muted">No longer recorded</span>}
              </td>
              <td className="py-3 pr-4">{STATUS_LABELS[row.status]}</td>
              <td className="py-3 pr-4 whitespace-nowrap">
                <CalendarDate date={row.referralDate} />
              </td>
              <td className="py-3">{followUpWords(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
