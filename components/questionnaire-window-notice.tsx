// What the agency needs to know about the deadline: the time left and the closing time in UK
// time, or that it has passed (and what to do), or that the study team reopened it.
import { formatUkDateTime } from "@/lib/dates";
import type { QuestionnaireWindow } from "@/lib/eoi/rules";

export function QuestionnaireWindowNotice({
  window,
  timeLeft,
  submitted,
}: {
  window: QuestionnaireWindow | null;
  timeLeft: string | null;
  submitted: boolean;
}) {
  if (submitted) return null;
  if (!window) {
    return (
      <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
        The study team has not set the closing date yet. You can come back later to fill in the questionnaire.
      </p>
    );
  }
  if (!window.open) {
    return (
      <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
        <p className="font-semibold">The questionnaire is closed.</p>
        <p>
          The deadline for expressions of interest passed on {formatUkDateTime(window.closedAt)} (UK time). Your answers
          are kept, but they can no longer be changed or submitted. If you need more time, ask the study team to reopen
          your questionnaire.
        </p>
      </div>
    );
  }
  return (
    <div className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
      {window.reopened ? <p className="font-semibold">The study team has reopened your questionnaire.</p> : null}
      <p>
        <strong>{timeLeft}</strong> left: the questionnaire closes on {formatUkDateTime(window.closesAt)} (UK time).
      </p>
    </div>
  );
}
