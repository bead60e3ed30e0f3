// One agency's stage changes, newest first: when (UK time), from, to, who made the change and why.
// The record PRODUCT.md asks for on every move; the audit trail holds the same with more detail.
import { stageLabel } from "@/lib/agencies/stages";
import { formatUkDateTime } from "@/lib/dates";
import type { StageHistoryRow } from "@/lib/selection/agency-queries";

export function StageHistory({ history }: { history: StageHistoryRow[] }) {
  if (history.length === 0) {
    return <p>No stage changes have been recorded for this agency yet.</p>;
  }
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="stage-history-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-left align-top">
        <caption id="stage-history-caption" className="mb-2 text-left font-semibold">
          Stage changes, newest first
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4">
              When (UK time)
            </th>
            <th scope="col" className="py-2 pr-4">
              From
            </th>
            <th scope="col" className="py-2 pr-4">
              To
            </th>
            <th scope="col" className="py-2 pr-4">
              By
            </th>
            <th scope="col" className="py-2">
              Reason
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((change) => (
            <tr key={change.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal">
                <time dateTime={change.at.toISOString()}>{formatUkDateTime(change.at)}</time>
              </th>
              <td className="py-3 pr-4">{change.from ? stageLabel(change.from) : "None (a new agency)"}</td>
              <td className="py-3 pr-4 font-semibold">{stageLabel(change.to)}</td>
              <td className="py-3 pr-4 [overflow-wrap:anywhere]">{change.by}</td>
              <td className="py-3 [overflow-wrap:anywhere] whitespace-pre-wrap">{change.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
