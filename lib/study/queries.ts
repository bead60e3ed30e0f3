import "server-only";
import { db } from "@/lib/db";

/**
 * The study's settings that pages show, or null before the study has been set up; with whether
 * the questionnaire's closing date has passed at the time of reading.
 */
export async function getStudySettings() {
  const study = await db.study.findUnique({
    where: { id: 1 },
    select: {
      name: true,
      questionnaireDeadline: true,
      agenciesToSelect: true,
      workerTrainingDays: true,
      supervisorExtraDays: true,
      followUpMonths: true,
      participantTarget: true,
    },
  });
  return study && { ...study, questionnaireClosed: study.questionnaireDeadline.getTime() <= Date.now() };
}

export type StudySettings = NonNullable<Awaited<ReturnType<typeof getStudySettings>>>;
