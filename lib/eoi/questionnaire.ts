// The agency's own questionnaire: reading it, saving a section as a draft, submitting it, and
// correcting contact details afterwards. Each function takes the acting user (already
// authenticated by the server action), the raw input and the server's clock, so the deadline is
// judged by the server alone and tests can place `now` exactly. An agency only ever reaches its
// own questionnaire: every query is scoped by the actor's agencyId, never by an id from the input.
import "server-only";
import { appUrl } from "@/lib/app-url";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/user";
import { formatUkDateTime } from "@/lib/dates";
import { db, Prisma } from "@/lib/db";
import { invalidInput } from "@/lib/forms";
import { enqueueEmail as enqueue } from "@/lib/notifications/outbox";
import { isEligible, questionnaireWindow, sectionProgress } from "./rules";
import {
  draftSectionSchemas,
  SECTION_KEYS,
  SECTION_TITLES,
  type QuestionnaireAnswers,
  type SectionKey,
} from "./schema";
import { answersAsText, contactDetailsSchema, isSectionKey } from "./sections";

export type EoiResult =
  | { ok: true; message?: string }
  | { ok: false; fieldErrors?: Record<string, string[] | undefined>; formError?: string };

const NOT_ALLOWED = {
  ok: false,
  formError: "Only your agency's lead or a supervisor can change the questionnaire. Workers can read it.",
} as const;
const NOT_SET_UP = {
  ok: false,
  formError: "The questionnaire is not open yet: the study team has not set its deadline. Please try again later.",
} as const;
const ALREADY_SUBMITTED = {
  ok: false,
  formError: "Your team has already submitted its expression of interest, and submitted answers cannot be changed.",
} as const;
export const INELIGIBLE_MESSAGE =
  "Thank you for your interest. The pilot is only for teams working with adults of working age with mental health problems, older adults with functional mental health problems (not dementia), or adults with learning disabilities. Your answers say your team works with none of these groups, so it cannot take part and the questionnaire cannot be submitted. If this is a mistake, change your answer to “Who does this team work with?”.";

export function closedMessage(closedAt: Date): string {
  return `The deadline for expressions of interest passed on ${formatUkDateTime(closedAt)}; ask the study team to reopen your questionnaire.`;
}

/** Leads and supervisors fill the questionnaire in; workers only read it. */
export function canEditQuestionnaire(user: CurrentUser): user is CurrentUser & { role: "AGENCY_STAFF" } {
  return user.role === "AGENCY_STAFF" && (user.agencyRole === "LEAD" || user.agencyRole === "SUPERVISOR");
}

type LockedEoi = {
  id: string;
  status: "DRAFT" | "SUBMITTED";
  answers: QuestionnaireAnswers;
  reopenedUntil: Date | null;
};

/** The agency's questionnaire row, created when missing, locked until the transaction ends. */
async function lockQuestionnaire(tx: Prisma.TransactionClient, agencyId: string): Promise<LockedEoi> {
  await tx.expressionOfInterest.upsert({ where: { agencyId }, create: { agencyId }, update: {}, select: { id: true } });
  const rows = await tx.$queryRaw<LockedEoi[]>`
    SELECT "id", "status"::text AS "status", "answers", "reopenedUntil"
    FROM "ExpressionOfInterest" WHERE "agencyId" = ${agencyId}::uuid
    FOR UPDATE`;
  return rows[0]!;
}

async function studyDeadline(tx: Prisma.TransactionClient): Promise<Date | null> {
  const study = await tx.study.findUnique({ where: { id: 1 }, select: { questionnaireDeadline: true } });
  return study?.questionnaireDeadline ?? null;
}

