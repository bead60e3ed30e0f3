// The team's training at a glance: each supervisor and worker down the side, each training day
// across the top, and in every cell where that person stands on that day, in words (never colour
// alone). Days a person's role does not need say so. Rendered on the server.
import { sessionShortDate } from "@/components/training-agency-session-details";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import type { TrainingDay } from "@/lib/generated/prisma/client";
import type { Trainee } from "@/lib/training/agency-queries";
import { DAY_STATE_LABELS, TRAINING_DAY_LABELS, type DayState } from "@/lib/training/rules";

type Props = { caption: string; days: readonly TrainingDay[]; trainees: Trainee[] };

const STATE_CLASSES: Record<DayState, string> = {
  attended: "font-semibold",
  booked: "",
  waitlisted: "",
  absent: "text-danger font-semibold",
  missing: "text-muted",
};

export function TrainingAgencyProgressTable({ caption, days, trainees }: Props) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="training-progress-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-left align-top">
        <caption id="training-progress-caption" className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4">
              Name
            </th>
            {days.map((day) => (
              <th key={day} scope="col" className="py-2 pr-4">
                {TRAINING_DAY_LABELS[day]}
              </th>
            ))}
            <th scope="col" className="py-2 pr-4">
              Training complete
            </th>
          </tr>
        </thead>
        <tbody>
          {trainees.map((trainee) => (
            <tr key={trainee.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal">
                <span className="block font-semibold [overflow-wrap:anywhere]">
                  {trainee.name}
                  {trainee.isYou ? " (you)" : ""}
                </span>
                <span className="text-muted block text-sm">{AGENCY_ROLE_LABELS[trainee.agencyRole]}</span>
              </th>
              {days.map((day) => {
                const entry = trainee.days.find((candidate) => candidate.day === day);
                if (!entry) {
                  return (
                    <td key={day} className="text-muted py-3 pr-4 text-sm">
                      Not needed
                    </td>
                  );
                }
                return (
                  <td key={day} className="py-3 pr-4 text-sm">
                    <span className={`block ${STATE_CLASSES[entry.state]}`}>{DAY_STATE_LABELS[entry.state]}</span>
                    {entry.startsAt && entry.state !== "absent" ? (
                      <time dateTime={entry.startsAt.toISOString()} className="block">
                        {sessionShortDate(entry.startsAt)}
                      </time>
                    ) : null}
                  </td>
                );
              })}
              <td className="py-3 pr-4">{trainee.completed ? "Yes" : "Not yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
