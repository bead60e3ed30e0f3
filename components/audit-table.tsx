import Link from "next/link";
import type { AuditEventRow } from "@/lib/audit/queries";
import { actionWords, entityLabel, formatAuditTime, summariseChanges, type AuditChange } from "@/lib/audit/rules";
import { auditTrailHref } from "@/lib/audit/schema";

type AuditTableProps = {
  events: AuditEventRow[];
  caption: string;
};

/** The audit trail's entries as a table; on a narrow screen it scrolls sideways inside its own box. */
export function AuditTable({ events, caption }: AuditTableProps) {
  return (
    // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div role="region" aria-labelledby="audit-table-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full min-w-[48rem] border-collapse text-left align-top">
        <caption id="audit-table-caption" className="mb-2 text-left font-semibold">
          {caption}
        </caption>
        <thead>
          <tr className="border-ink border-b-2">
            <th scope="col" className="py-2 pr-4">
              Time (UK)
            </th>
            <th scope="col" className="py-2 pr-4">
              Person
            </th>
            <th scope="col" className="py-2 pr-4">
              Action
            </th>
            <th scope="col" className="py-2 pr-4">
              Record
            </th>
            <th scope="col" className="py-2">
              What changed
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-line border-b align-top">
              <th scope="row" className="py-3 pr-4 font-normal whitespace-nowrap tabular-nums">
                <time dateTime={event.at.toISOString()}>{formatAuditTime(event.at)}</time>
              </th>
              <td className="py-3 pr-4">
                <Actor actor={event.actor} />
              </td>
              <td className="py-3 pr-4 font-semibold">{actionWords(event.action)}</td>
              <td className="py-3 pr-4">
                <span className="block">{entityLabel(event.entity)}</span>
                <Link
                  href={auditTrailHref({ entity: event.entity, entityId: event.entityId })}
                  className="font-mono text-sm break-all"
                >
                  <span className="sr-only">All events for {entityLabel(event.entity)} </span>
                  {event.entityId}
                </Link>
              </td>
              <td className="py-3">
                <Changes changes={summariseChanges(event.before, event.after)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Actor({ actor }: { actor: AuditEventRow["actor"] }) {
  if (actor.kind === "system") return <span className="text-muted">System</span>;
  if (actor.kind === "visitor") return <span className="text-muted">Visitor (not signed in)</span>;
  return (
    <>
      <span className="block">{actor.name}</span>
      <span className="text-muted block text-sm break-all">{actor.email}</span>
    </>
  );
}

/** More lines than this, or more text, and the changes fold away behind their summary. */
const SHORT_LIST = 3;
const SHORT_TEXT = 120;

function Changes({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <span className="text-muted">No details recorded</span>;

  const list = (
    <ul className="space-y-1 text-sm">
      {changes.map((change) => (
        <li key={change.key} className="break-words">
          <span className="font-semibold">{change.key}:</span> {change.before} → {change.after}
        </li>
      ))}
    </ul>
  );

  const length = changes.reduce((total, c) => total + c.key.length + c.before.length + c.after.length, 0);
  if (changes.length <= SHORT_LIST && length <= SHORT_TEXT) return list;

  const keys = changes.map((change) => change.key).join(", ");
  return (
    <details>
      <summary className="text-sm font-semibold">
        {changes.length === 1 ? "1 change" : `${changes.length} changes`}:{" "}
        {keys.length > 60 ? `${keys.slice(0, 59)}…` : keys}
      </summary>
      <div className="mt-2">{list}</div>
    </details>
  );
}
