// The agencies export researchers take to Excel, R and Stata: one row per agency (every agency,
// in order of its code) with its details and stage, every answer of its submitted questionnaire in
// a column of its own, the reviewers' mean scores, and then every review; and the data dictionary
// that names each column. The columns are derived from the questionnaire's own schemas
// (lib/eoi/schema.ts), so a question added there appears here without being listed twice.
//
// Column names are lower-case snake_case of at most 32 characters, starting with a letter: valid
// as Stata variable names and kept as they are by R's read.csv. Enumerations are written as their
// codes (the dictionary gives each code's words), so they stay stable when wording changes.
import "server-only";
import type { z } from "zod";
import { STAGE_LABELS } from "@/lib/agencies/stages";
import { BOM_NOTE, BOOLEAN_VALUES, DATETIME_NOTE, type Cell, type DictionaryEntry } from "@/lib/csv";
import { db } from "@/lib/db";
import { describeAnswers } from "@/lib/eoi/researcher-answers";
import { codeList, textColumn, toDictionary, type ExportColumn } from "@/lib/export-columns";
import {
  CLIENT_GROUP_LABELS,
  PRACTICE_SECTION_TEXT,
  REGION_LABELS,
  SECTION_KEYS,
  SECTOR_LABELS,
  sectionAnswers,
  sectionSchemas,
  type PracticeSection,
  type QuestionnaireAnswers,
  type SectionKey,
} from "@/lib/eoi/schema";
import type { AgencyStage, ClientGroup, QuestionnaireStatus, Region, Sector } from "@/lib/generated/prisma/client";
import {
  CRITERIA,
  notesOf,
  practiceProfile,
  REVIEW_CRITERIA_SELECT,
  SCORE_WORDS,
  scoresOf,
  summariseReviews,
  type CriterionKey,
  type ReviewSummary,
} from "./scores";
import { DECISIONS } from "./transitions";

export type AgencyExport = { header: string[]; rows: Cell[][]; dictionary: DictionaryEntry[] };

/** Practice sections by a short stem, so that "practice_<stem>_examples" fits Stata's 32 characters. */
const PRACTICE_STEMS: Record<PracticeSection, string> = {
  community: "community",
  coProduction: "co_production",
  networks: "networks",
  activities: "activities",
  communityLinks: "group_links",
  supervision: "supervision",
};

/**
 * Criteria by stem, used alike in mean_<stem>, review_<n>_<stem> and review_<n>_<stem>_note.
 * "recruit_capacity" is shortened so that "review_99_recruit_capacity_note" fits in 32 characters.
 */
const CRITERION_STEMS: Record<CriterionKey, string> = {
  similarity: "similarity",
  trainingCapacity: "training_capacity",
  recruitmentCapacity: "recruit_capacity",
  clientGroupFit: "client_group_fit",
};

/** Codes of the enumerations written in the questionnaire, with their words. */
const CODE_WORDS: Record<string, Record<string, string>> = {
  clientGroups: CLIENT_GROUP_LABELS,
  sector: SECTOR_LABELS,
  region: REGION_LABELS,
};

const QUESTIONNAIRE_STATUS_WORDS = {
  NOT_STARTED: "not started (the agency has not opened its questionnaire)",
  DRAFT: "draft (being filled in, or reopened by a researcher after it was submitted)",
  SUBMITTED: "submitted",
} as const satisfies Record<QuestionnaireStatus | "NOT_STARTED", string>;

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const round2 = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round((value + Number.EPSILON) * 100) / 100;

type Column<Row> = ExportColumn<Row>;

// ---------------------------------------------------------------------------------------------
// The questionnaire's answers, one column per field of every section schema.

type FieldShape = { type: DictionaryEntry["type"]; codes?: string[]; multiple?: boolean; range?: [number, number] };

