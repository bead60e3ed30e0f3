// Every researcher's scores for one agency in one table, with the mean of each criterion and how
// far the reviewers are apart (lowest to highest, and the standard deviation), a notice naming the
// criteria they should discuss, and each reviewer's notes under the table.
import { formatUkDateTime } from "@/lib/dates";
import type { AgencyReviewRow } from "@/lib/selection/agency-queries";
import {
  CRITERIA,
  DISCUSS_AT_RANGE,
  formatScore,
  spreadOf,
  type ReviewSummary,
  type Spread,
} from "@/lib/selection/scores";

type Props = {
  reviews: AgencyReviewRow[];
  summary: ReviewSummary;
};

const cell = "py-2 pr-4 tabular-nums";

function spreadText(spread: Spread | null): string {
  if (!spread) return "–";
  const range = spread.min === spread.max ? `all ${spread.min}` : `${spread.min}–${spread.max}`;
  return `${range}, SD ${spread.sd.toFixed(1)}`;
}

function pointsText(points: number): string {
  return points === 1 ? "1 point" : `${points} points`;
}

export function SelectionScores({ reviews, summary }: Props) {
  if (reviews.length === 0) {
    return <p>No researcher has scored this agency yet. The scores appear here once someone saves a review.</p>;
  }

  const toDiscuss = summary.needsDiscussion
    ? CRITERIA.flatMap((criterion) => {
        const spread = summary.spread[criterion.key];
        return spread && spread.range >= DISCUSS_AT_RANGE ? [{ label: criterion.label, range: spread.range }] : [];
      })
    : [];
  const overallSpread = spreadOf(reviews.map((review) => review.overall));
  const count = reviews.length === 1 ? "1 reviewer" : `${reviews.length} reviewers`;

  return (
    <div className="space-y-4">
      {toDiscuss.length > 0 ? (
        <div className="border-brand-700 bg-brand-50 space-y-1 rounded-md border-l-4 p-4">
          <p className="font-bold">Discuss this agency before deciding:</p>
          <ul className="list-disc pl-5">
            {toDiscuss.map((item) => (
              <li key={item.label}>
                Reviewers differ by {pointsText(item.range)} on “{item.label}”: discuss.
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {/* A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div role="region" aria-labelledby="scores-table-caption" tabIndex={0} className="overflow-x-auto">
        <table className="w-full min-w-[40rem] border-collapse text-left align-top">
          <caption id="scores-table-caption" className="mb-2 text-left font-semibold">
            Reviewers&apos; scores from 1 (very poor) to 5 (excellent), {count}
          </caption>
          <thead>
            <tr className="border-ink border-b-2 align-bottom">
              <th scope="col" className="py-2 pr-4">
                Reviewer
              </th>
              {CRITERIA.map((criterion) => (
                <th key={criterion.key} scope="col" className="py-2 pr-4">
                  {criterion.label}
                </th>
              ))}
              <th scope="col" className="py-2 pr-4">
                Overall
              </th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id} className="border-line border-b align-top">
                <th scope="row" className="py-2 pr-4 font-normal [overflow-wrap:anywhere]">
                  {review.reviewerName}
                  {review.isYours ? <span className="text-muted"> (you)</span> : null}
                </th>
                {CRITERIA.map((criterion) => (
                  <td key={criterion.key} className={cell}>
                    {review.scores[criterion.key]}
                  </td>
                ))}
                <td className={`${cell} font-semibold`}>{formatScore(review.overall)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-ink border-t-2 align-top">
              <th scope="row" className="py-2 pr-4">
                Mean
              </th>
              {CRITERIA.map((criterion) => (
                <td key={criterion.key} className={`${cell} font-bold`}>
                  {formatScore(summary.mean[criterion.key])}
                </td>
              ))}
              <td className={`${cell} font-bold`}>{formatScore(summary.overall)}</td>
            </tr>
            <tr className="align-top">
              <th scope="row" className="py-2 pr-4 font-normal">
                Spread <span className="text-muted block text-sm">lowest–highest, standard deviation</span>
              </th>
              {CRITERIA.map((criterion) => (
                <td key={criterion.key} className={`${cell} text-sm`}>
                  {spreadText(summary.spread[criterion.key])}
                </td>
              ))}
              <td className={`${cell} text-sm`}>{spreadText(overallSpread)}</td>
            </tr>
          </tfoot>
        </table>
      </div>

      <div className="space-y-2">
        <h4 className="font-bold">Reviewers&apos; notes</h4>
        {reviews.map((review) => (
          <details key={review.id} className="border-line rounded-md border p-3">
            <summary className="cursor-pointer font-semibold [overflow-wrap:anywhere]">
              {review.isYours ? `Your notes (${review.reviewerName})` : `Notes by ${review.reviewerName}`}
              <span className="text-muted font-normal"> – saved {formatUkDateTime(review.updatedAt)} (UK time)</span>
            </summary>
            <dl className="mt-3 space-y-3">
              {CRITERIA.map((criterion) => (
                <div key={criterion.key}>
                  <dt className="font-semibold">
                    {criterion.label}: {review.scores[criterion.key]}
                  </dt>
                  <dd className="[overflow-wrap:anywhere] whitespace-pre-wrap">
                    {review.notes[criterion.key] || <span className="text-muted">No note</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        ))}
      </div>
    </div>
  );
}
