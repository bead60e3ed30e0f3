// What researchers read about expressions of interest: every agency with its questionnaire's
// state, and one agency's questionnaire as it was submitted. The state (draft, submitted, late,
// reopened) is worked out by lib/eoi/rules.ts with the study's deadline and the server's clock.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { AgencyStage, ClientGroup, Region } from "@/lib/generated/prisma/client";
import { questionnaireState, questionnaireWindow, sectionProgress, type QuestionnaireState } from "./rules";
import { describeAnswers } from "./researcher-answers";
import { QUESTIONNAIRE_STATES, type AgencyListParams } from "./researcher-schema";
import { REGION_LABELS, SECTION_KEYS, SECTION_TITLES, type QuestionnaireAnswers, type SectionKey } from "./schema";

/** Before the study is set up there is no closing date, so nothing is late yet. */
const NO_DEADLINE = new Date(8_640_000_000_000_000);

/** The study's closing date for expressions of interest (or none before the study is set up). */
export async function getQuestionnaireDeadline(): Promise<Date> {
  const study = await db.study.findUnique({ where: { id: 1 }, select: { questionnaireDeadline: true } });
  return study?.questionnaireDeadline ?? NO_DEADLINE;
}

export type Clock = { now?: Date; deadline?: Date };

export type AgencyQuestionnaireRow = {
  id: string;
  organisation: string;
  teamName: string;
  stage: AgencyStage;
  clientGroups: ClientGroup[];
  region: Region | null;
  state: QuestionnaireState;
  submittedAt: Date | null;
};

export type AgencyQuestionnaireList = {
  rows: AgencyQuestionnaireRow[];
  /** Over every agency, whatever the filter. */
  counts: Record<QuestionnaireState, number>;
  total: number;
};

const STATE_ORDER = Object.fromEntries(QUESTIONNAIRE_STATES.map((state, index) => [state, index])) as Record<
  QuestionnaireState,
  number
>;

const byText = (a: string, b: string) => a.localeCompare(b, "en-GB", { sensitivity: "base" });

/** Compares two rows by team name, then organisation: the tie-break of every sort. */
const byTeam = (a: AgencyQuestionnaireRow, b: AgencyQuestionnaireRow) =>
  byText(a.teamName, b.teamName) || byText(a.organisation, b.organisation) || byText(a.id, b.id);

