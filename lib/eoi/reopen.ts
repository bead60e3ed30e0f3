// A researcher reopens one agency's questionnaire until a UK date and time they choose: a late
// agency is let in, or a submitted one may correct its answers and submit again. The agency is
// told by email. Everything happens in one transaction with its audit entries.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { stageLabel } from "@/lib/agencies/stages";
import { appUrl } from "@/lib/app-url";
import type { CurrentUser } from "@/lib/auth/user";
import { formatUkDateTime, ukLocalToUtc } from "@/lib/dates";
import { db } from "@/lib/db";
import { invalidInput } from "@/lib/forms";
import type { AgencyStage, Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { notifyRecipients } from "./researcher-rules";
import { questionnaireWindow } from "./rules";
import { reopenQuestionnaireSchema, type ReopenResult } from "./researcher-schema";

export const AGENCY_NOT_FOUND = {
  ok: false,
  formError: "We could not find that agency. It may have been removed; go back to the list of agencies.",
} as const;

const REOPENABLE: readonly AgencyStage[] = ["DRAFT", "SUBMITTED"];

const ukDay = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "full" });

export async function reopenQuestionnaire(actor: CurrentUser, input: unknown, now: Date): Promise<ReopenResult> {
  // Only researchers reopen; to anyone else the agency does not exist.
  if (actor.role !== "RESEARCHER") return AGENCY_NOT_FOUND;
  const parsed = reopenQuestionnaireSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { agencyId, date, time, reason } = parsed.data;

  const until = ukLocalToUtc(date, time);
  if (!until) {
    const day = ukDay.format(new Date(`${date}T00:00:00Z`));
    return {
      ok: false,
      fieldErrors: {
        time: [
          `${time} does not exist in the UK on ${day}: the clocks go forward an hour that night. Choose a time after 02:00.`,
        ],
      },
    };
  }
  if (until <= now) {
    return {
      ok: false,
      fieldErrors: {
        date: [`Choose a date and time in the future. It is now ${formatUkDateTime(now)} (UK time).`],
      },
    };
  }

  return db.$transaction(async (tx): Promise<ReopenResult> => {
    // Locked so that a submission or another reopening at the same moment waits for this one.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Agency" WHERE "id" = ${agencyId}::uuid FOR UPDATE`;
    if (locked.length === 0) return AGENCY_NOT_FOUND;
    const agency = await tx.agency.findUniqueOrThrow({
      where: { id: agencyId },
      select: {
        id: true,
        teamName: true,
        organisation: true,
        stage: true,
        contactEmail: true,
        staff: { where: { agencyRole: "LEAD", deactivatedAt: null }, select: { email: true } },
        expressionOfInterest: {
          select: { id: true, status: true, submittedAnswers: true, reopenedUntil: true },
        },
      },
    });
    if (!REOPENABLE.includes(agency.stage)) {
      return {
        ok: false,
        formError: `${agency.teamName} is at the stage "${stageLabel(agency.stage)}", so its questionnaire can no longer be reopened. Only a questionnaire that is in progress or submitted can be reopened.`,
      };
    }

    const study = await tx.study.findUnique({ where: { id: 1 }, select: { questionnaireDeadline: true } });
    // The agency can edit until the later of the study's deadline and the time chosen here.
    const window = study
      ? questionnaireWindow({ deadline: study.questionnaireDeadline, reopenedUntil: until, now })
      : null;
    const closesAt = window?.open ? window.closesAt : until;

    const eoi = agency.expressionOfInterest;
    const wasSubmitted = eoi?.status === "SUBMITTED";
    const reopened = { reopenedAt: now, reopenedUntil: until };
    if (!eoi) {
      await tx.expressionOfInterest.create({ data: { agencyId, status: "DRAFT", ...reopened } });
    } else {
      await tx.expressionOfInterest.update({
        where: { agencyId },
        data: wasSubmitted
          ? // The last submission stays as it was; the draft starts from it so the agency can correct it.
            { status: "DRAFT", answers: (eoi.submittedAnswers ?? {}) as Prisma.InputJsonValue, ...reopened }
          : reopened,
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "eoi.reopened",
      entity: "ExpressionOfInterest",
      entityId: agencyId,
      before: { status: eoi?.status ?? null, reopenedUntil: eoi?.reopenedUntil?.toISOString() ?? null },
      after: { status: "DRAFT", reopenedUntil: until.toISOString(), reason },
    });

    if (agency.stage === "SUBMITTED") {
      await tx.agency.update({ where: { id: agencyId }, data: { stage: "DRAFT" } });
      await tx.stageChange.create({
        data: { agencyId, fromStage: "SUBMITTED", toStage: "DRAFT", byId: actor.id, at: now, reason },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "agency.stage_changed",
        entity: "Agency",
        entityId: agencyId,
        before: { stage: "SUBMITTED" },
        after: { stage: "DRAFT", reason },
      });
    }

    const when = formatUkDateTime(closesAt);
    const link = appUrl("/agency/questionnaire");
    const recipients = notifyRecipients(
      agency.staff.map((lead) => lead.email),
      agency.contactEmail,
    );
    for (const to of recipients) {
      await enqueueEmail(tx, {
        to,
        kind: "eoi-reopened",
        subject: `Your expression of interest is open again until ${when}`,
        text: [
          "Hello,",
          "",
          `The Connecting People study team has reopened the questionnaire (expression of interest) of ${agency.teamName}, ${agency.organisation}.`,
          `You can change it and submit it until ${when} (UK time).`,
          ...(wasSubmitted
            ? ["Your submitted answers are kept: correct what you need to, then submit the questionnaire again."]
            : []),
          "",
          `Open the questionnaire: ${link}`,
          "",
          "The Connecting People study team",
        ].join("\n"),
      });
    }

    const told =
      recipients.length > 0
        ? ` We have emailed ${recipients.join(", ")}.`
        : " The agency has no email address to tell.";
    return {
      ok: true,
      message: `The questionnaire of ${agency.teamName} is open again until ${when} (UK time).${told}`,
    };
  });
}