/** What kind of value a field of a section schema holds, read from the zod schema itself. */
function fieldShape(schema: z.ZodType): FieldShape {
  const def = schema._zod.def as unknown as {
    type: string;
    innerType?: z.ZodType;
    in?: z.ZodType;
    element?: z.ZodType;
    entries?: Record<string, string>;
    values?: unknown[];
  };
  switch (def.type) {
    case "default":
    case "prefault":
    case "optional":
    case "nullable":
    case "catch":
    case "readonly":
      return def.innerType ? fieldShape(def.innerType) : { type: "text" };
    case "pipe":
      return def.in ? fieldShape(def.in) : { type: "text" };
    case "number": {
      const number = schema as unknown as { format: string | null; minValue: number | null; maxValue: number | null };
      const whole = number.format === "safeint" || number.format === "int32";
      const range: [number, number] | undefined =
        number.minValue !== null && number.maxValue !== null && Number.isFinite(number.minValue + number.maxValue)
          ? [number.minValue, number.maxValue]
          : undefined;
      return { type: whole ? "integer" : "number", range };
    }
    case "boolean":
      return { type: "boolean" };
    case "literal":
      return { type: def.values?.every((value) => typeof value === "boolean") ? "boolean" : "text" };
    case "enum":
      return { type: "code", codes: Object.values(def.entries ?? {}) };
    case "array": {
      const element = def.element ? fieldShape(def.element) : { type: "text" as const };
      return { ...element, type: element.type === "code" ? "code" : "text", multiple: true };
    }
    default:
      return { type: "text" };
  }
}

/** A stored answer as a cell, read defensively: whatever JSON is there is written as it is. */
function answerCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((item) => String(item)).join(";");
  return JSON.stringify(value);
}

type AnswersRow = { answers: QuestionnaireAnswers | null };