/** Rows without a value (no submitted date, no region) go last whichever way the list is sorted. */
function compareBy(sort: AgencyListParams["sort"], dir: AgencyListParams["dir"]) {
  const sign = dir === "asc" ? 1 : -1;
  return (a: AgencyQuestionnaireRow, b: AgencyQuestionnaireRow): number => {
    if (sort === "team") return sign * byTeam(a, b);
    if (sort === "state") return sign * (STATE_ORDER[a.state] - STATE_ORDER[b.state]) || byTeam(a, b);
    const [x, y] =
      sort === "submitted"
        ? [a.submittedAt?.getTime() ?? null, b.submittedAt?.getTime() ?? null]
        : [a.region && REGION_LABELS[a.region], b.region && REGION_LABELS[b.region]];
    if (x === null && y === null) return byTeam(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : byText(String(x), String(y));
    return sign * order || byTeam(a, b);
  };
}

function matchesText(row: AgencyQuestionnaireRow, q: string): boolean {
  const needle = q.toLocaleLowerCase("en-GB");
  return (
    row.teamName.toLocaleLowerCase("en-GB").includes(needle) ||
    row.organisation.toLocaleLowerCase("en-GB").includes(needle)
  );
}

/**
 * Every agency with its questionnaire's state, filtered and sorted, and the counts by state over
 * all agencies. The pilot has tens of agencies, not thousands: one read of a few columns, with the
 * state worked out by the same rule the agency's own page uses, keeps the counts and the list in
 * step (the state depends on the clock, so it cannot be a stored column).
 */
export async function listAgencyQuestionnaires(
  params: AgencyListParams,
  clock: Clock = {},
): Promise<AgencyQuestionnaireList> {
  const now = clock.now ?? new Date();
  const [deadline, agencies] = await Promise.all([
    clock.deadline ?? getQuestionnaireDeadline(),
    db.agency.findMany({
      select: {
        id: true,
        organisation: true,
        teamName: true,
        stage: true,
        clientGroups: true,
        region: true,
        expressionOfInterest: { select: { status: true, submittedAt: true, reopenedUntil: true } },
      },
    }),
  ]);

  const all = agencies.map(({ expressionOfInterest: eoi, ...agency }): AgencyQuestionnaireRow => ({
    ...agency,
    // An agency without a questionnaire row has not started one: a draft like any other.
    state: questionnaireState({
      status: eoi?.status ?? "DRAFT",
      deadline,
      reopenedUntil: eoi?.reopenedUntil ?? null,
      now,
    }),
    submittedAt: eoi?.submittedAt ?? null,
  }));

  const counts = { draft: 0, reopened: 0, late: 0, submitted: 0 } satisfies Record<QuestionnaireState, number>;
  for (const row of all) counts[row.state] += 1;

  const rows = all
    .filter(
      (row) =>
        (!params.state || row.state === params.state) &&
        (!params.clientGroup || row.clientGroups.includes(params.clientGroup)) &&
        (!params.region || row.region === params.region) &&
        (!params.q || matchesText(row, params.q)),
    )
    .sort(compareBy(params.sort, params.dir));

  return { rows, counts, total: all.length };
}

export type SectionProgressRow = { key: SectionKey; title: string; complete: boolean; missing: string[] };

/**
 * One agency's questionnaire for a researcher: the answers exactly as last submitted (never the
 * agency's current columns, which it may have corrected since), the agency's current contact
 * details apart from them, and for a draft, which sections are complete. Null for an unknown id.
 */
export async function getAgencyQuestionnaire(agencyId: string, clock: Clock = {}) {
  if (!z.uuid().safeParse(agencyId).success) return null;
  const now = clock.now ?? new Date();
  const [deadline, agency] = await Promise.all([
    clock.deadline ?? getQuestionnaireDeadline(),
    db.agency.findUnique({
      where: { id: agencyId },
      select: {
        id: true,
        organisation: true,
        teamName: true,
        stage: true,
        address: true,
        contactName: true,
        contactRole: true,
        contactEmail: true,
        contactPhone: true,
        expressionOfInterest: {
          select: {
            status: true,
            answers: true,
            submittedAnswers: true,
            submittedAt: true,
            reopenedAt: true,
            reopenedUntil: true,
          },
        },
      },
    }),
  ]);
  if (!agency) return null;

  const { expressionOfInterest: eoi, address, contactName, contactRole, contactEmail, contactPhone, ...rest } = agency;
  const status = eoi?.status ?? "DRAFT";
  const reopenedUntil = eoi?.reopenedUntil ?? null;
  const window = questionnaireWindow({ deadline, reopenedUntil, now });
  const progress = status === "DRAFT" ? sectionProgress((eoi?.answers ?? {}) as QuestionnaireAnswers) : null;

  return {
    ...rest,
    state: questionnaireState({ status, deadline, reopenedUntil, now }),
    status,
    submittedAt: eoi?.submittedAt ?? null,
    reopenedAt: eoi?.reopenedAt ?? null,
    reopenedUntil,
    /** Whether the agency may still edit and submit, and until when (null: no closing date set yet). */
    window: {
      open: window.open,
      closesAt: window.open ? (window.closesAt === NO_DEADLINE ? null : window.closesAt) : window.closedAt,
    },
    /** The last submission, section by section; null when never submitted. */
    submitted: eoi?.submittedAnswers ? describeAnswers(eoi.submittedAnswers) : null,
    /** For a draft: each section complete or not, and what is missing. */
    progress: progress
      ? SECTION_KEYS.map((key): SectionProgressRow => ({ key, title: SECTION_TITLES[key], ...progress[key] }))
      : null,
    currentContact: { contactName, contactRole, contactEmail, contactPhone, address },
  };
}

export type AgencyQuestionnaire = NonNullable<Awaited<ReturnType<typeof getAgencyQuestionnaire>>>;
