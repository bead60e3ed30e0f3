// A participant's record as it happened: each entry of the audit trail about them, oldest first, in
// a plain sentence ("Screened: eligible on 5 March 2026"), with who recorded it. The agency's and the
// researchers' participant pages show it; the caller checks first that the participant is one the
// viewer may see.
import "server-only";
import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isCalendarDate, formatCalendarDate, MEASURE_LABELS, STATUS_LABELS, SUBGROUP_LABELS } from "./rules";

export type HistoryEntry = {
  at: Date;
  /** Who recorded it; null for the system or someone whose account is gone. */
  actorName: string | null;
  action: string;
  words: string;
};

type Fields = Record<string, unknown>;

function fieldsOf(value: Prisma.JsonValue | null): Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : {};
}

function text(fields: Fields, key: string): string | null {
  const value = fields[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** " on 5 March 2026", or nothing when the entry has no readable date. */
function onDate(fields: Fields, key: string): string {
  const value = text(fields, key);
  return value && isCalendarDate(value) ? ` on ${formatCalendarDate(value)}` : "";
}

/** ": the reason", or nothing. */
function because(fields: Fields, key: string): string {
  const value = text(fields, key);
  return value ? `: ${value}` : "";
}

/** " (WEMWBS, EQ-5D)", or nothing. */
function measuresOf(fields: Fields, key: string): string {
  const value = fields[key];
  if (!Array.isArray(value)) return "";
  const labels = value
    .filter(
      (measure): measure is keyof typeof MEASURE_LABELS => typeof measure === "string" && measure in MEASURE_LABELS,
    )
    .map((measure) => MEASURE_LABELS[measure]);
  return labels.length > 0 ? ` (${labels.join(", ")})` : "";
}

function labelOf<T extends Record<string, string>>(labels: T, value: unknown): string | null {
  return typeof value === "string" && value in labels ? labels[value as keyof T]! : null;
}

/** One audit entry about a participant in a plain sentence. */
export function historyWords(action: string, after: Prisma.JsonValue | null): string {
  const fields = fieldsOf(after);
  switch (action) {
    case "participant.referred": {
      const details = [
        labelOf(SUBGROUP_LABELS, fields.subgroup),
        fields.isNewReferral === true
          ? "new referral"
          : fields.isNewReferral === false
            ? "already known to the team"
            : null,
      ].filter((detail): detail is string => detail !== null);
      return `Referred${onDate(fields, "referralDate")}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
    }
    case "participant.screened_eligible":
      return `Screened: eligible${onDate(fields, "screenedDate")}`;
    case "participant.screened_not_eligible":
      return `Screened: not eligible${onDate(fields, "screenedDate")}${because(fields, "ineligibleReason")}`;
    case "participant.consented":
      return `Consented${onDate(fields, "consentDate")}`;
    case "participant.declined":
      return `Declined${onDate(fields, "declinedDate")}${because(fields, "declineReason")}`;
    case "participant.baseline_done":
      return `Baseline interview done${onDate(fields, "baselineDate")}${measuresOf(fields, "baselineMeasures")}`;
    case "participant.follow_up_done":
      return `Follow-up interview done${onDate(fields, "followUpDate")}${measuresOf(fields, "followUpMeasures")}`;
    case "participant.withdrawn": {
      const keep =
        fields.keepDataOnWithdrawal === true
          ? "; data may be kept"
          : fields.keepDataOnWithdrawal === false
            ? "; data must not be used"
            : "";
      return `Withdrawn${onDate(fields, "withdrawnDate")}${because(fields, "withdrawalReason")}${keep}`;
    }
    case "participant.lost_to_follow_up":
      return `Lost to follow-up${onDate(fields, "lostDate")}${because(fields, "lostReason")}`;
    case "participant.step_undone": {
      const back = labelOf(STATUS_LABELS, fields.status);
      return `Step undone by the research team${because(fields, "reason")}${back ? ` (back to “${back}”)` : ""}`;
    }
    default:
      return "Record changed";
  }
}

/** The participant's audit entries, oldest first, in words. */
export async function participantHistory(participantId: string, client: Db = db): Promise<HistoryEntry[]> {
  const entries = await client.auditEvent.findMany({
    where: { entity: "Participant", entityId: participantId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true, action: true, after: true, actor: { select: { name: true } } },
  });
  return entries.map((entry) => ({
    at: entry.at,
    actorName: entry.actor?.name ?? null,
    action: entry.action,
    words: historyWords(entry.action, entry.after),
  }));
}
