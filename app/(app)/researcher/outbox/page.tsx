import type { Metadata } from "next";
import Link from "next/link";
import { OutboxDeliveryNotice, OutboxStatus } from "@/components/outbox-status";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import {
  emailDelivery,
  listOutboxEmails,
  OUTBOX_PAGE_SIZE,
  parseOutboxFilter,
  type OutboxFilter,
} from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "Outbox" };

export const dynamic = "force-dynamic";

const statusOptions = [
  { value: "", label: "Any status" },
  { value: "PENDING", label: "Waiting to be sent" },
  { value: "SENT", label: "Sent" },
  { value: "FAILED", label: "Failed" },
] as const;

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("RESEARCHER");
  const filter = parseOutboxFilter(await searchParams);
  const { emails, total, page, pageCount } = await listOutboxEmails(filter);
  const delivery = emailDelivery();
  const filtered = Boolean(filter.status || filter.to);
  const first = (page - 1) * OUTBOX_PAGE_SIZE + 1;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Outbox</h1>
        <p>Every email the app has queued, newest first. Times are UK time.</p>
      </div>
      <OutboxDeliveryNotice delivery={delivery} />

      <form method="get" role="search" aria-label="Filter emails" className="flex flex-wrap items-end gap-4">
        <div className="space-y-1">
          <label htmlFor="status" className="block font-semibold">
            Status
          </label>
          <select
            id="status"
            name="status"
            defaultValue={filter.status ?? ""}
            className="border-muted text-ink block min-h-11 rounded-md border-2 bg-white px-3 py-2"
          >
            {statusOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="to" className="block font-semibold">
            Recipient
          </label>
          <p id="to-hint" className="text-muted text-sm">
            All or part of an email address
          </p>
          <input
            id="to"
            name="to"
            type="search"
            defaultValue={filter.to ?? ""}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="to-hint"
            className="border-muted text-ink block min-h-11 w-72 max-w-full rounded-md border-2 bg-white px-3 py-2"
          />
        </div>
        <button type="submit" className="button-primary cursor-pointer">
          Show emails
        </button>
        {filtered ? (
          <Link href="/researcher/outbox" className="inline-flex min-h-11 items-center">
            Show all emails
          </Link>
        ) : null}
      </form>

      <p>
        {total === 0
          ? filtered
            ? "No email matches this filter."
            : "No email has been queued yet."
          : `Showing ${first} to ${first + emails.length - 1} of ${total} ${total === 1 ? "email" : "emails"}${filtered ? " matching the filter" : ""}.`}
      </p>

      {emails.length > 0 ? (
        <ol className="divide-line border-line divide-y border-y">
          {emails.map((email) => (
            <li key={email.id} className="space-y-1 py-4">
              <h2 className="text-lg font-semibold">
                <Link href={`/researcher/outbox/${email.id}`}>{email.subject}</Link>
              </h2>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm [overflow-wrap:anywhere]">
                <dt className="text-muted">To</dt>
                <dd>{email.to}</dd>
                <dt className="text-muted">Kind</dt>
                <dd>{email.kind}</dd>
                <dt className="text-muted">Status</dt>
                <dd>
                  <OutboxStatus email={email} delivery={delivery} />
                </dd>
                <dt className="text-muted">Queued</dt>
                <dd>{formatUkDateTime(email.createdAt)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : null}

      {pageCount > 1 ? <Pagination filter={filter} page={page} pageCount={pageCount} /> : null}
    </div>
  );
}

function Pagination({ filter, page, pageCount }: { filter: OutboxFilter; page: number; pageCount: number }) {
  const href = (target: number) => {
    const query = new URLSearchParams();
    if (filter.status) query.set("status", filter.status);
    if (filter.to) query.set("to", filter.to);
    if (target > 1) query.set("page", String(target));
    const search = query.toString();
    return search ? `/researcher/outbox?${search}` : "/researcher/outbox";
  };
  return (
    <nav aria-label="Pages of the outbox" className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className="button-secondary">
          Newer emails
        </Link>
      ) : null}
      <p>
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="button-secondary">
          Older emails
        </Link>
      ) : null}
    </nav>
  );
}
