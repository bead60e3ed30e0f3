// The demo study that `npm start` writes on the first run: a pilot part-way through, with agencies
// at every stage, training under way, participants recruited and followed up, and one login per
// role. Everything is invented (people, teams, organisations, venues) and deterministic: the same
// `now` gives the same study. Dates are relative to `now` so the demo never goes stale.
//
// Why the deadline is ~14 months back rather than a few weeks: agencies that have completed the
// study must have had their participants' 9-month follow-ups, so their training, selection and the
// questionnaire deadline all came a year or more before today. The lead demo login still has an
// open questionnaire because a researcher reopened it for that one agency.
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type {
  AgencyRole,
  AgencyStage,
  BookingStatus,
  ClientGroup,
  Measure,
  ParticipantStatus,
  Region,
  Sector,
  Subgroup,
  TrainingDay,
} from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { createRandom, type Random } from "@/lib/random";
import { PRACTICE_SECTIONS, type PracticeSection } from "@/lib/eoi/labels";

export const DEMO_PASSWORD = "connecting-people";

export const DEMO_LOGINS: { email: string; role: string; description: string }[] = [
  {
    email: "researcher@example.org",
    role: "researcher",
    description:
      "Researcher: sees every agency, scores expressions of interest, runs training and watches recruitment.",
  },
  {
    email: "lead@example.org",
    role: "agency lead",
    description:
      "Lead of an agency whose questionnaire is still a draft, reopened by a researcher so it can still be edited.",
  },
  {
    email: "supervisor@example.org",
    role: "supervisor",
    description: "Supervisor in a selected agency that is in training: books training days for the team.",
  },
  {
    email: "worker@example.org",
    role: "worker",
    description: "Worker in the same agency: sees their bookings and training record.",
  },
  {
    email: "recruiter@example.org",
    role: "supervisor",
    description: "Supervisor in an agency that is recruiting participants.",
  },
];

/** True when the study has been set up (the demo seed or a real one). */
export async function isSeeded(db: PrismaClient): Promise<boolean> {
  const study = await db.study.findUnique({ where: { id: 1 }, select: { id: true } });
  return study !== null;
}

/** Writes the demo study in one transaction; does nothing when the study row already exists. */
export async function seedDemoStudy(db: PrismaClient, { now = new Date() } = {}): Promise<void> {
  if (await isSeeded(db)) return;
  // Hashed once: argon2id is deliberately slow, and every demo user shares the password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const plan = buildDemoStudy(now, passwordHash);
  await db.$transaction(
    async (tx) => {
      // ON CONFLICT DO NOTHING: when two processes seed at once, the second finds the row and stops.
      const { count } = await tx.study.createMany({ data: [plan.study], skipDuplicates: true });
      if (count === 0) return;
      await tx.agency.createMany({ data: plan.agencies });
      const codes = await tx.agency.findMany({
        where: { id: { in: plan.agencies.map((agency) => agency.id) } },
        select: { id: true, code: true },
      });
      const codeOf = new Map(codes.map((row) => [row.id, row.code]));
      await tx.user.createMany({ data: plan.users });
      await tx.expressionOfInterest.createMany({ data: plan.expressions });
      await tx.stageChange.createMany({ data: plan.stageChanges });
      await tx.review.createMany({ data: plan.reviews });
      await tx.trainingSession.createMany({ data: plan.sessions });
      await tx.booking.createMany({ data: plan.bookings });
      await tx.participant.createMany({
        data: plan.participants.map((participant) => {
          const code = codeOf.get(participant.agencyId);
          if (code === undefined) throw new Error("seed: agency code not found");
          return { ...participant, studyId: studyIdFor(code, participant.sequence) };
        }),
      });
      await tx.auditEvent.createMany({ data: plan.auditEvents });
    },
    { timeout: 60_000 },
  );
}

