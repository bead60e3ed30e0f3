// The national-scale data set of the benchmark, planned in memory from a seed: agencies at every
// stage (most recruiting or further along), their questionnaires, reviews and stage history, their
// staff, training sessions and bookings, participants at every status, and sent emails. Everything
// that varies comes from the seeded generator, so one seed and one "today" always give the same
// rows. The rows are held column by column, ready for bulk inserts (dataset.ts). Every CHECK
// constraint of prisma/migrations holds for every row; the database checks them again on insert.
// Pure: no I/O.
import { ukLocalToUtc } from "@/lib/dates";
import { PRACTICE_SECTIONS, REGIONS, SECTORS } from "@/lib/eoi/schema";
import { addDays, followUpSchedule, formatStudyId, MEASURES } from "@/lib/recruitment/rules";
import { FIRST_NAMES as DEMO_FIRST_NAMES, SURNAMES as DEMO_SURNAMES } from "@/prisma/seed";
import { createRandom, type Random } from "@/lib/random";
import { apportion } from "./random";

export type DatasetSizes = {
  agencies: number;
  /** Agency staff (leads, supervisors and workers); the researchers come on top. */
  staff: number;
  researchers: number;
  sessions: number;
  bookings: number;
  participants: number;
  outboxEmails: number;
};

/** The scale issue 8 asks for. */
export const NATIONAL_SIZES: DatasetSizes = {
  agencies: 1_000,
  staff: 20_000,
  researchers: 6,
  sessions: 2_000,
  bookings: 40_000,
  participants: 100_000,
  outboxEmails: 5_000,
};

/** A twentieth of the national scale, the same shape: for the tests, planned in well under a second. */
export const SMALL_SIZES: DatasetSizes = {
  agencies: 50,
  staff: 1_000,
  researchers: 4,
  sessions: 100,
  bookings: 2_000,
  participants: 5_000,
  outboxEmails: 50,
};

export const DEFAULT_SEED = 8;

/** Raised whenever the plan changes, so that a data set made by an older plan is rebuilt. */
export const PLAN_VERSION = 1;

/** Every generated account has this password (the data set is local and reachable on 127.0.0.1 only). */
export const BENCH_PASSWORD = "bench-password-local-only";
export const RESEARCHER_EMAIL = "researcher@bench.example";
export const SUPERVISOR_EMAIL = "supervisor@bench.example";
/** The participants of the supervisor's agency (a recruiting one). */
export const SUPERVISOR_AGENCY_PARTICIPANTS = 100;

/** The study's settings in the data set: a national trial selects every agency that holds a place. */
export const BENCH_STUDY = {
  agenciesToSelect: 1_000,
  participantTarget: 120_000,
  followUpMonths: 9,
  followUpWindowDays: 28,
  workerTrainingDays: 3,
  supervisorExtraDays: 2,
} as const;

// ---------------------------------------------------------------------------------------------
// Columns

/** How a column travels: the array type of its unnest parameter, and a cast applied after. */
export type ColumnType = { param: "uuid" | "text" | "int4" | "bool" | "date" | "timestamptz"; cast?: string };

const T = {
  uuid: { param: "uuid" },
  text: { param: "text" },
  int: { param: "int4" },
  bool: { param: "bool" },
  date: { param: "date" },
  time: { param: "timestamptz" },
  json: { param: "text", cast: "jsonb" },
  enumOf: (type: string): ColumnType => ({ param: "text", cast: `"${type}"` }),
  /** An array column, sent as one array literal ("{A,B}") per row. */
  enumArrayOf: (type: string): ColumnType => ({ param: "text", cast: `"${type}"[]` }),
} as const satisfies Record<string, ColumnType | ((type: string) => ColumnType)>;

type Value = string | number | boolean | null;

/** One table's rows, column by column. */
export class TablePlan {
  readonly values: Record<string, Value[]>;
  rows = 0;

  constructor(
    readonly name: string,
    readonly columns: Record<string, ColumnType>,
  ) {
    this.values = Object.fromEntries(Object.keys(columns).map((column) => [column, []]));
  }

  add(row: Record<string, Value | undefined>) {
    // A misspelt column would be silently empty: checked on the first row (the rows share a shape).
    if (this.rows === 0) {
      for (const column of Object.keys(row)) {
        if (!(column in this.columns)) throw new Error(`${this.name} has no column ${column}`);
      }
    }
    for (const column of Object.keys(this.columns)) this.values[column]!.push(row[column] ?? null);
    this.rows += 1;
  }
}

/** `{A,B}`: a PostgreSQL array literal of plain words (enum values need no quoting). */
const arrayLiteral = (items: readonly string[]) => `{${items.join(",")}}`;

// ---------------------------------------------------------------------------------------------
// Time: days relative to "today" (negative = past), as dates and UK wall-clock instants.

class Days {
  // Remembered: the same few hundred days come up hundreds of thousands of times.
  private readonly dates = new Map<number, string>();
  private readonly instants = new Map<string, string>();

  constructor(readonly today: string) {}

  date(offset: number): string {
    let date = this.dates.get(offset);
    if (date === undefined) {
      date = addDays(this.today, offset);
      this.dates.set(offset, date);
    }
    return date;
  }

  /** The instant it is hour:minute UK time, `offset` days from today, as ISO text. */
  at(offset: number, hour: number, minute = 0): string {
    const key = `${offset}:${hour}:${minute}`;
    let instant = this.instants.get(key);
    if (instant === undefined) {
      const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
      // 01:00-02:00 may not exist on the day the clocks go forward; the hours used here always do.
      instant = ukLocalToUtc(this.date(offset), time)!.toISOString();
      this.instants.set(key, instant);
    }
    return instant;
  }

  /** The same day moved to Monday when it falls on a weekend. */
  weekday(offset: number): number {
    const dow = new Date(`${this.date(offset)}T12:00:00Z`).getUTCDay();
    return dow === 6 ? offset + 2 : dow === 0 ? offset + 1 : offset;
  }
}

// ---------------------------------------------------------------------------------------------
// Words

