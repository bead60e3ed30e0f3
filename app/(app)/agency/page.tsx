import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StageSteps } from "@/components/stage-steps";
import { getAgencySummary } from "@/lib/agencies/queries";
import { AGENCY_ROLE_LABELS, agencyProgress, STAGE_FOR_AGENCY } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";

export const metadata: Metadata = { title: "My agency" };

export const dynamic = "force-dynamic";

export default async function MyAgencyPage() {
  const user = await requireRole("AGENCY_STAFF");
  const agency = await getAgencySummary(user.agencyId);
  if (!agency) notFound();

  const withdrawn = agency.stage === "WITHDRAWN";

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p className="text-muted">{agency.organisation}</p>
        <h1 className="text-3xl font-bold">{agency.teamName}</h1>
        <p>
          You are signed in as <strong>{user.name}</strong>, {AGENCY_ROLE_LABELS[user.agencyRole].toLowerCase()} for
          this team.
        </p>
      </div>

      <section aria-labelledby="progress" className="max-w-2xl space-y-4">
        <h2 id="progress" className="text-2xl font-bold">
          Where your team is in the pilot
        </h2>
        <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">{STAGE_FOR_AGENCY[agency.stage]}</p>
        {withdrawn ? null : (
          <StageSteps steps={agencyProgress(agency.stage)} label="Steps of the pilot for your team" />
        )}
      </section>
    </div>
  );
}
