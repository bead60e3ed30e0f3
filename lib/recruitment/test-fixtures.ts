// Factories for the recruitment database tests: a recruiting agency with a worker, and participants
// whose rows carry what their status needs (the CHECKs of the migration
// 20261126020000_participant_record_checks), each with unique names so tests never share data.
import { createStaff, unique } from "@/lib/accounts/test-helpers";
import { db, type Db } from "@/lib/db";
import type { ParticipantStatus, Prisma, Subgroup } from "@/lib/generated/prisma/client";
import { formatStudyId } from "./rules";

/** A calendar date as Prisma gives a @db.Date column: UTC midnight. */
export const day = (date: string) => new Date(`${date}T00:00:00Z`);

/** The fields a status needs (CHECK "Participant_status_has_its_record"), with dates in order. */
export function recordFor(status: ParticipantStatus): Partial<Prisma.ParticipantUncheckedCreateInput> {
  const screened = { screenedDate: day("2026-01-10") };
  const consented = { ...screened, consentDate: day("2026-01-15") };
  const baseline = {
    ...consented,
    baselineDate: day("2026-01-20"),
    baselineMeasures: ["WEMWBS", "EQ_5D"] as const,
  };
  switch (status) {
    case "REFERRED":
      return {};
    case "ELIGIBLE":
      return screened;
    case "NOT_ELIGIBLE":
      return { ...screened, ineligibleReason: "Outside the team's area" };
    case "CONSENTED":
      return consented;
    case "DECLINED":
      return { ...screened, declinedDate: day("2026-01-16"), declineReason: "Too busy" };
    case "BASELINE_DONE":
      return { ...baseline, baselineMeasures: [...baseline.baselineMeasures] };
    case "FOLLOW_UP_DONE":
      return {
        ...baseline,
        baselineMeasures: [...baseline.baselineMeasures],
        followUpDate: day("2026-10-20"),
        followUpMeasures: ["WEMWBS"],
      };
    case "WITHDRAWN":
      return {
        ...consented,
        withdrawnDate: day("2026-02-01"),
        withdrawalReason: "Moved away",
        keepDataOnWithdrawal: true,
      };
    case "LOST_TO_FOLLOW_UP":
      return {
        ...baseline,
        baselineMeasures: [...baseline.baselineMeasures],
        lostDate: day("2026-11-30"),
        lostReason: "No reply",
      };
  }
}

/** An agency at the recruiting stage with one worker, in the shared test database. */
export async function recruitingAgency() {
  const agency = await db.agency.create({
    data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage: "RECRUITING" },
  });
  const worker = await createStaff(agency.id, "WORKER", `Worker ${unique()}`);
  return { agency, worker };
}

export type ParticipantSpec = {
  status?: ParticipantStatus;
  subgroup?: Subgroup;
  /** "YYYY-MM-DD"; 5 January 2026 unless given. */
  referralDate?: string;
  /** Fields written over the ones the status gives. */
  extra?: Partial<Prisma.ParticipantUncheckedCreateInput>;
};

/**
 * One participant a spec, numbered 1, 2, 3… in the agency (so the agency must have none yet), every
 * other one a new referral; returns the agency's participants in that order.
 */
export async function addParticipants(
  agency: { id: string; code: number },
  workerId: string,
  specs: ParticipantSpec[],
  client: Db = db,
) {
  await client.participant.createMany({
    data: specs.map((spec, index) => ({
      agencyId: agency.id,
      sequence: index + 1,
      studyId: formatStudyId(agency.code, index + 1),
      workerId,
      subgroup: spec.subgroup ?? "ADULT_MENTAL_HEALTH",
      isNewReferral: index % 2 === 0,
      status: spec.status ?? "REFERRED",
      referralDate: day(spec.referralDate ?? "2026-01-05"),
      ...recordFor(spec.status ?? "REFERRED"),
      ...spec.extra,
    })),
  });
  return client.participant.findMany({ where: { agencyId: agency.id }, orderBy: { sequence: "asc" } });
}
