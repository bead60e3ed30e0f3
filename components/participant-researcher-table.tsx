// The researchers' list of participants across every agency: one row per participant with the
// columns the research team watches.
import Link from "next/link";
import { CalendarDate } from "@/components/calendar-date";
import type { ParticipantListRow } from "@/lib/recruitment/queries";
import { FOLLOW_UP_STATE_LABELS, STATUS_LABELS, SUBGROUP_LABELS } from "@/lib/recruitment/rules";

const NOT_YET = <span className="text-muted">Not yet</span>;

/** The participants as a table; on a narrow screen it scrolls sideways inside its own box. */
export function ParticipantResearcherTable({ rows, caption }: { rows: ParticipantListRow[]; caption: string }) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="participants-table-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[64rem] border-collapse text-left align-top">
        <caption id="participants-table-caption" className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            {["Study ID", "Agency", "Subgroup", "Worker", "Status", "Referral", "Consent", "Baseline", "Follow-up"].map(
              (heading) => (
                <th key={heading} scope="col" className="py-2 pr-4 align-bottom">
                  {heading}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal whitespace-nowrap">
                <Link href={`/researcher/participants/${row.id}`} className="font-mono font-semibold">
                  {row.studyId}
                </Link>
              </th>
              <td className="py-3 pr-4">
                <Link href={`/researcher/agencies/${row.agency.id}`} className="[overflow-wrap:anywhere]">
                  {row.agency.teamName}
                </Link>
              </td>
              <td className="py-3 pr-4">{SUBGROUP_LABELS[row.subgroup]}</td>
              <td className="py-3 pr-4 [overflow-wrap:anywhere]">
                {row.workerName ?? <span className="text-muted">No worker</span>}
              </td>
              <td className="py-3 pr-4 font-semibold">{STATUS_LABELS[row.status]}</td>
              <td className="py-3 pr-4 whitespace-nowrap">
                <CalendarDate date={row.referralDate} empty={NOT_YET} />
              </td>
              <td className="py-3 pr-4 whitespace-nowrap">
                <CalendarDate date={row.consentDate} empty={NOT_YET} />
              </td>
              <td className="py-3 pr-4 whitespace-nowrap">
                <CalendarDate date={row.baselineDate} empty={NOT_YET} />
              </td>
              <td className="py-3 pr-4">
                {row.followUp === "not-applicable" ? (
                  <span className="text-muted">{FOLLOW_UP_STATE_LABELS[row.followUp]}</span>
                ) : row.followUp === "overdue" ? (
                  <strong className="text-danger">{FOLLOW_UP_STATE_LABELS[row.followUp]}</strong>
                ) : (
                  FOLLOW_UP_STATE_LABELS[row.followUp]
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
