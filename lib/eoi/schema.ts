// The expression-of-interest questionnaire: one zod schema per section, shared by the form
// (react-hook-form's zodResolver) and the server. Answers are stored as one JSON object on
// ExpressionOfInterest (`answers` while a draft, frozen in `submittedAnswers` once submitted):
//   { eligibility, team, size, practice: { community, coProduction, … }, capacity, agreement }
// A draft section may be incomplete (`draftSectionSchemas`); submitting needs every section whole
// (`sectionSchemas`) and an eligible team.
// The words and values (labels, sections, titles) live in labels.ts, without zod, for the forms.
import { z } from "zod";
import { plainText } from "@/lib/plain-text";
import { CLIENT_GROUPS, PRACTICE_SECTIONS, REGIONS, SECTORS, type PracticeSection, type SectionKey } from "./labels";

export {
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  PRACTICE_SECTION_TEXT,
  PRACTICE_SECTIONS,
  REGION_LABELS,
  REGIONS,
  SECTION_KEYS,
  SECTION_TITLES,
  SECTOR_LABELS,
  SECTORS,
  type PracticeSection,
  type SectionKey,
} from "./labels";

const text = (max: number, required?: string) =>
  plainText(
    required
      ? z.string({ error: required }).trim().min(1, required).max(max, `Use at most ${max} characters.`)
      : z.string().trim().max(max, `Use at most ${max} characters.`),
    "this answer",
  );

const wholeNumber = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `Enter ${what} as a number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `Enter ${what} of at least ${min}.`)
    .max(max, `Enter ${what} of at most ${max}.`);

const yesNo = (question: string) => z.boolean({ error: `Answer yes or no: ${question}` });

export const eligibilitySchema = z.object({
  clientGroups: z
    .array(z.enum(CLIENT_GROUPS, { error: "Choose the client groups from the list." }), {
      error: "Choose the client groups the team works with.",
    })
    .max(CLIENT_GROUPS.length, "Choose each client group once."),
  /** Other groups the team works with, in its own words (does not make it eligible). */
  otherClientGroups: text(300).default(""),
});

export const teamSchema = z.object({
  organisation: text(200, "Enter the name of the organisation."),
  teamName: text(200, "Enter the team's name."),
  sector: z.enum(SECTORS, { error: "Choose the sector the team works in." }),
  region: z.enum(REGIONS, { error: "Choose the English region the team works in." }),
  address: text(500, "Enter the team's address."),
  contactName: text(200, "Enter the name of the contact person."),
  contactRole: text(200, "Enter the contact person's role."),
  contactEmail: z
    .string({ error: "Enter the contact person's email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter an email address like name@example.org.")),
  contactPhone: z
    .string({ error: "Enter a telephone number." })
    .trim()
    .regex(/^\+?[0-9 ()-]{10,20}$/, "Enter a telephone number, like 0191 496 0123."),
});

export const sizeSchema = z.object({
  frontLineWorkers: wholeNumber(1, 500, "the number of front-line workers"),
  supervisors: wholeNumber(0, 100, "the number of supervisors"),
  caseload: wholeNumber(0, 20_000, "the team's current caseload"),
});

export const practiceSectionSchema = z.object({
  rating: z.coerce
    .number({ error: "Choose a rating from 1 to 9." })
    .int("Choose a rating from 1 to 9.")
    .min(1, "Choose a rating from 1 to 9.")
    .max(9, "Choose a rating from 1 to 9."),
  examples: text(2000).default(""),
});

export const capacitySchema = z.object({
  releaseWorkers: yesNo("can the team release workers for 3 training days?"),
  releaseSupervisors: yesNo("can the team release supervisors for 2 more training days?"),
  managerSupports: yesNo("does the service manager support taking part?"),
  referrals: wholeNumber(0, 1000, "how many new referrals the team could invite"),
  reorganisation: text(1000).default(""),
  trainingPlaces: text(500, "Say where training would suit the team."),
  trainingMonths: text(200, "Say which months would suit the team for training."),
});

export const agreementSchema = z.object({
  evaluation: z.literal(true, { error: "The team must agree to take part in the evaluation to submit." }),
  recruitment: z.literal(true, { error: "The team must agree to support recruitment to submit." }),
});

/** Every section by its key in the answers object (SectionKey); practice sections are `practice.<name>`. */
export const sectionSchemas = {
  eligibility: eligibilitySchema,
  team: teamSchema,
  size: sizeSchema,
  ...(Object.fromEntries(PRACTICE_SECTIONS.map((name) => [`practice.${name}`, practiceSectionSchema])) as Record<
    `practice.${PracticeSection}`,
    typeof practiceSectionSchema
  >),
  capacity: capacitySchema,
  agreement: agreementSchema,
} satisfies Record<SectionKey, z.ZodObject>;

/** A draft may leave any answer out; what is there must still be valid. */
export const draftSectionSchemas = Object.fromEntries(
  Object.entries(sectionSchemas).map(([key, schema]) => [key, schema.partial()]),
) as { [K in SectionKey]: ReturnType<(typeof sectionSchemas)[K]["partial"]> };

export type EligibilityAnswers = z.infer<typeof eligibilitySchema>;
export type TeamAnswers = z.infer<typeof teamSchema>;
export type SizeAnswers = z.infer<typeof sizeSchema>;
export type PracticeAnswers = z.infer<typeof practiceSectionSchema>;
export type CapacityAnswers = z.infer<typeof capacitySchema>;
export type AgreementAnswers = z.infer<typeof agreementSchema>;

/** The whole stored answers object (any part may be missing while a draft). */
export type QuestionnaireAnswers = {
  eligibility?: Partial<EligibilityAnswers>;
  team?: Partial<TeamAnswers>;
  size?: Partial<SizeAnswers>;
  practice?: Partial<Record<PracticeSection, Partial<PracticeAnswers>>>;
  capacity?: Partial<CapacityAnswers>;
  agreement?: Partial<AgreementAnswers>;
};

/** The part of the answers one section covers. */
export function sectionAnswers(answers: QuestionnaireAnswers, key: SectionKey): Record<string, unknown> | undefined {
  if (key.startsWith("practice.")) return answers.practice?.[key.slice("practice.".length) as PracticeSection];
  return answers[key as Exclude<SectionKey, `practice.${string}`>] as Record<string, unknown> | undefined;
}
