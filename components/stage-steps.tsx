import type { AgencyStep } from "@/lib/agencies/stages";

/** An agency's path as a list of steps; the current one is marked for screen readers too. */
export function StageSteps({ steps, label }: { steps: AgencyStep[]; label: string }) {
  return (
    <ol aria-label={label} className="space-y-0">
      {steps.map((step, index) => (
        <li
          key={step.id}
          aria-current={step.state === "current" ? "step" : undefined}
          className="relative flex items-start gap-3 pb-5 last:pb-0"
        >
          {index < steps.length - 1 ? (
            <span aria-hidden="true" className="bg-line absolute top-9 left-4 h-[calc(100%-2.25rem)] w-0.5" />
          ) : null}
          <span
            aria-hidden="true"
            className={`flex size-8 shrink-0 items-center justify-center rounded-full border-2 text-sm font-bold ${
              step.state === "done"
                ? "border-brand-700 bg-brand-700 text-white"
                : step.state === "current"
                  ? "border-brand-700 text-brand-700 ring-brand-100 bg-white ring-4"
                  : "border-muted text-muted bg-white"
            }`}
          >
            {step.state === "done" ? "✓" : index + 1}
          </span>
          <span
            className={`pt-1 ${step.state === "current" ? "font-bold" : step.state === "upcoming" ? "text-muted" : ""}`}
          >
            {step.label}
            <span className="sr-only">
              {step.state === "done" ? " (done)" : step.state === "current" ? " (you are here)" : " (still to come)"}
            </span>
            {step.state === "current" ? (
              <span aria-hidden="true" className="text-brand-700 ml-2 text-sm font-semibold">
                You are here
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
