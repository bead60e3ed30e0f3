import type { Metadata } from "next";
import Link from "next/link";
import { FilterSearch, FilterSelect } from "@/components/filter-fields";
import { Pagination } from "@/components/pagination";
import { AGENCY_ROLE_LABELS, stageLabel } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import {
  MATRIX_AGENCIES_PER_PAGE,
  MATRIX_STAGES,
  trainingMatrix,
  type MatrixAgency,
  type MatrixCell,
} from "@/lib/training/queries";
import { TRAINING_DAY_LABELS, TRAINING_DAYS } from "@/lib/training/rules";
import { matrixHref, parseMatrixSearchParams } from "./search-params";

// The training matrix: for the agencies holding a place, each supervisor and worker against the
// five training days, in words ("Attended", "Booked 29 Mar", "Not booked"), and how many have
// completed. An agency whose staff have all completed is ready to recruit; a researcher confirms
// that move on the agency's own page. At national scale (a thousand agencies, twenty thousand
// staff) it is a page of agencies at a time, filtered by name and stage from the address.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

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

export default async function TrainingMatrixPage({ searchParams }: Props) {
  await requireRole("RESEARCHER");
  const { filter, values, problems } = parseMatrixSearchParams(await searchParams);
  const matrix = await trainingMatrix(filter);
  const { settings, agencies, study } = matrix;
  const filtered = Boolean(filter.search || filter.stage);
  const first = (matrix.page - 1) * MATRIX_AGENCIES_PER_PAGE + 1;
  const last = first + agencies.length - 1;
  const heading =
    matrix.matching === 0
      ? "No agency matches"
      : `${matrix.matching} ${matrix.matching === 1 ? "agency" : "agencies"}` +
        (filtered ? (matrix.matching === 1 ? " matches" : " match") : " holding a place") +
        (matrix.matching > 1 ? `: ${first === last ? `number ${first}` : `${first} to ${last}`} shown` : "");

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
        {study.agencies > 0 ? (
          <p className="font-semibold">
            {study.fullyTrained} of {study.agencies} {study.agencies === 1 ? "agency has" : "agencies have"} all their
            staff trained.
          </p>
        ) : null}
      </div>

      {problems.length > 0 ? (
        <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          <h2 className="text-danger font-bold">Part of the address could not be used, so it is left out</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {problems.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {study.agencies === 0 ? (
        <p>No agency has been selected yet. Agencies appear here once they are selected.</p>
      ) : (
        <>
          <section className="border-line bg-brand-50 rounded-lg border p-4">
            <form method="get" action="/researcher/training/matrix" aria-labelledby="matrix-filter-heading">
              <h2 id="matrix-filter-heading" className="mb-4 text-xl font-bold">
                Find agencies
              </h2>
              <div className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
                <FilterSearch id="matrix-q" value={values.q} />
                <FilterSelect
                  id="matrix-stage"
                  name="stage"
                  label="Stage"
                  anyLabel="Any stage"
                  choices={MATRIX_STAGES}
                  labelOf={stageLabel}
                  value={values.stage}
                />
              </div>
              <div className="mt-6 flex flex-wrap gap-4">
                <button type="submit" className="button-primary cursor-pointer">
                  Show
                </button>
                {filtered ? (
                  <Link href="/researcher/training/matrix" className="button-secondary">
                    Clear
                  </Link>
                ) : null}
              </div>
            </form>
          </section>

          <section aria-labelledby="matrix-results-heading" className="space-y-6">
            <h2 id="matrix-results-heading" className="text-2xl font-bold">
              {heading}
            </h2>
            {matrix.matching === 0 ? (
              <p>Change or clear the filter to see more agencies.</p>
            ) : (
              <>
                {agencies.map((agency) => (
                  <AgencyMatrix key={agency.id} agency={agency} />
                ))}
                <Pagination
                  label="Pages of the training matrix"
                  page={matrix.page}
                  pageCount={matrix.pageCount}
                  hrefFor={(target) => matrixHref(filter, target)}
                />
              </>
            )}
          </section>
        </>
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
        <h3 id={headingId} className="text-xl font-bold [overflow-wrap:anywhere]">
          {agency.teamName}
        </h3>
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
          {/* The cells' spacing and rules are set once on the table, not on each of its hundreds of cells. */}
          <table className="[&_tbody_tr]:border-line w-full min-w-[56rem] border-collapse text-left align-top [&_tbody_th]:py-3 [&_tbody_th]:pr-4 [&_tbody_th]:font-normal [&_tbody_th]:[overflow-wrap:anywhere] [&_tbody_tr]:border-b [&_td]:py-3 [&_td]:pr-4 [&_thead_th]:py-2 [&_thead_th]:pr-4">
            <caption id={`${headingId}-caption`} className="sr-only">
              Training of {agency.teamName}&apos;s staff, day by day
            </caption>
            <thead>
              <tr className="border-ink border-b-2">
                <th scope="col">Name</th>
                {TRAINING_DAYS.map((day) => (
                  <th key={day} scope="col">
                    {TRAINING_DAY_LABELS[day]}
                  </th>
                ))}
                <th scope="col">Completed</th>
              </tr>
            </thead>
            <tbody>
              {agency.people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <b className="font-semibold">{person.name}</b>
                    <span className="text-muted block text-sm">{AGENCY_ROLE_LABELS[person.role]}</span>
                  </th>
                  {person.days.map((cell) => (
                    <td key={cell.day} className={CELL_STYLE[cell.state ?? "none"] || undefined}>
                      {cellWords(cell)}
                    </td>
                  ))}
                  <td className="font-semibold">{person.completed ? "Yes" : "Not yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
