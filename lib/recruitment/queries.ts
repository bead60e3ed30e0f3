import "server-only";
// The research team's reads of participants (issue 7): the list of every participant across the
// agencies, filtered from the page's address and a page at a time, with the counts by status; and
// one participant's whole record for the detail page. Built for 100,000 participants: the list
// counts and fetches one page with the (agencyId, status) index where it helps, and selects only
// the columns it shows.
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import type { AgencyStage, ParticipantStatus, Prisma, Subgroup } from "@/lib/generated/prisma/client";
import {
  followUpState,
  formatStudyId,
  parseStudyId,
  PARTICIPANT_VIEW_STAGES,
  STATUS_ORDER,
  ukToday,
  type FollowUpState,
} from "./rules";
import { calendarDate, participantRecord, type ParticipantRecord } from "./participant-select";
import { SUBGROUPS } from "./schema";
import { loadRecruitmentSettings } from "./target-queries";

/** Participants recorded across every agency, whatever their status. */
export function countParticipants(): Promise<number> {
  return db.participant.count();
}

// ---------------------------------------------------------------------------------------------
// The list's filter, read from the address

export const PARTICIPANTS_PATH = "/researcher/participants";
export const PARTICIPANT_PAGE_SIZE = 50;

export const PARTICIPANT_FILTER_FIELDS = ["q", "agency", "status", "subgroup"] as const;
export type ParticipantFilterField = (typeof PARTICIPANT_FILTER_FIELDS)[number];

export type ParticipantFilter = {
  /** A whole study ID, as formatStudyId writes it. */
  studyId?: string;
  agencyId?: string;
  status?: ParticipantStatus;
  subgroup?: Subgroup;
};

type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter counts once; blank counts as not given (an empty GET form field). */
function firstFilled(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string") return undefined;
  const trimmed = first.trim();
  return trimmed === "" ? undefined : trimmed;
}

const fields = {
  q: z
    .string()
    .max(40, "A study ID is short, for example CP-07-0012.")
    .transform((text, ctx) => {
      const parsed = parseStudyId(text);
      if (!parsed) {
        ctx.addIssue({
          code: "custom",
          message: `“${text}” is not a study ID. Enter a whole study ID, for example CP-07-0012.`,
        });
        return z.NEVER;
      }
      return formatStudyId(parsed.agencyCode, parsed.sequence);
    }),
  agency: z.uuid("The agency in the address is not one of the list. Choose an agency from the list."),
  status: z.enum(STATUS_ORDER, { error: "Choose a status from the list." }),
  subgroup: z.enum(SUBGROUPS, { error: "Choose a subgroup from the list." }),
} satisfies Record<ParticipantFilterField, z.ZodType>;

const pageSchema = z.coerce.number().int().positive().max(1_000_000);

export type ParsedParticipantSearch = {
  filter: ParticipantFilter;
  page: number;
  /** What the person asked for, to show again in the form (even when it was wrong). */
  values: Partial<Record<ParticipantFilterField, string>>;
  /** One message per value that could not be used; that value is left out, the rest still apply. */
  problems: Partial<Record<ParticipantFilterField | "page", string>>;
};

/** Reads the list's filter and page from a page's search params; never throws. Unknown params are ignored. */
export function parseParticipantSearchParams(search: SearchParams): ParsedParticipantSearch {
  const values: Partial<Record<ParticipantFilterField, string>> = {};
  const problems: ParsedParticipantSearch["problems"] = {};
  const filter: ParticipantFilter = {};
  for (const field of PARTICIPANT_FILTER_FIELDS) {
    const value = firstFilled(search?.[field]);
    if (value === undefined) continue;
    values[field] = value;
    const parsed = fields[field].safeParse(value);
    if (!parsed.success) {
      problems[field] = parsed.error.issues[0]?.message ?? "This value could not be used.";
      continue;
    }
    if (field === "q") filter.studyId = parsed.data as string;
    if (field === "agency") filter.agencyId = parsed.data as string;
    if (field === "status") filter.status = parsed.data as ParticipantStatus;
    if (field === "subgroup") filter.subgroup = parsed.data as Subgroup;
  }
  let page = 1;
  const pageValue = firstFilled(search?.page);
  if (pageValue !== undefined) {
    const parsed = pageSchema.safeParse(pageValue);
    if (parsed.success) page = parsed.data;
    else problems.page = "The page number in the address was not understood, so the first page is shown.";
  }
  return { filter, page, values, problems };
}

/** Whether any filter is in force. */
export function isParticipantFilterActive(filter: ParticipantFilter): boolean {
  return Boolean(filter.studyId || filter.agencyId || filter.status || filter.subgroup);
}

/** The list's address for a filter and a page; page 1 is left out, so one list has one address. */
export function participantsHref(filter: ParticipantFilter, page = 1): string {
  const search = new URLSearchParams();
  if (filter.studyId) search.set("q", filter.studyId);
  if (filter.agencyId) search.set("agency", filter.agencyId);
  if (filter.status) search.set("status", filter.status);
  if (filter.subgroup) search.set("subgroup", filter.subgroup);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `${PARTICIPANTS_PATH}?${query}` : PARTICIPANTS_PATH;
}

// ---------------------------------------------------------------------------------------------
// The list

export type AgencyChoice = { id: string; code: number; teamName: string };

export type ParticipantListRow = {
  id: string;
  studyId: string;
  agency: AgencyChoice;
  subgroup: Subgroup;
  workerName: string | null;
  status: ParticipantStatus;
  referralDate: string;
  consentDate: string | null;
  baselineDate: string | null;
  followUp: FollowUpState;
};

