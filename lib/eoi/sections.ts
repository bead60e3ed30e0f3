// The questionnaire as the agency meets it: its sections in order with the addresses of their
// pages, the words for every question, and the answers written out as plain text (the review page
// and the confirmation email show the same words). Pure, but it loads zod (contactDetailsSchema):
// client components take the words from labels.ts and load the schemas only when they check.
import {
  CLIENT_GROUP_LABELS,
  PRACTICE_SECTIONS,
  REGION_LABELS,
  SECTION_KEYS,
  SECTION_TITLES,
  SECTOR_LABELS,
  sectionAnswers,
  teamSchema,
  type QuestionnaireAnswers,
  type SectionKey,
} from "./schema";
import { fieldLabels } from "./labels";

export { FIELD_LABELS, fieldLabels } from "./labels";

/** URL slug of each section: `practice.coProduction` → `practice-co-production`. */
export function sectionSlug(key: SectionKey): string {
  return key.replace(".", "-").replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The section a slug names, or null for anything else. */
export function sectionFromSlug(slug: string): SectionKey | null {
  return SECTION_KEYS.find((key) => sectionSlug(key) === slug) ?? null;
}

export function sectionPath(key: SectionKey): string {
  return `/agency/questionnaire/${sectionSlug(key)}`;
}

/** The section after this one, or null after the last. */
export function nextSection(key: SectionKey): SectionKey | null {
  return SECTION_KEYS[SECTION_KEYS.indexOf(key) + 1] ?? null;
}

export function isSectionKey(value: unknown): value is SectionKey {
  return typeof value === "string" && (SECTION_KEYS as string[]).includes(value);
}

function answerText(field: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return "Not answered";
  if (field === "clientGroups" && Array.isArray(value)) {
    return value.length === 0
      ? "None of the three client groups"
      : value
          .map((group) => CLIENT_GROUP_LABELS[group as keyof typeof CLIENT_GROUP_LABELS] ?? String(group))
          .join("; ");
  }
  if (field === "sector") return SECTOR_LABELS[value as keyof typeof SECTOR_LABELS] ?? String(value);
  if (field === "region") return REGION_LABELS[value as keyof typeof REGION_LABELS] ?? String(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value);
}

export type AnswerSummary = { key: SectionKey; title: string; items: { label: string; value: string }[] };

/** Every section with each question and its answer in words ("Not answered" where blank). */
export function summariseAnswers(answers: QuestionnaireAnswers): AnswerSummary[] {
  return SECTION_KEYS.map((key) => {
    const values = sectionAnswers(answers, key) ?? {};
    return {
      key,
      title: SECTION_TITLES[key],
      items: Object.entries(fieldLabels(key)).map(([field, label]) => ({
        label,
        value: answerText(field, values[field]),
      })),
    };
  });
}

/** The answers as plain text for an email: a heading per section, then "question: answer" lines. */
export function answersAsText(answers: QuestionnaireAnswers): string {
  return summariseAnswers(answers)
    .map(({ title, items }) =>
      [title, "-".repeat(title.length), ...items.map((i) => `${i.label}: ${i.value}`)].join("\n"),
    )
    .join("\n\n");
}

/** What an agency may still correct after submitting: its contact details. */
export const contactDetailsSchema = teamSchema.pick({
  contactName: true,
  contactRole: true,
  contactEmail: true,
  contactPhone: true,
});

export const PRACTICE_KEYS = PRACTICE_SECTIONS.map((name) => `practice.${name}` as const);
