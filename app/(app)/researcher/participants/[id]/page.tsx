// One participant's whole record for the research team: every date, reason and measure, the
// agency, the follow-up schedule, the history from the audit trail, and the correction that undoes
// the last step recorded. Researchers only; an unknown id is not found.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CalendarDate } from "@/components/calendar-date";
import { ParticipantCorrectForm } from "@/components/participant-correct-form";
import { ParticipantHistory } from "@/components/participant-history";
import { stageLabel } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import type { Measure } from "@/lib/generated/prisma/client";
import { undoPlan } from "@/lib/recruitment/corrections";
import { participantHistory } from "@/lib/recruitment/history";
import { getResearcherParticipant, type ResearcherParticipant } from "@/lib/recruitment/queries";
import {
  FOLLOW_UP_STATE_LABELS,
  followUpSchedule,
  followUpState,
  formatCalendarDate,
  MEASURE_LABELS,
  STATUS_LABELS,
  SUBGROUP_LABELS,
  ukToday,
} from "@/lib/recruitment/rules";
import { loadRecruitmentSettings } from "@/lib/recruitment/target-queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// The guard runs here too: metadata is resolved apart from the page, and the title names the participant.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireRole("RESEARCHER");
  const participant = await getResearcherParticipant((await params).id);
  if (!participant) notFound();
  return { title: `Participant ${participant.studyId}` };
}

const NONE = <span className="text-muted">Not recorded</span>;

function day(date: string | null): ReactNode {
  return <CalendarDate date={date} empty={NONE} />;
}

function measures(list: readonly Measure[], recorded: boolean): ReactNode {
  if (!recorded) return NONE;
  return list.length > 0 ? list.map((measure) => MEASURE_LABELS[measure]).join(", ") : "None";
}

function reason(text: string | null): ReactNode {
  return text ? <span className="[overflow-wrap:anywhere]">{text}</span> : NONE;
}

function Details({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid max-w-3xl gap-x-6 gap-y-3 sm:grid-cols-[16rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd className="mb-2 sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function recordRows(p: ResearcherParticipant): [string, ReactNode][] {
  return [
    ["Status", <strong key="status">{STATUS_LABELS[p.status]}</strong>],
    ["Subgroup", SUBGROUP_LABELS[p.subgroup]],
    ["New referral to the team", p.isNewReferral ? "Yes" : "No, already known to the team"],
    ["Worker", p.worker ? p.worker.name : <span className="text-muted">No worker (account removed)</span>],
    ["Recorded by", p.createdByName ?? <span className="text-muted">Not known</span>],
    ["Referral date", day(p.referralDate)],
    ["Screening date", day(p.screenedDate)],
    ["Screening result", p.status === "NOT_ELIGIBLE" ? "Not eligible" : p.screenedDate ? "Eligible" : NONE],
    ["Why not eligible", reason(p.ineligibleReason)],
    ["Consent date", day(p.consentDate)],
    ["Date declined", day(p.declinedDate)],
    ["Why they declined", reason(p.declineReason)],
    ["Baseline interview date", day(p.baselineDate)],
    ["Measures at baseline", measures(p.baselineMeasures, p.baselineDate !== null)],
    ["Follow-up interview date", day(p.followUpDate)],
    ["Measures at follow-up", measures(p.followUpMeasures, p.followUpDate !== null)],
    ["Withdrawal date", day(p.withdrawnDate)],
    ["Why they withdrew", reason(p.withdrawalReason)],
    [
      "Data collected before withdrawal",
      p.keepDataOnWithdrawal === null ? NONE : p.keepDataOnWithdrawal ? "May be kept" : "Must not be used",
    ],
    ["Date lost to follow-up", day(p.lostDate)],
    ["Why lost to follow-up", reason(p.lostReason)],
  ];
}

export default async function ResearcherParticipantPage({ params }: Props) {
  await requireRole("RESEARCHER");
  const { id } = await params;
  const participant = await getResearcherParticipant(id);
  if (!participant) notFound();
  const [history, settings] = await Promise.all([participantHistory(participant.id), loadRecruitmentSettings()]);
  const today = ukToday(new Date());
  const schedule = participant.baselineDate ? followUpSchedule(participant.baselineDate, settings) : null;
  const state = followUpState(participant, today, settings);
  const plan = undoPlan(participant);
  const { agency } = participant;

  return (
    <div className="space-y-10">
      <p>
        <Link href="/researcher/participants">Back to all participants</Link>
      </p>

      <div className="space-y-2">
        <p className="text-muted font-semibold">Participant</p>
        <h1 className="font-mono text-3xl font-bold">{participant.studyId}</h1>
        <p className="text-lg">
          {STATUS_LABELS[participant.status]}, at{" "}
          <Link href={`/researcher/agencies/${agency.id}`} className="[overflow-wrap:anywhere]">
            {agency.teamName}
          </Link>
        </p>
      </div>

      <section aria-labelledby="record-heading" className="space-y-4">
        <h2 id="record-heading" className="text-2xl font-bold">
          Record
        </h2>
        <Details rows={recordRows(participant)} />
      </section>

      <section aria-labelledby="agency-heading" className="space-y-4">
        <h2 id="agency-heading" className="text-2xl font-bold">
          Agency
        </h2>
        <Details
          rows={[
            [
              "Team",
              <Link key="team" href={`/researcher/agencies/${agency.id}`} className="[overflow-wrap:anywhere]">
                {agency.teamName}
              </Link>,
            ],
            [
              "Organisation",
              <span key="organisation" className="[overflow-wrap:anywhere]">
                {agency.organisation}
              </span>,
            ],
            ["Agency code", String(agency.code).padStart(2, "0")],
            ["Stage", stageLabel(agency.stage)],
          ]}
        />
      </section>

      <section aria-labelledby="schedule-heading" className="space-y-4">
        <h2 id="schedule-heading" className="text-2xl font-bold">
          Follow-up
        </h2>
        {schedule ? (
          <Details
            rows={[
              ["Where it stands today", FOLLOW_UP_STATE_LABELS[state]],
              ["Due", day(schedule.due)],
              [
                "Window",
                <span key="window">
                  {formatCalendarDate(schedule.opens)} to {formatCalendarDate(schedule.closes)}
                </span>,
              ],
              [
                "Agency's supervisors told it is due",
                participant.followUpDueNotifiedAt ? formatUkDateTime(participant.followUpDueNotifiedAt) : "Not yet",
              ],
            ]}
          />
        ) : (
          <p>
            The follow-up interview is due {settings.followUpMonths} months after the baseline interview, give or take{" "}
            {settings.followUpWindowDays} days. It is scheduled once the baseline interview is recorded.
          </p>
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-4">
        <h2 id="history-heading" className="text-2xl font-bold">
          History
        </h2>
        <ParticipantHistory history={history} studyId={participant.studyId} />
      </section>

      <section aria-labelledby="correct-heading" className="space-y-4">
        <h2 id="correct-heading" className="text-2xl font-bold">
          Undo the last step
        </h2>
        <ParticipantCorrectForm
          participantId={participant.id}
          studyId={participant.studyId}
          status={participant.status}
          plan={plan?.sentence ?? null}
        />
      </section>
    </div>
  );
}
