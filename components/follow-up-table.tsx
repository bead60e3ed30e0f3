// One of the follow-up lists on the research team's Follow-up page (overdue, due now or soon, done):
// each participant by study ID with their agency, subgroup, baseline, due date and window, and, by
// list, how late they are, when the follow-up falls, or when it was done and whether that was inside
// the window; for the open lists, whether the agency's supervisors have been emailed. Everything is
// said in words, never by colour alone.
import Link from "next/link";
import type { DoneFollowUpRow, FollowUpRow } from "@/lib/recruitment/follow-up";
import { formatCalendarDate, SUBGROUP_LABELS, ukToday } from "@/lib/recruitment/rules";

type Props = { id: string; caption: string } & (
  { kind: "overdue" | "due"; rows: FollowUpRow[] } | { kind: "done"; rows: DoneFollowUpRow[] }
);

const days = (count: number) => (count === 1 ? "1 day" : `${count} days`);

/** How late an overdue follow-up is. */
export function overdueWords(row: Pick<FollowUpRow, "daysSinceClosed" | "daysUntilDue">): string {
  return `Window closed ${days(row.daysSinceClosed)} ago (due ${days(-row.daysUntilDue)} ago)`;
}

/** When a follow-up that is due now or soon falls. */
export function dueWords(row: Pick<FollowUpRow, "daysUntilOpens" | "daysUntilDue" | "daysSinceClosed">): string {
  if (row.daysUntilOpens > 0) return `Due soon: window opens in ${days(row.daysUntilOpens)}`;
  const closes = row.daysSinceClosed === 0 ? "closes today" : `closes in ${days(-row.daysSinceClosed)}`;
  if (row.daysUntilDue > 0) return `Window open: due in ${days(row.daysUntilDue)}`;
  if (row.daysUntilDue === 0) return `Window open: due today, ${closes}`;
  return `Window open: due ${days(-row.daysUntilDue)} ago, ${closes}`;
}

/** Whether the agency's supervisors were told the follow-up is due, and if not, why not yet. */
export function emailedWords(
  row: Pick<FollowUpRow, "notifiedAt" | "agencyStage" | "hasRecipients" | "daysUntilOpens">,
): string {
  if (row.notifiedAt) return `Yes, ${formatCalendarDate(ukToday(row.notifiedAt))}`;
  if (row.agencyStage === "WITHDRAWN") return "No: the agency has withdrawn";
  if (row.agencyStage === "COMPLETED") return "No: the agency has completed the study";
  if (!row.hasRecipients) return "Not yet: the agency has no active supervisor or lead";
  if (row.daysUntilOpens > 0) return "Not yet: when the window opens";
  return "Not yet: within 15 minutes";
}

/** Whether a follow-up interview was inside its window. */
export function windowWords(row: Pick<DoneFollowUpRow, "daysEarly" | "daysLate">): string {
  if (row.daysEarly > 0) return `No: ${days(row.daysEarly)} before it opened`;
  if (row.daysLate > 0) return `No: ${days(row.daysLate)} after it closed`;
  return "Yes";
}

const LEFT_WORDS: Partial<Record<FollowUpRow["agencyStage"], string>> = {
  WITHDRAWN: "Withdrawn from the study",
  COMPLETED: "Completed the study",
};

export function FollowUpTable(props: Props) {
  const { id, caption, kind } = props;
  const captionId = `${id}-caption`;
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[64rem] border-collapse text-left align-top">
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4 align-bottom">
              Study ID
            </th>
            <th scope="col" className="py-2 pr-4 align-bottom">
              Agency
            </th>
            <th scope="col" className="py-2 pr-4 align-bottom">
              Subgroup
            </th>
            <th scope="col" className="py-2 pr-4 align-bottom">
              Baseline
            </th>
            <th scope="col" className="py-2 pr-4 align-bottom">
              Due
            </th>
            <th scope="col" className="py-2 pr-4 align-bottom">
              Window
            </th>
            {kind === "done" ? (
              <>
                <th scope="col" className="py-2 pr-4 align-bottom">
                  Follow-up interview
                </th>
                <th scope="col" className="py-2 align-bottom">
                  Inside the window
                </th>
              </>
            ) : (
              <>
                <th scope="col" className="py-2 pr-4 align-bottom">
                  {kind === "overdue" ? "How late" : "When"}
                </th>
                <th scope="col" className="py-2 align-bottom">
                  Supervisors emailed
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {props.kind === "done"
            ? props.rows.map((row) => (
                <tr key={row.id} className="border-line border-b align-top">
                  <CommonCells row={row} />
                  <td className="py-3 pr-4 whitespace-nowrap">{formatCalendarDate(row.followUpDate)}</td>
                  <td className={`py-3 ${row.daysEarly > 0 || row.daysLate > 0 ? "text-danger font-semibold" : ""}`}>
                    {windowWords(row)}
                  </td>
                </tr>
              ))
            : props.rows.map((row) => (
                <tr key={row.id} className="border-line border-b align-top">
                  <CommonCells row={row} />
                  <td className={`py-3 pr-4 ${kind === "overdue" ? "text-danger font-semibold" : ""}`}>
                    {kind === "overdue" ? overdueWords(row) : dueWords(row)}
                  </td>
                  <td className="py-3">{emailedWords(row)}</td>
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}

function CommonCells({ row }: { row: FollowUpRow }) {
  const left = LEFT_WORDS[row.agencyStage];
  return (
    <>
      <th scope="row" className="py-3 pr-4 font-normal whitespace-nowrap">
        <Link href={`/researcher/participants/${row.id}`} className="font-semibold">
          {row.studyId}
        </Link>
      </th>
      <td className="py-3 pr-4 [overflow-wrap:anywhere]">
        <Link href={`/researcher/agencies/${row.agencyId}`}>{row.teamName}</Link>
        {left ? <span className="text-muted block text-sm">{left}</span> : null}
      </td>
      <td className="py-3 pr-4">{SUBGROUP_LABELS[row.subgroup]}</td>
      <td className="py-3 pr-4 whitespace-nowrap">{formatCalendarDate(row.baselineDate)}</td>
      <td className="py-3 pr-4 whitespace-nowrap">{formatCalendarDate(row.due)}</td>
      <td className="py-3 pr-4">
        {formatCalendarDate(row.opens)} to {formatCalendarDate(row.closes)}
      </td>
    </>
  );
}