const PLACES = [
  "Alnwick",
  "Ashford",
  "Barnsley",
  "Basingstoke",
  "Bedford",
  "Blackburn",
  "Bolton",
  "Bootle",
  "Bradford",
  "Bridgwater",
  "Brighton",
  "Burnley",
  "Bury",
  "Cambridge",
  "Canterbury",
  "Carlisle",
  "Chelmsford",
  "Cheltenham",
  "Chester",
  "Chesterfield",
  "Colchester",
  "Coventry",
  "Crawley",
  "Darlington",
  "Derby",
  "Doncaster",
  "Dover",
  "Dudley",
  "Durham",
  "Eastbourne",
  "Exeter",
  "Gateshead",
  "Gloucester",
  "Grimsby",
  "Guildford",
  "Halifax",
  "Harlow",
  "Harrogate",
  "Hastings",
  "Hereford",
  "Huddersfield",
  "Hull",
  "Ipswich",
  "Kendal",
  "Kettering",
  "Lancaster",
  "Leeds",
  "Leicester",
  "Lincoln",
  "Luton",
  "Maidstone",
  "Mansfield",
  "Middlesbrough",
  "Milton Keynes",
  "Newark",
  "Newcastle",
  "Northampton",
  "Norwich",
  "Nottingham",
  "Oldham",
  "Oxford",
  "Penrith",
  "Peterborough",
  "Plymouth",
  "Portsmouth",
  "Preston",
  "Reading",
  "Redditch",
  "Rochdale",
  "Rotherham",
  "Salford",
  "Salisbury",
  "Scarborough",
  "Sheffield",
  "Shrewsbury",
  "Slough",
  "Southampton",
  "Southend",
  "Stafford",
  "Stevenage",
  "Stockport",
  "Stoke",
  "Sunderland",
  "Swindon",
  "Taunton",
  "Telford",
  "Truro",
  "Wakefield",
  "Walsall",
  "Warrington",
  "Watford",
  "Wigan",
  "Winchester",
  "Wolverhampton",
  "Worcester",
  "Worthing",
  "Yeovil",
  "York",
];
const QUARTERS = ["North", "South", "East", "West", "Central"];
const SERVICES: Record<"MENTAL_HEALTH_WORKING_AGE" | "MENTAL_HEALTH_OLDER_ADULTS" | "LEARNING_DISABILITY", string[]> = {
  MENTAL_HEALTH_WORKING_AGE: [
    "Community Mental Health Team",
    "Recovery Team",
    "Assertive Outreach Team",
    "Early Intervention Team",
    "Peer Support Service",
  ],
  MENTAL_HEALTH_OLDER_ADULTS: [
    "Older People's Mental Health Team",
    "Older Adults Community Team",
    "Memory and Wellbeing Service",
  ],
  LEARNING_DISABILITY: ["Community Learning Disability Team", "Supported Living Service", "Day Opportunities Service"],
};
// The demo seed's names, and a few more.
const FIRST_NAMES = [...DEMO_FIRST_NAMES, "Nadia", "Owen", "Priya", "Rory", "Sana", "Tom"];
const SURNAMES = [...DEMO_SURNAMES, "Hussain", "Kaur", "Nowak", "Okafor", "Patel", "Singh"];
const VENUES = [
  { name: "Ancoats Mill Conference Rooms", address: "18 Redhill Street, Manchester M4 5BA" },
  { name: "Bloomsbury Friends' Rooms", address: "27 Tavistock Walk, London WC1H 9JP" },
  { name: "Minster Court Training Centre", address: "5 Lendal Yard, York YO1 8AQ" },
  { name: "Aire Quay Conference Centre", address: "1 Canal Wharf, Leeds LS11 5PS" },
  { name: "Digbeth Community Hall", address: "40 Floodgate Street, Birmingham B5 5SL" },
  { name: "Harbourside Learning Centre", address: "12 Anchor Road, Bristol BS1 5TT" },
  { name: "Lace Market Meeting Rooms", address: "9 Stoney Street, Nottingham NG1 1LX" },
  { name: "Quayside Training Rooms", address: "3 Sandhill, Newcastle NE1 3JF" },
  { name: "Riverside Learning Hub", address: "14 Castle Street, Exeter EX4 3PU" },
  { name: "Cathedral Quarter Rooms", address: "6 Orchard Street, Norwich NR2 4PB" },
];
const TRAINERS = ["Dr Martin Webber", "Meredith Newlin", "Joanne Ashworth", "Kamal Mirza", "Sarah Carr"];
const PRACTICE_EXAMPLES = [
  "Most contact happens at the team base or in people's homes; we rarely go out into the community together.",
  "Some workers meet people in cafés, libraries and community centres, but it depends on the worker.",
  "Workers routinely meet people in local cafés, libraries and community centres and know what is on nearby.",
];
const REVIEW_NOTES = [
  "Limited evidence so far; would need support.",
  "Reasonable fit; some questions to discuss.",
  "Strong, convincing examples and clear capacity.",
];
const INELIGIBLE_REASONS = [
  "Not on the team's caseload long enough.",
  "Lives outside the team's area.",
  "Currently an inpatient.",
];
const DECLINE_REASONS = ["Did not want to take part.", "Too busy at the moment.", "Not interested in research."];
const WITHDRAWAL_REASONS = ["Moved out of the area.", "No longer wished to take part.", "Health got worse."];
const LOST_REASONS = ["Could not be contacted for the follow-up interview.", "Moved away; no new contact details."];

// ---------------------------------------------------------------------------------------------
// Agencies: how many at each stage, and when each moved on.

type Stage =
  | "DRAFT"
  | "SUBMITTED"
  | "UNDER_REVIEW"
  | "SHORTLISTED"
  | "SELECTED"
  | "RESERVE"
  | "NOT_SELECTED"
  | "TRAINING"
  | "RECRUITING"
  | "FOLLOW_UP"
  | "COMPLETED"
  | "WITHDRAWN";

