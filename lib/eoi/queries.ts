// What the agency's questionnaire pages read: the caller's own questionnaire only (scoped by the
// agencyId of the signed-in member of staff), with its window, progress and eligibility.
import "server-only";
import type { AgencyStaffUser } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { isEligible, questionnaireWindow, sectionProgress, timeLeft, type QuestionnaireWindow } from "./rules";
import type { QuestionnaireAnswers } from "./schema";
import { canEditQuestionnaire } from "./questionnaire";
import { stageShownToAgency } from "@/lib/selection/transitions";

export async function getOwnQuestionnaire(user: AgencyStaffUser, now: Date) {
  const [agency, study] = await Promise.all([
    db.agency.findUnique({
      where: { id: user.agencyId },
      select: {
        id: true,
        organisation: true,
        teamName: true,
        stage: true,
        decisionSentStage: true,
        contactName: true,
        contactRole: true,
        contactEmail: true,
        contactPhone: true,
        expressionOfInterest: {
          select: { status: true, answers: true, submittedAnswers: true, submittedAt: true, reopenedUntil: true },
        },
      },
    }),
    db.study.findUnique({ where: { id: 1 }, select: { questionnaireDeadline: true } }),
  ]);
  if (!agency) return null;
  const eoi = agency.expressionOfInterest;
  const submitted = eoi?.status === "SUBMITTED";
  const answers = ((submitted ? eoi?.submittedAnswers : eoi?.answers) ?? {}) as QuestionnaireAnswers;
  const window: QuestionnaireWindow | null = study
    ? questionnaireWindow({ deadline: study.questionnaireDeadline, reopenedUntil: eoi?.reopenedUntil ?? null, now })
    : null;
  const progress = sectionProgress(answers);
  return {
    agency: {
      id: agency.id,
      organisation: agency.organisation,
      teamName: agency.teamName,
      // A decision the team has not sent yet is not the agency's to see.
      stage: stageShownToAgency(agency.stage, agency.decisionSentStage),
    },
    contact: {
      contactName: agency.contactName ?? "",
      contactRole: agency.contactRole ?? "",
      contactEmail: agency.contactEmail ?? "",
      contactPhone: agency.contactPhone ?? "",
    },
    submitted,
    submittedAt: eoi?.submittedAt ?? null,
    answers,
    window,
    timeLeft: window?.open ? timeLeft(window.closesAt, now) : null,
    progress,
    completeCount: Object.values(progress).filter((p) => p.complete).length,
    eligibilityAnswered: answers.eligibility !== undefined,
    eligible: isEligible(answers),
    canEdit: canEditQuestionnaire(user) && !submitted && window?.open === true,
    mayEditRole: canEditQuestionnaire(user),
  };
}

export type OwnQuestionnaire = NonNullable<Awaited<ReturnType<typeof getOwnQuestionnaire>>>;
