import type { Metadata } from "next";
import Link from "next/link";
import { FILTER_INPUT_CLASS } from "@/components/filter-fields";
import { Pagination } from "@/components/pagination";
import { ProgressBar } from "@/components/progress-bar";
import { RecruitmentByAgency } from "@/components/recruitment-by-agency";
import { RecruitmentChart } from "@/components/recruitment-chart";
import { stageLabel } from "@/lib/agencies/stages";
import { countAgenciesByStage } from "@/lib/agencies/queries";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { monthName } from "@/lib/recruitment/chart";
import {
  AGENCY_SORT_LABELS,
  AGENCY_SORTS,
  agencyPage,
  dashboardHref,
  parseDashboardSearchParams,
  recruitmentOverview,
  trainingOverview,
  type DashboardTableOptions,
  type RecruitmentOverview,
  type TrainingOverview,
} from "@/lib/recruitment/dashboard";
import { getStudySettings } from "@/lib/study/queries";
import { countUpcomingTrainingSessions } from "@/lib/training/queries";

export const metadata: Metadata = { title: "Study overview" };

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// At national scale (a thousand agencies, a hundred thousand participants) the page stays small:
// the study-wide numbers are counted in SQL and kept until the next write (lib/recruitment/
// dashboard.ts), the training is given in totals (the training matrix has each agency's staff), and
// the per-agency recruitment table shows 50 agencies a page, furthest behind target first.
export default async function ResearcherOverviewPage({ searchParams }: Props) {
  await requireRole("RESEARCHER");
  const { options, problems } = parseDashboardSearchParams(await searchParams);

  const now = new Date();
  const [study, stages, upcomingSessions, training, recruitment] = await Promise.all([
    getStudySettings(),
    countAgenciesByStage(),
    countUpcomingTrainingSessions(now),
    trainingOverview(),
    recruitmentOverview(now),
  ]);
  const agencies = stages.reduce((total, { count }) => total + count, 0);
  // Every participant is someone's referral: the total referred, from the kept study-wide counts.
  const participants = recruitment.total.referred;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Study overview</h1>
        {study ? (
          <p className="text-muted">
            {study.name}. Expressions of interest {study.questionnaireClosed ? "closed" : "close"} on{" "}
            {formatUkDateTime(study.questionnaireDeadline)} (UK time).
          </p>
        ) : (
          <p className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
            The study has not been set up yet: there is no closing date or target in the database.
          </p>
        )}
      </div>

      <dl className="grid gap-4 sm:grid-cols-3">
        <Figure label="Agencies" value={agencies} detail={study ? `${study.agenciesToSelect} to select` : null} />
        <Figure
          label="Participants recruited"
          value={recruitment.total.recruited}
          detail={`${participants} referred; target ${recruitment.studyTarget}`}
        />
        <Figure label="Upcoming training sessions" value={upcomingSessions} detail={null} />
      </dl>

      <section aria-labelledby="by-stage" className="space-y-3">
        <h2 id="by-stage" className="text-2xl font-bold">
          Agencies by stage
        </h2>
        <table className="w-full max-w-xl border-collapse text-left">
          <caption className="sr-only">
            Number of agencies at each stage, in the order agencies move through them
          </caption>
          <thead>
            <tr className="border-ink border-b-2">
              <th scope="col" className="py-2 pr-4">
                Stage
              </th>
              <th scope="col" className="py-2 text-right">
                Agencies
              </th>
            </tr>
          </thead>
          <tbody>
            {stages.map(({ stage, count }) => (
              <tr key={stage} className="border-line border-b">
                <th scope="row" className={`py-2 pr-4 font-normal ${count === 0 ? "text-muted" : ""}`}>
                  {stageLabel(stage)}
                </th>
                <td className={`py-2 text-right tabular-nums ${count === 0 ? "text-muted" : "font-semibold"}`}>
                  {count}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-ink border-t-2">
              <th scope="row" className="py-2 pr-4">
                All agencies
              </th>
              <td className="py-2 text-right font-bold tabular-nums">{agencies}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      <TrainingSection training={training} />
      <RecruitmentSection recruitment={recruitment} options={options} problems={problems} />
      <OverTimeSection recruitment={recruitment} />
    </div>
  );
}

const staff = (count: number) => (count === 1 ? "1 member of staff" : `${count} staff`);
const agenciesWord = (count: number) => (count === 1 ? "1 agency" : `${count} agencies`);

function TrainingSection({ training }: { training: TrainingOverview }) {
  const { agencies } = training;
  const notYet = agencies.length - training.agenciesFullyTrained;
  return (
    <section aria-labelledby="training-heading" className="space-y-3">
      <h2 id="training-heading" className="text-2xl font-bold">
        Training
      </h2>
      {agencies.length === 0 ? (
        <p>No agency is in training yet. Agencies appear here once they move to “{stageLabel("TRAINING")}”.</p>
      ) : (
        <>
          <p className="max-w-3xl">
            <strong className="tabular-nums">
              {training.completed} of {staff(training.trainees)} trained
            </strong>{" "}
            across the {agenciesWord(agencies.length)} in training or further along;{" "}
            <strong className="tabular-nums">{agenciesWord(training.agenciesFullyTrained)}</strong> fully trained
            {notYet > 0 ? `, ${agenciesWord(notYet)} not yet` : ""}. Trained means a supervisor or worker has attended
            every training day their role needs.
          </p>
          <p>
            <Link href="/researcher/training/matrix">
              See each agency&apos;s staff, day by day, in the training matrix
            </Link>
            , or the <Link href="/researcher/training">training sessions</Link>.
          </p>
        </>
      )}
    </section>
  );
}

function RecruitmentSection({
  recruitment,
  options,
  problems,
}: {
  recruitment: RecruitmentOverview;
  options: DashboardTableOptions;
  problems: string[];
}) {
  const { total, studyTarget, targetsTotal, agencies } = recruitment;
  const shown = agencyPage(agencies, options);
  const at = { ...options, page: shown.page };
  const order = AGENCY_SORT_LABELS[options.sort].toLowerCase();
  const which = options.search
    ? `${agenciesWord(shown.matching)} whose name contains “${options.search}”`
    : `all ${agenciesWord(shown.matching)}`;
  return (
    <section aria-labelledby="recruitment-heading" className="space-y-4">
      <h2 id="recruitment-heading" className="text-2xl font-bold">
        Recruitment against target
      </h2>
      <div className="max-w-xl space-y-2">
        <p className="font-semibold">Participants recruited in the study, against the study target of {studyTarget}</p>
        <ProgressBar progress={total.progress} />
      </div>
      {total.referred === 0 ? (
        <p>No participants have been recorded yet. The numbers appear here as agencies record their referrals.</p>
      ) : total.recruited === 0 ? (
        <p>
          {total.referred === 1 ? "1 participant has" : `${total.referred} participants have`} been referred, and nobody
          has consented yet.
        </p>
      ) : null}
      {targetsTotal > studyTarget ? (
        <p className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          The agencies&apos; targets add up to {targetsTotal}, more than the study target of {studyTarget}: some
          agencies have been given their own targets above their share.
        </p>
      ) : null}
      {agencies.length === 0 ? (
        <p>No agency holds a place in the pilot yet, so there are no agency targets to show.</p>
      ) : (
        <section aria-labelledby="recruitment-by-agency" className="space-y-4">
          <h3 id="recruitment-by-agency" className="text-xl font-bold">
            Each agency
          </h3>
          {problems.length > 0 ? (
            <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
              <p className="text-danger font-bold">Part of the address could not be used, so it is left out</p>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {problems.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <form method="get" action="/researcher#recruitment-by-agency" className="flex flex-wrap items-end gap-4">
            <div className="space-y-2">
              <label htmlFor="agency-search" className="block font-semibold">
                Team name contains
              </label>
              <input
                id="agency-search"
                name="q"
                type="search"
                defaultValue={options.search}
                maxLength={200}
                autoComplete="off"
                className={`${FILTER_INPUT_CLASS} sm:w-80`}
              />
            </div>
            {options.sort !== "behind" ? <input type="hidden" name="sort" value={options.sort} /> : null}
            <button type="submit" className="button-primary cursor-pointer">
              Find
            </button>
            {options.search ? (
              <Link href={dashboardHref({ ...options, search: "", page: 1 })} className="button-secondary">
                Show every agency
              </Link>
            ) : null}
          </form>
          <nav aria-label="Order of the agencies">
            <ul className="flex flex-wrap gap-x-6 gap-y-2">
              {AGENCY_SORTS.map((sort) => (
                <li key={sort}>
                  {sort === options.sort ? (
                    <span className="font-semibold" aria-current="true">
                      {AGENCY_SORT_LABELS[sort]} (shown)
                    </span>
                  ) : (
                    <Link href={dashboardHref({ ...options, sort, page: 1 })}>{AGENCY_SORT_LABELS[sort]}</Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {shown.matching === 0 ? (
            <p>No agency&apos;s team name contains “{options.search}”. Change the search, or show every agency.</p>
          ) : (
            <>
              <RecruitmentByAgency
                agencies={shown.rows}
                total={total}
                shown={`${which}, ${order}: page ${shown.page} of ${shown.pageCount}`}
              />
              <Pagination
                label="Pages of the recruitment per agency"
                page={shown.page}
                pageCount={shown.pageCount}
                hrefFor={(page) => dashboardHref({ ...at, page })}
              />
            </>
          )}
        </section>
      )}
    </section>
  );
}

function OverTimeSection({ recruitment }: { recruitment: RecruitmentOverview }) {
  const { series, months, projection, studyTarget, today } = recruitment;
  const thisMonth = today.slice(0, 7);
  return (
    <section aria-labelledby="over-time-heading" className="space-y-4">
      <h2 id="over-time-heading" className="text-2xl font-bold">
        Recruitment over time
      </h2>
      {series.length === 0 ? (
        <p>Nobody has consented yet, so there is no recruitment to show over time.</p>
      ) : (
        <>
          <p>{projection.sentence}</p>
          <RecruitmentChart series={series} target={studyTarget} today={today} projection={projection} />
          <details className="max-w-xl">
            <summary className="cursor-pointer font-semibold">Show the numbers as a table</summary>
            <table className="mt-3 w-full border-collapse text-left">
              <caption className="sr-only">
                Participants recruited each month, and in total by the end of the month
              </caption>
              <thead>
                <tr className="border-ink border-b-2">
                  <th scope="col" className="py-2 pr-4">
                    Month
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    Recruited that month
                  </th>
                  <th scope="col" className="py-2 text-right">
                    Total by the end of the month
                  </th>
                </tr>
              </thead>
              <tbody>
                {months.map((row) => (
                  <tr key={row.month} className="border-line border-b">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {monthName(row.month)}
                      {row.month === thisMonth ? " (so far)" : ""}
                    </th>
                    <td className="py-2 pr-4 text-right tabular-nums">{row.recruited}</td>
                    <td className="py-2 text-right tabular-nums">{row.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

function Figure({ label, value, detail }: { label: string; value: number; detail: string | null }) {
  return (
    <div className="border-line bg-brand-50 flex flex-col rounded-lg border p-4">
      <dt className="font-semibold">{label}</dt>
      <dd className="order-first text-4xl font-bold tabular-nums">{value}</dd>
      {detail ? <dd className="text-muted text-sm">{detail}</dd> : null}
    </div>
  );
}
