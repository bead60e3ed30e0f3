// Recruitment against target for a page of the agencies holding a place (and any other with
// participants or its own target): recruited n/N (x %) with a bar, then the participants at each
// later step and those who withdrew or were lost, and the study's totals underneath. The words carry
// every number; the bar only repeats the first. On a phone the table scrolls sideways inside a
// named, focusable region. Rendered on the server.
import Link from "next/link";
import { ProgressBar } from "@/components/progress-bar";
import { stageLabel } from "@/lib/agencies/stages";
import type { AgencyRecruitment, RecruitmentOverview } from "@/lib/recruitment/dashboard";

type Props = {
  agencies: AgencyRecruitment[];
  total: RecruitmentOverview["total"];
  /** Which agencies are shown, in what order, e.g. "furthest behind target first, page 1 of 17". */
  shown: string;
};

function targetNote(agency: AgencyRecruitment): string {
  if (!agency.target) return "No place and no target of its own";
  return agency.target.shared ? "Share of the study target" : "Own target";
}

export function RecruitmentByAgency({ agencies, total, shown }: Props) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="recruitment-by-agency-caption" tabIndex={0} className="overflow-x-auto">
      {/* The cells' spacing is set once on the table, not on each of its hundreds of cells. */}
      <table className="[&_tbody_tr]:border-line w-full min-w-[52rem] border-collapse text-left [&_tbody_th]:py-3 [&_tbody_th]:pr-4 [&_tbody_th]:font-normal [&_tbody_th]:[overflow-wrap:anywhere] [&_tbody_tr]:border-b [&_tbody_tr]:align-top [&_td]:py-3 [&_td]:pr-4 [&_td]:tabular-nums [&_tfoot_th]:py-3 [&_tfoot_th]:pr-4 [&_thead_th]:py-2 [&_thead_th]:pr-4">
        <caption id="recruitment-by-agency-caption" className="mb-2 text-left font-semibold">
          Recruitment per agency, {shown}. Recruited means the participant consented; the target is the agency&apos;s
          own or its share of the study target. The last row counts every agency.
        </caption>
        <thead>
          <tr className="border-ink border-b-2 align-bottom">
            <th scope="col">Agency</th>
            <th scope="col">Stage</th>
            <th scope="col">Recruited against target</th>
            <th scope="col" className="text-right">
              Referred
            </th>
            <th scope="col" className="text-right">
              Baseline done
            </th>
            <th scope="col" className="text-right">
              Followed up
            </th>
            <th scope="col" className="text-right">
              Withdrawn or lost
            </th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((agency) => (
            <tr key={agency.id}>
              <th scope="row">
                <Link href={`/researcher/agencies/${agency.id}`} className="font-semibold">
                  {agency.teamName}
                </Link>
              </th>
              <td>{stageLabel(agency.stage)}</td>
              <td>
                <ProgressBar progress={agency.progress} />
                <span className="text-muted text-sm">{targetNote(agency)}</span>
              </td>
              <td className="text-right">{agency.referred}</td>
              <td className="text-right">{agency.baseline}</td>
              <td className="text-right">{agency.followedUp}</td>
              <td className="text-right">{agency.withdrawnOrLost}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-ink border-t-2 align-top font-bold">
            <th scope="row">All agencies</th>
            <td />
            <td>{total.progress.label}</td>
            <td className="text-right">{total.referred}</td>
            <td className="text-right">{total.baseline}</td>
            <td className="text-right">{total.followedUp}</td>
            <td className="text-right">{total.withdrawnOrLost}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