/** Shares of the agencies at each stage: most recruiting or further along, as in a national trial. */
export const STAGE_SHARES: readonly (readonly [Stage, number])[] = [
  ["DRAFT", 20],
  ["SUBMITTED", 20],
  ["UNDER_REVIEW", 20],
  ["SHORTLISTED", 10],
  ["SELECTED", 20],
  ["RESERVE", 20],
  ["NOT_SELECTED", 40],
  ["TRAINING", 100],
  ["RECRUITING", 450],
  ["FOLLOW_UP", 200],
  ["COMPLETED", 80],
  ["WITHDRAWN", 20],
];

const TRAINED_STAGES: readonly Stage[] = ["TRAINING", "RECRUITING", "FOLLOW_UP", "COMPLETED"];
const RECRUITED_STAGES: readonly Stage[] = ["RECRUITING", "FOLLOW_UP", "COMPLETED"];

// The story, in days from today.
const DEADLINE_DAY = -800;
const REVIEW_DAY = -790;
const SHORTLIST_DAY = -775;
const DECISION_DAY = -760;
const DECISION_SENT_DAY = -755;
const FIRST_SESSION_DAY = -750;
const LAST_SESSION_DAY = 75;

type AgencyPlan = {
  id: string;
  code: number;
  stage: Stage;
  teamName: string;
  organisation: string;
  clientGroups: (keyof typeof SERVICES)[];
  region: (typeof REGIONS)[number];
  strength: number;
  /** Stage moves, oldest first, with their day. */
  path: { from: Stage | null; to: Stage; day: number }[];
  submittedDay: number | null;
  /** First day of training (TRAINING and beyond). */
  trainStart: number | null;
  /** Referrals are made from the first of these days to the second (recruiting and beyond). */
  recruitFrom: number | null;
  recruitTo: number | null;
  lead: string;
  supervisors: string[];
  workers: string[];
  /** Active supervisors and workers, who may be a participant's worker. */
  activeStaff: string[];
};

function agencyPath(stage: Stage, random: Random) {
  const registered = random.int(-900, -840);
  const submitted = random.int(-835, -801);
  const path: { from: Stage | null; to: Stage; day: number }[] = [{ from: null, to: "DRAFT", day: registered }];
  const move = (to: Stage, day: number) => path.push({ from: path[path.length - 1]!.to, to, day });
  let trainStart: number | null = null;
  let recruitFrom: number | null = null;
  let recruitTo: number | null = null;
  if (stage === "DRAFT") return { path, submittedDay: null, trainStart, recruitFrom, recruitTo };
  move("SUBMITTED", submitted);
  if (stage === "SUBMITTED") return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
  move("UNDER_REVIEW", REVIEW_DAY + random.int(0, 5));
  if (stage === "UNDER_REVIEW") return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
  move("SHORTLISTED", SHORTLIST_DAY + random.int(0, 5));
  if (stage === "SHORTLISTED" || stage === "WITHDRAWN") {
    if (stage === "WITHDRAWN") move("WITHDRAWN", random.int(-770, -765));
    return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
  }
  if (stage === "RESERVE" || stage === "NOT_SELECTED") {
    move(stage, DECISION_DAY);
    return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
  }
  if (stage === "SELECTED") {
    // Promoted from the reserve list in the last few weeks.
    move("RESERVE", DECISION_DAY);
    move("SELECTED", random.int(-30, -5));
    return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
  }
  move("SELECTED", DECISION_DAY);
  // Training starts; the agency moved to "in training" with its first booking, three weeks before.
  trainStart =
    stage === "TRAINING"
      ? random.int(-45, 10)
      : stage === "COMPLETED"
        ? random.int(-745, -705)
        : stage === "FOLLOW_UP"
          ? random.int(-745, -600)
          : random.int(-745, -130);
  move("TRAINING", Math.min(Math.max(trainStart - 21, DECISION_DAY + 2), -1));
  if (stage === "TRAINING") return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
  recruitFrom = trainStart + 55;
  move("RECRUITING", recruitFrom);
  if (stage === "RECRUITING") return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo: 0 };
  const followUp = stage === "COMPLETED" ? random.int(-420, -390) : random.int(-200, -60);
  move("FOLLOW_UP", followUp);
  recruitTo = followUp - 1;
  if (stage === "COMPLETED") move("COMPLETED", random.int(-30, -3));
  return { path, submittedDay: submitted, trainStart, recruitFrom, recruitTo };
}

const STAGE_REASONS: Partial<Record<Stage, string>> = {
  DRAFT: "Agency registered and questionnaire started.",
  SUBMITTED: "Expression of interest submitted.",
  UNDER_REVIEW: "Questionnaire passed the eligibility check; scoring started.",
  SHORTLISTED: "Scores above the shortlisting threshold.",
  SELECTED: "Strong fit with the model and clear capacity to recruit.",
  RESERVE: "A good application; held on the reserve list.",
  NOT_SELECTED: "Another team in the same region was a closer fit with the model.",
  TRAINING: "First training booking made.",
  RECRUITING: "All staff have completed the training days their role needs.",
  FOLLOW_UP: "Recruitment closed; follow-up interviews under way.",
  COMPLETED: "All follow-up interviews are done or closed.",
  WITHDRAWN: "The team withdrew: a service reorganisation means it cannot release staff.",
};

// ---------------------------------------------------------------------------------------------
// The plan

export type DatasetPlan = {
  seed: number;
  today: string;
  sizes: DatasetSizes;
  tables: TablePlan[];
  /** The agency of the supervisor who signs in, and its participants. */
  supervisorAgency: { id: string; code: number; teamName: string; participants: number };
  /** How many participants are at each status. */
  statusCounts: Record<string, number>;
  /** How many agencies are at each stage. */
  stageCounts: Record<string, number>;
};

/**
 * Plans the whole data set. `today` is the UK calendar date the story is told from ("YYYY-MM-DD");
 * `passwordHash` is the one hash every account shares.
 */
