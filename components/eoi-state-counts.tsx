import Link from "next/link";
import type { QuestionnaireState } from "@/lib/eoi/rules";
import {
  agencyListHref,
  QUESTIONNAIRE_STATE_HINTS,
  QUESTIONNAIRE_STATE_LABELS,
  QUESTIONNAIRE_STATES,
  type AgencyListParams,
} from "@/lib/eoi/researcher-schema";

/** How many agencies' questionnaires are in each state, over every agency; each links to that state's list. */
export function EoiStateCounts({
  counts,
  params,
}: {
  counts: Record<QuestionnaireState, number>;
  params: AgencyListParams;
}) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {QUESTIONNAIRE_STATES.map((state) => (
        <li
          key={state}
          className={`rounded-lg border-2 p-4 ${params.state === state ? "border-brand-700 bg-brand-50" : "border-line"}`}
        >
          <Link
            href={agencyListHref({ sort: params.sort, dir: params.dir, state })}
            aria-current={params.state === state ? "true" : undefined}
            className="block no-underline"
          >
            <span className="text-ink block text-3xl font-bold tabular-nums">{counts[state]}</span>
            <span className="block font-semibold underline">{QUESTIONNAIRE_STATE_LABELS[state]}</span>
          </Link>
          <span className="text-muted block text-sm">{QUESTIONNAIRE_STATE_HINTS[state]}</span>
        </li>
      ))}
    </ul>
  );
}
