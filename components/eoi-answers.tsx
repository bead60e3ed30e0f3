import type { AnswerSection } from "@/lib/eoi/researcher-answers";

/**
 * A questionnaire's answers, section by section, as the agency gave them. Text is shown as text
 * (never as markup), with its line breaks; on paper a section is not split across pages.
 */
export function EoiAnswers({ sections }: { sections: AnswerSection[] }) {
  return (
    <div className="space-y-6">
      {sections.map((section, index) => {
        const headingId = `answers-${section.key.replace(".", "-")}`;
        return (
          <section
            key={section.key}
            aria-labelledby={headingId}
            className="border-line space-y-3 rounded-lg border p-4 print:break-inside-avoid print:rounded-none print:border-black"
          >
            <h3 id={headingId} className="text-xl font-bold">
              {index + 1}. {section.title}
            </h3>
            {section.question !== undefined ? (
              <>
                <p className="text-muted print:text-black">{section.question}</p>
                <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(10rem,auto)_1fr]">
                  <dt className="font-semibold">Rating (1 = not at all, 9 = fully)</dt>
                  <dd>{section.rating === null ? "Not answered" : `${section.rating} out of 9`}</dd>
                  <dt className="font-semibold">Examples of practice</dt>
                  <dd className="[overflow-wrap:anywhere] whitespace-pre-wrap">
                    {section.examples ? (
                      section.examples
                    ) : (
                      <span className="text-muted print:text-black">None given</span>
                    )}
                  </dd>
                </dl>
              </>
            ) : (
              <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
                {section.rows.map((row) => (
                  <div key={row.field} className="contents">
                    <dt className="font-semibold">{row.label}</dt>
                    <dd className="[overflow-wrap:anywhere] whitespace-pre-wrap">{row.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </div>
  );
}
