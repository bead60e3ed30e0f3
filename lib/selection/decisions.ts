// Telling agencies the team's decision. A decision (selected, reserve, not selected) stays internal
// until the team confirms: then every agency whose decision differs from the one it was last told
// gets one email per recipient with its next steps, and from then on sees that decision in the app.
// Sending again sends only what changed since (a reserve agency promoted later, for instance).
import "server-only";
import { appUrl } from "@/lib/app-url";
import { recordAudit } from "@/lib/audit/record";
import { parseAsResearcher } from "@/lib/auth/researcher-input";
import type { CurrentUser } from "@/lib/auth/user";
import { db, type Db } from "@/lib/db";
import { AGENCY_NOT_FOUND } from "@/lib/eoi/reopen";
import { notifyRecipients } from "@/lib/eoi/researcher-rules";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { lockStudy, SELECTION_TRANSACTION, type LockedStudy } from "./moves";
import { sendDecisionsSchema, type SelectionResult } from "./schema";
import { DECISIONS, isDecision, type Decision } from "./transitions";

/** Stages still waiting for a decision: the page lists them so nobody is forgotten. */
export const UNDECIDED = ["SUBMITTED", "UNDER_REVIEW", "SHORTLISTED"] as const satisfies readonly AgencyStage[];

export type PendingDecision = {
  id: string;
  teamName: string;
  organisation: string;
  stage: Decision;
  reserveRank: number | null;
  /** The decision the agency was told before, if any (a promotion from the reserve list, say). */
  decisionSentStage: AgencyStage | null;
  decisionSentAt: Date | null;
};

const DECISION_ORDER: Record<Decision, number> = { SELECTED: 0, RESERVE: 1, NOT_SELECTED: 2 };

function byDecision(a: PendingDecision, b: PendingDecision): number {
  return (
    DECISION_ORDER[a.stage] - DECISION_ORDER[b.stage] ||
    (a.reserveRank ?? 0) - (b.reserveRank ?? 0) ||
    a.teamName.localeCompare(b.teamName, "en-GB")
  );
}

const pendingSelect = {
  id: true,
  teamName: true,
  organisation: true,
  stage: true,
  reserveRank: true,
  decisionSentStage: true,
  decisionSentAt: true,
} as const;

