// The expression-of-interest questionnaire: one zod schema per section, shared by the form
// (react-hook-form's zodResolver) and the server. Answers are stored as one JSON object on
// ExpressionOfInterest (`answers` while a draft, frozen in `submittedAnswers` once submitted):
//   { eligibility, team, size, practice: { community, coProduction, … }, capacity, agreement }
// A draft section may be incomplete (`draftSectionSchemas`); submitting needs every section whole
// (`sectionSchemas`) and an eligible team.
import { z } from "zod";
import { plainText } from "@/lib/plain-text";

export const CLIENT_GROUPS = [
  "MENTAL_HEALTH_WORKING_AGE",
  "MENTAL_HEALTH_OLDER_ADULTS",
  "LEARNING_DISABILITY",
] as const;
export const CLIENT_GROUP_LABELS: Record<(typeof CLIENT_GROUPS)[number], string> = {
  MENTAL_HEALTH_WORKING_AGE: "Adults of working age with mental health problems",
  MENTAL_HEALTH_OLDER_ADULTS: "Older adults with functional mental health problems (not dementia)",
  LEARNING_DISABILITY: "Adults (over 18) with learning disabilities",
};

export const SECTORS = ["NHS", "LOCAL_AUTHORITY", "VOLUNTARY", "INDEPENDENT"] as const;
export const SECTOR_LABELS: Record<(typeof SECTORS)[number], string> = {
  NHS: "NHS",
  LOCAL_AUTHORITY: "Local authority",
  VOLUNTARY: "Voluntary sector",
  INDEPENDENT: "Independent sector",
};

export const REGIONS = [
  "NORTH_EAST",
  "NORTH_WEST",
  "YORKSHIRE_AND_THE_HUMBER",
  "EAST_MIDLANDS",
  "WEST_MIDLANDS",
  "EAST_OF_ENGLAND",
  "LONDON",
  "SOUTH_EAST",
  "SOUTH_WEST",
] as const;
export const REGION_LABELS: Record<(typeof REGIONS)[number], string> = {
  NORTH_EAST: "North East",
  NORTH_WEST: "North West",
  YORKSHIRE_AND_THE_HUMBER: "Yorkshire and the Humber",
  EAST_MIDLANDS: "East Midlands",
  WEST_MIDLANDS: "West Midlands",
  EAST_OF_ENGLAND: "East of England",
  LONDON: "London",
  SOUTH_EAST: "South East",
  SOUTH_WEST: "South West",
};

/** The six parts of current practice the team rates itself on, 1 (not at all) to 9 (fully). */
export const PRACTICE_SECTIONS = [
  "community",
  "coProduction",
  "networks",
  "activities",
  "communityLinks",
  "supervision",
] as const;
export type PracticeSection = (typeof PRACTICE_SECTIONS)[number];
export const PRACTICE_SECTION_TEXT: Record<PracticeSection, { title: string; question: string }> = {
  community: {
    title: "Engagement with local communities",
    question:
      "How far does the team already work with people in their local communities, rather than only in offices or clinics?",
  },
  coProduction: {
    title: "Agreeing goals together (co-production)",
    question: "How far do workers and the people they support decide goals together and work on them as partners?",
  },
  networks: {
    title: "Talking about and mapping social networks",
    question: "How far do workers talk with people about their social networks, or map them together?",
  },
  activities: {
    title: "Trying new social and community activities",
    question: "How far do workers help people try new social and community activities?",
  },
  communityLinks: {
    title: "The team's own links with community groups",
    question: "How far does the team itself have links with community groups and organisations?",
  },
  supervision: {
    title: "Supervision and agency support",
    question: "How far do supervision and the agency support workers in this way of working?",
  },
};

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

/** Every section by its key in the answers object; practice sections are `practice.<name>`. */
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
};

export type SectionKey = keyof typeof sectionSchemas;
export const SECTION_KEYS = Object.keys(sectionSchemas) as SectionKey[];

/** A draft may leave any answer out; what is there must still be valid. */
export const draftSectionSchemas = Object.fromEntries(
  Object.entries(sectionSchemas).map(([key, schema]) => [key, schema.partial()]),
) as { [K in SectionKey]: ReturnType<(typeof sectionSchemas)[K]["partial"]> };

export const SECTION_TITLES: Record<SectionKey, string> = {
  eligibility: "Who does this team work with?",
  team: "The team and its contact person",
  size: "Size of the team",
  ...(Object.fromEntries(
    PRACTICE_SECTIONS.map((name) => [`practice.${name}`, PRACTICE_SECTION_TEXT[name].title]),
  ) as Record<`practice.${PracticeSection}`, string>),
  capacity: "Capacity and commitment",
  agreement: "Agreement",
};

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
