import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AgencyTargetForm } from "@/components/agency-target-form";
import { EoiAnswers } from "@/components/eoi-answers";
import { EoiPrintButton } from "@/components/eoi-print-button";
import { EoiPrintStyles } from "@/components/eoi-print-styles";
import { EoiReopenForm } from "@/components/eoi-reopen-form";
import { PracticeProfileChart } from "@/components/practice-profile-chart";
import { ProgressBar } from "@/components/progress-bar";
import { SelectionReviewForm } from "@/components/selection-review-form";
import { SelectionScores } from "@/components/selection-scores";
import { StageHistory } from "@/components/stage-history";
import { StageMoveForm } from "@/components/stage-move-form";
import { stageLabel } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { getAgencyQuestionnaire, type AgencyQuestionnaire } from "@/lib/eoi/researcher-queries";
import { QUESTIONNAIRE_STATE_LABELS } from "@/lib/eoi/researcher-schema";
import { agencyTargetSummary, type AgencyTargetSummary } from "@/lib/recruitment/dashboard";
import { getAgencySelection, type AgencySelection } from "@/lib/selection/agency-queries";
import { isDecision, stageShownToAgency } from "@/lib/selection/transitions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// The guard runs here too: metadata is resolved apart from the page, and the title names the agency.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireRole("RESEARCHER");
  const agency = await getAgencyQuestionnaire((await params).id);
  if (!agency) notFound();
  return { title: `Expression of interest: ${agency.teamName}` };
}

export default async function ResearcherAgencyQuestionnairePage({ params }: Props) {
  const researcher = await requireRole("RESEARCHER");
  const { id } = await params;
  const [agency, selection, target] = await Promise.all([
    getAgencyQuestionnaire(id),
    getAgencySelection(id, researcher.id),
    agencyTargetSummary(id),
  ]);
  if (!agency || !selection) notFound();
  const canReopen = agency.stage === "DRAFT" || agency.stage === "SUBMITTED";

  return (
    <div className="space-y-8 print:space-y-4 print:text-black">
      <EoiPrintStyles />
      <p className="print:hidden">
        <Link href="/researcher/agencies">Back to the agencies</Link>
      </p>

      <div className="space-y-2">
        <p className="text-muted font-semibold print:text-black">Expression of interest</p>
        <h1 className="text-3xl font-bold [overflow-wrap:anywhere]">{agency.teamName}</h1>
        <p className="text-lg [overflow-wrap:anywhere]">{agency.organisation}</p>
      </div>

      <Summary agency={agency} />

      <div className="print:hidden">
        <EoiPrintButton label="Print the questionnaire" />
      </div>

      <ScoresSection selection={selection} />
      <ReviewSection selection={selection} />
      <StageSection selection={selection} />
      {target ? <TargetSection agencyId={agency.id} target={target} /> : null}

      {agency.submitted ? (
        <section aria-labelledby="submitted-heading" className="space-y-4">
          <h2 id="submitted-heading" className="text-2xl font-bold">
            Answers as submitted
            {agency.submittedAt ? ` on ${formatUkDateTime(agency.submittedAt)} (UK time)` : ""}
          </h2>
          {agency.status === "DRAFT" ? (
            <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4 print:bg-white">
              The questionnaire has been reopened since: these are the answers of the last submission. The agency may be
              changing them.
            </p>
          ) : null}
          <EoiAnswers sections={agency.submitted} />
        </section>
      ) : null}

      {agency.progress ? <DraftProgress progress={agency.progress} /> : null}

      <section aria-labelledby="contact-heading" className="space-y-3 print:break-inside-avoid">
        <h2 id="contact-heading" className="text-2xl font-bold">
          Current contact details (may have changed since submission)
        </h2>
        <dl className="grid gap-x-4 gap-y-2 [overflow-wrap:anywhere] sm:grid-cols-[minmax(10rem,16rem)_1fr]">
          <Detail label="Contact person" value={agency.currentContact.contactName} />
          <Detail label="Role" value={agency.currentContact.contactRole} />
          <Detail label="Email address" value={agency.currentContact.contactEmail} />
          <Detail label="Telephone" value={agency.currentContact.contactPhone} />
          <Detail label="Address" value={agency.currentContact.address} />
        </dl>
      </section>

      <section aria-labelledby="reopen-heading" className="border-line space-y-4 border-t pt-6 print:hidden">
        <h2 id="reopen-heading" className="text-2xl font-bold">
          Reopen the questionnaire
        </h2>
        {canReopen ? (
          <EoiReopenForm agencyId={agency.id} wasSubmitted={agency.status === "SUBMITTED"} />
        ) : (
          <p>
            This agency is at the stage “{stageLabel(agency.stage)}”, so its questionnaire can no longer be reopened.
            Only a questionnaire that is in progress or submitted can be reopened.
          </p>
        )}
      </section>
    </div>
  );
}