/** Saves one section of the draft (replacing what that section held before). */
export async function saveSection(user: CurrentUser, input: unknown, now: Date): Promise<EoiResult> {
  if (!canEditQuestionnaire(user)) return NOT_ALLOWED;
  const shape = input as { section?: unknown; answers?: unknown } | null;
  if (!shape || !isSectionKey(shape.section)) {
    return { ok: false, formError: "That part of the questionnaire does not exist. Reload the page and try again." };
  }
  const section: SectionKey = shape.section;
  const parsed = draftSectionSchemas[section].safeParse(shape.answers ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const agencyId = user.agencyId;

  return db.$transaction(async (tx): Promise<EoiResult> => {
    const deadline = await studyDeadline(tx);
    if (!deadline) return NOT_SET_UP;
    const eoi = await lockQuestionnaire(tx, agencyId);
    if (eoi.status === "SUBMITTED") return ALREADY_SUBMITTED;
    const window = questionnaireWindow({ deadline, reopenedUntil: eoi.reopenedUntil, now });
    if (!window.open) return { ok: false, formError: closedMessage(window.closedAt) };

    const answers: QuestionnaireAnswers = structuredClone(eoi.answers ?? {});
    const before = section.startsWith("practice.")
      ? answers.practice?.[section.slice("practice.".length) as keyof NonNullable<QuestionnaireAnswers["practice"]>]
      : answers[section as keyof QuestionnaireAnswers];
    if (section.startsWith("practice.")) {
      const name = section.slice("practice.".length) as keyof NonNullable<QuestionnaireAnswers["practice"]>;
      answers.practice = { ...answers.practice, [name]: parsed.data };
    } else {
      (answers as Record<string, unknown>)[section] = parsed.data;
    }
    await tx.expressionOfInterest.update({
      where: { id: eoi.id },
      data: { answers: answers as Prisma.InputJsonValue },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "eoi.section_saved",
      entity: "ExpressionOfInterest",
      entityId: eoi.id,
      before: { section, answers: (before ?? null) as Prisma.InputJsonValue },
      after: { section, answers: parsed.data as Prisma.InputJsonValue },
    });
    return { ok: true, message: `“${SECTION_TITLES[section]}” saved.` };
  });
}

/** Freezes the answers, moves the agency to SUBMITTED, and tells the agency and the researchers. */
export async function submitQuestionnaire(user: CurrentUser, now: Date): Promise<EoiResult> {
  if (!canEditQuestionnaire(user)) return NOT_ALLOWED;
  const agencyId = user.agencyId;

  return db.$transaction(async (tx): Promise<EoiResult> => {
    const deadline = await studyDeadline(tx);
    if (!deadline) return NOT_SET_UP;
    const eoi = await lockQuestionnaire(tx, agencyId);
    if (eoi.status === "SUBMITTED") return ALREADY_SUBMITTED;
    const window = questionnaireWindow({ deadline, reopenedUntil: eoi.reopenedUntil, now });
    if (!window.open) return { ok: false, formError: closedMessage(window.closedAt) };
    const answers = eoi.answers ?? {};
    if (!isEligible(answers)) return { ok: false, formError: INELIGIBLE_MESSAGE };
    const progress = sectionProgress(answers);
    const incomplete = SECTION_KEYS.filter((key) => !progress[key].complete);
    if (incomplete.length > 0) {
      return {
        ok: false,
        formError: `Some sections are not complete yet: ${incomplete.map((key) => SECTION_TITLES[key]).join("; ")}. Complete them, then submit.`,
      };
    }

    const team = answers.team!;
    const agency = await tx.agency.findUniqueOrThrow({
      where: { id: agencyId },
      select: { stage: true, teamName: true, contactEmail: true },
    });
    const columns = {
      organisation: team.organisation!,
      teamName: team.teamName!,
      sector: team.sector!,
      region: team.region!,
      address: team.address!,
      contactName: team.contactName!,
      contactRole: team.contactRole!,
      contactEmail: team.contactEmail!,
      contactPhone: team.contactPhone!,
      clientGroups: answers.eligibility!.clientGroups!,
    };
    const moves = agency.stage === "DRAFT";
    await tx.expressionOfInterest.update({
      where: { id: eoi.id },
      data: { status: "SUBMITTED", submittedAt: now, submittedAnswers: answers as Prisma.InputJsonValue },
    });
    await tx.agency.update({ where: { id: agencyId }, data: { ...columns, ...(moves ? { stage: "SUBMITTED" } : {}) } });
    if (moves) {
      await tx.stageChange.create({
        data: {
          agencyId,
          fromStage: "DRAFT",
          toStage: "SUBMITTED",
          byId: user.id,
          at: now,
          reason: "Questionnaire submitted",
        },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "agency.stage_changed",
        entity: "Agency",
        entityId: agencyId,
        before: { stage: "DRAFT" },
        after: { stage: "SUBMITTED", reason: "Questionnaire submitted" },
      });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "eoi.submitted",
      entity: "ExpressionOfInterest",
      entityId: eoi.id,
      after: { submittedAt: now.toISOString() },
    });

    const leads = await tx.user.findMany({
      where: { agencyId, agencyRole: "LEAD", deactivatedAt: null },
      select: { email: true },
    });
    const recipients = [
      ...new Set([columns.contactEmail, ...leads.map((lead) => lead.email)].map((e) => e.toLowerCase())),
    ];
    const teamName = columns.teamName;
    const confirmation = [
      `Thank you. We received the expression of interest of ${teamName} (${columns.organisation}) on ${formatUkDateTime(now)}.`,
      "The study team will review it and let you know the outcome. Here is a copy of your answers.",
      "",
      answersAsText(answers),
      "",
      `You can see your team's progress at ${appUrl("/agency")}.`,
    ].join("\n");
    for (const to of recipients) {
      await enqueue(tx, {
        to,
        subject: "Connecting People pilot: your expression of interest was received",
        text: confirmation,
        kind: "eoi-submitted",
        dedupeKey: `eoi-submitted:${eoi.id}:${now.getTime()}:${to}`,
      });
    }
    const researchers = await tx.user.findMany({
      where: { role: "RESEARCHER", deactivatedAt: null },
      select: { email: true },
    });
    for (const researcher of researchers) {
      await enqueue(tx, {
        to: researcher.email,
        subject: `${teamName} has submitted an expression of interest`,
        text: `${teamName} (${columns.organisation}) has submitted an expression of interest on ${formatUkDateTime(now)}.\n\nRead it at ${appUrl(`/researcher/agencies/${agencyId}`)}`,
        kind: "eoi-received",
        dedupeKey: `eoi-received:${eoi.id}:${now.getTime()}:${researcher.email}`,
      });
    }
    return { ok: true, message: "Your expression of interest has been submitted." };
  });
}

/** After submission: the agency's contact details on its own row; the submitted answers stay frozen. */
export async function updateContactDetails(user: CurrentUser, input: unknown): Promise<EoiResult> {
  if (!canEditQuestionnaire(user)) return NOT_ALLOWED;
  const parsed = contactDetailsSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const agencyId = user.agencyId;

  return db.$transaction(async (tx): Promise<EoiResult> => {
    const eoi = await lockQuestionnaire(tx, agencyId);
    if (eoi.status !== "SUBMITTED") {
      return {
        ok: false,
        formError: "Change the contact details in the questionnaire's team section until it is submitted.",
      };
    }
    const before = await tx.agency.findUniqueOrThrow({
      where: { id: agencyId },
      select: { contactName: true, contactRole: true, contactEmail: true, contactPhone: true },
    });
    await tx.agency.update({ where: { id: agencyId }, data: parsed.data });
    await recordAudit(tx, {
      actorId: user.id,
      action: "agency.contact_updated",
      entity: "Agency",
      entityId: agencyId,
      before,
      after: parsed.data,
    });
    return { ok: true, message: "Contact details saved." };
  });
}
