import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ParticipantNewForm } from "@/components/participant-new-form";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { getNewParticipantContext } from "@/lib/recruitment/agency-queries";

// Adding a new referral. The form is shown only when the training gate lets the agency add
// participants; otherwise the page says why. The server asks the gate again.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Add a participant" };

export default async function NewParticipantPage() {
  const user = await requireRole("AGENCY_STAFF");
  const data = await getNewParticipantContext(user, new Date());
  if (!data) notFound();
  const refusal = data.agency.newRefusal;
  const workers = data.staff.map((person) => ({
    id: person.id,
    label: `${person.name} (${AGENCY_ROLE_LABELS[person.agencyRole].toLowerCase()}${person.isYou ? ", you" : ""})`,
  }));
  const you = data.staff.find((person) => person.isYou);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p>
          <Link href="/agency/participants">Back to participants</Link>
        </p>
        <p className="text-muted">{data.agency.teamName}</p>
        <h1 className="text-3xl font-bold">Add a participant</h1>
        <p className="max-w-2xl">
          The app gives the participant a study ID: use it, not their name, whenever you talk or write about them in the
          study. Nothing here identifies the person.
        </p>
      </div>
      {refusal ? (
        <div className="border-brand-700 bg-brand-50 max-w-2xl space-y-2 rounded-md border-l-4 p-4">
          <p>{refusal}</p>
          {data.agency.stage === "SELECTED" || data.agency.stage === "TRAINING" ? (
            <p>
              <Link href="/agency/training">Go to the Training page</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <ParticipantNewForm today={data.today} workers={workers} defaultWorkerId={you?.id ?? null} />
      )}
    </div>
  );
}
