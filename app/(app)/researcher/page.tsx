import type { Metadata } from "next";
import { stageLabel } from "@/lib/agencies/stages";
import { countAgenciesByStage } from "@/lib/agencies/queries";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { countParticipants } from "@/lib/recruitment/queries";
import { getStudySettings } from "@/lib/study/queries";
import { countUpcomingTrainingSessions } from "@/lib/training/queries";

export const metadata: Metadata = { title: "Study overview" };

export const dynamic = "force-dynamic";

export default async function ResearcherOverviewPage() {
  await requireRole("RESEARCHER");

  const [study, stages, participants, upcomingSessions] = await Promise.all([
    getStudySettings(),
    countAgenciesByStage(),
    countParticipants(),
    countUpcomingTrainingSessions(),
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
        <Figure label="Participants" value={participants} detail={study ? `target ${study.participantTarget}` : null} />
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
    </div>
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
