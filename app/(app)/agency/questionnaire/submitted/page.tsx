import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime } from "@/lib/dates";
import { getOwnQuestionnaire } from "@/lib/eoi/queries";

export const metadata: Metadata = { title: "Expression of interest submitted" };

export const dynamic = "force-dynamic";

export default async function QuestionnaireSubmittedPage() {
  const user = await requireRole("AGENCY_STAFF");
  const q = await getOwnQuestionnaire(user, new Date());
  if (!q) notFound();
  if (!q.submitted) redirect("/agency/questionnaire");

  return (
    <div className="max-w-2xl space-y-6">
      <div className="border-brand-700 bg-brand-50 space-y-2 rounded-md border-l-4 p-6">
        <h1 className="text-3xl font-bold">Expression of interest submitted</h1>
        {q.submittedAt ? <p>Received on {formatUkDateTime(q.submittedAt)} (UK time).</p> : null}
      </div>
      <p>
        Thank you. We have emailed a copy of your answers to your contact person and your agency’s lead. The study team
        will review your expression of interest and let you know the outcome.
      </p>
      <p>
        <Link href="/agency/questionnaire">See your submitted answers and contact details</Link>
      </p>
      <p>
        <Link href="/agency">Back to your agency’s page</Link>
      </p>
    </div>
  );
}