export function planDataset({
  seed,
  today,
  passwordHash,
  sizes = NATIONAL_SIZES,
}: {
  seed: number;
  today: string;
  passwordHash: string;
  sizes?: DatasetSizes;
}): DatasetPlan {
  const random = createRandom(seed);
  const ids = createRandom(seed ^ 0x5eed1d5);
  const days = new Days(today);

  // Tables, in the order they are inserted (each refers only to those before it).
  const study = new TablePlan("Study", {
    id: T.int,
    name: T.text,
    questionnaireDeadline: T.time,
    agenciesToSelect: T.int,
    workerTrainingDays: T.int,
    supervisorExtraDays: T.int,
    followUpMonths: T.int,
    followUpWindowDays: T.int,
    participantTarget: T.int,
    decisionsConfirmedAt: T.time,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const agencyTable = new TablePlan("Agency", {
    id: T.uuid,
    code: T.int,
    organisation: T.text,
    teamName: T.text,
    sector: T.enumOf("Sector"),
    clientGroups: T.enumArrayOf("ClientGroup"),
    region: T.enumOf("Region"),
    address: T.text,
    contactName: T.text,
    contactRole: T.text,
    contactEmail: T.text,
    contactPhone: T.text,
    stage: T.enumOf("AgencyStage"),
    participantTarget: T.int,
    reserveRank: T.int,
    decisionSentAt: T.time,
    decisionSentStage: T.enumOf("AgencyStage"),
    createdAt: T.time,
    updatedAt: T.time,
  });
  const userTable = new TablePlan("User", {
    id: T.uuid,
    email: T.text,
    name: T.text,
    passwordHash: T.text,
    role: T.enumOf("Role"),
    agencyId: T.uuid,
    agencyRole: T.enumOf("AgencyRole"),
    deactivatedAt: T.time,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const eoiTable = new TablePlan("ExpressionOfInterest", {
    id: T.uuid,
    agencyId: T.uuid,
    status: T.enumOf("QuestionnaireStatus"),
    answers: T.json,
    submittedAnswers: T.json,
    submittedAt: T.time,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const stageTable = new TablePlan("StageChange", {
    id: T.uuid,
    agencyId: T.uuid,
    fromStage: T.enumOf("AgencyStage"),
    toStage: T.enumOf("AgencyStage"),
    byId: T.uuid,
    at: T.time,
    reason: T.text,
  });
  const reviewTable = new TablePlan("Review", {
    id: T.uuid,
    agencyId: T.uuid,
    reviewerId: T.uuid,
    similarityScore: T.int,
    similarityNote: T.text,
    trainingCapacityScore: T.int,
    trainingCapacityNote: T.text,
    recruitmentCapacityScore: T.int,
    recruitmentCapacityNote: T.text,
    clientGroupFitScore: T.int,
    clientGroupFitNote: T.text,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const sessionTable = new TablePlan("TrainingSession", {
    id: T.uuid,
    trainingDay: T.enumOf("TrainingDay"),
    startsAt: T.time,
    endsAt: T.time,
    venue: T.text,
    address: T.text,
    onlineUrl: T.text,
    trainer: T.text,
    capacity: T.int,
    notes: T.text,
    status: T.enumOf("SessionStatus"),
    cancelledAt: T.time,
    cancelReason: T.text,
    createdById: T.uuid,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const bookingTable = new TablePlan("Booking", {
    id: T.uuid,
    sessionId: T.uuid,
    userId: T.uuid,
    status: T.enumOf("BookingStatus"),
    waitlistPosition: T.int,
    bookedById: T.uuid,
    attendanceMarkedById: T.uuid,
    attendanceMarkedAt: T.time,
    reminderSentAt: T.time,
    cancelledAt: T.time,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const participantTable = new TablePlan("Participant", {
    id: T.uuid,
    studyId: T.text,
    agencyId: T.uuid,
    sequence: T.int,
    workerId: T.uuid,
    subgroup: T.enumOf("Subgroup"),
    isNewReferral: T.bool,
    status: T.enumOf("ParticipantStatus"),
    referralDate: T.date,
    screenedDate: T.date,
    ineligibleReason: T.text,
    consentDate: T.date,
    declinedDate: T.date,
    declineReason: T.text,
    baselineDate: T.date,
    baselineMeasures: T.enumArrayOf("Measure"),
    followUpDate: T.date,
    followUpMeasures: T.enumArrayOf("Measure"),
    withdrawnDate: T.date,
    withdrawalReason: T.text,
    keepDataOnWithdrawal: T.bool,
    lostDate: T.date,
    lostReason: T.text,
    followUpDueNotifiedAt: T.time,
    createdById: T.uuid,
    createdAt: T.time,
    updatedAt: T.time,
  });
  const outboxTable = new TablePlan("OutboxEmail", {
    id: T.uuid,
    to: T.text,
    subject: T.text,
    text: T.text,
    kind: T.text,
    dedupeKey: T.text,
    status: T.enumOf("OutboxStatus"),
    attempts: T.int,
    nextAttemptAt: T.time,
    sentAt: T.time,
    createdAt: T.time,
  });

  study.add({
    id: 1,
    name: "Connecting People national trial (benchmark data)",
    questionnaireDeadline: days.at(DEADLINE_DAY, 17),
    agenciesToSelect: BENCH_STUDY.agenciesToSelect,
    workerTrainingDays: BENCH_STUDY.workerTrainingDays,
    supervisorExtraDays: BENCH_STUDY.supervisorExtraDays,
    followUpMonths: BENCH_STUDY.followUpMonths,
    followUpWindowDays: BENCH_STUDY.followUpWindowDays,
    participantTarget: BENCH_STUDY.participantTarget,
    decisionsConfirmedAt: days.at(DECISION_SENT_DAY, 10),
    createdAt: days.at(-950, 9),
    updatedAt: days.at(DECISION_SENT_DAY, 10),
  });

  // Researchers.
  const researchers: string[] = [];
  for (let index = 0; index < sizes.researchers; index += 1) {
    const id = ids.uuid();
    researchers.push(id);
    userTable.add({
      id,
      email: index === 0 ? RESEARCHER_EMAIL : `researcher${index + 1}@bench.example`,
      name: `Dr ${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
      passwordHash,
      role: "RESEARCHER",
      createdAt: days.at(-950, 9),
      updatedAt: days.at(-950, 9),
    });
  }

  // Agencies: stages shared out, then shuffled so codes do not follow stages.
  const stageCounts = apportion(
    sizes.agencies,
    STAGE_SHARES.map(([, share]) => share),
  );
  const stages = random.shuffle(
    STAGE_SHARES.flatMap(([stage], index) => Array<Stage>(stageCounts[index]!).fill(stage)),
  );
  const names = random.shuffle(
    PLACES.flatMap((place) =>
      (Object.keys(SERVICES) as (keyof typeof SERVICES)[]).flatMap((group) =>
        QUARTERS.map((quarter) => ({ place, quarter, group })),
      ),
    ),
  );
  const staffCounts = apportion(
    sizes.staff,
    stages.map(() => random.int(12, 28)),
  );
  let reserveRank = 0;
  const agencies: AgencyPlan[] = [];
  const nameTaken = new Set<string>();
  for (let index = 0; index < stages.length; index += 1) {
    const stage = stages[index]!;
    const code = index + 1;
    const slot = names[index % names.length]!;
    const service = random.pick(SERVICES[slot.group]);
    let teamName = `${slot.place} ${slot.quarter} ${service}`;
    if (nameTaken.has(teamName)) teamName = `${teamName} ${code}`;
    nameTaken.add(teamName);
    const clientGroups =
      random.chance(0.15) && slot.group !== "LEARNING_DISABILITY"
        ? [slot.group, "LEARNING_DISABILITY" as const]
        : [slot.group];
    const sector = random.weighted(SECTORS.map((each, rank) => [each, [5, 3, 2, 1][rank]!] as const));
    const organisation =
      sector === "NHS"
        ? `${slot.place} and District NHS Foundation Trust`
        : sector === "LOCAL_AUTHORITY"
          ? `${slot.place} Council`
          : sector === "VOLUNTARY"
            ? `${slot.place} Wellbeing CIC`
            : `${slot.place} Care Partnerships Ltd`;
    const region = random.pick(REGIONS);
    const strength =
      RECRUITED_STAGES.includes(stage) || stage === "TRAINING" || stage === "SELECTED"
        ? random.int(4, 5)
        : stage === "RESERVE"
          ? random.int(3, 4)
          : stage === "NOT_SELECTED"
            ? random.int(1, 3)
            : random.int(2, 5);
    const story = agencyPath(stage, random);
    agencies.push({
      id: ids.uuid(),
      code,
      stage,
      teamName,
      organisation,
      clientGroups,
      region,
      strength,
      ...story,
      lead: "",
      supervisors: [],
      workers: [],
      activeStaff: [],
    });
    const agency = agencies[agencies.length - 1]!;

    // Staff: the lead, about one supervisor for every eight, the rest workers; a few have left.
    const staffCount = Math.max(4, staffCounts[index]!);
    const supervisorCount = Math.max(1, Math.round(staffCount / 8));
    const registered = story.path[0]!.day;
    for (let member = 0; member < staffCount; member += 1) {
      const id = ids.uuid();
      const role = member === 0 ? "LEAD" : member <= supervisorCount ? "SUPERVISOR" : "WORKER";
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(SURNAMES);
      const joined = Math.min(-1, registered + random.int(0, 300));
      const left = role !== "LEAD" && random.chance(0.02);
      userTable.add({
        id,
        email: `${first}.${last}.${code}.${member}@bench.example`.toLowerCase(),
        name: `${first} ${last}`,
        passwordHash,
        role: "AGENCY_STAFF",
        agencyId: agency.id,
        agencyRole: role,
        deactivatedAt: left ? days.at(random.int(joined + 1, 0), 16) : null,
        createdAt: days.at(joined, 9),
        updatedAt: days.at(joined, 9),
      });
      if (role === "LEAD") agency.lead = id;
      else if (role === "SUPERVISOR") agency.supervisors.push(id);
      else agency.workers.push(id);
      if (role !== "LEAD" && !left) agency.activeStaff.push(id);
    }

    const leadEmail = `lead.${code}@bench.example`;
    const decided = stage === "RESERVE" || stage === "NOT_SELECTED" || TRAINED_STAGES.includes(stage);
    const promoted = stage === "SELECTED";
    agencyTable.add({
      id: agency.id,
      code,
      organisation,
      teamName,
      sector,
      clientGroups: arrayLiteral(clientGroups),
      region,
      address: `${random.int(1, 220)} ${random.pick(["High Street", "Station Road", "Church Lane", "Mill Road"])}, ${slot.place}`,
      contactName: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
      contactRole: "Team manager",
      contactEmail: leadEmail,
      contactPhone: `01632 ${String(960000 + code).slice(-6)}`,
      stage,
      participantTarget: RECRUITED_STAGES.includes(stage) && random.chance(0.05) ? random.int(80, 200) : null,
      reserveRank: stage === "RESERVE" ? ++reserveRank : null,
      // An agency promoted lately from the reserve list has been told "reserve" and, for half of
      // them, "selected" since: the others wait in "decisions to send".
      decisionSentAt: decided || promoted ? days.at(DECISION_SENT_DAY, 10) : null,
      decisionSentStage: decided
        ? TRAINED_STAGES.includes(stage)
          ? "SELECTED"
          : stage
        : promoted
          ? random.chance(0.5)
            ? "SELECTED"
            : "RESERVE"
          : null,
      createdAt: days.at(registered, 9),
      updatedAt: days.at(story.path[story.path.length - 1]!.day, 12),
    });

    // The questionnaire: submitted in full, or a draft with the first sections.
    const answers = questionnaire(agency, organisation, sector, leadEmail, random);
    const submitted = story.submittedDay !== null;
    eoiTable.add({
      id: ids.uuid(),
      agencyId: agency.id,
      status: submitted ? "SUBMITTED" : "DRAFT",
      answers: JSON.stringify(submitted ? answers : { eligibility: answers.eligibility, team: answers.team }),
      submittedAnswers: submitted ? JSON.stringify(answers) : null,
      submittedAt: submitted ? days.at(story.submittedDay!, 15) : null,
      createdAt: days.at(registered, 9),
      updatedAt: days.at(story.submittedDay ?? registered, 15),
    });

    for (const [step, move] of story.path.entries()) {
      const byAgency = move.to === "DRAFT" || move.to === "SUBMITTED";
      stageTable.add({
        id: ids.uuid(),
        agencyId: agency.id,
        fromStage: move.from,
        toStage: move.to,
        byId: byAgency || move.to === "TRAINING" ? agency.lead : researchers[step % researchers.length]!,
        at: days.at(move.day, 11, step),
        reason: STAGE_REASONS[move.to] ?? "Stage changed.",
      });
    }

    // Reviews: two to four researchers scored every agency that reached review.
    if (story.path.some((move) => move.to === "UNDER_REVIEW")) {
      const reviewers = random.shuffle(researchers).slice(0, random.int(2, Math.min(4, researchers.length)));
      for (const reviewer of reviewers) {
        const score = () => Math.min(5, Math.max(1, strength + random.int(-1, 1)));
        const scores = [score(), score(), score(), score()];
        const note = (value: number) => REVIEW_NOTES[value <= 2 ? 0 : value === 3 ? 1 : 2]!;
        const at = days.at(REVIEW_DAY + random.int(0, 12), 14);
        reviewTable.add({
          id: ids.uuid(),
          agencyId: agency.id,
          reviewerId: reviewer,
          similarityScore: scores[0],
          similarityNote: note(scores[0]!),
          trainingCapacityScore: scores[1],
          trainingCapacityNote: note(scores[1]!),
          recruitmentCapacityScore: scores[2],
          recruitmentCapacityNote: note(scores[2]!),
          clientGroupFitScore: scores[3],
          clientGroupFitNote: note(scores[3]!),
          createdAt: at,
          updatedAt: at,
        });
      }
    }
  }

  // Training sessions: spread over the two years of training, worker days far more often than the
  // supervisors' (every trainee needs the three worker days, supervisors two more). None today.
  const dayKinds = ["WORKER_1", "WORKER_2", "WORKER_3", "SUPERVISOR_1", "SUPERVISOR_2"] as const;
  const sessionCounts = apportion(sizes.sessions, [28, 28, 28, 8, 8]);
  type BookingStatus = "BOOKED" | "WAITLISTED" | "CANCELLED" | "ATTENDED" | "ABSENT";
  type SessionPlan = {
    id: string;
    day: number;
    kind: (typeof dayKinds)[number];
    capacity: number;
    taken: number;
    waiting: number;
    cancelled: boolean;
    startsAt: string;
    endsAt: string;
    cancelledAt: string | null;
  };
  const sessionsByKind = new Map<string, SessionPlan[]>();
  for (const [kindIndex, kind] of dayKinds.entries()) {
    const list: SessionPlan[] = [];
    const count = sessionCounts[kindIndex]!;
    const span = LAST_SESSION_DAY - FIRST_SESSION_DAY;
    for (let index = 0; index < count; index += 1) {
      let day = days.weekday(FIRST_SESSION_DAY + Math.floor(((index + random.next()) * span) / count));
      if (day === 0) day = 1;
      if (day === -1) day = -3;
      const online = random.chance(0.1);
      const venue = random.pick(VENUES);
      const cancelled = random.chance(0.02);
      const capacity = kind.startsWith("SUPERVISOR") ? random.int(20, 26) : random.int(24, 30);
      const startsAt = days.at(day, 9, 30);
      const endsAt = days.at(day, 16, 30);
      const cancelledAt = cancelled ? days.at(Math.min(day - random.int(3, 20), -1), 12) : null;
      const id = ids.uuid();
      list.push({ id, day, kind, capacity, taken: 0, waiting: 0, cancelled, startsAt, endsAt, cancelledAt });
      sessionTable.add({
        id,
        trainingDay: kind,
        startsAt,
        endsAt,
        venue: online ? null : venue.name,
        address: online ? null : venue.address,
        onlineUrl: online ? `https://meet.bench.example/connecting-people/${kind.toLowerCase()}-${index}` : null,
        trainer: random.pick(TRAINERS),
        capacity,
        notes: online ? "Join ten minutes early to check your sound and camera." : "",
        status: cancelled ? "CANCELLED" : "SCHEDULED",
        cancelledAt,
        cancelReason: cancelled ? "The trainer is unwell; please book another session." : null,
        createdById: researchers[index % researchers.length]!,
        createdAt: days.at(Math.min(day - 60, -1), 10),
        updatedAt: days.at(Math.min(day - 30, -1), 10),
      });
    }
    list.sort((a, b) => a.day - b.day);
    sessionsByKind.set(kind, list);
  }

  // Bookings: trainees of agencies in training or further, agency by agency in a random order,
  // each on the first session of every day they need that starts after their training began and
  // has room. Most trainees are booked; those who joined after their agency trained are not.
  // Exactly `sizes.bookings` rows.
  const trainedAgencies = random.shuffle(agencies.filter((agency) => TRAINED_STAGES.includes(agency.stage)));
  const need = (role: "SUPERVISOR" | "WORKER") =>
    role === "SUPERVISOR" ? dayKinds : (["WORKER_1", "WORKER_2", "WORKER_3"] as const);
  const demand = trainedAgencies.reduce(
    (sum, agency) => sum + agency.supervisors.length * 5 + agency.workers.length * 3,
    0,
  );
  const share = Math.min(1, (sizes.bookings / Math.max(1, demand)) * 1.02);
  let bookings = 0;
  const booked = new Set<string>();
  const bookPerson = (agency: AgencyPlan, person: string, role: "SUPERVISOR" | "WORKER") => {
    for (const [step, kind] of need(role).entries()) {
      if (bookings >= sizes.bookings) return;
      const earliest = agency.trainStart! + step * 7;
      const list = sessionsByKind.get(kind)!;
      // The first session with room; one that was cancelled later keeps its (cancelled) bookings,
      // and the person is booked again on the next one.
      let session = list.find((each) => each.day >= earliest && each.taken < each.capacity);
      if (session?.cancelled) {
        addBooking(agency, person, session, "CANCELLED");
        session.taken += 1;
        if (bookings >= sizes.bookings) return;
        session = list.find((each) => each.day > session!.day && !each.cancelled && each.taken < each.capacity);
      }
      let waitlisted = false;
      if (!session) {
        // Nothing left with room: the waiting list of the next upcoming session, or no booking.
        session = list.find((each) => each.day >= Math.max(earliest, 1) && !each.cancelled && each.waiting < 3);
        if (!session) continue;
        waitlisted = true;
      }
      let status: BookingStatus;
      if (waitlisted) status = "WAITLISTED";
      else if (session.day < 0) status = random.chance(0.04) ? "ABSENT" : "ATTENDED";
      else status = random.chance(0.03) ? "CANCELLED" : "BOOKED";
      if (status === "WAITLISTED") session.waiting += 1;
      else if (status !== "CANCELLED") session.taken += 1;
      addBooking(agency, person, session, status);
    }
    booked.add(person);
  };
  function addBooking(agency: AgencyPlan, person: string, session: SessionPlan, status: BookingStatus) {
    const past = session.day < 0;
    const booker = agency.supervisors[0] ?? agency.lead;
    const madeDay = Math.min(session.day - random.int(10, 30), -1);
    const marked = status === "ATTENDED" || status === "ABSENT";
    bookingTable.add({
      id: ids.uuid(),
      sessionId: session.id,
      userId: person,
      status,
      waitlistPosition: status === "WAITLISTED" ? session.waiting : null,
      bookedById: booker,
      attendanceMarkedById: marked ? researchers[0]! : null,
      attendanceMarkedAt: marked ? days.at(session.day, 17) : null,
      // Reminders went out two days before every session that has started.
      reminderSentAt: past && status !== "CANCELLED" ? days.at(session.day - 2, 8) : null,
      cancelledAt: status === "CANCELLED" ? (session.cancelledAt ?? days.at(Math.min(session.day - 2, -1), 12)) : null,
      createdAt: days.at(madeDay, 10),
      updatedAt: days.at(marked ? session.day : madeDay, 17),
    });
    bookings += 1;
  }
  for (const pass of [0, 1]) {
    for (const agency of trainedAgencies) {
      const trainees = [
        ...agency.supervisors.map((id) => [id, "SUPERVISOR"] as const),
        ...agency.workers.map((id) => [id, "WORKER"] as const),
      ];
      for (const [person, role] of trainees) {
        if (bookings >= sizes.bookings) break;
        if (booked.has(person)) continue;
        if (pass === 0 && !random.chance(share)) continue;
        bookPerson(agency, person, role);
      }
    }
  }

  // Participants: in agencies that recruited, referred between the start of recruitment and its
  // close (or today); the supervisor's agency has exactly SUPERVISOR_AGENCY_PARTICIPANTS.
  const recruiting = agencies.filter((agency) => RECRUITED_STAGES.includes(agency.stage));
  const supervisorAgency =
    recruiting.find(
      (agency) =>
        agency.stage === "RECRUITING" &&
        agency.workers.length > 0 &&
        agency.supervisors.some((id) => agency.activeStaff.includes(id)),
    ) ?? recruiting[0]!;
  const fixed = Math.min(SUPERVISOR_AGENCY_PARTICIPANTS, sizes.participants);
  // The supervisor who signs in: the agency's first supervisor, under a known address.
  const supervisorId =
    supervisorAgency.supervisors.find((id) => supervisorAgency.activeStaff.includes(id)) ?? supervisorAgency.lead;
  const supervisorRow = userTable.values.id!.indexOf(supervisorId);
  userTable.values.email![supervisorRow] = SUPERVISOR_EMAIL;
  const others = recruiting.filter((agency) => agency !== supervisorAgency);
  const counts = apportion(
    sizes.participants - fixed,
    others.map(() => 0.3 + random.next() * 1.4),
  );
  const participantsOf = new Map(others.map((agency, index) => [agency.id, counts[index]!]));
  participantsOf.set(supervisorAgency.id, fixed);
  const statusCounts: Record<string, number> = {};
  const settings = { followUpMonths: BENCH_STUDY.followUpMonths, followUpWindowDays: BENCH_STUDY.followUpWindowDays };
  const subgroupOf = {
    MENTAL_HEALTH_WORKING_AGE: "ADULT_MENTAL_HEALTH",
    MENTAL_HEALTH_OLDER_ADULTS: "OLDER_ADULT_MENTAL_HEALTH",
    LEARNING_DISABILITY: "LEARNING_DISABILITY",
  } as const;
  const schedules = new Map<number, ReturnType<typeof followUpSchedule>>();
  const scheduleOf = (baseline: number) => {
    let schedule = schedules.get(baseline);
    if (!schedule) {
      schedule = followUpSchedule(days.date(baseline), settings);
      schedules.set(baseline, schedule);
    }
    return schedule;
  };
  const measures = () =>
    random.chance(0.85) ? [...MEASURES] : MEASURES.filter((_, index) => index === 0 || random.chance(0.6));
  for (const agency of recruiting) {
    const count = participantsOf.get(agency.id) ?? 0;
    const from = agency.recruitFrom!;
    const to = Math.max(from, agency.recruitTo!);
    const referrals = Array.from({ length: count }, () => random.int(from, to)).sort((a, b) => a - b);
    const workers = agency.activeStaff.length > 0 ? agency.activeStaff : [agency.lead];
    for (const [index, referral] of referrals.entries()) {
      const outcome = random.weighted([
        ["NOT_ELIGIBLE", 10],
        ["DECLINED", 10],
        ["WITHDRAWN", 7],
        ["LOST_TO_FOLLOW_UP", 6],
        ["FOLLOW_UP_DONE", 67],
      ] as const);
      const screened = referral + random.int(0, 14);
      const consent = screened + random.int(0, 14);
      const baseline = consent + random.int(0, 21);
      const record: Record<string, Value> = {};
      let status: string = "REFERRED";
      let last = referral;
      const reached = (day: number) => day <= 0;
      if (reached(screened)) {
        record.screenedDate = days.date(screened);
        status = "ELIGIBLE";
        last = screened;
        if (outcome === "NOT_ELIGIBLE") {
          status = "NOT_ELIGIBLE";
          record.ineligibleReason = random.pick(INELIGIBLE_REASONS);
        } else if (outcome === "DECLINED") {
          const declined = screened + random.int(0, 14);
          if (reached(declined)) {
            status = "DECLINED";
            record.declinedDate = days.date(declined);
            record.declineReason = random.pick(DECLINE_REASONS);
            last = declined;
          }
        } else if (reached(consent)) {
          status = "CONSENTED";
          record.consentDate = days.date(consent);
          last = consent;
          const withdrawn = consent + random.int(5, 250);
          const stopsAt = outcome === "WITHDRAWN" && reached(withdrawn) ? withdrawn : Number.POSITIVE_INFINITY;
          if (reached(baseline) && baseline < stopsAt) {
            status = "BASELINE_DONE";
            record.baselineDate = days.date(baseline);
            record.baselineMeasures = arrayLiteral(measures());
            last = baseline;
            const schedule = scheduleOf(baseline);
            // The follow-up-due email went out when the window opened.
            if (schedule.opens <= today) record.followUpDueNotifiedAt = `${schedule.opens}T08:00:00.000Z`;
            const followUp = baseline + 274 + random.int(-25, 25);
            const lost = baseline + random.int(150, 330);
            if (outcome === "FOLLOW_UP_DONE" && reached(followUp)) {
              status = "FOLLOW_UP_DONE";
              record.followUpDate = days.date(followUp);
              record.followUpMeasures = arrayLiteral(measures());
              last = followUp;
            } else if (outcome === "LOST_TO_FOLLOW_UP" && reached(lost)) {
              status = "LOST_TO_FOLLOW_UP";
              record.lostDate = days.date(lost);
              record.lostReason = random.pick(LOST_REASONS);
              last = lost;
            }
          }
          if (stopsAt !== Number.POSITIVE_INFINITY) {
            status = "WITHDRAWN";
            record.withdrawnDate = days.date(withdrawn);
            record.withdrawalReason = random.pick(WITHDRAWAL_REASONS);
            record.keepDataOnWithdrawal = random.chance(0.8);
            last = withdrawn;
          }
        }
      }
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      const sequence = index + 1;
      const worker = workers[index % workers.length]!;
      participantTable.add({
        id: ids.uuid(),
        studyId: formatStudyId(agency.code, sequence),
        agencyId: agency.id,
        sequence,
        workerId: worker,
        subgroup: subgroupOf[random.pick(agency.clientGroups)],
        isNewReferral: random.chance(0.6),
        status,
        referralDate: days.date(referral),
        ...record,
        baselineMeasures: record.baselineMeasures ?? "{}",
        followUpMeasures: record.followUpMeasures ?? "{}",
        createdById: worker,
        createdAt: days.at(referral, 10),
        updatedAt: days.at(last, 15),
      });
    }
  }

  // Emails already sent: decisions, booking confirmations and reminders. None waits in the outbox.
  for (let index = 0; index < sizes.outboxEmails; index += 1) {
    const day = random.int(DECISION_SENT_DAY, -1);
    const kind = random.pick(["decision", "booking-confirmed", "training-reminder", "follow-up-due"]);
    outboxTable.add({
      id: ids.uuid(),
      to: `person${index}@bench.example`,
      subject: `Connecting People: ${kind.replace(/-/g, " ")}`,
      text: "Hello,\n\nThis message was sent by the Connecting People study team.\n",
      kind,
      dedupeKey: `bench:${kind}:${index}`,
      status: "SENT",
      attempts: 1,
      nextAttemptAt: days.at(day, 9),
      sentAt: days.at(day, 9, 1),
      createdAt: days.at(day, 9),
    });
  }

  return {
    seed,
    today,
    sizes,
    tables: [
      study,
      agencyTable,
      userTable,
      eoiTable,
      stageTable,
      reviewTable,
      sessionTable,
      bookingTable,
      participantTable,
      outboxTable,
    ],
    supervisorAgency: {
      id: supervisorAgency.id,
      code: supervisorAgency.code,
      teamName: supervisorAgency.teamName,
      participants: fixed,
    },
    statusCounts,
    stageCounts: Object.fromEntries(STAGE_SHARES.map(([stage], index) => [stage, stageCounts[index]!])),
  };
}

/** The questionnaire an agency submitted: every section, with the shape lib/eoi/schema.ts checks. */
function questionnaire(
  agency: Pick<AgencyPlan, "clientGroups" | "teamName" | "region" | "strength" | "code">,
  organisation: string,
  sector: string,
  leadEmail: string,
  random: Random,
) {
  const practice = Object.fromEntries(
    PRACTICE_SECTIONS.map((section) => {
      const rating = Math.min(9, Math.max(1, agency.strength + 1 + random.int(-1, 3)));
      return [section, { rating, examples: PRACTICE_EXAMPLES[rating <= 3 ? 0 : rating <= 6 ? 1 : 2]! }];
    }),
  );
  const frontLineWorkers = random.int(6, 30);
  return {
    eligibility: { clientGroups: agency.clientGroups, otherClientGroups: "" },
    team: {
      organisation,
      teamName: agency.teamName,
      sector,
      region: agency.region,
      address: `${random.int(1, 200)} High Street`,
      contactName: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
      contactRole: "Team manager",
      contactEmail: leadEmail,
      contactPhone: `01632 ${String(960000 + agency.code).slice(-6)}`,
    },
    size: { frontLineWorkers, supervisors: random.int(1, 4), caseload: frontLineWorkers * random.int(12, 25) },
    practice,
    capacity: {
      releaseWorkers: true,
      releaseSupervisors: agency.strength >= 3,
      managerSupports: true,
      referrals: 5 * random.int(4, 30),
      reorganisation: "None planned during the pilot.",
      trainingPlaces: "Any venue within an hour's travel.",
      trainingMonths: random.pick(["September to November", "Any month except August", "Early in the new year"]),
    },
    agreement: { evaluation: true, recruitment: true },
  };
}
