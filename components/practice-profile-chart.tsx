// The agency's own 1–9 ratings of how far it already works like the model, one small bar per
// practice section, shown beside the reviewers' scores and labelled as self-reported so nobody
// mistakes it for a score. The bars are decoration: each rating is also printed as text.
import { formatScore, type PracticeProfileRow } from "@/lib/selection/scores";

type Props = {
  rows: PracticeProfileRow[];
  mean: number | null;
  /** The id of the heading, for the section around the chart. */
  headingId?: string;
};

export function PracticeProfileChart({ rows, mean, headingId = "practice-profile-heading" }: Props) {
  const rated = rows.some((row) => row.rating !== null);
  return (
    <div className="space-y-3">
      <h3 id={headingId} className="text-xl font-bold">
        Similarity to the model, as the agency rates itself
      </h3>
      <p className="border-muted rounded-md border-l-4 pl-3">
        Self-reported by the agency (1 = not at all, 9 = fully): not a reviewer&apos;s score.
      </p>
      {rated ? (
        <>
          <dl className="space-y-3">
            {rows.map((row) => (
              <div key={row.section} className="space-y-1">
                <dt className="[overflow-wrap:anywhere]">{row.title}</dt>
                <dd className="flex items-center gap-3">
                  <span
                    aria-hidden="true"
                    className="border-muted block h-4 w-full max-w-48 shrink rounded-sm border bg-white"
                  >
                    <span
                      className="bg-brand-700 block h-full"
                      style={{ width: `${((row.rating ?? 0) / 9) * 100}%` }}
                    />
                  </span>
                  <span className="shrink-0 font-semibold tabular-nums">
                    {row.rating === null ? "Not given" : `${row.rating} of 9`}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
          <p>
            Average of the agency&apos;s own ratings: <strong className="tabular-nums">{formatScore(mean)} of 9</strong>
          </p>
        </>
      ) : (
        <p>The agency has not submitted its ratings yet.</p>
      )}
    </div>
  );
}
