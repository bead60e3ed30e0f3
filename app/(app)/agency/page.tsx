import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StageSteps } from "@/components/stage-steps";
import { getAgencySummary } from "@/lib/agencies/queries";
import { AGENCY_ROLE_LABELS, agencyProgress, STAGE_FOR_AGENCY } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { getOwnQuestionnaire } from "@/lib/eoi/queries";
import { ProgressBar } from "@/components/progress-bar";
import { getAgencyParticipantSummary } from "@/lib/recruitment/agency-queries";
import { SECTION_KEYS } from "@/lib/eoi/schema";

export const metadata: Metadata = { title: "My agency" };

export const dynamic = "force-dynamic";

export default async function MyAgencyPage() {
  const user = await requireRole("AGENCY_STAFF");
  const now = new Date();
  const [agency, questionnaire, participants] = await Promise.all([
    getAgencySummary(user.agencyId),
    getOwnQuestionnaire(user, now),
    getAgencyParticipantSummary(user, now),
  ]);
  if (!agency) notFound();

  const withdrawn = agency.stage === "WITHDRAWN";

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-muted">{agency.organisation}</p>
        <h1 className="text-3xl font-bold">{agency.teamName}</h1>
        <p>
          You are signed in as <strong>{user.name}</strong>, {AGENCY_ROLE_LABELS[user.agencyRole].toLowerCase()} for
          this team.
        </p>
      </div>

      <section aria-labelledby="progress" className="max-w-2xl space-y-4">
        <h2 id="progress" className="text-2xl font-bold">
          Where your team is in the pilot
        </h2>
        <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">{STAGE_FOR_AGENCY[agency.stage]}</p>
        {withdrawn ? null : (
          <StageSteps steps={agencyProgress(agency.stage)} label="Steps of the pilot for your team" />
        )}
      </section>

      {participants ? (
        <section
          aria-labelledby="participants-card"
          className="border-muted/40 max-w-2xl space-y-3 rounded-md border p-4"
        >
          <h2 id="participants-card" className="text-xl font-bold">
            Participants
          </h2>
          <p>Recruited against your target (a participant counts once they have consented):</p>
          <ProgressBar progress={participants.progress} className="max-w-md" />
          <p>
            {participants.total} {participants.total === 1 ? "participant" : "participants"} added
            {participants.followUpsDue > 0
              ? `; ${participants.followUpsDue} ${participants.followUpsDue === 1 ? "follow-up is" : "follow-ups are"} due or overdue.`
              : "."}
          </p>
          <p>
            <Link href="/agency/participants">See your participants</Link>
          </p>
        </section>
      ) : null}

      {questionnaire ? (
        <section
          aria-labelledby="questionnaire-card"
          className="border-muted/40 max-w-2xl space-y-2 rounded-md border p-4"
        >
          <h2 id="questionnaire-card" className="text-xl font-bold">
            Expression of interest
          </h2>
          <p>
            {questionnaire.submitted
              ? "Submitted. You can read your answers and correct your contact details."
              : questionnaire.window?.open
                ? `${questionnaire.completeCount} of ${SECTION_KEYS.length} sections complete; ${questionnaire.timeLeft} left to submit.`
                : `${questionnaire.completeCount} of ${SECTION_KEYS.length} sections complete. The questionnaire is closed.`}
          </p>
          <p>
            <Link href="/agency/questionnaire">
              {questionnaire.submitted ? "See your expression of interest" : "Open the questionnaire"}
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
