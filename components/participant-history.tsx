// A participant's history, oldest first: when (UK time), who recorded it, and what was recorded, in
// the words lib/recruitment/history.ts gives each audit entry. Server component.
import { formatUkDateTime } from "@/lib/dates";

export type ParticipantHistoryItem = {
  at: Date;
  actorName: string | null;
  action: string;
  words: string;
};

export function ParticipantHistory({ history, studyId }: { history: ParticipantHistoryItem[]; studyId: string }) {
  if (history.length === 0) {
    return <p>Nothing has been recorded for this participant yet.</p>;
  }
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="participant-history-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[36rem] border-collapse text-left align-top">
        <caption id="participant-history-caption" className="mb-2 text-left font-semibold">
          What was recorded for {studyId}, oldest first
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4">
              When (UK time)
            </th>
            <th scope="col" className="py-2 pr-4">
              By
            </th>
            <th scope="col" className="py-2">
              What
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry, index) => (
            <tr key={`${entry.at.toISOString()}-${entry.action}-${index}`} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal whitespace-nowrap">
                <time dateTime={entry.at.toISOString()}>{formatUkDateTime(entry.at)}</time>
              </th>
              <td className="py-3 pr-4 [overflow-wrap:anywhere]">
                {entry.actorName ?? "Someone no longer in the app"}
              </td>
              <td className="py-3 [overflow-wrap:anywhere] whitespace-pre-wrap">{entry.words}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
