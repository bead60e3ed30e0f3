import "server-only";
import { db } from "@/lib/db";
import { STUDY_DEFAULTS } from "./defaults";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import { STUDY_ID } from "./settings";

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

/**
 * What the settings form starts from: the saved settings, or the announced defaults and no
 * closing date before the study has been set up; with how many agencies already hold a place, and
 * the server's clock at the time of reading.
 */
export async function getStudySettingsForEditing() {
  const [study, agenciesSelected] = await Promise.all([
    db.study.findUnique({
      where: { id: STUDY_ID },
      select: {
        questionnaireDeadline: true,
        agenciesToSelect: true,
        workerTrainingDays: true,
        supervisorExtraDays: true,
        followUpMonths: true,
        followUpWindowDays: true,
        participantTarget: true,
      },
    }),
    db.agency.count({ where: { stage: { in: [...HOLDS_A_PLACE] } } }),
  ]);
  const { name: _name, ...defaults } = STUDY_DEFAULTS;
  const readAt = new Date();
  return {
    settings: study ?? { ...defaults, followUpWindowDays: 28, questionnaireDeadline: null },
    agenciesSelected,
    questionnaireClosed: study ? study.questionnaireDeadline.getTime() <= readAt.getTime() : false,
    readAt,
  };
}