/** Every reviewer's scores beside the agency's own ratings: two columns on a wide screen, one on a phone. */
function ScoresSection({ selection }: { selection: AgencySelection }) {
  return (
    <section aria-labelledby="scores-heading" className="border-line space-y-4 border-t pt-6 print:hidden">
      <h2 id="scores-heading" className="text-2xl font-bold">
        Scores
      </h2>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(16rem,1fr)]">
        <div className="min-w-0 space-y-3">
          <h3 className="text-xl font-bold">Reviewers&apos; scores</h3>
          <SelectionScores reviews={selection.reviews} summary={selection.summary} />
        </div>
        <div className="min-w-0">
          <PracticeProfileChart rows={selection.profile.rows} mean={selection.profile.mean} />
        </div>
      </div>
    </section>
  );
}

function ReviewSection({ selection }: { selection: AgencySelection }) {
  const own = selection.ownReview;
  return (
    <section aria-labelledby="review-heading" className="border-line space-y-4 border-t pt-6 print:hidden">
      <h2 id="review-heading" className="text-2xl font-bold">
        Your review
      </h2>
      {selection.canBeScored ? (
        <>
          {own ? (
            <p>
              You saved your review on {formatUkDateTime(own.updatedAt)} (UK time). Change any score or note and save
              again to update it.
            </p>
          ) : null}
          <SelectionReviewForm agencyId={selection.id} own={own ? { scores: own.scores, notes: own.notes } : null} />
        </>
      ) : (
        <p>
          This agency has not submitted its questionnaire, so it cannot be scored yet. You can score it once the agency
          has submitted it.
        </p>
      )}
    </section>
  );
}

function decisionWords(selection: AgencySelection): string {
  const { stage, decisionSentStage: sent, decisionSentAt } = selection;
  if (!sent) {
    return isDecision(stage)
      ? "Not sent yet: the agency is told when the team sends the decisions."
      : "No decision has been sent to the agency.";
  }
  const when = decisionSentAt ? ` on ${formatUkDateTime(decisionSentAt)} (UK time)` : "";
  const told = `“${stageLabel(sent)}” sent${when}.`;
  return isDecision(stage) && stage !== sent
    ? `${told} The decision has changed since to “${stageLabel(stage)}”, which has not been sent yet.`
    : told;
}

