import type { ReactNode } from "react";
import { SectionTabs } from "@/components/section-tabs";
import { requireRole } from "@/lib/auth/session";

// The research team's view of recruitment: every participant, the follow-up list and the CONSORT
// flow, one tab each. The dashboard (recruitment against target, the chart) is the Overview page.
export default async function ResearcherParticipantsLayout({ children }: { children: ReactNode }) {
  await requireRole("RESEARCHER");
  return (
    <div className="space-y-6">
      <SectionTabs
        label="Participants"
        items={[
          { href: "/researcher/participants", label: "All participants", match: "exact" },
          { href: "/researcher/participants/follow-up", label: "Follow-up", match: "prefix" },
          { href: "/researcher/participants/consort", label: "CONSORT flow", match: "prefix" },
        ]}
      />
      {children}
    </div>
  );
}
