// The coverage panel of the selection page: how the agencies holding a place spread over the
// client groups and England's regions, with the gaps named, before the team decides.
import type { Coverage, CoverageCount } from "@/lib/selection/queries";

type Props = { coverage: Coverage };

const agencies = (count: number) => `${count} ${count === 1 ? "agency" : "agencies"}`;

/** "A, B and C". */
function inWords(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/**
 * How the agencies holding a place cover the three client groups and England's nine regions: a
 * table of counts each, with a bar beside every count so that gaps stand out at a glance. The
 * bars repeat the numbers and are hidden from screen readers; the gaps are also named in words.
 */
export function SelectionCoverage({ coverage }: Props) {
  const groupGaps = coverage.clientGroups.filter((group) => group.count === 0).map((group) => group.label);
  const regionGaps = coverage.regions.filter((region) => region.count === 0).map((region) => region.label);

  return (
    <div className="space-y-6">
      <p className="max-w-3xl">
        Counted over the {agencies(coverage.agencies)} holding a place: selected, or gone on to training and beyond. An
        agency that works with more than one client group counts once in each of its groups, so the client-group counts
        can add up to more than {coverage.agencies}.
      </p>
      <div className="grid gap-8 lg:grid-cols-2">
        <div className="space-y-3">
          <CoverageTable
            id="coverage-groups"
            caption="Agencies holding a place, by client group"
            heading="Client group"
            counts={coverage.clientGroups}
          />
          <Gaps gaps={groupGaps} kind="client group" none="Every client group has at least one selected agency." />
          {coverage.withoutClientGroup > 0 ? (
            <p>{agencies(coverage.withoutClientGroup)} holding a place gave no client group.</p>
          ) : null}
        </div>
        <div className="space-y-3">
          <CoverageTable
            id="coverage-regions"
            caption="Agencies holding a place, by English region"
            heading="Region"
            counts={coverage.regions}
          />
          <Gaps gaps={regionGaps} kind="region" none="Every region has at least one selected agency." />
          {coverage.withoutRegion > 0 ? (
            <p>{agencies(coverage.withoutRegion)} holding a place gave no region.</p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function Gaps({ gaps, kind, none }: { gaps: string[]; kind: string; none: string }) {
  if (gaps.length === 0) return <p>{none}</p>;
  return (
    <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-3">
      <strong>No selected agency in {gaps.length === 1 ? `this ${kind}` : `these ${kind}s`}:</strong> {inWords(gaps)}.
    </p>
  );
}

function CoverageTable<Key extends string>({
  id,
  caption,
  heading,
  counts,
}: {
  id: string;
  caption: string;
  heading: string;
  counts: CoverageCount<Key>[];
}) {
  // Bars are drawn against the largest count, so the longest bar fills its box.
  const largest = Math.max(1, ...counts.map((entry) => entry.count));
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} className="overflow-x-auto">
      <table id={id} className="w-full border-collapse text-left">
        <caption id={`${id}-caption`} className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4">
              {heading}
            </th>
            <th scope="col" className="w-2/5 py-2">
              Agencies
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((entry) => (
            <tr key={entry.key} className="border-line border-b">
              <th scope="row" className="py-2 pr-4 font-normal">
                {entry.label}
              </th>
              <td className="py-2">
                <div className="flex items-center gap-3">
                  <span className="w-6 shrink-0 text-right font-semibold tabular-nums">{entry.count}</span>
                  <span
                    aria-hidden="true"
                    className="bg-brand-50 border-line block h-4 min-w-16 grow rounded-sm border"
                  >
                    <span
                      className="bg-brand-700 block h-full rounded-sm"
                      style={{ width: `${(entry.count / largest) * 100}%` }}
                    />
                  </span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