function StageSection({ selection }: { selection: AgencySelection }) {
  const { stage, reserveRank, places, allowedMoves, history } = selection;
  return (
    <section aria-labelledby="stage-heading" className="border-line space-y-6 border-t pt-6 print:hidden">
      <h2 id="stage-heading" className="text-2xl font-bold">
        Stage
      </h2>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
        <dt className="font-semibold">Current stage</dt>
        <dd>{stageLabel(stage)}</dd>
        {reserveRank !== null ? (
          <>
            <dt className="font-semibold">Reserve list</dt>
            <dd>Number {reserveRank}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Decision</dt>
        <dd>{decisionWords(selection)}</dd>
        <dt className="font-semibold">The agency sees</dt>
        <dd>{stageLabel(stageShownToAgency(stage, selection.decisionSentStage))}</dd>
        <dt className="font-semibold">Places taken</dt>
        <dd>
          {places.taken} of {places.cap} (agencies selected or further along)
        </dd>
      </dl>

      <div className="space-y-4">
        <h3 className="text-xl font-bold">Move the agency</h3>
        {/* Always here, even with no move left, so that the answer to a withdrawal stays to read. */}
        <StageMoveForm agencyId={selection.id} moves={allowedMoves} places={places} />
      </div>

      <div className="space-y-4">
        <h3 className="text-xl font-bold">Stage history</h3>
        <StageHistory history={history} />
      </div>
    </section>
  );
}

/** The agency's participant target, own or shared, its recruitment against it, and the form to change it. */
function TargetSection({ agencyId, target }: { agencyId: string; target: AgencyTargetSummary }) {
  return (
    <section aria-labelledby="target-heading" className="border-line space-y-6 border-t pt-6 print:hidden">
      <h2 id="target-heading" className="text-2xl font-bold">
        Participant target
      </h2>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
        <dt className="font-semibold">Target</dt>
        <dd>
          {target.target.shared
            ? `${target.target.target}: its share of the study target of ${target.studyTarget}`
            : `${target.target.target}: its own target (the study target is ${target.studyTarget})`}
        </dd>
        <dt className="font-semibold">Recruited (consented)</dt>
        <dd className="max-w-md">
          <ProgressBar progress={target.progress} />
        </dd>
      </dl>
      <div className="space-y-4">
        <h3 className="text-xl font-bold">
          {target.ownTarget === null ? "Give the agency its own target" : "Change the target"}
        </h3>
        <AgencyTargetForm agencyId={agencyId} ownTarget={target.ownTarget} />
      </div>
    </section>
  );
}

function Summary({ agency }: { agency: AgencyQuestionnaire }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
      <dt className="font-semibold">Questionnaire</dt>
      <dd>{QUESTIONNAIRE_STATE_LABELS[agency.state]}</dd>
      <dt className="font-semibold">Stage</dt>
      <dd>{stageLabel(agency.stage)}</dd>
      <dt className="font-semibold">Submitted</dt>
      <dd>{agency.submittedAt ? `${formatUkDateTime(agency.submittedAt)} (UK time)` : "Not submitted"}</dd>
      {agency.status === "DRAFT" ? (
        <>
          <dt className="font-semibold">{agency.window.open ? "Open until" : "Closed"}</dt>
          <dd>
            {agency.window.closesAt
              ? `${formatUkDateTime(agency.window.closesAt)} (UK time)`
              : "No closing date has been set for the study yet"}
          </dd>
        </>
      ) : null}
      {agency.reopenedAt && agency.reopenedUntil ? (
        <>
          <dt className="font-semibold">Reopened</dt>
          <dd>
            On {formatUkDateTime(agency.reopenedAt)}, until {formatUkDateTime(agency.reopenedUntil)} (UK time)
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function DraftProgress({ progress }: { progress: NonNullable<AgencyQuestionnaire["progress"]> }) {
  const complete = progress.filter((section) => section.complete).length;
  return (
    <section aria-labelledby="progress-heading" className="space-y-3">
      <h2 id="progress-heading" className="text-2xl font-bold">
        Draft: {complete} of {progress.length} sections complete
      </h2>
      <p>The draft answers are not shown until the agency submits them.</p>
      <ul className="space-y-2">
        {progress.map((section) => (
          <li key={section.key} className="border-line rounded-md border p-3 print:break-inside-avoid">
            <span className="font-semibold">{section.title}: </span>
            {section.complete ? "complete" : "not complete"}
            {section.missing.length > 0 ? (
              <ul className="text-muted mt-1 list-disc pl-5 text-sm print:text-black">
                {section.missing.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <>
      <dt className="font-semibold">{label}</dt>
      <dd className="whitespace-pre-wrap">{value ?? <span className="text-muted">Not given</span>}</dd>
    </>
  );
}
