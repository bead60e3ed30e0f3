// The decisions panel of the selection page: what sending the decisions now would send, to whom,
// and what it would leave out, above the form that sends them.
import Link from "next/link";
import { SelectionDecisionsForm } from "@/components/selection-decisions-form";
import { stageLabel } from "@/lib/agencies/stages";
import { formatUkDateTime } from "@/lib/dates";
import type { DecisionOverview, DecisionRow } from "@/lib/selection/queries";
import { DECISIONS, type Decision } from "@/lib/selection/transitions";

const DECISION_HEADINGS: Record<Decision, string> = {
  SELECTED: "Selected",
  RESERVE: "On the reserve list",
  NOT_SELECTED: "Not selected",
};

const agencies = (count: number) => `${count} ${count === 1 ? "agency" : "agencies"}`;

/**
 * What sending the decisions now would do: the agencies to be emailed, by decision (with the
 * decision they were told before, when it changes), the agencies still undecided, who will not be
 * emailed, and when the team first sent decisions. Then the form that sends them.
 */
export function SelectionDecisions({ overview }: { overview: DecisionOverview }) {
  const unreachable = DECISIONS.flatMap((decision) => overview.toSend[decision]).filter((row) => !row.reachable);

  return (
    <div className="space-y-6">
      <p className="max-w-3xl">
        A decision stays inside the study team until it is sent: until then the agency sees the decision it was last
        told, or that its questionnaire is under review.{" "}
        {overview.confirmedAt ? (
          <>
            Decisions were first sent on{" "}
            <time dateTime={overview.confirmedAt.toISOString()}>{formatUkDateTime(overview.confirmedAt)}</time> (UK
            time).
          </>
        ) : (
          "No decision has been sent yet."
        )}{" "}
        {overview.alreadyTold > 0 ? `${agencies(overview.alreadyTold)} already know their current decision.` : null}
      </p>

      <h3 className="text-xl font-bold">
        {overview.toSendCount === 0
          ? "No decision is waiting to be sent"
          : `To be sent: ${agencies(overview.toSendCount)}`}
      </h3>
      {overview.toSendCount > 0 ? (
        <div className="grid gap-6 md:grid-cols-3">
          {DECISIONS.map((decision) => (
            <DecisionGroup key={decision} decision={decision} rows={overview.toSend[decision]} />
          ))}
        </div>
      ) : (
        <p>Move agencies to a decision (selected, reserve list or not selected), then come back here to send it.</p>
      )}
      {unreachable.length > 0 ? (
        <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          <p className="font-semibold">No email address for {agencies(unreachable.length)}:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {unreachable.map((row) => (
              <li key={row.id}>
                <Link href={`/researcher/agencies/${row.id}`}>{row.teamName}</Link>
              </li>
            ))}
          </ul>
          <p className="mt-2">
            Their decision is recorded when you send, but nobody is emailed: they have no agency lead and no contact
            email address. Tell them another way.
          </p>
        </div>
      ) : null}

      <h3 className="text-xl font-bold">
        {overview.undecided.length === 0
          ? "Every agency in review has a decision"
          : `Still undecided, not emailed: ${agencies(overview.undecided.length)}`}
      </h3>
      {overview.undecided.length > 0 ? (
        <>
          <p>These agencies get no email when you send. Decide on them first if they should hear now.</p>
          <ul className="list-disc space-y-1 pl-5">
            {overview.undecided.map((row) => (
              <li key={row.id}>
                <Link href={`/researcher/agencies/${row.id}`} className="[overflow-wrap:anywhere]">
                  {row.teamName}
                </Link>{" "}
                <span className="text-muted">({stageLabel(row.stage)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <SelectionDecisionsForm toSendCount={overview.toSendCount} />
    </div>
  );
}

function DecisionGroup({ decision, rows }: { decision: Decision; rows: DecisionRow[] }) {
  const id = `decision-${decision.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="border-line rounded-md border p-3">
      <h4 id={id} className="font-bold">
        {DECISION_HEADINGS[decision]} ({rows.length})
      </h4>
      {rows.length === 0 ? (
        <p className="text-muted mt-2">None</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {rows.map((row) => (
            <li key={row.id} className="[overflow-wrap:anywhere]">
              <Link href={`/researcher/agencies/${row.id}`}>{row.teamName}</Link>
              {row.decisionSentStage ? (
                <span className="text-muted block text-sm">was told: {stageLabel(row.decisionSentStage)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
