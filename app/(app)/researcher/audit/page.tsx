import type { Metadata } from "next";
import { AuditErrorSummary } from "@/components/audit-error-summary";
import { AuditFilterForm } from "@/components/audit-filter-form";
import { AuditPagination } from "@/components/audit-pagination";
import { AuditTable } from "@/components/audit-table";
import { listAuditActions, listAuditEvents } from "@/lib/audit/queries";
import { AUDIT_FILTER_FIELDS, auditTrailHref, parseAuditSearchParams } from "@/lib/audit/schema";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit trail" };

export const dynamic = "force-dynamic";

type AuditTrailPageProps = {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Fields that have a control in the form; any other problem is listed without a link. */
const FORM_FIELDS = new Set<string>(["action", "entity", "entityId", "actorEmail", "from", "to"]);

export default async function AuditTrailPage({ searchParams }: AuditTrailPageProps) {
  await requireRole("RESEARCHER");

  const { filter, page, values, fieldErrors } = parseAuditSearchParams(await searchParams);
  const [result, actions] = await Promise.all([listAuditEvents({ ...filter, page }), listAuditActions()]);

  const problems = AUDIT_FILTER_FIELDS.flatMap((field) => {
    const message = fieldErrors[field];
    return message ? [{ fieldId: FORM_FIELDS.has(field) ? field : null, message }] : [];
  });
  const filtered = Object.keys(filter).length > 0;
  const count = `${result.total} ${result.total === 1 ? "event" : "events"}`;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Audit trail</h1>
        <p className="max-w-2xl">
          Every change that matters, newest first: who made it, when (UK time), to which record, and what changed.
          Passwords and other secrets are never shown.
        </p>
        <p className="max-w-2xl font-semibold">The audit trail cannot be changed or deleted.</p>
      </div>

      {problems.length > 0 ? <AuditErrorSummary problems={problems} /> : null}

      <section className="border-line bg-brand-50 rounded-lg border p-4">
        <AuditFilterForm actions={actions} values={values} fieldErrors={fieldErrors} />
      </section>

      <section aria-labelledby="audit-results-heading" className="space-y-4">
        <h2 id="audit-results-heading" className="text-2xl font-bold">
          {filtered ? `${count} ${result.total === 1 ? "matches" : "match"} the filter` : count}
        </h2>
        {result.events.length === 0 ? (
          <p>
            {filtered
              ? "No events match the filter. Change or clear it to see more."
              : "Nothing has been recorded yet."}
          </p>
        ) : (
          <>
            <AuditTable
              events={result.events}
              caption={`Audit events, newest first: page ${result.page} of ${result.pageCount}`}
            />
            <AuditPagination
              page={result.page}
              pageCount={result.pageCount}
              hrefFor={(target) => auditTrailHref(filter, target)}
            />
          </>
        )}
      </section>
    </div>
  );
}
