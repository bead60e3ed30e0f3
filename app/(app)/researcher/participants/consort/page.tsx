import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConsortPngButton } from "@/components/consort-png-button";
import { FilterSelect } from "@/components/filter-fields";
import { STAGE_LABELS } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import type { ConsortBox, ConsortCount, ConsortExit, ConsortFlow, StageCount } from "@/lib/recruitment/consort";
import {
  findConsortAgency,
  listConsortAgencies,
  loadConsortDiagram,
  type ConsortAgencyChoice,
} from "@/lib/recruitment/consort-queries";

// The CONSORT flow diagram, for the whole study or one agency, drawn from live records: the same SVG
// as the download, shown on the page (a screen reader hears its title and summary), then every
// number and reason in it as tables. The diagram keeps its size and scrolls sideways on a phone.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "CONSORT flow" };
}

const DIAGRAM_ID = "consort-diagram";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const choiceLabel = (agency: ConsortAgencyChoice) => `${agency.teamName} (${agency.organisation})`;

export default async function ConsortPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("RESEARCHER");
  const raw = (await searchParams).agency;
  const wanted = (Array.isArray(raw) ? raw[0] : raw)?.trim() || null;
  const [agency, choices] = await Promise.all([
    wanted ? findConsortAgency(wanted) : Promise.resolve(null),
    listConsortAgencies(),
  ]);
  const unknown = wanted !== null && agency === null;
  // An agency reached by its address is offered in the list too, so the form shows what is drawn.
  const options = agency && !choices.some((choice) => choice.id === agency.id) ? [agency, ...choices] : choices;
  const labels = new Map(options.map((choice) => [choice.id, choiceLabel(choice)]));
  const diagram = await loadConsortDiagram(agency, new Date());
  const svgHref = agency
    ? `/researcher/export/consort?agency=${encodeURIComponent(agency.id)}`
    : "/researcher/export/consort";

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">CONSORT flow</h1>
        <p className="max-w-3xl">
          How many agencies reached each step from expressing interest to recruiting, then how many participants reached
          each step from referral to follow-up, with the people who left at each step and why, and those still waiting.
          Each percentage is of the step above; a dash (–) means the step above has nobody in it.
        </p>
      </div>

      {unknown ? (
        <div className="border-danger bg-danger-50 max-w-3xl rounded-md border-l-4 p-4">
          <h2 className="text-xl font-bold">There is no agency at that address</h2>
          <p>
            The address asks for an agency that does not exist, so the flow below is for the whole study. Choose an
            agency from the list to see its own flow.
          </p>
        </div>
      ) : null}

      <form method="get" aria-labelledby="consort-choice-heading" className="max-w-xl space-y-4">
        <h2 id="consort-choice-heading" className="text-xl font-bold">
          Choose the flow to show
        </h2>
        <FilterSelect
          id="consort-agency"
          name="agency"
          label="Whole study or one agency"
          anyLabel="Whole study"
          choices={options.map((choice) => choice.id)}
          labelOf={(id) => labels.get(id) ?? id}
          value={agency?.id}
        />
        <button type="submit" className="button-primary cursor-pointer">
          Show the flow
        </button>
      </form>

      <section aria-labelledby="consort-shown-heading" className="space-y-4">
        <div className="space-y-1">
          <h2 id="consort-shown-heading" className="text-2xl font-bold [overflow-wrap:anywhere]">
            {agency ? choiceLabel(agency) : "Whole study"}
          </h2>
          <p className="text-muted">{diagram.subtitle}</p>
        </div>
        <div className="flex flex-wrap items-start gap-4">
          <a href={svgHref} download={`${diagram.filenameStem}.svg`} className="button-secondary">
            Download SVG
          </a>
          <ConsortPngButton diagramId={DIAGRAM_ID} filename={`${diagram.filenameStem}.png`} />
        </div>
        <Scroller
          name={{ "aria-label": "The CONSORT flow diagram (scroll sideways to see all of it on a small screen)" }}
        >
          <div
            id={DIAGRAM_ID}
            className="border-line w-max rounded-md border bg-white"
            dangerouslySetInnerHTML={{ __html: diagram.svg }}
          />
        </Scroller>
        <details>
          <summary className="text-brand-700 cursor-pointer font-semibold">
            The numbers in the diagram as a table
          </summary>
          <ConsortTables flow={diagram.flow} />
        </details>
      </section>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The same numbers as tables

const percentOf = (box: ConsortBox | ConsortCount) => box.percent ?? "";

/** A box that scrolls sideways on a small screen: reachable by keyboard, and so named (WCAG 2.1.1). */
function Scroller({
  name,
  children,
}: {
  name: { "aria-label": string } | { "aria-labelledby": string };
  children: ReactNode;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" {...name} tabIndex={0} className="max-w-full overflow-x-auto">
      {children}
    </div>
  );
}

const TH = "py-2 pr-4 text-left align-bottom";
const TD = "py-2 pr-4 align-top";

function StepTable({ id, caption, rows }: { id: string; caption: string; rows: [string, ConsortBox][] }) {
  return (
    <Scroller name={{ "aria-labelledby": id }}>
      <table className="w-full min-w-[28rem] border-collapse">
        <caption id={id} className="text-left text-lg font-bold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className={TH}>
              Step
            </th>
            <th scope="col" className={TH}>
              Number
            </th>
            <th scope="col" className={TH}>
              Percentage of the step above
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, box]) => (
            <tr key={label} className="border-line border-b">
              <th scope="row" className={`${TD} text-left font-normal`}>
                {label}
              </th>
              <td className={TD}>{box.count}</td>
              <td className={TD}>{percentOf(box)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroller>
  );
}

