import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OutboxDeliveryNotice, OutboxStatus } from "@/components/outbox-status";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { emailDelivery, getOutboxEmail } from "@/lib/notifications/queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// The guard runs here too: metadata is resolved apart from the page, and the title is the subject.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireRole("RESEARCHER");
  const email = await getOutboxEmail((await params).id);
  if (!email) notFound();
  return { title: `Email: ${email.subject}` };
}

export default async function OutboxEmailPage({ params }: Props) {
  await requireRole("RESEARCHER");
  const email = await getOutboxEmail((await params).id);
  if (!email) notFound();
  const delivery = emailDelivery();

  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/researcher/outbox">Back to the outbox</Link>
      </p>
      <div className="space-y-2">
        <p className="text-muted font-semibold">Email</p>
        <h1 className="text-3xl font-bold [overflow-wrap:anywhere]">{email.subject}</h1>
      </div>
      {email.status === "PENDING" ? <OutboxDeliveryNotice delivery={delivery} /> : null}

      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 [overflow-wrap:anywhere]">
        <dt className="font-semibold">To</dt>
        <dd>{email.to}</dd>
        <dt className="font-semibold">Kind</dt>
        <dd>{email.kind}</dd>
        <dt className="font-semibold">Status</dt>
        <dd>
          <OutboxStatus email={email} delivery={delivery} />
        </dd>
        <dt className="font-semibold">Queued</dt>
        <dd>{formatUkDateTime(email.createdAt)} (UK time)</dd>
      </dl>

      <section aria-labelledby="message" className="space-y-2">
        <h2 id="message" className="text-2xl font-bold">
          Message
        </h2>
        <pre className="border-line bg-brand-50 rounded-md border p-4 font-sans [overflow-wrap:anywhere] whitespace-pre-wrap">
          {email.text}
        </pre>
      </section>

      {email.icsContent ? (
        <section aria-labelledby="calendar" className="space-y-2">
          <h2 id="calendar" className="text-2xl font-bold">
            Calendar attachment ({email.icsMethod === "CANCEL" ? "cancellation" : "invitation"})
          </h2>
          <details>
            <summary>Show the calendar file</summary>
            <pre className="border-line mt-2 rounded-md border p-4 text-sm [overflow-wrap:anywhere] whitespace-pre-wrap">
              {email.icsContent}
            </pre>
          </details>
        </section>
      ) : null}
    </div>
  );
}