export type ParticipantList = {
  rows: ParticipantListRow[];
  /** Participants matching the whole filter, on every page. */
  total: number;
  /** The page shown: the one asked for, or the last one when that was past the end. */
  page: number;
  pageCount: number;
  /** Participants by status under the filter's other parts (agency, subgroup, study ID), every status listed. */
  statusCounts: { status: ParticipantStatus; count: number }[];
};

/** The agencies a researcher can filter by: those that may have participants, and any that has. */
export async function listParticipantAgencyChoices(client: Db = db): Promise<AgencyChoice[]> {
  return client.agency.findMany({
    where: { OR: [{ stage: { in: [...PARTICIPANT_VIEW_STAGES] } }, { participants: { some: {} } }] },
    select: { id: true, code: true, teamName: true },
    orderBy: { code: "asc" },
  });
}

/**
 * Drops an agency filter that names no agency of the list (a well-formed id of an agency that has
 * no participants to show, or none at all), with a message, as a bad value is.
 */
export function checkAgencyChoice(parsed: ParsedParticipantSearch, choices: readonly AgencyChoice[]): void {
  const { agencyId } = parsed.filter;
  if (agencyId && !choices.some((choice) => choice.id === agencyId)) {
    delete parsed.filter.agencyId;
    parsed.problems.agency = "The agency in the address is not one of the list. Choose an agency from the list.";
  }
}

function participantWhere(filter: ParticipantFilter, withStatus: boolean): Prisma.ParticipantWhereInput {
  return {
    ...(filter.studyId ? { studyId: filter.studyId } : {}),
    ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
    ...(withStatus && filter.status ? { status: filter.status } : {}),
    ...(filter.subgroup ? { subgroup: filter.subgroup } : {}),
  };
}

const listSelect = {
  id: true,
  studyId: true,
  subgroup: true,
  status: true,
  referralDate: true,
  consentDate: true,
  baselineDate: true,
  agency: { select: { id: true, code: true, teamName: true } },
  worker: { select: { name: true } },
} satisfies Prisma.ParticipantSelect;

function pageOf(client: Db, where: Prisma.ParticipantWhereInput, page: number) {
  return client.participant.findMany({
    where,
    select: listSelect,
    // Newest referral first; the study ID (unique) settles referrals made the same day.
    orderBy: [{ referralDate: "desc" }, { studyId: "desc" }],
    skip: (page - 1) * PARTICIPANT_PAGE_SIZE,
    take: PARTICIPANT_PAGE_SIZE,
  });
}

/** One page of every participant across the agencies, newest referral first, with the counts by status. */
export async function listResearcherParticipants(
  { page = 1, ...filter }: ParticipantFilter & { page?: number },
  now: Date = new Date(),
  client: Db = db,
): Promise<ParticipantList> {
  const where = participantWhere(filter, true);
  const asked = Number.isSafeInteger(page) && page > 0 ? page : 1;
  const [groups, firstTry, settings] = await Promise.all([
    // One grouped count gives both the counts by status and the total: no second count.
    client.participant.groupBy({ by: ["status"], where: participantWhere(filter, false), _count: { _all: true } }),
    pageOf(client, where, asked),
    loadRecruitmentSettings(client),
  ]);
  const countOf = new Map(groups.map((group) => [group.status, group._count._all]));
  const statusCounts = STATUS_ORDER.map((status) => ({ status, count: countOf.get(status) ?? 0 }));
  const total = filter.status
    ? (countOf.get(filter.status) ?? 0)
    : statusCounts.reduce((sum, entry) => sum + entry.count, 0);
  const pageCount = Math.max(1, Math.ceil(total / PARTICIPANT_PAGE_SIZE));
  const shown = Math.min(asked, pageCount);
  const rows = shown === asked ? firstTry : await pageOf(client, where, shown);
  const today = ukToday(now);

  return {
    total,
    page: shown,
    pageCount,
    statusCounts,
    rows: rows.map((row) => {
      const baselineDate = calendarDate(row.baselineDate);
      return {
        id: row.id,
        studyId: row.studyId,
        agency: row.agency,
        subgroup: row.subgroup,
        workerName: row.worker?.name ?? null,
        status: row.status,
        referralDate: calendarDate(row.referralDate),
        consentDate: calendarDate(row.consentDate),
        baselineDate,
        followUp: followUpState({ status: row.status, baselineDate }, today, settings),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// One participant

export type ResearcherParticipant = ParticipantRecord & {
  id: string;
  studyId: string;
  sequence: number;
  agency: { id: string; code: number; teamName: string; organisation: string; stage: AgencyStage };
  worker: { id: string; name: string } | null;
  createdByName: string | null;
  subgroup: Subgroup;
  isNewReferral: boolean;
  followUpDueNotifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** One participant's whole record with its agency, for the research team; null for an unknown id. */
export async function getResearcherParticipant(id: string, client: Db = db): Promise<ResearcherParticipant | null> {
  // Not an id at all ("abc") is as unknown as an id nobody has: never an error from the database.
  if (!z.uuid().safeParse(id).success) return null;
  const row = await client.participant.findUnique({
    where: { id },
    include: {
      agency: { select: { id: true, code: true, teamName: true, organisation: true, stage: true } },
      worker: { select: { id: true, name: true } },
      createdBy: { select: { name: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    studyId: row.studyId,
    sequence: row.sequence,
    agency: row.agency,
    worker: row.worker,
    createdByName: row.createdBy?.name ?? null,
    subgroup: row.subgroup,
    isNewReferral: row.isNewReferral,
    ...participantRecord(row),
    followUpDueNotifiedAt: row.followUpDueNotifiedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
