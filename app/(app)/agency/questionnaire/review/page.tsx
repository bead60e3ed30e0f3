import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { QuestionnaireSubmit } from "@/components/questionnaire-submit";
import { QuestionnaireSummary } from "@/components/questionnaire-summary";
import { QuestionnaireWindowNotice } from "@/components/questionnaire-window-notice";
import { requireRole } from "@/lib/auth/session";
import { getOwnQuestionnaire } from "@/lib/eoi/queries";
import { INELIGIBLE_MESSAGE } from "@/lib/eoi/questionnaire";
import { SECTION_KEYS, SECTION_TITLES } from "@/lib/eoi/schema";
import { sectionPath, summariseAnswers } from "@/lib/eoi/sections";

export const metadata: Metadata = { title: "Check your answers – Expression of interest" };

export const dynamic = "force-dynamic";

export default async function QuestionnaireReviewPage() {
  const user = await requireRole("AGENCY_STAFF");
  const q = await getOwnQuestionnaire(user, new Date());
  if (!q) notFound();
  if (q.submitted) redirect("/agency/questionnaire");
  const incomplete = SECTION_KEYS.filter((key) => !q.progress[key].complete);

  return (
    <div className="space-y-8">
      <p>
        <Link href="/agency/questionnaire">Back to the list of sections</Link>
      </p>
      <div className="space-y-2">
        <p className="text-muted">{q.agency.teamName}</p>
        <h1 className="text-3xl font-bold">Check your answers</h1>
        <p className="max-w-2xl">Once submitted, the answers can no longer be changed.</p>
      </div>
      <QuestionnaireWindowNotice window={q.window} timeLeft={q.timeLeft} submitted={false} />

      <QuestionnaireSummary sections={summariseAnswers(q.answers)} editHref={q.canEdit ? sectionPath : undefined} />

      <section aria-labelledby="submit-heading" className="max-w-2xl space-y-4">
        <h2 id="submit-heading" className="text-2xl font-bold">
          Submit
        </h2>
        {!q.eligible ? (
          <p>{INELIGIBLE_MESSAGE}</p>
        ) : incomplete.length > 0 ? (
          <div className="space-y-2">
            <p>Complete these sections before you submit:</p>
            <ul className="list-disc pl-6">
              {incomplete.map((key) => (
                <li key={key}>
                  <Link href={sectionPath(key)}>{SECTION_TITLES[key]}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : q.canEdit ? (
          <>
            <p>By submitting, you send these answers to the study team on behalf of {q.agency.teamName}.</p>
            <QuestionnaireSubmit />
          </>
        ) : null}
      </section>
    </div>
  );
}