function answerColumns(): Column<AnswersRow>[] {
  // The researchers' labels for each field, from the page that shows a submitted questionnaire.
  const labels = new Map(
    describeAnswers({}).flatMap((section) => section.rows.map((row) => [`${section.key}.${row.field}`, row.label])),
  );
  return SECTION_KEYS.flatMap((key: SectionKey) => {
    const practice = key.startsWith("practice.") ? (key.slice("practice.".length) as PracticeSection) : null;
    const prefix = practice ? `practice_${PRACTICE_STEMS[practice]}` : snake(key);
    const shape = sectionSchemas[key].shape as Record<string, z.ZodType>;
    return Object.entries(shape).map(([field, schema]): Column<AnswersRow> => {
      const column = `${prefix}_${snake(field)}`;
      const value = (row: AnswersRow) => (row.answers ? answerCell(sectionAnswers(row.answers, key)?.[field]) : null);
      const title = practice ? PRACTICE_SECTION_TEXT[practice].title : undefined;
      const label =
        practice && field === "rating"
          ? `Self-rating of current practice, 1 (not at all) to 9 (fully): ${title}`
          : practice && field === "examples"
            ? `Examples of current practice: ${title}`
            : (labels.get(`${key}.${field}`) ?? field);
      const shapeOf = fieldShape(schema);
      const submitted = "As submitted in the questionnaire; empty when the agency has not submitted it.";
      if (shapeOf.type === "text") return textColumn(column, label, value, submitted);
      const words = CODE_WORDS[field];
      const values =
        shapeOf.type === "boolean"
          ? BOOLEAN_VALUES
          : shapeOf.type === "code"
            ? (shapeOf.multiple ? "One or more codes separated by ; — " : "") +
              (words ? codeList(words, shapeOf.codes) : (shapeOf.codes ?? []).join("; "))
            : practice && field === "rating"
              ? "1 (not at all) to 9 (fully)"
              : shapeOf.range
                ? `${shapeOf.range[0]} to ${shapeOf.range[1]}`
                : undefined;
      return { column, label, type: shapeOf.type, values, notes: submitted, value };
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The agency, its scores and its reviews.

type ReviewRow = {
  reviewerName: string;
  reviewerId: string;
  updatedAt: Date;
  scores: Record<CriterionKey, number>;
  notes: Record<CriterionKey, string>;
};

type AgencyRow = AnswersRow & {
  id: string;
  code: number;
  organisation: string;
  teamName: string;
  sector: Sector | null;
  clientGroups: ClientGroup[];
  region: Region | null;
  stage: AgencyStage;
  reserveRank: number | null;
  decisionSentStage: AgencyStage | null;
  decisionSentAt: Date | null;
  questionnaireStatus: QuestionnaireStatus | "NOT_STARTED";
  submittedAt: Date | null;
  reviews: ReviewRow[];
};

const NOW = "As the agency's details stand now (the submitted answer is in the team_ columns).";

function agencyColumns(): Column<AgencyRow>[] {
  return [
    {
      column: "agency_code",
      label: "The agency's short number, used in its participants' study IDs (CP-07-0012 is agency 7)",
      type: "integer",
      notes: BOM_NOTE,
      value: (row) => row.code,
    },
    {
      column: "agency_id",
      label: "The agency's unique identifier in the app (a UUID)",
      type: "text",
      value: (row) => row.id,
    },
    textColumn("organisation", "Organisation", (row) => row.organisation, NOW),
    textColumn("team_name", "Team name", (row) => row.teamName, NOW),
    {
      column: "sector",
      label: "Sector",
      type: "code",
      values: codeList(SECTOR_LABELS),
      notes: NOW,
      value: (row) => row.sector,
    },
    {
      column: "client_groups",
      label: "Client groups the team works with",
      type: "code",
      values: `One or more codes separated by ; — ${codeList(CLIENT_GROUP_LABELS)}`,
      notes: NOW,
      value: (row) => row.clientGroups.join(";"),
    },
    {
      column: "region",
      label: "English region",
      type: "code",
      values: codeList(REGION_LABELS),
      notes: NOW,
      value: (row) => row.region,
    },
    {
      column: "stage",
      label: "The agency's stage in the pilot now",
      type: "code",
      values: codeList(STAGE_LABELS),
      value: (row) => row.stage,
    },
    {
      column: "reserve_rank",
      label: "Position on the reserve list (1 = first to be offered a place that frees)",
      type: "integer",
      notes: "Empty unless the stage is RESERVE.",
      value: (row) => row.reserveRank,
    },
    {
      column: "decision_sent",
      label: "The decision the agency was last told by email",
      type: "code",
      values: codeList(STAGE_LABELS, DECISIONS),
      notes: "Empty when no decision has been sent. It can differ from the stage until the next decisions are sent.",
      value: (row) => row.decisionSentStage,
    },
    {
      column: "decision_sent_at",
      label: "When that decision was sent",
      type: "datetime",
      notes: `${DATETIME_NOTE} Empty when no decision has been sent.`,
      value: (row) => row.decisionSentAt,
    },
    {
      column: "questionnaire_status",
      label: "The state of the agency's questionnaire now",
      type: "code",
      values: codeList(QUESTIONNAIRE_STATUS_WORDS),
      value: (row) => row.questionnaireStatus,
    },
    {
      column: "submitted_at",
      label: "When the questionnaire was last submitted",
      type: "datetime",
      notes: `${DATETIME_NOTE} Empty when it has never been submitted. A reopened questionnaire (status DRAFT) keeps the time and the answers of its last submission until it is submitted again.`,
      value: (row) => row.submittedAt,
    },
  ];
}

const scoreValues = Object.values(SCORE_WORDS).join("; ");

function scoreColumns(): Column<AgencyRow>[] {
  const summaries = new WeakMap<AgencyRow, ReviewSummary>();
  const summary = (row: AgencyRow) => {
    const known = summaries.get(row);
    if (known) return known;
    const made = summariseReviews(row.reviews.map((review) => review.scores));
    summaries.set(row, made);
    return made;
  };
  const meanNote = "The mean of the reviewers' scores, to 2 decimal places; empty when nobody has scored the agency.";
  return [
    {
      column: "review_count",
      label: "How many researchers have scored the agency",
      type: "integer",
      value: (row) => row.reviews.length,
    },
    ...CRITERIA.map((criterion): Column<AgencyRow> => ({
      column: `mean_${CRITERION_STEMS[criterion.key]}`,
      label: `Mean score: ${criterion.label.toLowerCase()}`,
      type: "number",
      values: `1 to 5 (${scoreValues})`,
      notes: `${meanNote} Criterion: ${criterion.description}`,
      value: (row) => round2(summary(row).mean[criterion.key]),
    })),
    {
      column: "mean_overall",
      label: "Mean score overall: the mean of the four criterion means (equal weights)",
      type: "number",
      values: "1 to 5",
      notes: meanNote,
      value: (row) => round2(summary(row).overall),
    },
    {
      column: "disagreement",
      label: "How far the reviewers disagree: the largest range (highest minus lowest score) over the four criteria",
      type: "integer",
      values: "0 to 4",
      notes: "0 with a single review; empty when nobody has scored the agency.",
      value: (row) => summary(row).disagreement,
    },
    {
      column: "self_rated_practice_mean",
      label: "The mean of the agency's own six 1–9 ratings of its current practice (self-reported, not a review score)",
      type: "number",
      values: "1 to 9",
      notes: "To 2 decimal places, over the ratings given in the submitted questionnaire; empty when it has none.",
      value: (row) => round2(row.answers ? practiceProfile(row.answers).mean : null),
    },
  ];
}

function reviewColumns(count: number): Column<AgencyRow>[] {
  return Array.from({ length: count }, (_, index): Column<AgencyRow>[] => {
    const n = index + 1;
    const review = (row: AgencyRow) => row.reviews[index];
    const which = `Review ${n} (reviews in order of the reviewer's name)`;
    const none =
      n === 1 ? "Empty when the agency has no review." : `Empty when the agency has fewer than ${n} reviews.`;
    return [
      textColumn(
        `review_${n}_reviewer`,
        `${which}: the reviewer's name`,
        (row) => review(row)?.reviewerName ?? null,
        none,
      ),
      {
        column: `review_${n}_updated_at`,
        label: `${which}: when the scores were last changed`,
        type: "datetime",
        notes: `${DATETIME_NOTE} ${none}`,
        value: (row) => review(row)?.updatedAt ?? null,
      },
      ...CRITERIA.flatMap((criterion): Column<AgencyRow>[] => [
        {
          column: `review_${n}_${CRITERION_STEMS[criterion.key]}`,
          label: `${which}: score for ${criterion.label.toLowerCase()}`,
          type: "integer",
          values: scoreValues,
          notes: none,
          value: (row) => review(row)?.scores[criterion.key] ?? null,
        },
        textColumn(
          `review_${n}_${CRITERION_STEMS[criterion.key]}_note`,
          `${which}: the reviewer's note on ${criterion.label.toLowerCase()}`,
          (row) => review(row)?.notes[criterion.key] ?? null,
          none,
        ),
      ]),
    ];
  }).flat();
}

function exportColumns(maxReviews: number): Column<AgencyRow>[] {
  return [...agencyColumns(), ...answerColumns(), ...scoreColumns(), ...reviewColumns(maxReviews)];
}

function asAnswers(value: unknown): QuestionnaireAnswers | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as QuestionnaireAnswers) : null;
}

async function loadAgencies(): Promise<AgencyRow[]> {
  const agencies = await db.agency.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      organisation: true,
      teamName: true,
      sector: true,
      clientGroups: true,
      region: true,
      stage: true,
      reserveRank: true,
      decisionSentStage: true,
      decisionSentAt: true,
      expressionOfInterest: { select: { status: true, submittedAt: true, submittedAnswers: true } },
      reviews: {
        select: {
          reviewerId: true,
          updatedAt: true,
          ...REVIEW_CRITERIA_SELECT,
          reviewer: { select: { name: true } },
        },
      },
    },
  });
  return agencies.map(({ expressionOfInterest: eoi, reviews, ...agency }) => ({
    ...agency,
    questionnaireStatus: eoi?.status ?? "NOT_STARTED",
    submittedAt: eoi?.submittedAt ?? null,
    // Only the frozen submission: a draft's answers are never exported.
    answers: asAnswers(eoi?.submittedAnswers),
    reviews: reviews
      .map((review): ReviewRow => ({
        reviewerName: review.reviewer.name,
        reviewerId: review.reviewerId,
        updatedAt: review.updatedAt,
        scores: scoresOf(review),
        notes: notesOf(review),
      }))
      .sort(
        (a, b) =>
          a.reviewerName.localeCompare(b.reviewerName, "en-GB", { sensitivity: "base" }) ||
          a.reviewerId.localeCompare(b.reviewerId),
      ),
  }));
}

/** Every agency, in order of its code, as the header, rows and data dictionary of one CSV file. */
export async function agencyExport(): Promise<AgencyExport> {
  const agencies = await loadAgencies();
  const columns = exportColumns(agencies.reduce((most, agency) => Math.max(most, agency.reviews.length), 0));
  return {
    header: columns.map((column) => column.column),
    rows: agencies.map((agency) => columns.map((column) => column.value(agency))),
    dictionary: toDictionary(columns),
  };
}

/** The data dictionary alone: the same columns as the export made now (reviews up to the most any agency has). */
export async function agencyExportDictionary(): Promise<DictionaryEntry[]> {
  const perAgency = await db.review.groupBy({ by: ["agencyId"], _count: { _all: true } });
  return toDictionary(exportColumns(perAgency.reduce((most, group) => Math.max(most, group._count._all), 0)));
}
