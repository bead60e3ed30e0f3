// The decisions panel of the selection page: what sending the decisions now would send, to whom,
// and what it would leave out, above the form that sends them.
import Link from "next/link";
import { SelectionDecisionsForm } from "@/components/selection-decisions-form";
import { stageLabel } from "@/lib/agencies/stages";
import { formatUkDateTime } from "@/lib/dates";
import { pipelineHref } from "@/lib/selection/pipeline-params";
import type { DecisionOverview, DecisionRow } from "@/lib/selection/queries";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { DECISIONS, type Decision } from "@/lib/selection/transitions";

const DECISION_HEADINGS: Record<Decision, string> = {
  SELECTED: "Selected",
  RESERVE: "On the reserve list",
  NOT_SELECTED: "Not selected",
};

const agencies = (count: number) => `${count} ${count === 1 ? "agency" : "agencies"}`;

/** Under a list that names only the first few: how many more, and where to see them all. */
function More({ shown, count, stage }: { shown: number; count: number; stage?: AgencyStage }) {
  if (count <= shown) return null;
  return (
    <p className="mt-2 text-sm">
      And {agencies(count - shown)} more
      {stage ? (
        <>
          {" "}
          (
          <Link href={`${pipelineHref({ stage, sort: "team" })}#pipeline-heading`}>
            {stageLabel(stage)} in the pipeline
          </Link>
          )
        </>
      ) : null}
      .
    </p>
  );
}

/**
 * What sending the decisions now would do: the agencies to be emailed, by decision (with the
 * decision they were told before, when it changes), the agencies still undecided, who will not be
 * emailed, and when the team first sent decisions. Then the form that sends them.
 */
export function SelectionDecisions({ overview }: { overview: DecisionOverview }) {
  const { unreachable, unreachableCount, undecided, undecidedCount } = overview;

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
            <DecisionGroup
              key={decision}
              decision={decision}
              rows={overview.toSend[decision]}
              count={overview.toSendCounts[decision]}
            />
          ))}
        </div>
      ) : (
        <p>Move agencies to a decision (selected, reserve list or not selected), then come back here to send it.</p>
      )}
      {unreachableCount > 0 ? (
        <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          <p className="font-semibold">No email address for {agencies(unreachableCount)}:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {unreachable.map((row) => (
              <li key={row.id}>
                <Link href={`/researcher/agencies/${row.id}`}>{row.teamName}</Link>
              </li>
            ))}
          </ul>
          <More shown={unreachable.length} count={unreachableCount} />
          <p className="mt-2">
            Their decision is recorded when you send, but nobody is emailed: they have no agency lead and no contact
            email address. Tell them another way.
          </p>
        </div>
      ) : null}

      <h3 className="text-xl font-bold">
        {undecidedCount === 0
          ? "Every agency in review has a decision"
          : `Still undecided, not emailed: ${agencies(undecidedCount)}`}
      </h3>
      {undecidedCount > 0 ? (
        <>
          <p>These agencies get no email when you send. Decide on them first if they should hear now.</p>
          <ul className="list-disc space-y-1 pl-5">
            {undecided.map((row) => (
              <li key={row.id}>
                <Link href={`/researcher/agencies/${row.id}`} className="[overflow-wrap:anywhere]">
                  {row.teamName}
                </Link>{" "}
                <span className="text-muted">({stageLabel(row.stage)})</span>
              </li>
            ))}
          </ul>
          <More shown={undecided.length} count={undecidedCount} />
        </>
      ) : null}

      <SelectionDecisionsForm toSendCount={overview.toSendCount} />
    </div>
  );
}

function DecisionGroup({ decision, rows, count }: { decision: Decision; rows: DecisionRow[]; count: number }) {
  const id = `decision-${decision.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="border-line rounded-md border p-3">
      <h4 id={id} className="font-bold">
        {DECISION_HEADINGS[decision]} ({count})
      </h4>
      {count === 0 ? (
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
      <More shown={rows.length} count={count} stage={decision} />
    </section>
  );
}
