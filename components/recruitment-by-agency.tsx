// Recruitment against target for every agency holding a place (and any other with participants or
// its own target): recruited n/N (x %) with a bar, then the participants at each later step and
// those who withdrew or were lost. The words carry every number; the bar only repeats the first.
// On a phone the table scrolls sideways inside a named, focusable region. Rendered on the server.
import Link from "next/link";
import { ProgressBar } from "@/components/progress-bar";
import { stageLabel } from "@/lib/agencies/stages";
import type { AgencyRecruitment, RecruitmentOverview } from "@/lib/recruitment/dashboard";

type Props = { agencies: AgencyRecruitment[]; total: RecruitmentOverview["total"] };

function targetNote(agency: AgencyRecruitment): string {
  if (!agency.target) return "No place and no target of its own";
  return agency.target.shared ? "Share of the study target" : "Own target";
}

export function RecruitmentByAgency({ agencies, total }: Props) {
  const number = "py-3 pr-4 text-right tabular-nums";
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="recruitment-by-agency-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[52rem] border-collapse text-left">
        <caption id="recruitment-by-agency-caption" className="mb-2 text-left font-semibold">
          Recruitment per agency. Recruited means the participant consented; the target is the agency&apos;s own or its
          share of the study target.
        </caption>
        <thead>
          <tr className="border-ink border-b-2 align-bottom">
            <th scope="col" className="py-2 pr-4">
              Agency
            </th>
            <th scope="col" className="py-2 pr-4">
              Stage
            </th>
            <th scope="col" className="py-2 pr-4">
              Recruited against target
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Referred
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Baseline done
            </th>
            <th scope="col" className="py-2 pr-4 text-right">
              Followed up
            </th>
            <th scope="col" className="py-2 text-right">
              Withdrawn or lost
            </th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((agency) => (
            <tr key={agency.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal [overflow-wrap:anywhere]">
                <Link href={`/researcher/agencies/${agency.id}`} className="font-semibold">
                  {agency.teamName}
                </Link>
              </th>
              <td className="py-3 pr-4">{stageLabel(agency.stage)}</td>
              <td className="py-3 pr-4">
                <ProgressBar progress={agency.progress} />
                <span className="text-muted text-sm">{targetNote(agency)}</span>
              </td>
              <td className={number}>{agency.referred}</td>
              <td className={number}>{agency.baseline}</td>
              <td className={number}>{agency.followedUp}</td>
              <td className="py-3 text-right tabular-nums">{agency.withdrawnOrLost}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-ink border-t-2 align-top font-bold">
            <th scope="row" className="py-3 pr-4">
              All agencies
            </th>
            <td className="py-3 pr-4" />
            <td className="py-3 pr-4 tabular-nums">{total.progress.label}</td>
            <td className={number}>{total.referred}</td>
            <td className={number}>{total.baseline}</td>
            <td className={number}>{total.followedUp}</td>
            <td className="py-3 text-right tabular-nums">{total.withdrawnOrLost}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
