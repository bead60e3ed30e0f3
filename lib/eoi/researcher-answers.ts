// A stored questionnaire as researchers read it: section by section, each answer with its label
// and in words (client groups, sector, yes/no), the 1–9 ratings and examples as given. Pure, so
// that the page and its tests agree. Stored JSON is read defensively: whatever is there is shown
// as text, and a missing answer says so.
import {
  CLIENT_GROUP_LABELS,
  PRACTICE_SECTION_TEXT,
  REGION_LABELS,
  SECTION_KEYS,
  SECTION_TITLES,
  SECTOR_LABELS,
  sectionAnswers,
  type QuestionnaireAnswers,
  type SectionKey,
} from "./schema";

export const NOT_ANSWERED = "Not answered";

export type AnswerRow = { field: string; label: string; value: string };

export type AnswerSection = {
  key: SectionKey;
  title: string;
  /** The question a practice section asks the team to rate itself on. */
  question?: string;
  /** A practice section's 1–9 self-rating; null when not given. */
  rating?: number | null;
  /** A practice section's examples box ("" when left empty). */
  examples?: string;
  rows: AnswerRow[];
};

const FIELD_LABELS: Partial<Record<SectionKey, Record<string, string>>> = {
  eligibility: {
    clientGroups: "Client groups the team works with",
    otherClientGroups: "Other groups the team works with",
  },
  team: {
    organisation: "Organisation",
    teamName: "Team name",
    sector: "Sector",
    region: "English region",
    address: "Address",
    contactName: "Contact person",
    contactRole: "Contact person's role",
    contactEmail: "Email address",
    contactPhone: "Telephone",
  },
  size: {
    frontLineWorkers: "Front-line workers",
    supervisors: "Supervisors",
    caseload: "Current caseload",
  },
  capacity: {
    releaseWorkers: "Can release workers for 3 training days",
    releaseSupervisors: "Can release supervisors for 2 more training days",
    managerSupports: "The service manager supports taking part",
    referrals: "New referrals the team could invite during the pilot",
    reorganisation: "Reorganisations planned",
    trainingPlaces: "Preferred training places",
    trainingMonths: "Preferred training months",
  },
  agreement: {
    evaluation: "Agrees to take part in the evaluation",
    recruitment: "Agrees to support recruitment",
  },
};

function label<T extends string>(labels: Record<T, string>, value: unknown): string {
  return typeof value === "string" && value in labels ? labels[value as T] : String(value);
}

/** One stored answer in words. */
function inWords(field: string, value: unknown): string {
  if (value === undefined || value === null) return NOT_ANSWERED;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (field === "clientGroups" && Array.isArray(value)) {
    return value.length === 0
      ? "None of the three client groups"
      : value.map((v) => label(CLIENT_GROUP_LABELS, v)).join("; ");
  }
  if (field === "sector") return label(SECTOR_LABELS, value);
  if (field === "region") return label(REGION_LABELS, value);
  if (typeof value === "string") return value.trim() === "" ? "Left empty" : value;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Every section of the questionnaire, in order, with the answers given (or "Not answered"). */
export function describeAnswers(stored: unknown): AnswerSection[] {
  const answers = asObject(stored) as QuestionnaireAnswers;
  return SECTION_KEYS.map((key): AnswerSection => {
    const given = asObject(sectionAnswers(answers, key));
    if (key.startsWith("practice.")) {
      const practice = PRACTICE_SECTION_TEXT[key.slice("practice.".length) as keyof typeof PRACTICE_SECTION_TEXT];
      const rating = given.rating;
      return {
        key,
        title: SECTION_TITLES[key],
        question: practice.question,
        rating: typeof rating === "number" && Number.isFinite(rating) ? rating : null,
        examples: typeof given.examples === "string" ? given.examples : "",
        rows: [],
      };
    }
    const labels = FIELD_LABELS[key] ?? {};
    return {
      key,
      title: SECTION_TITLES[key],
      rows: Object.entries(labels).map(([field, fieldLabel]) => ({
        field,
        label: fieldLabel,
        value: inWords(field, given[field]),
      })),
    };
  });
}
