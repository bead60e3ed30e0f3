import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionnaireContactForm } from "@/components/questionnaire-contact-form";
import { QuestionnaireSummary } from "@/components/questionnaire-summary";
import { QuestionnaireWindowNotice } from "@/components/questionnaire-window-notice";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { getOwnQuestionnaire } from "@/lib/eoi/queries";
import { INELIGIBLE_MESSAGE } from "@/lib/eoi/questionnaire";
import { SECTION_KEYS, SECTION_TITLES } from "@/lib/eoi/schema";
import { sectionPath, summariseAnswers } from "@/lib/eoi/sections";

export const metadata: Metadata = { title: "Expression of interest" };

export const dynamic = "force-dynamic";

export default async function QuestionnaireOverviewPage() {
  const user = await requireRole("AGENCY_STAFF");
  const q = await getOwnQuestionnaire(user, new Date());
  if (!q) notFound();

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-muted">{q.agency.teamName}</p>
        <h1 className="text-3xl font-bold">Expression of interest</h1>
        {q.submitted ? (
          <p className="max-w-2xl">
            Your team submitted its expression of interest
            {q.submittedAt ? ` on ${formatUkDateTime(q.submittedAt)}` : ""}. The answers below are as submitted and can
            no longer be changed. The study team will let you know the outcome.
          </p>
        ) : (
          <p className="max-w-2xl">
            The questionnaire takes 10 to 15 minutes. Each section is saved as a draft, so you can fill it in over
            several visits. When every section is complete, check your answers and submit.
          </p>
        )}
      </div>

      <QuestionnaireWindowNotice window={q.window} timeLeft={q.timeLeft} submitted={q.submitted} />

      {q.submitted ? (
        <>
          <section aria-labelledby="contact-heading" className="space-y-4">
            <h2 id="contact-heading" className="text-2xl font-bold">
              Contact details
            </h2>
            {q.mayEditRole ? (
              <>
                <p className="max-w-2xl">
                  If the person the study team should contact changes, correct it here. This does not change your
                  submitted answers.
                </p>
                <QuestionnaireContactForm initial={q.contact} />
              </>
            ) : (
              <p>
                {q.contact.contactName}, {q.contact.contactRole} — {q.contact.contactEmail}, {q.contact.contactPhone}
              </p>
            )}
          </section>
          <section aria-labelledby="answers-heading" className="space-y-4">
            <h2 id="answers-heading" className="text-2xl font-bold">
              Your submitted answers
            </h2>
            <QuestionnaireSummary sections={summariseAnswers(q.answers)} headingLevel={3} />
          </section>
        </>
      ) : (
        <>
          {q.eligibilityAnswered && !q.eligible ? (
            <div className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
              <p>{INELIGIBLE_MESSAGE}</p>
            </div>
          ) : null}
          {!q.mayEditRole ? (
            <p className="max-w-2xl">
              Your agency’s lead or a supervisor fills in the questionnaire. You can read the answers so far.
            </p>
          ) : null}
          <section aria-labelledby="sections-heading" className="space-y-4">
            <h2 id="sections-heading" className="text-2xl font-bold">
              Sections
            </h2>
            <p>
              {q.completeCount} of {SECTION_KEYS.length} sections complete.
            </p>
            <ol className="max-w-3xl space-y-3">
              {SECTION_KEYS.map((key, index) => {
                const progress = q.progress[key];
                return (
                  <li key={key} className="border-muted/40 rounded-md border p-4">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <Link href={sectionPath(key)} className="font-semibold">
                        {index + 1}. {SECTION_TITLES[key]}
                      </Link>
                      <span className={progress.complete ? "text-brand-700 font-semibold" : "text-muted"}>
                        {progress.complete ? "Complete" : "Not complete"}
                      </span>
                    </div>
                    {progress.complete ? null : (
                      <ul className="text-muted mt-2 list-disc pl-6">
                        {progress.missing.map((missing) => (
                          <li key={missing}>{missing}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
          <p>
            <Link href="/agency/questionnaire/review" className="button-primary">
              Check your answers{q.canEdit ? " and submit" : ""}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
