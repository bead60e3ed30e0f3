import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { CalendarDate } from "@/components/calendar-date";
import { ParticipantHistory } from "@/components/participant-history";
import { ParticipantStepForm } from "@/components/participant-step-form";
import { requireRole, type AgencyStaffUser } from "@/lib/auth/session";
import type { Measure } from "@/lib/generated/prisma/client";
import { getAgencyParticipant, type AgencyParticipantDetail } from "@/lib/recruitment/agency-queries";
import {
  FOLLOW_UP_STATE_LABELS,
  formatCalendarDate,
  MEASURE_LABELS,
  STATUS_LABELS,
  SUBGROUP_LABELS,
} from "@/lib/recruitment/rules";

// One participant of the reader's own agency: what is recorded, where the follow-up stands, the
// history, and the one form that records the next step. Another agency's participant, an unknown
// id and a malformed one all give "Page not found".

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Read once per request, though both the metadata and the page ask. */
const loadParticipant = cache((user: AgencyStaffUser, id: string) => getAgencyParticipant(user, id, new Date()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireRole("AGENCY_STAFF");
  const participant = await loadParticipant(user, (await params).id);
  if (!participant) notFound();
  return { title: `Participant ${participant.studyId}` };
}

function measures(list: Measure[]): string {
  return list.map((measure) => MEASURE_LABELS[measure]).join(", ");
}

/** The facts on the record, in the order they happen; steps not recorded are left out. */
function facts(participant: AgencyParticipantDetail): { term: string; value: ReactNode }[] {
  const date = (value: string) => <CalendarDate date={value} />;
  const list: { term: string; value: ReactNode }[] = [
    { term: "Status", value: <strong>{STATUS_LABELS[participant.status]}</strong> },
    { term: "Subgroup", value: SUBGROUP_LABELS[participant.subgroup] },
    { term: "Worker", value: participant.workerName ?? "No longer recorded" },
    { term: "New referral to your team", value: participant.isNewReferral ? "Yes" : "No" },
    { term: "Referral date", value: date(participant.referralDate) },
  ];
  if (participant.screenedDate) list.push({ term: "Screening date", value: date(participant.screenedDate) });
  if (participant.ineligibleReason) list.push({ term: "Why not eligible", value: participant.ineligibleReason });
  if (participant.consentDate) list.push({ term: "Consent date", value: date(participant.consentDate) });
  if (participant.declinedDate) list.push({ term: "Date they declined", value: date(participant.declinedDate) });
  if (participant.declineReason) list.push({ term: "Why they declined", value: participant.declineReason });
  if (participant.baselineDate) {
    list.push({ term: "Baseline interview date", value: date(participant.baselineDate) });
    list.push({ term: "Measures at baseline", value: measures(participant.baselineMeasures) });
  }
  if (participant.followUpDate) {
    list.push({ term: "Follow-up interview date", value: date(participant.followUpDate) });
    list.push({ term: "Measures at follow-up", value: measures(participant.followUpMeasures) });
  }
  if (participant.withdrawnDate) list.push({ term: "Withdrawal date", value: date(participant.withdrawnDate) });
  if (participant.withdrawalReason) list.push({ term: "Why they withdrew", value: participant.withdrawalReason });
  if (participant.keepDataOnWithdrawal !== null) {
    list.push({
      term: "Data collected before withdrawal",
      value: participant.keepDataOnWithdrawal ? "May be kept" : "Must not be used",
    });
  }
  if (participant.lostDate) list.push({ term: "Date lost to follow-up", value: date(participant.lostDate) });
  if (participant.lostReason) list.push({ term: "Why lost to follow-up", value: participant.lostReason });
  return list;
}

export default async function AgencyParticipantPage({ params, searchParams }: Props) {
  const user = await requireRole("AGENCY_STAFF");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const participant = await loadParticipant(user, id);
  if (!participant) notFound();
  const added = search.added === "1";
  const { followUp } = participant;

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <p>
          <Link href="/agency/participants">Back to participants</Link>
        </p>
        <p className="text-muted">{participant.agency.teamName}</p>
        <h1 className="text-3xl font-bold">{participant.studyId}</h1>
        <p className="max-w-2xl">
          This participant is known by their study ID only. Keep the link between the study ID and the person in your
          team’s own records.
        </p>
      </div>

      <section aria-labelledby="record-heading" className="max-w-2xl space-y-3">
        <h2 id="record-heading" className="text-2xl font-bold">
          What is recorded
        </h2>
        <dl className="divide-line border-line divide-y border-y">
          {facts(participant).map(({ term, value }) => (
            <div key={term} className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
              <dt className="font-semibold">{term}</dt>
              <dd className="[overflow-wrap:anywhere]">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {followUp ? (
        <section aria-labelledby="follow-up-heading" className="max-w-2xl space-y-3">
          <h2 id="follow-up-heading" className="text-2xl font-bold">
            Follow-up interview
          </h2>
          <dl className="divide-line border-line divide-y border-y">
            <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
              <dt className="font-semibold">Follow-up due</dt>
              <dd>
                <CalendarDate date={followUp.due} />
              </dd>
            </div>
            <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
              <dt className="font-semibold">Window</dt>
              <dd>
                {formatCalendarDate(followUp.opens)} to {formatCalendarDate(followUp.closes)}
              </dd>
            </div>
            <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr]">
              <dt className="font-semibold">Where it stands</dt>
              <dd>{FOLLOW_UP_STATE_LABELS[participant.followUpState]}</dd>
            </div>
          </dl>
          <p className="text-muted">
            Due {participant.settings.followUpMonths} months after the baseline interview. An interview outside the
            window is still recorded, but counts as outside it.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="next-step-heading" className="space-y-4">
        <h2 id="next-step-heading" className="text-2xl font-bold">
          Record the next step
        </h2>
        {participant.agency.updateRefusal ? (
          <p className="border-brand-700 bg-brand-50 max-w-2xl rounded-md border-l-4 p-4">
            {participant.agency.updateRefusal}
          </p>
        ) : (
          <ParticipantStepForm
            participantId={participant.id}
            studyId={participant.studyId}
            steps={participant.nextSteps.map(({ step, label }) => ({ step, label }))}
            today={participant.today}
            initialMessage={
              added
                ? `Participant ${participant.studyId} added. Their study ID is ${participant.studyId}: note it in your team’s own records. Record their screening below once it is done.`
                : null
            }
          />
        )}
      </section>

      <section aria-labelledby="history-heading" className="space-y-4">
        <h2 id="history-heading" className="text-2xl font-bold">
          History
        </h2>
        <ParticipantHistory history={participant.history} studyId={participant.studyId} />
      </section>
    </div>
  );
}
