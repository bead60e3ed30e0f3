import type { Metadata } from "next";
import Link from "next/link";
import { AGENCY_ROLE_LABELS, stageLabel } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { trainingMatrix, type MatrixAgency, type MatrixCell } from "@/lib/training/queries";
import { TRAINING_DAY_LABELS, TRAINING_DAYS } from "@/lib/training/rules";

// The training matrix: for every agency holding a place, each supervisor and worker against the
// five training days, in words ("Attended", "Booked 29 Mar", "Not booked"), and how many have
// completed. An agency whose staff have all completed is ready to recruit; a researcher confirms
// that move on the agency's own page.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Training matrix" };
}

const shortDate = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short" });

function cellWords(cell: MatrixCell): string {
  switch (cell.state) {
    case null:
      return "Not needed";
    case "attended":
      return "Attended";
    case "booked":
      return cell.startsAt ? `Booked ${shortDate.format(cell.startsAt)}` : "Booked";
    case "waitlisted":
      return "Waiting list";
    case "absent":
      return "Absent";
    case "missing":
      return "Not booked";
  }
}

const CELL_STYLE: Record<NonNullable<MatrixCell["state"]> | "none", string> = {
  attended: "font-semibold",
  booked: "",
  waitlisted: "",
  absent: "text-danger font-semibold",
  missing: "text-danger",
  none: "text-muted",
};

export default async function TrainingMatrixPage() {
  await requireRole("RESEARCHER");
  const { settings, agencies } = await trainingMatrix();
  const ready = agencies.filter((agency) => agency.allCompleted).length;

  return (
    <div className="space-y-8">
      <p>
        <Link href="/researcher/training">Back to the training sessions</Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Training matrix</h1>
        <p className="max-w-3xl">
          Every supervisor and worker of every selected agency, and where they stand on each training day. Workers need
          worker days 1 to {settings.workerTrainingDays}
          {settings.supervisorExtraDays > 0
            ? `; supervisors need those and supervisor days 1 to ${settings.supervisorExtraDays}`
            : "; supervisors need the same days"}
          . A person has completed training when they have attended every day they need.
        </p>
        {agencies.length > 0 ? (
          <p className="font-semibold">
            {ready} of {agencies.length} {agencies.length === 1 ? "agency has" : "agencies have"} all their staff
            trained.
          </p>
        ) : null}
      </div>

      {agencies.length === 0 ? (
        <p>No agency has been selected yet. Agencies appear here once they are selected.</p>
      ) : (
        agencies.map((agency) => <AgencyMatrix key={agency.id} agency={agency} />)
      )}
    </div>
  );
}

function AgencyMatrix({ agency }: { agency: MatrixAgency }) {
  const headingId = `agency-${agency.id}`;
  // Only an agency in training moves on to recruiting (a selected one starts training first).
  const canMoveOn = agency.stage === "TRAINING";
  return (
    <section aria-labelledby={headingId} className="border-line space-y-4 border-t pt-6">
      <div className="space-y-1">
        <h2 id={headingId} className="text-2xl font-bold [overflow-wrap:anywhere]">
          {agency.teamName}
        </h2>
        <p className="text-muted [overflow-wrap:anywhere]">
          {agency.organisation}. Stage: {stageLabel(agency.stage)}.
        </p>
      </div>
      <p className="text-lg font-semibold">
        {agency.trainees === 0
          ? "No supervisors or workers are registered yet."
          : `${agency.completed} of ${agency.trainees} staff have completed training.`}
      </p>
      {agency.allCompleted && canMoveOn ? (
        <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
          <strong>Ready to start recruiting.</strong> Every supervisor and worker has completed training.{" "}
          <Link href={`/researcher/agencies/${agency.id}`}>Move {agency.teamName} to recruiting on its page</Link>.
        </p>
      ) : agency.allCompleted ? (
        <p>Every supervisor and worker has completed training.</p>
      ) : null}
      {agency.trainees > 0 ? (
        // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div role="region" aria-labelledby={`${headingId}-caption`} tabIndex={0} className="overflow-x-auto">
          <table className="w-full min-w-[56rem] border-collapse text-left align-top">
            <caption id={`${headingId}-caption`} className="sr-only">
              Training of {agency.teamName}&apos;s staff, day by day
            </caption>
            <thead>
              <tr className="border-ink border-b-2">
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                {TRAINING_DAYS.map((day) => (
                  <th key={day} scope="col" className="py-2 pr-4">
                    {TRAINING_DAY_LABELS[day]}
                  </th>
                ))}
                <th scope="col" className="py-2">
                  Completed
                </th>
              </tr>
            </thead>
            <tbody>
              {agency.people.map((person) => (
                <tr key={person.id} className="border-line border-b align-top">
                  <th scope="row" className="py-3 pr-4 font-normal [overflow-wrap:anywhere]">
                    <span className="font-semibold">{person.name}</span>
                    <span className="text-muted block text-sm">{AGENCY_ROLE_LABELS[person.role]}</span>
                  </th>
                  {person.days.map((cell) => (
                    <td key={cell.day} className={`py-3 pr-4 ${CELL_STYLE[cell.state ?? "none"]}`}>
                      {cellWords(cell)}
                    </td>
                  ))}
                  <td className="py-3 font-semibold">{person.completed ? "Yes" : "Not yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
