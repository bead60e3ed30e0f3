// The expression-of-interest questionnaire's words and values without its zod schemas: the client
// groups, sectors and regions with their labels, the sections in order with their titles, and the
// question each answer answers. schema.ts (which builds the schemas from these) and sections.ts
// re-export them; the questionnaire's forms import them from here, so that a page does not load a
// validation library before it is used (issue 8: the forms load their schemas after the page).

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

/** A section by its key in the answers object; practice sections are `practice.<name>`. */
export type SectionKey = "eligibility" | "team" | "size" | `practice.${PracticeSection}` | "capacity" | "agreement";

/** Every section in the order the questionnaire asks them (schema.ts has a schema for each). */
export const SECTION_KEYS: SectionKey[] = [
  "eligibility",
  "team",
  "size",
  ...PRACTICE_SECTIONS.map((name) => `practice.${name}` as const),
  "capacity",
  "agreement",
];

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

/** The question each answer of a section answers, in the order the form asks them. */
export const FIELD_LABELS = {
  eligibility: {
    clientGroups: "Client groups the team works with",
    otherClientGroups: "Other groups the team works with",
  },
  team: {
    organisation: "Organisation",
    teamName: "Team name",
    sector: "Sector",
    region: "English region",
    address: "Team address",
    contactName: "Contact person",
    contactRole: "Contact person's role",
    contactEmail: "Contact email address",
    contactPhone: "Contact telephone number",
  },
  size: {
    frontLineWorkers: "Number of front-line workers",
    supervisors: "Number of supervisors",
    caseload: "Current caseload (number of people)",
  },
  practice: {
    rating: "Rating from 1 (not at all) to 9 (fully)",
    examples: "Examples from the team's practice",
  },
  capacity: {
    releaseWorkers: "Can the team release workers for 3 training days?",
    releaseSupervisors: "Can the team release supervisors for 2 more training days?",
    managerSupports: "Does the service manager support the team taking part?",
    referrals: "How many new referrals could the team invite to the study during the pilot?",
    reorganisation: "Reorganisations planned during the pilot",
    trainingPlaces: "Places that would suit the team for training",
    trainingMonths: "Months that would suit the team for training",
  },
  agreement: {
    evaluation: "The team agrees to take part in the evaluation",
    recruitment: "The team agrees to support the recruitment of participants",
  },
} as const;

/** The labels of a section's answers. */
export function fieldLabels(key: SectionKey): Record<string, string> {
  return key.startsWith("practice.") ? FIELD_LABELS.practice : FIELD_LABELS[key as keyof typeof FIELD_LABELS];
}