function Reasons({ exit }: { exit?: ConsortExit }) {
  if (!exit || exit.reasons.length === 0) return null;
  return (
    <ul className="list-disc pl-5">
      {exit.reasons.map((entry) => (
        <li key={entry.reason} className="[overflow-wrap:anywhere]">
          {entry.reason}: {entry.count}
        </li>
      ))}
    </ul>
  );
}

type LeftRow = { label: string; count: number; percent: string; exit?: ConsortExit };

function LeftTable({ flow }: { flow: ConsortFlow["participants"] }) {
  const exit = (label: string, entry: ConsortExit, of: string): LeftRow => ({
    label,
    count: entry.count,
    percent: entry.percent === "–" ? "–" : `${entry.percent} of ${of}`,
    exit: entry,
  });
  const waiting = (label: string, count: number): LeftRow => ({ label, count, percent: "" });
  const rows: LeftRow[] = [
    exit("Left before screening (withdrawn or lost)", flow.leftBeforeScreening, "referred"),
    waiting("Awaiting screening", flow.awaitingScreening),
    {
      label: "Excluded after assessment, in all",
      count: flow.excluded.count,
      percent: flow.excluded.percent === "–" ? "–" : `${flow.excluded.percent} of assessed`,
    },
    exit("Excluded: not eligible", flow.excluded.notEligible, "assessed"),
    exit("Excluded: declined", flow.excluded.declined, "assessed"),
    exit("Excluded: other reasons (withdrawn or lost before consent)", flow.excluded.otherReasons, "assessed"),
    waiting("Awaiting a consent decision", flow.awaitingConsent),
    exit("Withdrawn before baseline", flow.leftBeforeBaseline.withdrawn, "consented"),
    exit("Lost to follow-up before baseline", flow.leftBeforeBaseline.lost, "consented"),
    waiting("Awaiting baseline", flow.awaitingBaseline),
    exit("Withdrawn before follow-up", flow.leftBeforeFollowUp.withdrawn, "baseline"),
    exit("Lost to follow-up before follow-up", flow.leftBeforeFollowUp.lost, "baseline"),
    waiting("Awaiting follow-up", flow.awaitingFollowUp),
    exit("Withdrew after follow-up (still counted as followed up)", flow.withdrawnAfterFollowUp, "followed up"),
  ];
  return (
    <Scroller name={{ "aria-labelledby": "consort-left-caption" }}>
      <table className="w-full min-w-[36rem] border-collapse">
        <caption id="consort-left-caption" className="text-left text-lg font-bold">
          Participants who left or are waiting, with the reasons recorded
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className={TH}>
              Group
            </th>
            <th scope="col" className={TH}>
              Number
            </th>
            <th scope="col" className={TH}>
              Percentage
            </th>
            <th scope="col" className={TH}>
              Reasons
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-line border-b">
              <th scope="row" className={`${TD} text-left font-normal`}>
                {row.label}
              </th>
              <td className={TD}>{row.count}</td>
              <td className={TD}>{row.percent}</td>
              <td className={TD}>
                <Reasons exit={row.exit} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroller>
  );
}

function StoppedTable({ stoppedAt }: { stoppedAt: ConsortFlow["agencies"]["stoppedAt"] }) {
  const steps: [string, StageCount[]][] = [
    ["Expressed interest, not eligible", stoppedAt.expressedInterest],
    ["Eligible, not selected", stoppedAt.eligible],
    ["Selected, training not completed", stoppedAt.selected],
    ["Trained, not recruiting", stoppedAt.trained],
  ];
  const rows = steps.flatMap(([step, stages]) => stages.map((entry) => ({ step, ...entry })));
  return (
    <Scroller name={{ "aria-labelledby": "consort-stopped-caption" }}>
      <table className="w-full min-w-[28rem] border-collapse">
        <caption id="consort-stopped-caption" className="text-left text-lg font-bold">
          Agencies that went no further, by their stage now
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className={TH}>
              Went no further than
            </th>
            <th scope="col" className={TH}>
              Stage now
            </th>
            <th scope="col" className={TH}>
              Number
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className={TD}>
                None: every agency that expressed interest is recruiting, or none has expressed interest yet.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={`${row.step}-${row.stage}`} className="border-line border-b">
                <th scope="row" className={`${TD} text-left font-normal`}>
                  {row.step}
                </th>
                <td className={TD}>{STAGE_LABELS[row.stage]}</td>
                <td className={TD}>{row.count}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Scroller>
  );
}

function ConsortTables({ flow }: { flow: ConsortFlow }) {
  const a = flow.agencies;
  const p = flow.participants;
  return (
    <div className="mt-4 space-y-8">
      <StepTable
        id="consort-agencies-caption"
        caption="Agencies at each step"
        rows={[
          ["Expressed interest (questionnaire submitted)", a.expressedInterest],
          ["Eligible", a.eligible],
          ["Selected", a.selected],
          ["Trained (every supervisor and worker)", a.trained],
          ["Recruiting participants", a.recruiting],
        ]}
      />
      <StoppedTable stoppedAt={a.stoppedAt} />
      <StepTable
        id="consort-participants-caption"
        caption="Participants at each step"
        rows={[
          ["Referred", p.referred],
          ["Assessed for eligibility", p.assessed],
          ["Consented", p.consented],
          ["Baseline interview done", p.baseline],
          ["Followed up", p.followedUp],
        ]}
      />
      <LeftTable flow={p} />
    </div>
  );
}