/** `CP-07-0012`: the agency's code (2+ digits) and its participant sequence (4+ digits). */
function studyIdFor(code: number, sequence: number) {
  return `CP-${String(code).padStart(2, "0")}-${String(sequence).padStart(4, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Time: every date is "so many days before/after today" in UK time.

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function londonWallClock(instant: Date) {
  const parts = londonParts.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** Minutes Europe/London is ahead of UTC at this instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: Date) {
  const wall = londonWallClock(instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

class Clock {
  private readonly year: number;
  private readonly month: number;
  private readonly day: number;

  constructor(now: Date) {
    const today = londonWallClock(now);
    this.year = today.year;
    this.month = today.month;
    this.day = today.day;
  }

  /** A calendar date (for `@db.Date` columns): UTC midnight of the UK date `offset` days from today. */
  date(offset: number) {
    return new Date(Date.UTC(this.year, this.month - 1, this.day + offset));
  }

  /** The instant it is `hour:minute` UK time, `offset` days from today. */
  at(offset: number, hour: number, minute = 0) {
    const wall = Date.UTC(this.year, this.month - 1, this.day + offset, hour, minute);
    let instant = wall - londonOffsetMinutes(new Date(wall)) * 60_000;
    instant = wall - londonOffsetMinutes(new Date(instant)) * 60_000;
    return new Date(instant);
  }

  /** `offset`, moved forward to the next Monday when it falls on a weekend. */
  weekday(offset: number) {
    const dow = this.date(offset).getUTCDay();
    return dow === 6 ? offset + 2 : dow === 0 ? offset + 1 : offset;
  }
}

// ---------------------------------------------------------------------------------------------
// The study's story, in days relative to today (negative = past).

const DEADLINE_DAY = -420;
const REVIEW_START_DAY = -415;
const SHORTLIST_DAY = -405;
const DECISION_DAY = -395;
const WITHDRAWN_DAY = -400;
const COHORT_1_TRAINING_DAY = -385;
const COHORT_1_RECRUITING_DAY = -340;
const COHORT_2_TRAINING_DAY = -40;
const PROMOTED_DAY = -30;
/** Roughly 9 months, the study's default follow-up interval. */
const FOLLOW_UP_DAYS = 274;

// ---------------------------------------------------------------------------------------------
// Agencies.

type StaffPlan = { supervisors: number; workers: number; supervisorEmails?: string[]; workerEmails?: string[] };

type AgencySpec = {
  slug: string;
  organisation: string;
  teamName: string;
  sector: Sector;
  clientGroups: ClientGroup[];
  region: Region;
  address: string;
  phone: string;
  stage: AgencyStage;
  lead: { name: string; email?: string; role: string };
  registeredDay: number;
  submittedDay?: number;
  followUpDay?: number;
  completedDay?: number;
  reserveRank?: number;
  /** How strong the application is, 1–5: drives the self-ratings and the reviewers' scores. */
  strength: number;
  staff?: StaffPlan;
  /** Training cohort: 1 trained a year ago, 2 is training now, 3 has just been selected. */
  cohort?: 1 | 2 | 3;
};

const AGENCIES: AgencySpec[] = [
  {
    slug: "harbourside",
    organisation: "Solent Coast NHS Foundation Trust",
    teamName: "Harbourside Community Mental Health Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "SOUTH_EAST",
    address: "Quayside House, 12 Dock Road, Portsmouth PO1 3QX",
    phone: "01632 960112",
    stage: "DRAFT",
    lead: { name: "Rachel Dunmore", email: "lead@example.org", role: "Team manager" },
    registeredDay: -6,
    strength: 4,
  },
  {
    slug: "millbrook",
    organisation: "Fenmarsh District Council",
    teamName: "Millbrook Day Opportunities",
    sector: "LOCAL_AUTHORITY",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "EAST_OF_ENGLAND",
    address: "Millbrook Centre, 3 Granary Lane, Wisbury PE14 7RD",
    phone: "01632 960245",
    stage: "DRAFT",
    lead: { name: "Graham Fellowes", role: "Day services manager" },
    registeredDay: -455,
    strength: 3,
  },
  {
    slug: "ashcombe",
    organisation: "Wessex Downs NHS Trust",
    teamName: "Ashcombe Older People's Mental Health Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
    region: "SOUTH_WEST",
    address: "Ashcombe Clinic, 40 Chalk Hill Road, Ashcombe SP4 9LT",
    phone: "0117 496 0381",
    stage: "SUBMITTED",
    lead: { name: "Dr Imogen Pryce", role: "Consultant nurse and team lead" },
    registeredDay: -470,
    submittedDay: -423,
    strength: 3,
  },
  {
    slug: "open-door",
    organisation: "Open Door Wellbeing",
    teamName: "Open Door Peer Support Service",
    sector: "VOLUNTARY",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "LONDON",
    address: "Unit 5, Canal Works, 88 Wharf Street, London E9 7JQ",
    phone: "020 7946 0417",
    stage: "SUBMITTED",
    lead: { name: "Tunde Bakare", role: "Service coordinator" },
    registeredDay: -445,
    submittedDay: -421,
    strength: 4,
  },
  {
    slug: "castlegate",
    organisation: "Trentmoor City Council",
    teamName: "Castlegate Community Learning Disability Team",
    sector: "LOCAL_AUTHORITY",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "EAST_MIDLANDS",
    address: "Castlegate House, 7 Bridge Street, Trentmoor NG2 4HW",
    phone: "0115 496 0522",
    stage: "UNDER_REVIEW",
    lead: { name: "Sandra Whitlock", role: "Team manager" },
    registeredDay: -480,
    submittedDay: -430,
    strength: 3,
  },
  {
    slug: "beacon-lane",
    organisation: "Beacon Care Partnerships Ltd",
    teamName: "Beacon Lane Supported Living",
    sector: "INDEPENDENT",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "NORTH_WEST",
    address: "Beacon Lane Offices, 21 Moorside Road, Oldbridge OL4 2NP",
    phone: "0161 496 0634",
    stage: "SHORTLISTED",
    lead: { name: "Martin Ashworth", role: "Registered manager" },
    registeredDay: -462,
    submittedDay: -425,
    strength: 4,
  },
  {
    slug: "kingsmead",
    organisation: "Mercia Health NHS Foundation Trust",
    teamName: "Kingsmead Recovery Service",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "WEST_MIDLANDS",
    address: "Kingsmead Resource Centre, 150 Coventry Road, Birmingham B10 9QS",
    phone: "0121 496 0748",
    stage: "SELECTED",
    lead: { name: "Harjit Sandhu", role: "Team manager" },
    registeredDay: -466,
    submittedDay: -427,
    strength: 4,
    staff: { supervisors: 1, workers: 3 },
    cohort: 3,
  },
  {
    slug: "thornbury",
    organisation: "Avonvale Council",
    teamName: "Thornbury Community Team for Older Adults",
    sector: "LOCAL_AUTHORITY",
    clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
    region: "SOUTH_WEST",
    address: "Thornbury Civic Offices, 2 Market Square, Thornbury BS35 9XE",
    phone: "0117 496 0855",
    stage: "RESERVE",
    reserveRank: 1,
    lead: { name: "Patricia Nolan", role: "Service manager" },
    registeredDay: -458,
    submittedDay: -424,
    strength: 4,
  },
  {
    slug: "pennine-pathways",
    organisation: "Pennine Pathways CIC",
    teamName: "Pennine Pathways Community Team",
    sector: "VOLUNTARY",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE", "LEARNING_DISABILITY"],
    region: "YORKSHIRE_AND_THE_HUMBER",
    address: "The Old Chapel, 9 Weavers Row, Holmbridge HD9 3LS",
    phone: "0114 496 0961",
    stage: "RESERVE",
    reserveRank: 2,
    lead: { name: "Owen Threlfall", role: "Chief officer" },
    registeredDay: -450,
    submittedDay: -422,
    strength: 3,
  },
  {
    slug: "greenacre",
    organisation: "Greenacre Homes Ltd",
    teamName: "Greenacre Residential and Outreach Services",
    sector: "INDEPENDENT",
    clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
    region: "EAST_OF_ENGLAND",
    address: "Greenacre House, 14 Orchard Way, Stowbridge IP14 6DF",
    phone: "01632 960377",
    stage: "NOT_SELECTED",
    lead: { name: "Lorraine Pettit", role: "Operations manager" },
    registeredDay: -440,
    submittedDay: -421,
    strength: 2,
  },
  {
    slug: "westway",
    organisation: "Lea Valley Mental Health NHS Trust",
    teamName: "Westway Assertive Outreach Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "LONDON",
    address: "Westway Clinic, 61 Harrow Lane, London W10 5RB",
    phone: "020 7946 0593",
    stage: "NOT_SELECTED",
    lead: { name: "Dr Kwame Asante", role: "Team leader" },
    registeredDay: -468,
    submittedDay: -426,
    strength: 2,
  },
  {
    slug: "northfield",
    organisation: "Tyne Valley NHS Foundation Trust",
    teamName: "Northfield Community Mental Health Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "NORTH_EAST",
    address: "Northfield Centre, 25 Station Road, Hexley NE46 1PQ",
    phone: "0191 498 0126",
    stage: "TRAINING",
    lead: { name: "Catherine Robson", role: "Team manager" },
    registeredDay: -475,
    submittedDay: -429,
    strength: 5,
    staff: {
      supervisors: 2,
      workers: 4,
      supervisorEmails: ["supervisor@example.org"],
      workerEmails: ["worker@example.org"],
    },
    cohort: 2,
  },
  {
    slug: "hollinsworth",
    organisation: "Hollinsworth Metropolitan Borough Council",
    teamName: "Hollinsworth Community Learning Disability Team",
    sector: "LOCAL_AUTHORITY",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "YORKSHIRE_AND_THE_HUMBER",
    address: "Town Hall Annexe, 4 Cloth Hall Street, Hollinsworth LS27 8AZ",
    phone: "0113 496 0248",
    stage: "TRAINING",
    lead: { name: "Deborah Hirst", role: "Team manager" },
    registeredDay: -460,
    submittedDay: -424,
    strength: 4,
    staff: { supervisors: 2, workers: 4 },
    cohort: 2,
  },
  {
    slug: "mersey-fields",
    organisation: "Merseyview Health NHS Foundation Trust",
    teamName: "Mersey Fields Recovery Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "NORTH_WEST",
    address: "Mersey Fields Resource Centre, 300 Dock Road, Liverpool L20 4SE",
    phone: "0151 496 0369",
    stage: "RECRUITING",
    lead: { name: "Siobhan Keane", role: "Team manager" },
    registeredDay: -478,
    submittedDay: -431,
    strength: 5,
    staff: { supervisors: 2, workers: 2, supervisorEmails: ["recruiter@example.org"] },
    cohort: 1,
  },
  {
    slug: "oakhurst",
    organisation: "Downland Partnership NHS Trust",
    teamName: "Oakhurst Older Adults Community Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
    region: "SOUTH_EAST",
    address: "Oakhurst Lodge, 18 Elm Grove, Wealdham RH12 2TB",
    phone: "0118 496 0472",
    stage: "RECRUITING",
    lead: { name: "Julian Marchbank", role: "Clinical team leader" },
    registeredDay: -465,
    submittedDay: -428,
    strength: 4,
    staff: { supervisors: 1, workers: 2 },
    cohort: 1,
  },
  {
    slug: "lanterns",
    organisation: "Lanterns Trust",
    teamName: "Lanterns Community Connectors",
    sector: "VOLUNTARY",
    clientGroups: ["LEARNING_DISABILITY", "MENTAL_HEALTH_WORKING_AGE"],
    region: "LONDON",
    address: "Lanterns Hub, 2 Rye Passage, London SE15 4NL",
    phone: "020 7946 0685",
    stage: "RECRUITING",
    lead: { name: "Abena Owusu", role: "Director of services" },
    registeredDay: -452,
    submittedDay: -423,
    strength: 4,
    staff: { supervisors: 1, workers: 2 },
    cohort: 1,
  },
  {
    slug: "shire-oak",
    organisation: "Wealdshire County Council",
    teamName: "Shire Oak Community Support Team",
    sector: "LOCAL_AUTHORITY",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE", "MENTAL_HEALTH_OLDER_ADULTS"],
    region: "EAST_MIDLANDS",
    address: "Shire Oak House, 11 Sherwood Rise, Mansworth NG19 6TA",
    phone: "0115 496 0793",
    stage: "FOLLOW_UP",
    lead: { name: "Neil Bramley", role: "Team manager" },
    registeredDay: -472,
    submittedDay: -430,
    followUpDay: -95,
    strength: 4,
    staff: { supervisors: 1, workers: 3 },
    cohort: 1,
  },
  {
    slug: "brookside",
    organisation: "Brookside Support Ltd",
    teamName: "Brookside Supported Living",
    sector: "INDEPENDENT",
    clientGroups: ["LEARNING_DISABILITY"],
    region: "WEST_MIDLANDS",
    address: "Brookside Court, 6 Mill Lane, Kidderford DY10 3HG",
    phone: "0121 496 0814",
    stage: "FOLLOW_UP",
    lead: { name: "Yvonne Carrick", role: "Registered manager" },
    registeredDay: -448,
    submittedDay: -422,
    followUpDay: -110,
    strength: 4,
    staff: { supervisors: 1, workers: 2 },
    cohort: 1,
  },
  {
    slug: "heatherfield",
    organisation: "Cheviot Borders NHS Foundation Trust",
    teamName: "Heatherfield Older People's Mental Health Team",
    sector: "NHS",
    clientGroups: ["MENTAL_HEALTH_OLDER_ADULTS"],
    region: "NORTH_EAST",
    address: "Heatherfield Day Hospital, 3 Fell View, Alnmouth Bridge NE66 2QR",
    phone: "0191 498 0937",
    stage: "COMPLETED",
    lead: { name: "Alistair Fenwick", role: "Team manager" },
    registeredDay: -476,
    submittedDay: -432,
    followUpDay: -250,
    completedDay: -8,
    strength: 5,
    staff: { supervisors: 1, workers: 2 },
    cohort: 1,
  },
  {
    slug: "eastcoast",
    organisation: "East Coast Community Care CIC",
    teamName: "Seafront Recovery and Wellbeing Team",
    sector: "VOLUNTARY",
    clientGroups: ["MENTAL_HEALTH_WORKING_AGE"],
    region: "EAST_OF_ENGLAND",
    address: "Seafront Centre, 45 Marine Parade, Cliftonsea CO15 1JA",
    phone: "01632 960958",
    stage: "WITHDRAWN",
    lead: { name: "Gillian Harte", role: "Project manager" },
    registeredDay: -446,
    submittedDay: -421,
    strength: 3,
  },
];

/** The stages an agency passed through to reach its current one, with the day of each move. */
function pathOf(spec: AgencySpec): { to: AgencyStage; day: number }[] {
  const path: { to: AgencyStage; day: number }[] = [{ to: "DRAFT", day: spec.registeredDay }];
  if (spec.stage === "DRAFT") return path;
  if (spec.submittedDay === undefined) throw new Error(`seed: ${spec.slug} needs a submitted day`);
  path.push({ to: "SUBMITTED", day: spec.submittedDay });
  if (spec.stage === "SUBMITTED") return path;
  path.push({ to: "UNDER_REVIEW", day: REVIEW_START_DAY });
  if (spec.stage === "UNDER_REVIEW") return path;
  path.push({ to: "SHORTLISTED", day: SHORTLIST_DAY });
  switch (spec.stage) {
    case "SHORTLISTED":
      return path;
    case "WITHDRAWN":
      return [...path, { to: "WITHDRAWN", day: WITHDRAWN_DAY }];
    case "RESERVE":
    case "NOT_SELECTED":
      return [...path, { to: spec.stage, day: DECISION_DAY }];
    case "SELECTED":
      // Promoted from the reserve list this month.
      return [...path, { to: "RESERVE", day: DECISION_DAY }, { to: "SELECTED", day: PROMOTED_DAY }];
    default:
      break;
  }
  path.push({ to: "SELECTED", day: DECISION_DAY });
  if (spec.cohort === 2) return [...path, { to: "TRAINING", day: COHORT_2_TRAINING_DAY }];
  path.push({ to: "TRAINING", day: COHORT_1_TRAINING_DAY }, { to: "RECRUITING", day: COHORT_1_RECRUITING_DAY });
  if (spec.stage === "RECRUITING") return path;
  if (spec.followUpDay === undefined) throw new Error(`seed: ${spec.slug} needs a follow-up day`);
  path.push({ to: "FOLLOW_UP", day: spec.followUpDay });
  if (spec.stage === "FOLLOW_UP") return path;
  if (spec.completedDay === undefined) throw new Error(`seed: ${spec.slug} needs a completed day`);
  return [...path, { to: "COMPLETED", day: spec.completedDay }];
}

function reasonFor(from: AgencyStage | null, to: AgencyStage, index: number): string {
  const variants: Partial<Record<AgencyStage, string[]>> = {
    DRAFT: ["Agency registered and questionnaire started."],
    SUBMITTED: ["Expression of interest submitted."],
    UNDER_REVIEW: ["Questionnaire passed the eligibility check; scoring started."],
    SHORTLISTED: [
      "Scores above the shortlisting threshold.",
      "Good fit with the model; invited to a telephone discussion.",
    ],
    SELECTED: [
      "Strong fit with the model and clear capacity to recruit.",
      "Good practice examples and the service manager's support confirmed.",
      "Adds coverage of its client group and region.",
    ],
    RESERVE: ["A good application; held on the reserve list.", "Close to the selection line; kept in reserve."],
    NOT_SELECTED: [
      "Limited capacity to release staff for training during the pilot.",
      "Another team in the same region was a closer fit with the model.",
    ],
    TRAINING: ["Training dates agreed with the team."],
    RECRUITING: ["All staff have completed the training days their role needs."],
    FOLLOW_UP: ["Recruitment closed; follow-up interviews under way."],
    COMPLETED: ["All follow-up interviews are done or closed."],
    WITHDRAWN: ["The team withdrew: a service reorganisation means it cannot release staff for training."],
  };
  if (from === "RESERVE" && to === "SELECTED") return "Promoted from the reserve list to fill a place.";
  const list = variants[to] ?? ["Stage changed."];
  return list[index % list.length] as string;
}

// ---------------------------------------------------------------------------------------------
// People.

const RESEARCHERS = [
  { email: "researcher@example.org", name: "Dr Eleanor Whitcombe" },
  { email: "samuel.adeyemi@example.org", name: "Dr Samuel Adeyemi" },
  { email: "priya.raman@example.org", name: "Priya Raman" },
];

/** The demo's invented first names and surnames (the benchmark's data set uses them too). */
export const FIRST_NAMES = [
  "Aisha",
  "Ben",
  "Chloe",
  "Daniel",
  "Eilidh",
  "Farhan",
  "Grace",
  "Harry",
  "Isla",
  "Jamal",
  "Katie",
  "Liam",
  "Megan",
  "Nathan",
  "Olivia",
  "Pawel",
  "Rhiannon",
  "Sean",
  "Tamsin",
  "Usman",
  "Victoria",
  "Wes",
  "Yasmin",
  "Zoe",
  "Bethany",
  "Callum",
  "Dominika",
  "Euan",
  "Fiona",
  "Gareth",
  "Hannah",
  "Ifeoma",
  "Joel",
  "Kirsty",
  "Lewis",
  "Maya",
];
export const SURNAMES = [
  "Ainsworth",
  "Bellamy",
  "Chowdhury",
  "Dawlish",
  "Ellery",
  "Fairbairn",
  "Gorton",
  "Hallam",
  "Ingleby",
  "Jarvis",
  "Kowalczyk",
  "Lockett",
  "Mbeki",
  "Nuttall",
  "Oduya",
  "Penhaligon",
  "Quayle",
  "Rushworth",
  "Stannard",
  "Tranter",
  "Umeh",
  "Varley",
  "Wainwright",
  "Yardley",
  "Birtwistle",
  "Cragg",
  "Dunstan",
  "Egerton",
  "Fothergill",
  "Greaves",
];

// ---------------------------------------------------------------------------------------------
// The questionnaire.

/** Practice examples per section, for a low, middling and high self-rating. */
const PRACTICE_EXAMPLES: Record<PracticeSection, [string, string, string]> = {
  community: [
    "Most contact happens at the team base or in people's homes; we rarely go out into the community together.",
    "Some workers meet people in cafés, libraries and community centres, but it depends on the worker.",
    "Workers routinely meet people in local cafés, libraries and community centres and know what is on in each neighbourhood.",
  ],
  coProduction: [
    "Care plans are written by the care coordinator and shared with the person afterwards.",
    "Goals are discussed with the person at reviews, though the plan is still mostly written by staff.",
    "Every plan starts from the person's own goals, written in their words and reviewed with them each month.",
  ],
  networks: [
    "We record next of kin but do not talk about wider social networks.",
    "Some workers ask about friends and family at assessment; nothing is recorded in a structured way.",
    "We draw a network map with each person at the start and revisit it at reviews.",
  ],
  activities: [
    "Our day service runs its own groups; we seldom support people to join activities elsewhere.",
    "We signpost to local groups and sometimes go along for the first visit.",
    "Workers go with people to try new activities – allotments, choirs, walking groups – until they feel confident to go alone.",
  ],
  communityLinks: [
    "We have few links with community groups beyond the statutory services.",
    "We know the main voluntary organisations locally and receive their newsletters.",
    "The team holds a shared directory of local groups and a named worker keeps in touch with each.",
  ],
  supervision: [
    "Supervision focuses on risk and caseload management.",
    "Social inclusion comes up in supervision when the worker raises it.",
    "Supervision includes a regular look at how each person's social network is changing, and managers protect time for community work.",
  ],
};

const TRAINING_PLACES: Record<Region, string> = {
  NORTH_EAST: "Newcastle or Leeds",
  NORTH_WEST: "Manchester or Liverpool",
  YORKSHIRE_AND_THE_HUMBER: "Leeds or Sheffield",
  EAST_MIDLANDS: "Nottingham or Leicester",
  WEST_MIDLANDS: "Birmingham",
  EAST_OF_ENGLAND: "Cambridge or London",
  LONDON: "Central London",
  SOUTH_EAST: "London or Reading",
  SOUTH_WEST: "Bristol",
};

const REORGANISATIONS = [
  "None planned.",
  "None planned during the pilot.",
  "The team is due to merge with the neighbouring locality team next spring; staff will stay the same.",
  "A review of day services is under way; we do not expect it to affect this team.",
];

type PracticeAnswer = { rating: number; examples: string };
type EoiAnswers = {
  eligibility: { clientGroups: ClientGroup[]; otherClientGroups: string };
  team: {
    organisation: string;
    teamName: string;
    sector: Sector;
    region: Region;
    address: string;
    contactName: string;
    contactRole: string;
    contactEmail: string;
    contactPhone: string;
  };
  size: { frontLineWorkers: number; supervisors: number; caseload: number };
  practice: Record<PracticeSection, PracticeAnswer>;
  capacity: {
    releaseWorkers: boolean;
    releaseSupervisors: boolean;
    managerSupports: boolean;
    referrals: number;
    reorganisation: string;
    trainingPlaces: string;
    trainingMonths: string;
  };
  agreement: { evaluation: boolean; recruitment: boolean };
};

function answersFor(spec: AgencySpec, leadEmail: string, random: Random): EoiAnswers {
  const practice = {} as Record<PracticeSection, PracticeAnswer>;
  for (const section of PRACTICE_SECTIONS) {
    const rating = Math.min(9, Math.max(1, spec.strength + 1 + random.int(-1, 3)));
    const examples = PRACTICE_EXAMPLES[section][rating <= 3 ? 0 : rating <= 6 ? 1 : 2];
    practice[section] = { rating, examples };
  }
  const frontLineWorkers = random.int(6, 18);
  return {
    eligibility: { clientGroups: spec.clientGroups, otherClientGroups: "" },
    team: {
      organisation: spec.organisation,
      teamName: spec.teamName,
      sector: spec.sector,
      region: spec.region,
      address: spec.address,
      contactName: spec.lead.name,
      contactRole: spec.lead.role,
      contactEmail: leadEmail,
      contactPhone: spec.phone,
    },
    size: { frontLineWorkers, supervisors: random.int(1, 3), caseload: frontLineWorkers * random.int(12, 25) },
    practice,
    capacity: {
      releaseWorkers: spec.strength >= 3,
      releaseSupervisors: spec.strength >= 3 || random.chance(0.5),
      managerSupports: true,
      referrals: 5 * random.int(3, 8),
      reorganisation: random.pick(REORGANISATIONS),
      trainingPlaces: TRAINING_PLACES[spec.region],
      trainingMonths: random.pick([
        "September to November",
        "October or November",
        "Any month except August",
        "Early in the new year",
      ]),
    },
    agreement: { evaluation: true, recruitment: true },
  };
}

/** What a lead has filled in so far on a questionnaire not yet submitted. */
function draftAnswers(full: EoiAnswers, progress: "most" | "little"): Prisma.InputJsonObject {
  if (progress === "little") {
    // Started before the deadline and left: the team section, short of a telephone number.
    return {
      eligibility: full.eligibility,
      team: Object.fromEntries(Object.entries(full.team).filter(([key]) => key !== "contactPhone")),
    };
  }
  return {
    eligibility: full.eligibility,
    team: full.team,
    size: full.size,
    practice: {
      community: full.practice.community,
      coProduction: full.practice.coProduction,
      networks: full.practice.networks,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reviews.

const REVIEW_NOTES: Record<
  "similarity" | "trainingCapacity" | "recruitmentCapacity" | "clientGroupFit",
  [string, string, string]
> = {
  similarity: [
    "Practice is mostly clinic-based; little community work at present.",
    "Some community-focused practice, but it varies between workers.",
    "Already works in much the way the model describes; convincing examples.",
  ],
  trainingCapacity: [
    "Unclear whether staff can be released for all training days.",
    "Can release workers; supervisors' extra days still to be confirmed.",
    "Manager has confirmed release for all training days.",
  ],
  recruitmentCapacity: [
    "Few new referrals expected during the pilot.",
    "A modest number of referrals expected; may need support to recruit.",
    "Steady flow of new referrals; realistic plan to invite people.",
  ],
  clientGroupFit: [
    "Client group only partly within the pilot's scope.",
    "Fits one of the pilot's client groups.",
    "Clear fit, and adds coverage we need for this client group.",
  ],
};

function noteFor(criterion: keyof typeof REVIEW_NOTES, score: number) {
  return REVIEW_NOTES[criterion][score <= 2 ? 0 : score === 3 ? 1 : 2];
}

// ---------------------------------------------------------------------------------------------
// Training sessions.

type SessionSpec = {
  key: string;
  trainingDay: TrainingDay;
  day: number;
  venue?: { name: string; address: string };
  onlineUrl?: string;
  capacity: number;
  cancelled?: { day: number; reason: string };
};

const VENUES = {
  manchester: { name: "Ancoats Mill Conference Rooms", address: "Second floor, 18 Redhill Street, Manchester M4 5BA" },
  london: { name: "Bloomsbury Friends' Rooms", address: "27 Tavistock Walk, London WC1H 9JP" },
  york: { name: "Minster Court Training Centre", address: "5 Lendal Yard, York YO1 8AQ" },
  leeds: { name: "Aire Quay Conference Centre", address: "1 Canal Wharf, Leeds LS11 5PS" },
  birmingham: { name: "Digbeth Community Hall", address: "40 Floodgate Street, Birmingham B5 5SL" },
  bristol: { name: "Harbourside Learning Centre", address: "12 Anchor Road, Bristol BS1 5TT" },
  nottingham: { name: "Lace Market Meeting Rooms", address: "9 Stoney Street, Nottingham NG1 1LX" },
};

const SESSIONS: SessionSpec[] = [
  // Cohort 1, a year ago.
  { key: "c1-w1", trainingDay: "WORKER_1", day: -372, venue: VENUES.manchester, capacity: 20 },
  { key: "c1-w2", trainingDay: "WORKER_2", day: -365, venue: VENUES.manchester, capacity: 20 },
  { key: "c1-w3", trainingDay: "WORKER_3", day: -358, venue: VENUES.manchester, capacity: 20 },
  { key: "c1-s1", trainingDay: "SUPERVISOR_1", day: -351, venue: VENUES.london, capacity: 12 },
  { key: "c1-s2", trainingDay: "SUPERVISOR_2", day: -346, venue: VENUES.york, capacity: 12 },
  // Cohort 2, now.
  { key: "c2-w1", trainingDay: "WORKER_1", day: -9, venue: VENUES.leeds, capacity: 16 },
  { key: "c3-w1", trainingDay: "WORKER_1", day: 3, venue: VENUES.birmingham, capacity: 16 },
  { key: "c2-w2", trainingDay: "WORKER_2", day: 7, venue: VENUES.leeds, capacity: 12 },
  { key: "c2-w3", trainingDay: "WORKER_3", day: 14, venue: VENUES.leeds, capacity: 16 },
  {
    key: "c2-s1",
    trainingDay: "SUPERVISOR_1",
    day: 21,
    onlineUrl: "https://meet.example.org/connecting-people/supervisor-day-1",
    capacity: 16,
  },
  {
    key: "c2-s2-bristol",
    trainingDay: "SUPERVISOR_2",
    day: 24,
    venue: VENUES.bristol,
    capacity: 12,
    cancelled: {
      day: -2,
      reason: "The venue is closed for repairs. Please book the supervisor day 2 session in Nottingham instead.",
    },
  },
  { key: "c2-s2", trainingDay: "SUPERVISOR_2", day: 28, venue: VENUES.nottingham, capacity: 12 },
];

const SUPERVISOR_DAYS: TrainingDay[] = ["SUPERVISOR_1", "SUPERVISOR_2"];

// ---------------------------------------------------------------------------------------------
// Participants. `day` is the referral day for people who never reached a baseline interview and
// the baseline day for everyone else; `end` is the day of withdrawal or loss to follow-up.

type ParticipantSpec = {
  status: ParticipantStatus;
  day: number;
  end?: number;
  afterBaseline?: boolean;
  keepData?: boolean;
};

const PARTICIPANTS: Record<string, ParticipantSpec[]> = {
  heatherfield: [
    { status: "FOLLOW_UP_DONE", day: -308 },
    { status: "FOLLOW_UP_DONE", day: -300 },
    { status: "FOLLOW_UP_DONE", day: -292 },
    { status: "NOT_ELIGIBLE", day: -320 },
    { status: "DECLINED", day: -300 },
    { status: "WITHDRAWN", day: -280, end: -200, afterBaseline: true, keepData: true },
  ],
  "shire-oak": [
    { status: "FOLLOW_UP_DONE", day: -305 },
    { status: "FOLLOW_UP_DONE", day: -295 },
    { status: "BASELINE_DONE", day: -310 },
    { status: "BASELINE_DONE", day: -298 },
    { status: "BASELINE_DONE", day: -200 },
    { status: "LOST_TO_FOLLOW_UP", day: -308, end: -3 },
    { status: "DECLINED", day: -150 },
    { status: "WITHDRAWN", day: -140, end: -110, keepData: false },
  ],
  brookside: [
    { status: "FOLLOW_UP_DONE", day: -298 },
    { status: "BASELINE_DONE", day: -270 },
    { status: "BASELINE_DONE", day: -260 },
    { status: "BASELINE_DONE", day: -140 },
    { status: "DECLINED", day: -200 },
    { status: "NOT_ELIGIBLE", day: -180 },
  ],
  "mersey-fields": [
    { status: "REFERRED", day: -5 },
    { status: "REFERRED", day: -2 },
    { status: "ELIGIBLE", day: -12 },
    { status: "CONSENTED", day: -25 },
    { status: "BASELINE_DONE", day: -280 },
    { status: "BASELINE_DONE", day: -180 },
    { status: "BASELINE_DONE", day: -60 },
    { status: "NOT_ELIGIBLE", day: -90 },
    { status: "DECLINED", day: -45 },
  ],
  oakhurst: [
    { status: "REFERRED", day: -8 },
    { status: "ELIGIBLE", day: -20 },
    { status: "CONSENTED", day: -15 },
    { status: "BASELINE_DONE", day: -240 },
    { status: "BASELINE_DONE", day: -100 },
    { status: "WITHDRAWN", day: -70, end: -50, keepData: true },
  ],
  lanterns: [
    { status: "REFERRED", day: -3 },
    { status: "BASELINE_DONE", day: -150 },
    { status: "BASELINE_DONE", day: -30 },
    { status: "FOLLOW_UP_DONE", day: -290 },
    { status: "NOT_ELIGIBLE", day: -60 },
  ],
};

const INELIGIBLE_REASONS = [
  "Already taking part in another research study.",
  "Main needs relate to dementia, which is outside the pilot's client groups.",
  "Moving out of the team's area before the follow-up interview.",
  "Currently an inpatient and not expected to be discharged during recruitment.",
];
const DECLINE_REASONS = [
  "Did not want to complete the interviews.",
  "Felt it was not the right time to take part.",
  "Preferred not to give a reason.",
];
const WITHDRAWAL_REASONS = [
  "Asked to stop taking part; found the interviews tiring.",
  "Discharged from the team and did not wish to continue.",
];
const LOST_REASON = "No reply to letters or telephone calls during the follow-up window.";
const ALL_MEASURES: Measure[] = ["RESOURCE_GENERATOR_UK", "WEMWBS", "SCOPE", "EQ_5D"];

const SUBGROUP_OF: Record<ClientGroup, Subgroup> = {
  MENTAL_HEALTH_WORKING_AGE: "ADULT_MENTAL_HEALTH",
  MENTAL_HEALTH_OLDER_ADULTS: "OLDER_ADULT_MENTAL_HEALTH",
  LEARNING_DISABILITY: "LEARNING_DISABILITY",
};

// ---------------------------------------------------------------------------------------------
// Building the rows.

type DemoStudy = {
  study: Prisma.StudyCreateManyInput;
  agencies: (Prisma.AgencyCreateManyInput & { id: string })[];
  users: Prisma.UserCreateManyInput[];
  expressions: Prisma.ExpressionOfInterestCreateManyInput[];
  stageChanges: Prisma.StageChangeCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
  sessions: Prisma.TrainingSessionCreateManyInput[];
  bookings: Prisma.BookingCreateManyInput[];
  participants: Omit<Prisma.ParticipantCreateManyInput, "studyId">[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
};

type Person = { id: string; email: string; name: string; agencyRole: AgencyRole };

function buildDemoStudy(now: Date, passwordHash: string): DemoStudy {
  const clock = new Clock(now);
  // The seeded generator (mulberry32), so the demo is the same on every machine.
  const random = createRandom(20120316);
  const plan: DemoStudy = {
    study: {
      id: 1,
      name: "Connecting People pilot",
      questionnaireDeadline: clock.at(DEADLINE_DAY, 17),
      agenciesToSelect: 12,
      workerTrainingDays: 3,
      supervisorExtraDays: 2,
      followUpMonths: 9,
      followUpWindowDays: 28,
      participantTarget: 240,
      decisionsConfirmedAt: clock.at(DECISION_DAY, 16, 30),
      createdAt: clock.at(DEADLINE_DAY - 90, 9),
    },
    agencies: [],
    users: [],
    expressions: [],
    stageChanges: [],
    reviews: [],
    sessions: [],
    bookings: [],
    participants: [],
    auditEvents: [],
  };

  const researchers = RESEARCHERS.map((researcher) => ({ ...researcher, id: randomUUID() }));
  const [leadResearcher, secondResearcher] = researchers as [
    (typeof researchers)[number],
    (typeof researchers)[number],
  ];
  for (const researcher of researchers) {
    plan.users.push({
      id: researcher.id,
      email: researcher.email,
      name: researcher.name,
      passwordHash,
      role: "RESEARCHER",
      createdAt: plan.study.createdAt,
    });
  }

  const usedNames = new Set<string>();
  const inventName = () => {
    for (;;) {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  const staffOf = new Map<string, { agencyId: string; supervisors: Person[]; workers: Person[] }>();
  let moveIndex = 0;

  AGENCIES.forEach((spec, agencyIndex) => {
    const agencyId = randomUUID();
    const path = pathOf(spec);
    const selectedOrLater = ["SELECTED", "TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"].includes(spec.stage);
    const lastDecision = [...path].reverse().find((step) => ["SELECTED", "RESERVE", "NOT_SELECTED"].includes(step.to));
    const leadEmail = spec.lead.email ?? `lead.${spec.slug}@example.org`;
    const registeredAt = clock.at(spec.registeredDay, 9, 10 + agencyIndex);

    plan.agencies.push({
      id: agencyId,
      organisation: spec.organisation,
      teamName: spec.teamName,
      sector: spec.sector,
      clientGroups: spec.clientGroups,
      region: spec.region,
      address: spec.address,
      contactName: spec.lead.name,
      contactRole: spec.lead.role,
      contactEmail: leadEmail,
      contactPhone: spec.phone,
      stage: spec.stage,
      participantTarget: selectedOrLater ? 20 : null,
      reserveRank: spec.reserveRank ?? null,
      decisionSentAt: lastDecision ? clock.at(lastDecision.day + 1, 10) : null,
      decisionSentStage: lastDecision ? lastDecision.to : null,
      createdAt: registeredAt,
    });

    // People: the lead registered the agency; selected agencies added their trainees later.
    const leadId = randomUUID();
    plan.users.push({
      id: leadId,
      email: leadEmail,
      name: spec.lead.name,
      passwordHash,
      role: "AGENCY_STAFF",
      agencyId,
      agencyRole: "LEAD",
      createdAt: registeredAt,
    });
    const supervisors: Person[] = [];
    const workers: Person[] = [];
    if (spec.staff) {
      const staffAddedDay = (lastDecision?.day ?? DECISION_DAY) + 3;
      const add = (agencyRole: AgencyRole, count: number, demoEmails: string[] = []) => {
        const list = agencyRole === "SUPERVISOR" ? supervisors : workers;
        for (let n = 1; n <= count; n++) {
          const prefix = agencyRole === "SUPERVISOR" ? "supervisor" : "worker";
          const person: Person = {
            id: randomUUID(),
            email: demoEmails[n - 1] ?? `${prefix}${n}.${spec.slug}@example.org`,
            name: inventName(),
            agencyRole,
          };
          list.push(person);
          plan.users.push({
            id: person.id,
            email: person.email,
            name: person.name,
            passwordHash,
            role: "AGENCY_STAFF",
            agencyId,
            agencyRole,
            createdAt: clock.at(staffAddedDay, 11, n),
          });
        }
      };
      add("SUPERVISOR", spec.staff.supervisors, spec.staff.supervisorEmails);
      add("WORKER", spec.staff.workers, spec.staff.workerEmails);
    }
    staffOf.set(spec.slug, { agencyId, supervisors, workers });

    // Stage history.
    let from: AgencyStage | null = null;
    path.forEach((step, stepIndex) => {
      const byLead = step.to === "DRAFT" || step.to === "SUBMITTED";
      const byId = byLead ? leadId : (stepIndex % 2 === 0 ? leadResearcher : secondResearcher).id;
      const at = byLead
        ? clock.at(step.day, 10 + (agencyIndex % 6), (agencyIndex * 7) % 60)
        : clock.at(step.day, 11 + (moveIndex % 5), (moveIndex * 11) % 60);
      const reason = reasonFor(from, step.to, moveIndex);
      moveIndex++;
      plan.stageChanges.push({ agencyId, fromStage: from, toStage: step.to, byId, at, reason });
      plan.auditEvents.push({
        actorId: byId,
        action: "agency.stage_changed",
        entity: "Agency",
        entityId: agencyId,
        before: { stage: from },
        after: { stage: step.to, reason },
        at,
      });
      from = step.to;
    });

    // Expression of interest.
    const answers = answersFor(spec, leadEmail, random);
    const submitted = path.find((step) => step.to === "SUBMITTED");
    if (submitted) {
      const submittedAt = clock.at(submitted.day, 10 + (agencyIndex % 6), (agencyIndex * 7) % 60);
      plan.expressions.push({
        agencyId,
        status: "SUBMITTED",
        answers,
        submittedAnswers: answers,
        submittedAt,
        createdAt: registeredAt,
      });
    } else if (spec.lead.email === "lead@example.org") {
      // Registered after the deadline; a researcher let this one agency in for a fortnight.
      const reopenedAt = clock.at(-3, 14, 20);
      const reopenedUntil = clock.at(14, 17);
      plan.expressions.push({
        agencyId,
        status: "DRAFT",
        answers: draftAnswers(answers, "most"),
        reopenedAt,
        reopenedUntil,
        createdAt: registeredAt,
      });
      plan.auditEvents.push({
        actorId: leadResearcher.id,
        action: "eoi.reopened",
        entity: "ExpressionOfInterest",
        entityId: agencyId,
        after: { reopenedUntil: reopenedUntil.toISOString() },
        at: reopenedAt,
      });
    } else {
      plan.expressions.push({
        agencyId,
        status: "DRAFT",
        answers: draftAnswers(answers, "little"),
        createdAt: registeredAt,
      });
    }

    // Reviews: one while under review, two or three once shortlisted.
    if (path.some((step) => step.to === "UNDER_REVIEW")) {
      const reviewers =
        spec.stage === "UNDER_REVIEW"
          ? [secondResearcher]
          : agencyIndex % 2 === 0
            ? researchers
            : researchers.slice(0, 2);
      reviewers.forEach((reviewer, reviewerIndex) => {
        const score = () => Math.min(5, Math.max(1, spec.strength + random.int(-1, 1) - (random.chance(0.3) ? 1 : 0)));
        const similarityScore = score();
        const trainingCapacityScore = score();
        const recruitmentCapacityScore = score();
        const clientGroupFitScore = Math.max(3, score());
        const at = clock.at(REVIEW_START_DAY + 2 + reviewerIndex * 2, 15, (agencyIndex * 5) % 60);
        plan.reviews.push({
          agencyId,
          reviewerId: reviewer.id,
          similarityScore,
          similarityNote: noteFor("similarity", similarityScore),
          trainingCapacityScore,
          trainingCapacityNote: noteFor("trainingCapacity", trainingCapacityScore),
          recruitmentCapacityScore,
          recruitmentCapacityNote: noteFor("recruitmentCapacity", recruitmentCapacityScore),
          clientGroupFitScore,
          clientGroupFitNote: noteFor("clientGroupFit", clientGroupFitScore),
          createdAt: at,
          updatedAt: at,
        });
        plan.auditEvents.push({
          actorId: reviewer.id,
          action: "review.saved",
          entity: "Agency",
          entityId: agencyId,
          after: { similarityScore, trainingCapacityScore, recruitmentCapacityScore, clientGroupFitScore },
          at,
        });
      });
    }
  });

  // Training sessions and bookings.
  const sessionIds = new Map<string, { id: string; day: number; trainingDay: TrainingDay }>();
  for (const spec of SESSIONS) {
    const day = clock.weekday(spec.day);
    const supervisorDay = spec.trainingDay.startsWith("SUPERVISOR");
    const id = randomUUID();
    sessionIds.set(spec.key, { id, day, trainingDay: spec.trainingDay });
    const past = day < 0;
    plan.sessions.push({
      id,
      trainingDay: spec.trainingDay,
      startsAt: clock.at(day, supervisorDay ? 10 : 9, supervisorDay ? 0 : 30),
      endsAt: clock.at(day, supervisorDay ? 16 : 16, supervisorDay ? 0 : 30),
      venue: spec.venue?.name ?? null,
      address: spec.venue?.address ?? null,
      onlineUrl: spec.onlineUrl ?? null,
      trainer: supervisorDay ? "Dr Samuel Adeyemi" : "Ruth Calloway",
      capacity: spec.capacity,
      notes: spec.onlineUrl
        ? "The link opens 15 minutes before the start. Please join from a quiet room with a camera."
        : "Tea, coffee and lunch are provided. Please tell us about any access or dietary needs when you book.",
      status: spec.cancelled ? "CANCELLED" : "SCHEDULED",
      cancelledAt: spec.cancelled ? clock.at(spec.cancelled.day, 12) : null,
      cancelReason: spec.cancelled?.reason ?? null,
      icsSequence: spec.cancelled ? 1 : 0,
      createdById: leadResearcher.id,
      createdAt: clock.at(past && day < -300 ? COHORT_1_TRAINING_DAY - 5 : COHORT_2_TRAINING_DAY - 5, 10),
    });
  }

  const book = (
    sessionKey: string,
    person: Person,
    bookedBy: Person,
    status: BookingStatus,
    bookedDay: number,
    waitlistPosition: number | null = null,
  ) => {
    const session = sessionIds.get(sessionKey);
    if (!session) throw new Error(`seed: no session ${sessionKey}`);
    if (person.agencyRole === "WORKER" && SUPERVISOR_DAYS.includes(session.trainingDay)) {
      throw new Error(`seed: a worker cannot be booked on ${session.trainingDay}`);
    }
    const marked = status === "ATTENDED" || status === "ABSENT";
    plan.bookings.push({
      sessionId: session.id,
      userId: person.id,
      status,
      waitlistPosition,
      bookedById: bookedBy.id,
      attendanceMarkedById: marked ? leadResearcher.id : null,
      attendanceMarkedAt: marked ? clock.at(session.day, 17) : null,
      reminderSentAt: session.day < 0 ? clock.at(session.day - 2, 8) : null,
      createdAt: clock.at(bookedDay, 12, plan.bookings.length % 60),
    });
  };

  const trainees = (slug: string) => {
    const staff = staffOf.get(slug);
    if (!staff) throw new Error(`seed: no staff for ${slug}`);
    const booker = staff.supervisors[0];
    if (!booker) throw new Error(`seed: ${slug} has no supervisor`);
    return { ...staff, booker, everyone: [...staff.supervisors, ...staff.workers] };
  };

  // Cohort 1 trained a year ago and everyone attended every day their role needs.
  for (const spec of AGENCIES.filter((agency) => agency.cohort === 1)) {
    const team = trainees(spec.slug);
    for (const key of ["c1-w1", "c1-w2", "c1-w3"]) {
      for (const person of team.everyone) book(key, person, team.booker, "ATTENDED", COHORT_1_TRAINING_DAY + 2);
    }
    for (const person of team.supervisors) {
      book("c1-s1", person, team.booker, "ATTENDED", COHORT_1_TRAINING_DAY + 2);
      book("c1-s2", person, team.booker, "ATTENDED", COHORT_1_TRAINING_DAY + 2);
    }
  }

  // Cohort 2 is half-way: day 1 done (one absence), the rest booked; worker day 2 is full.
  let absences = 0;
  for (const spec of AGENCIES.filter((agency) => agency.cohort === 2)) {
    const team = trainees(spec.slug);
    for (const person of team.everyone) {
      const absent =
        absences === 0 && spec.slug === "hollinsworth" && person.agencyRole === "WORKER" && person === team.workers[2];
      if (absent) absences++;
      book("c2-w1", person, team.booker, absent ? "ABSENT" : "ATTENDED", COHORT_2_TRAINING_DAY + 3);
      book("c2-w2", person, team.booker, "BOOKED", COHORT_2_TRAINING_DAY + 3);
      book("c2-w3", person, team.booker, "BOOKED", COHORT_2_TRAINING_DAY + 3);
    }
    for (const person of team.supervisors) {
      book("c2-s1", person, team.booker, "BOOKED", COHORT_2_TRAINING_DAY + 4);
      book("c2-s2", person, team.booker, "BOOKED", -1);
    }
  }

  // The agency promoted from reserve books day 1 next week; day 2 was already full.
  for (const spec of AGENCIES.filter((agency) => agency.cohort === 3)) {
    const team = trainees(spec.slug);
    for (const person of team.everyone) book("c3-w1", person, team.booker, "BOOKED", PROMOTED_DAY + 6);
    const [firstWorker] = team.workers;
    book("c2-w2", team.booker, team.booker, "WAITLISTED", PROMOTED_DAY + 7, 1);
    if (firstWorker) book("c2-w2", firstWorker, team.booker, "WAITLISTED", PROMOTED_DAY + 7, 2);
  }

  // Participants.
  const referralGap = () => random.int(2, 6);
  const consentGap = () => random.int(3, 8);
  const baselineGap = () => random.int(5, 14);
  const tally = { ineligible: 0, declined: 0, withdrawn: 0 };
  for (const spec of AGENCIES) {
    const list = PARTICIPANTS[spec.slug];
    if (!list) continue;
    const team = trainees(spec.slug);
    const recruitingFrom = COHORT_1_RECRUITING_DAY;
    const recruitingUntil = spec.followUpDay ?? 0;
    list.forEach((participant, index) => {
      const reachesBaseline =
        participant.status === "BASELINE_DONE" ||
        participant.status === "FOLLOW_UP_DONE" ||
        participant.status === "LOST_TO_FOLLOW_UP" ||
        (participant.status === "WITHDRAWN" && participant.afterBaseline === true);
      const s = referralGap();
      const c = consentGap();
      const b = baselineGap();
      let referral: number;
      let screened: number | null = null;
      let consent: number | null = null;
      let baseline: number | null = null;
      if (reachesBaseline) {
        baseline = participant.day;
        consent = baseline - b;
        screened = consent - c;
        referral = screened - s;
      } else {
        referral = participant.day;
        if (participant.status !== "REFERRED") screened = Math.min(0, referral + s);
        if (participant.status === "CONSENTED" || participant.status === "WITHDRAWN")
          consent = Math.min(0, (screened ?? referral) + c);
      }
      if (referral <= recruitingFrom || referral > recruitingUntil) {
        throw new Error(`seed: a ${spec.slug} referral falls outside its recruitment period`);
      }
      const worker = team.workers[index % team.workers.length] ?? team.booker;
      const group = spec.clientGroups[index % spec.clientGroups.length] as ClientGroup;
      const row: Omit<Prisma.ParticipantCreateManyInput, "studyId"> = {
        agencyId: team.agencyId,
        sequence: index + 1,
        workerId: worker.id,
        subgroup: SUBGROUP_OF[group],
        isNewReferral: random.chance(0.75),
        status: participant.status,
        referralDate: clock.date(referral),
        screenedDate: screened === null ? null : clock.date(screened),
        consentDate: consent === null ? null : clock.date(consent),
        baselineDate: baseline === null ? null : clock.date(baseline),
        baselineMeasures:
          baseline === null ? [] : random.chance(0.85) ? ALL_MEASURES : ALL_MEASURES.filter((m) => m !== "SCOPE"),
        createdById: team.booker.id,
        createdAt: clock.at(referral, 13, index),
      };
      switch (participant.status) {
        case "NOT_ELIGIBLE":
          row.ineligibleReason = INELIGIBLE_REASONS[tally.ineligible++ % INELIGIBLE_REASONS.length];
          break;
        case "DECLINED":
          row.declinedDate = clock.date(Math.min(0, (screened ?? referral) + c));
          row.declineReason = DECLINE_REASONS[tally.declined++ % DECLINE_REASONS.length];
          break;
        case "FOLLOW_UP_DONE": {
          const followUp = (baseline ?? 0) + FOLLOW_UP_DAYS + random.int(-6, 3);
          if (followUp >= 0) throw new Error(`seed: a ${spec.slug} follow-up would be in the future`);
          row.followUpDate = clock.date(followUp);
          row.followUpMeasures = random.chance(0.8)
            ? ALL_MEASURES
            : ALL_MEASURES.filter((m) => m !== "RESOURCE_GENERATOR_UK");
          break;
        }
        case "WITHDRAWN":
          row.withdrawnDate = clock.date(participant.end ?? 0);
          row.withdrawalReason = WITHDRAWAL_REASONS[tally.withdrawn++ % WITHDRAWAL_REASONS.length];
          row.keepDataOnWithdrawal = participant.keepData ?? true;
          break;
        case "LOST_TO_FOLLOW_UP":
          row.lostDate = clock.date(participant.end ?? 0);
          row.lostReason = LOST_REASON;
          break;
        default:
          break;
      }
      plan.participants.push(row);
    });
  }

  return plan;
}
