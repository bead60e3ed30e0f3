// What researchers send about expressions of interest: the agencies list's filter and sort (read
// from the address, so anything may arrive and nothing in it may cause an error page), and the
// form that reopens one agency's questionnaire. Pure: shared by pages, forms and the server.
import { z } from "zod";
import { isPlainText, notPlainTextMessage } from "@/lib/plain-text";
import { isCalendarDate } from "@/lib/audit/rules";
import type { QuestionnaireState } from "./rules";
import { CLIENT_GROUPS, REGIONS } from "./schema";

export const QUESTIONNAIRE_STATES = [
  "draft",
  "reopened",
  "late",
  "submitted",
] as const satisfies readonly QuestionnaireState[];

export const QUESTIONNAIRE_STATE_LABELS: Record<QuestionnaireState, string> = {
  draft: "Draft",
  reopened: "Reopened",
  late: "Late (not submitted)",
  submitted: "Submitted",
};

/** What each state means, for the counts at the top of the list. */
export const QUESTIONNAIRE_STATE_HINTS: Record<QuestionnaireState, string> = {
  draft: "started, not submitted, still open",
  reopened: "reopened for this agency by a researcher",
  late: "not submitted and now closed",
  submitted: "submitted and frozen",
};

export const AGENCY_SORTS = ["team", "submitted", "region", "state"] as const;
export type AgencySort = (typeof AGENCY_SORTS)[number];
export type SortDirection = "asc" | "desc";

type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter counts once; blank counts as not given (an empty GET form field). */
function firstFilled(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string") return undefined;
  const trimmed = first.trim();
  return trimmed === "" ? undefined : trimmed;
}

const listFields = {
  q: z.string().max(200, "Search for at most 200 characters."),
  state: z.enum(QUESTIONNAIRE_STATES, { error: "Choose a questionnaire state from the list." }),
  clientGroup: z.enum(CLIENT_GROUPS, { error: "Choose a client group from the list." }),
  region: z.enum(REGIONS, { error: "Choose a region from the list." }),
  sort: z.enum(AGENCY_SORTS, { error: "The list can be sorted by team, submitted date, region or state." }),
  dir: z.enum(["asc", "desc"], { error: "The sort order is either ascending or descending." }),
};

export type AgencyListField = keyof typeof listFields;
export const AGENCY_LIST_FIELDS = Object.keys(listFields) as AgencyListField[];

export type AgencyListFilter = {
  q?: string;
  state?: QuestionnaireState;
  clientGroup?: (typeof CLIENT_GROUPS)[number];
  region?: (typeof REGIONS)[number];
};

export type AgencyListParams = AgencyListFilter & { sort: AgencySort; dir: SortDirection };

export type ParsedAgencyListSearch = {
  params: AgencyListParams;
  /** What the person asked for, to show again in the form. */
  values: Partial<Record<AgencyListField, string>>;
  /** One message per value that could not be used; that value is left out, the rest still apply. */
  problems: Partial<Record<AgencyListField, string>>;
};

/**
 * Reads the list's filter and sort from a page's search params; never throws. Each value is
 * checked on its own: an unusable one is dropped with a message, the others still apply.
 */
export function parseAgencyListSearchParams(search: SearchParams): ParsedAgencyListSearch {
  const values: Partial<Record<AgencyListField, string>> = {};
  const problems: Partial<Record<AgencyListField, string>> = {};
  const accepted: Record<string, string> = {};
  for (const field of AGENCY_LIST_FIELDS) {
    const value = firstFilled(search[field]);
    if (value === undefined) continue;
    values[field] = value;
    const parsed = listFields[field].safeParse(value);
    if (parsed.success) accepted[field] = parsed.data;
    else problems[field] = parsed.error.issues[0]?.message ?? "This value could not be used.";
  }
  const sort = (accepted.sort as AgencySort | undefined) ?? "team";
  return {
    params: {
      q: accepted.q,
      state: accepted.state as QuestionnaireState | undefined,
      clientGroup: accepted.clientGroup as AgencyListFilter["clientGroup"],
      region: accepted.region as AgencyListFilter["region"],
      sort,
      // Newest submissions first is what people want when they first sort by date.
      dir: (accepted.dir as SortDirection | undefined) ?? (sort === "submitted" ? "desc" : "asc"),
    },
    values,
    problems,
  };
}

/** The list's address for a filter and sort; defaults are left out. */
export function agencyListHref(params: Partial<AgencyListParams>): string {
  const search = new URLSearchParams();
  for (const field of ["q", "state", "clientGroup", "region"] as const) {
    const value = params[field];
    if (value) search.set(field, value);
  }
  if (params.sort && params.sort !== "team") search.set("sort", params.sort);
  if (params.dir && !(params.dir === "asc" && (params.sort ?? "team") === "team")) search.set("dir", params.dir);
  const query = search.toString();
  return query ? `/researcher/agencies?${query}` : "/researcher/agencies";
}

// ---------------------------------------------------------------------------------------------
// Reopening one agency's questionnaire.

export const reopenQuestionnaireSchema = z.object({
  agencyId: z.uuid("The agency in the form is not valid. Reload the page and try again."),
  date: z
    .string({ error: "Enter the date the questionnaire should stay open until." })
    .trim()
    .min(1, "Enter the date the questionnaire should stay open until.")
    .refine(isCalendarDate, "Enter a real date, for example 2026-07-01."),
  time: z
    .string({ error: "Enter the time, in UK time, for example 17:00." })
    .trim()
    .min(1, "Enter the time, in UK time, for example 17:00.")
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "Enter the time as hours and minutes, for example 17:00."),
  reason: z
    .string({ error: "Say why the questionnaire is reopened." })
    .trim()
    .min(1, "Say why the questionnaire is reopened.")
    .max(500, "Use at most 500 characters for the reason.")
    .refine(isPlainText, notPlainTextMessage("the reason")),
});

export type ReopenQuestionnaireInput = z.input<typeof reopenQuestionnaireSchema>;
export type ReopenQuestionnaireValues = z.output<typeof reopenQuestionnaireSchema>;

export type ReopenResult =
  | { ok: true; message: string }
  | { ok: false; fieldErrors?: Partial<Record<string, string[] | undefined>>; formError?: string };
