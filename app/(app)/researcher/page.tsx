import type { Metadata } from "next";
import Link from "next/link";
import { ProgressBar } from "@/components/progress-bar";
import { RecruitmentByAgency } from "@/components/recruitment-by-agency";
import { RecruitmentChart } from "@/components/recruitment-chart";
import { stageLabel } from "@/lib/agencies/stages";
import { countAgenciesByStage } from "@/lib/agencies/queries";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { monthName } from "@/lib/recruitment/chart";
import {
  recruitmentOverview,
  trainingOverview,
  type RecruitmentOverview,
  type TrainingOverview,
} from "@/lib/recruitment/dashboard";
import { countParticipants } from "@/lib/recruitment/queries";
import { getStudySettings } from "@/lib/study/queries";
import { countUpcomingTrainingSessions } from "@/lib/training/queries";

export const metadata: Metadata = { title: "Study overview" };

export const dynamic = "force-dynamic";

export default async function ResearcherOverviewPage() {
  await requireRole("RESEARCHER");

  const now = new Date();
  const [study, stages, participants, upcomingSessions, training, recruitment] = await Promise.all([
    getStudySettings(),
    countAgenciesByStage(),
    countParticipants(),
    countUpcomingTrainingSessions(now),
    trainingOverview(),
    recruitmentOverview(now),
  ]);
  const agencies = stages.reduce((total, { count }) => total + count, 0);

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
      <RecruitmentSection recruitment={recruitment} />
      <OverTimeSection recruitment={recruitment} />
    </div>
  );
}

const staff = (count: number) => (count === 1 ? "1 member of staff" : `${count} staff`);
const agenciesWord = (count: number) => (count === 1 ? "1 agency" : `${count} agencies`);

function TrainingSection({ training }: { training: TrainingOverview }) {
  const { agencies } = training;
  return (
    <section aria-labelledby="training-heading" className="space-y-3">
      <h2 id="training-heading" className="text-2xl font-bold">
        Training
      </h2>
      {agencies.length === 0 ? (
        <p>No agency is in training yet. Agencies appear here once they move to “{stageLabel("TRAINING")}”.</p>
      ) : (
        <>
          <p>
            <strong className="tabular-nums">
              {training.completed} of {staff(training.trainees)} trained
            </strong>{" "}
            across the {agenciesWord(agencies.length)} in training or further along;{" "}
            <strong className="tabular-nums">{agenciesWord(training.agenciesFullyTrained)}</strong> fully trained.
            Trained means a supervisor or worker has attended every training day their role needs. The{" "}
            <Link href="/researcher/training">training pages</Link> show who still needs which day.
          </p>
          {/* A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1). */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <div role="region" aria-labelledby="training-caption" tabIndex={0} className="overflow-x-auto">
            <table className="w-full max-w-3xl min-w-[30rem] border-collapse text-left">
              <caption id="training-caption" className="mb-2 text-left font-semibold">
                Staff trained per agency in training or further along
              </caption>
              <thead>
                <tr className="border-ink border-b-2">
                  <th scope="col" className="py-2 pr-4">
                    Agency
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Stage
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Staff trained
                  </th>
                  <th scope="col" className="py-2">
                    Fully trained
                  </th>
                </tr>
              </thead>
              <tbody>
                {agencies.map((agency) => (
                  <tr key={agency.id} className="border-line border-b">
                    <th scope="row" className="py-2 pr-4 font-normal [overflow-wrap:anywhere]">
                      <Link href={`/researcher/agencies/${agency.id}`}>{agency.teamName}</Link>
                    </th>
                    <td className="py-2 pr-4">{stageLabel(agency.stage)}</td>
                    <td className="py-2 pr-4 tabular-nums">
                      {agency.trainees === 0
                        ? "No supervisors or workers on the staff list"
                        : `${agency.completed} of ${agency.trainees}`}
                    </td>
                    <td className={`py-2 ${agency.allCompleted ? "font-semibold" : ""}`}>
                      {agency.allCompleted ? "Yes" : "No"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function RecruitmentSection({ recruitment }: { recruitment: RecruitmentOverview }) {
  const { total, studyTarget, targetsTotal, agencies } = recruitment;
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
        <RecruitmentByAgency agencies={agencies} total={total} />
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
