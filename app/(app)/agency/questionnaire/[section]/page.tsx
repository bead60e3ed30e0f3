import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionnaireSectionForm } from "@/components/questionnaire-section-form";
import { QuestionnaireSummary } from "@/components/questionnaire-summary";
import { QuestionnaireWindowNotice } from "@/components/questionnaire-window-notice";
import { requireRole } from "@/lib/auth/session";
import { getOwnQuestionnaire } from "@/lib/eoi/queries";
import { SECTION_KEYS, SECTION_TITLES, sectionAnswers } from "@/lib/eoi/schema";
import { nextSection, sectionFromSlug, sectionPath, summariseAnswers } from "@/lib/eoi/sections";

type Props = { params: Promise<{ section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const key = sectionFromSlug((await params).section);
  return { title: key ? `${SECTION_TITLES[key]} – Expression of interest` : "Expression of interest" };
}

export const dynamic = "force-dynamic";

export default async function QuestionnaireSectionPage({ params }: Props) {
  const key = sectionFromSlug((await params).section);
  if (!key) notFound();
  const user = await requireRole("AGENCY_STAFF");
  const q = await getOwnQuestionnaire(user, new Date());
  if (!q) notFound();
  const next = nextSection(key);
  const position = SECTION_KEYS.indexOf(key) + 1;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/agency/questionnaire">Back to the list of sections</Link>
      </p>
      <div className="space-y-2">
        <p className="text-muted">
          Expression of interest: section {position} of {SECTION_KEYS.length}
        </p>
        <h1 className="text-3xl font-bold">{SECTION_TITLES[key]}</h1>
      </div>
      <QuestionnaireWindowNotice window={q.window} timeLeft={q.timeLeft} submitted={q.submitted} />
      {q.canEdit ? (
        <QuestionnaireSectionForm
          key={key}
          agencyId={q.agency.id}
          section={key}
          saved={(sectionAnswers(q.answers, key) ?? {}) as Record<string, unknown>}
          nextHref={next ? sectionPath(next) : "/agency/questionnaire/review"}
          eligibilitySaved={q.eligibilityAnswered}
        />
      ) : (
        <>
          <p className="max-w-2xl">
            {q.submitted
              ? "Your team has submitted its expression of interest; these answers can no longer be changed."
              : q.mayEditRole
                ? "The questionnaire is closed, so these answers can no longer be changed."
                : "Your agency’s lead or a supervisor fills in the questionnaire. You can read the answers so far."}
          </p>
          <QuestionnaireSummary sections={summariseAnswers(q.answers).filter((s) => s.key === key)} />
          {next ? (
            <p>
              <Link href={sectionPath(next)}>Next section: {SECTION_TITLES[next]}</Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