function onlyPending(rows: (Omit<PendingDecision, "stage"> & { stage: AgencyStage })[]): PendingDecision[] {
  return rows
    .flatMap((row) =>
      isDecision(row.stage) && row.stage !== row.decisionSentStage ? [{ ...row, stage: row.stage }] : [],
    )
    .sort(byDecision);
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

type DecisionEmail = { subject: string; text: string };

/** The email for one decision, with what the agency does next. Plain text. */
export function decisionEmail(
  agency: { teamName: string; organisation: string; decisionSentStage: AgencyStage | null },
  decision: Decision,
  study: Pick<LockedStudy, "agenciesToSelect" | "workerTrainingDays" | "supervisorExtraDays">,
): DecisionEmail {
  const team = `${agency.teamName} (${agency.organisation})`;
  const earlier = agency.decisionSentStage;
  const sign = [
    "",
    `You can see your team's status at any time in the app: ${appUrl("/agency")}`,
    "",
    "The Connecting People study team",
  ];

  if (decision === "SELECTED") {
    const worker = study.workerTrainingDays;
    const extra = study.supervisorExtraDays;
    const supervisors =
      extra > 0
        ? `Supervisors take the same ${plural(worker, "day")} and ${plural(extra, "supervisor day")} more (${worker + extra} in all).`
        : `Supervisors take the same ${plural(worker, "day")}.`;
    const opening =
      earlier === "RESERVE"
        ? `A place in the Connecting People pilot has become free, and we are delighted to tell you that ${team} has been selected to take part. This replaces our earlier message that your team was on the reserve list.`
        : earlier
          ? `We are delighted to tell you that ${team} has been selected to take part in the Connecting People pilot. This replaces our earlier message about your team.`
          : `We are delighted to tell you that ${team} has been selected to take part in the Connecting People pilot.`;
    return {
      subject: `Connecting People pilot: ${agency.teamName} has been selected`,
      text: [
        "Hello,",
        "",
        opening,
        "",
        "Next steps",
        "",
        `1. Training. Every front-line worker takes ${plural(worker, "training day")}. ${supervisors}`,
        "2. Add your team. The agency lead adds the team's supervisors and workers on the Staff page of the app, so that they get their own accounts:",
        `   ${appUrl("/agency/staff")}`,
        "3. Book training. Supervisors then book the training sessions in the app, for themselves and for their workers.",
        ...sign,
      ].join("\n"),
    };
  }

  if (decision === "RESERVE") {
    return {
      subject: `Connecting People pilot: ${agency.teamName} is on the reserve list`,
      text: [
        "Hello,",
        "",
        `Thank you for your expression of interest in the Connecting People pilot. The study has ${plural(study.agenciesToSelect, "place")}, and ${team} has not been given one for now, but your team is on our reserve list.`,
        ...(earlier ? ["This replaces our earlier message about your team."] : []),
        "",
        "Next steps",
        "",
        "There is nothing you need to do now. If a place becomes free, we will contact you straight away.",
        ...sign,
      ].join("\n"),
    };
  }

  return {
    subject: `Connecting People pilot: our decision about ${agency.teamName}`,
    text: [
      "Hello,",
      "",
      `Thank you for the time and care ${team} put into its expression of interest in the Connecting People pilot.`,
      `The pilot has only ${plural(study.agenciesToSelect, "place")}, and we are sorry to tell you that your team has not been selected for this pilot.`,
      ...(earlier ? ["This replaces our earlier message about your team."] : []),
      "We are grateful for your interest and for all you told us about your team's work.",
      "",
      "Next steps",
      "",
      "There is nothing you need to do. We wish your team every success.",
      ...sign,
    ].join("\n"),
  };
}

export async function sendDecisions(
  actor: CurrentUser,
  input: unknown,
  now: Date,
  client: Db = db,
): Promise<SelectionResult> {
  const parsed = parseAsResearcher(actor, sendDecisionsSchema, input, AGENCY_NOT_FOUND);
  if (!parsed.ok) return parsed;

  return client.$transaction(async (tx): Promise<SelectionResult> => {
    // Under the Study lock no decision changes while it is being sent, and two researchers
    // confirming at once send each decision once: the second finds nothing left to send.
    const study = await lockStudy(tx);
    await tx.$queryRaw`SELECT "id" FROM "Agency" WHERE "stage" IN ('SELECTED', 'RESERVE', 'NOT_SELECTED') FOR UPDATE`;
    const decided = await tx.agency.findMany({
      where: { stage: { in: [...DECISIONS] } },
      select: {
        ...pendingSelect,
        contactEmail: true,
        staff: { where: { agencyRole: "LEAD", deactivatedAt: null }, select: { email: true } },
      },
    });
    if (decided.length === 0) {
      return {
        ok: false,
        formError:
          "No agency has a decision yet. Move agencies to “Selected”, “On the reserve list” or “Not selected” first, then send the decisions.",
      };
    }
    const pending = onlyPending(decided);
    if (pending.length === 0) {
      return {
        ok: false,
        formError:
          "Every decision has been sent already: there is nothing new to send. When you change an agency's decision, come back here to send it.",
      };
    }

    const rows = new Map(decided.map((row) => [row.id, row]));
    const counts: Record<Decision, number> = { SELECTED: 0, RESERVE: 0, NOT_SELECTED: 0 };
    const unreachable: string[] = [];
    for (const agency of pending) {
      const row = rows.get(agency.id)!;
      const recipients = notifyRecipients(
        row.staff.map((lead) => lead.email),
        row.contactEmail,
      );
      const email = decisionEmail(agency, agency.stage, study);
      // The move that made this decision: a decision reached again later (reserve, then selected,
      // then reserve) is a new move, so it is told again, while each move is told only once.
      const move = await tx.stageChange.findFirst({
        where: { agencyId: agency.id, toStage: agency.stage },
        orderBy: { at: "desc" },
        select: { id: true },
      });
      for (const to of recipients) {
        await enqueueEmail(tx, {
          to,
          kind: "decision",
          // Once per decision made and person, however often the team presses "send".
          dedupeKey: `decision:${agency.id}:${agency.stage}:${move?.id ?? "first"}:${to}`,
          subject: email.subject,
          text: email.text,
        });
      }
      if (recipients.length === 0) unreachable.push(agency.teamName);
      await tx.agency.update({
        where: { id: agency.id },
        data: { decisionSentAt: now, decisionSentStage: agency.stage },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "agency.decision_sent",
        entity: "Agency",
        entityId: agency.id,
        before: {
          decisionSentStage: agency.decisionSentStage,
          decisionSentAt: agency.decisionSentAt?.toISOString() ?? null,
        },
        after: { decisionSentStage: agency.stage, decisionSentAt: now.toISOString(), recipients },
      });
      counts[agency.stage]++;
    }
    if (study.exists && study.decisionsConfirmedAt === null) {
      await tx.study.update({ where: { id: 1 }, data: { decisionsConfirmedAt: now } });
    }

    const sent = `Sent ${plural(pending.length, "decision")}: ${counts.SELECTED} selected, ${counts.RESERVE} reserve, ${counts.NOT_SELECTED} not selected.`;
    const nobody =
      unreachable.length > 0
        ? ` ${unreachable.join(", ")} ${unreachable.length === 1 ? "has" : "have"} no lead or contact email address, so ${unreachable.length === 1 ? "it sees its" : "they see their"} decision only in the app. Contact ${unreachable.length === 1 ? "it" : "them"} another way, by telephone for instance.`
        : "";
    return { ok: true, message: `${sent}${nobody}` };
  }, SELECTION_TRANSACTION);
}
