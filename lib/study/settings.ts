// Changing the study's settings (the one Study row): validated, audited with what changed, and
// when the questionnaire's closing date moves, every agency still filling it in is told.
import "server-only";
import { appUrl } from "@/lib/app-url";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/user";
import { formatUkDateTime } from "@/lib/dates";
import { db, type Db } from "@/lib/db";
import { invalidInput } from "@/lib/forms";
import { enqueueEmail } from "@/lib/notifications/outbox";
import { HOLDS_A_PLACE } from "@/lib/selection/transitions";
import { STUDY_DEFAULTS } from "./defaults";
import { SETTING_FIELDS, studySettingsSchema, type StudySettingsResult, type StudySettingsValues } from "./schema";

export const STUDY_ID = 1;

export const CONFIRM_CLOSE_NOW_MESSAGE =
  "This closing time has already passed, so saving it closes the questionnaire now. Tick the box to confirm, or choose a later time.";

type Settings = Pick<StudySettingsValues, (typeof SETTING_FIELDS)[number]>;

const asJson = (value: Settings[keyof Settings]) => (value instanceof Date ? value.toISOString() : value);

const same = (a: Settings[keyof Settings], b: Settings[keyof Settings]) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/**
 * Saves the study settings for a researcher. `now` is the server's clock (a closing time at or
 * before it needs the researcher's explicit confirmation); `client` lets tests use their own database.
 */
export async function updateStudySettings(
  researcher: CurrentUser,
  input: unknown,
  now: Date = new Date(),
  client: Db = db,
): Promise<StudySettingsResult> {
  if (researcher.role !== "RESEARCHER") {
    return { ok: false, formError: "Only the study team can change the study settings." };
  }
  const parsed = studySettingsSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const values = parsed.data;
  const next: Settings = {
    questionnaireDeadline: values.questionnaireDeadline,
    agenciesToSelect: values.agenciesToSelect,
    workerTrainingDays: values.workerTrainingDays,
    supervisorExtraDays: values.supervisorExtraDays,
    followUpMonths: values.followUpMonths,
    followUpWindowDays: values.followUpWindowDays,
    participantTarget: values.participantTarget,
  };

  return client.$transaction(async (tx): Promise<StudySettingsResult> => {
    // Two researchers saving at once take turns, so each audit entry's "before" is what it replaced.
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Study" WHERE "id" = ${STUDY_ID} FOR UPDATE`;
    const current =
      locked.length > 0 ? await tx.study.findUniqueOrThrow({ where: { id: STUDY_ID }, select: settingsSelect }) : null;

    const changed = SETTING_FIELDS.filter((field) => !current || !same(current[field], next[field]));
    if (current && changed.length === 0) {
      return { ok: true, message: "Nothing to save: the settings were already as you entered them." };
    }

    const deadlineMoved = changed.includes("questionnaireDeadline");
    if (deadlineMoved && next.questionnaireDeadline.getTime() <= now.getTime() && !values.confirmCloseNow) {
      return { ok: false, fieldErrors: { confirmCloseNow: [CONFIRM_CLOSE_NOW_MESSAGE] } };
    }

    if (current && next.agenciesToSelect < current.agenciesToSelect) {
      const taken = await tx.agency.count({ where: { stage: { in: [...HOLDS_A_PLACE] } } });
      if (next.agenciesToSelect < taken) {
        return {
          ok: false,
          fieldErrors: {
            agenciesToSelect: [
              `${taken} ${taken === 1 ? "agency is" : "agencies are"} already selected or further along, so the number of agencies to select cannot be lower than ${taken}.`,
            ],
          },
        };
      }
    }

    if (current) {
      await tx.study.update({ where: { id: STUDY_ID }, data: next });
    } else {
      await tx.study.create({ data: { id: STUDY_ID, name: STUDY_DEFAULTS.name, ...next } });
    }
    await recordAudit(tx, {
      actorId: researcher.id,
      action: "study.settings_changed",
      entity: "Study",
      entityId: String(STUDY_ID),
      before: current ? Object.fromEntries(changed.map((field) => [field, asJson(current[field])])) : null,
      after: Object.fromEntries(changed.map((field) => [field, asJson(next[field])])),
    });

    if (deadlineMoved) {
      const leads = await tx.user.findMany({
        where: { agencyRole: "LEAD", deactivatedAt: null, agency: { stage: "DRAFT" } },
        select: { email: true, name: true, agency: { select: { teamName: true, organisation: true } } },
        orderBy: { email: "asc" },
      });
      for (const lead of leads) {
        await enqueueEmail(
          tx,
          deadlineChangedEmail({
            to: lead.email,
            name: lead.name,
            team: lead.agency ? `${lead.agency.teamName}, ${lead.agency.organisation}` : "your team",
            before: current?.questionnaireDeadline ?? null,
            after: next.questionnaireDeadline,
            now,
          }),
        );
      }
    }

    const closedNow = deadlineMoved && next.questionnaireDeadline.getTime() <= now.getTime();
    return {
      ok: true,
      message: closedNow
        ? "Study settings saved. The questionnaire is now closed."
        : deadlineMoved
          ? `Study settings saved. The questionnaire now closes on ${formatUkDateTime(next.questionnaireDeadline)} (UK time).`
          : "Study settings saved.",
    };
  });
}

const settingsSelect = {
  questionnaireDeadline: true,
  agenciesToSelect: true,
  workerTrainingDays: true,
  supervisorExtraDays: true,
  followUpMonths: true,
  followUpWindowDays: true,
  participantTarget: true,
} as const;

/** The email to an agency's lead when the closing date of the questionnaire moves. */
export function deadlineChangedEmail({
  to,
  name,
  team,
  before,
  after,
  now,
}: {
  to: string;
  name: string;
  team: string;
  before: Date | null;
  after: Date;
  now: Date;
}) {
  const closesAt = `${formatUkDateTime(after)} (UK time)`;
  const closed = after.getTime() <= now.getTime();
  const news = closed
    ? `The questionnaire for Connecting People pilot agencies has now closed (the closing date is ${closesAt}). Questionnaires that were not submitted can no longer be sent.`
    : before && after.getTime() > before.getTime()
      ? `The closing date for the questionnaire has been extended. It now closes on ${closesAt}.`
      : `The closing date for the questionnaire has changed. It now closes on ${closesAt}.`;
  const next = closed
    ? "If you think this is a mistake, reply to this email and the study team will get back to you."
    : `Your team's questionnaire is not submitted yet. You can finish it and submit it until then: ${appUrl("/agency")}`;
  return {
    to,
    subject: closed
      ? "The Connecting People questionnaire has closed"
      : `New closing date for the Connecting People questionnaire: ${formatUkDateTime(after)}`,
    text: `Dear ${name},\n\n${news}\n\n${next}\n\nThis email is about ${team}.\n\nThe Connecting People study team`,
    kind: "study-deadline-changed",
  };
}
