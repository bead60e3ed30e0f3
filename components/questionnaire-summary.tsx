// The questionnaire's answers written out to check or read: a heading per section, then each
// question with its answer. Text is shown as typed (React escapes it), markup included.
import type { AnswerSummary } from "@/lib/eoi/sections";

export function QuestionnaireSummary({
  sections,
  headingLevel = 2,
  editHref,
}: {
  sections: AnswerSummary[];
  headingLevel?: 2 | 3;
  editHref?: (key: AnswerSummary["key"]) => string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-8">
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`summary-${section.key}`} className="space-y-3">
          <div className="flex flex-wrap items-baseline gap-x-4">
            <Heading id={`summary-${section.key}`} className="text-xl font-bold">
              {section.title}
            </Heading>
            {editHref ? (
              <a href={editHref(section.key)}>
                Change<span className="sr-only"> {section.title}</span>
              </a>
            ) : null}
          </div>
          <dl className="divide-muted/30 divide-y border-y">
            {section.items.map((item) => (
              <div key={item.label} className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
                <dt className="font-semibold">{item.label}</dt>
                <dd className="break-words whitespace-pre-wrap">{item.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
