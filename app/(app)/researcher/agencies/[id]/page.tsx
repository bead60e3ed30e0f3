import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EoiAnswers } from "@/components/eoi-answers";
import { EoiPrintButton } from "@/components/eoi-print-button";
import { EoiPrintStyles } from "@/components/eoi-print-styles";
import { EoiReopenForm } from "@/components/eoi-reopen-form";
import { stageLabel } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { getAgencyQuestionnaire, type AgencyQuestionnaire } from "@/lib/eoi/researcher-queries";
import { QUESTIONNAIRE_STATE_LABELS } from "@/lib/eoi/researcher-schema";

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
  await requireRole("RESEARCHER");
  const agency = await getAgencyQuestionnaire((await params).id);
  if (!agency) notFound();
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
