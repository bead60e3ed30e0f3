// The selection pipeline's filter and sort, read from the page's address. Anything may arrive in an
// address (an old bookmark, a hand-edited link), so reading it never throws: each value is checked
// on its own, an unusable one is dropped with a message and the rest still apply. Pure: shared by
// the page, its forms and the sortable column headings.
import { z } from "zod";
import { STAGE_ORDER } from "@/lib/agencies/stages";
import { CLIENT_GROUPS, REGIONS } from "@/lib/eoi/schema";
import type { AgencyStage, ClientGroup, Region } from "@/lib/generated/prisma/client";

export const PIPELINE_PATH = "/researcher/selection";

export const PIPELINE_SORTS = ["team", "stage", "mean", "reviews", "mine", "disagreement", "region"] as const;
export type PipelineSort = (typeof PIPELINE_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** The list opens with the best-scored agencies first: that is what the team selects from. */
export const DEFAULT_SORT: PipelineSort = "mean";

/**
 * The way each column sorts when first chosen: numbers from the highest (best score, most
 * reviews, widest disagreement), words from A.
 */
export const DEFAULT_DIRECTION: Record<PipelineSort, SortDirection> = {
  team: "asc",
  stage: "asc",
  mean: "desc",
  reviews: "desc",
  mine: "desc",
  disagreement: "desc",
  region: "asc",
};

/** How the caption names each sort. */
export const SORT_WORDS: Record<PipelineSort, string> = {
  team: "team name",
  stage: "stage",
  mean: "mean overall score",
  reviews: "number of reviews",
  mine: "your own score",
  disagreement: "how far reviewers disagree",
  region: "region",
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
  q: z.string().max(200, "Search for at most 200 characters."),
  stage: z.enum(STAGE_ORDER, { error: "Choose a stage from the list." }),
  clientGroup: z.enum(CLIENT_GROUPS, { error: "Choose a client group from the list." }),
  region: z.enum(REGIONS, { error: "Choose a region from the list." }),
  // A ticked GET checkbox sends "1"; "true", "yes" and "on" are read the same way.
  discuss: z.enum(["1", "true", "yes", "on"], {
    error: "“Only agencies to discuss” is either ticked or not; the value in the address was not understood.",
  }),
  sort: z.enum(PIPELINE_SORTS, {
    error: "The list can be sorted by team, stage, mean score, number of reviews, your score, disagreement or region.",
  }),
  dir: z.enum(["asc", "desc"], { error: "The sort order is either ascending or descending." }),
};

export type PipelineField = keyof typeof fields;
export const PIPELINE_FIELDS = Object.keys(fields) as PipelineField[];

export type PipelineFilter = {
  q?: string;
  stage?: AgencyStage;
  clientGroup?: ClientGroup;
  region?: Region;
  /** Only agencies whose reviewers differ enough to talk it through. */
  discuss?: boolean;
};

export type PipelineParams = PipelineFilter & {
  sort: PipelineSort;
  dir: SortDirection;
  /** The page of the list asked for, from 1; past the end, the list shows its last page. */
  page: number;
};

/**
 * Agencies a page: a table of eight columns a person can compare at a glance, and a page that
 * stays small (tens of kB) however many agencies take part.
 */
export const PIPELINE_PAGE_SIZE = 25;

const pageSchema = z.coerce.number().int().positive().max(1_000_000);

export type ParsedPipelineSearch = {
  params: PipelineParams;
  /** What the person asked for, to show again in the form. */
  values: Partial<Record<PipelineField, string>>;
  /** One message per value that could not be used; that value is left out, the rest still apply. */
  problems: Partial<Record<PipelineField | "page", string>>;
};

/** Reads the pipeline's filter and sort from a page's search params; never throws. */
export function parsePipelineSearchParams(search: SearchParams): ParsedPipelineSearch {
  const values: Partial<Record<PipelineField, string>> = {};
  const problems: Partial<Record<PipelineField | "page", string>> = {};
  const accepted: Partial<Record<PipelineField, string>> = {};
  for (const field of PIPELINE_FIELDS) {
    const value = firstFilled(search?.[field]);
    if (value === undefined) continue;
    values[field] = value;
    const parsed = fields[field].safeParse(value);
    if (parsed.success) accepted[field] = parsed.data;
    else problems[field] = parsed.error.issues[0]?.message ?? "This value could not be used.";
  }
  const sort = (accepted.sort as PipelineSort | undefined) ?? DEFAULT_SORT;
  let page = 1;
  const pageValue = firstFilled(search?.page);
  if (pageValue !== undefined) {
    const parsed = pageSchema.safeParse(pageValue);
    if (parsed.success) page = parsed.data;
    else problems.page = "The page number in the address was not understood, so the first page is shown.";
  }
  return {
    params: {
      q: accepted.q,
      stage: accepted.stage as AgencyStage | undefined,
      clientGroup: accepted.clientGroup as ClientGroup | undefined,
      region: accepted.region as Region | undefined,
      discuss: accepted.discuss ? true : undefined,
      sort,
      dir: (accepted.dir as SortDirection | undefined) ?? DEFAULT_DIRECTION[sort],
      page,
    },
    values,
    problems,
  };
}

/** Whether any filter (not the sort) is in force. */
export function isFiltered(params: PipelineFilter): boolean {
  return Boolean(params.q || params.stage || params.clientGroup || params.region || params.discuss);
}

/**
 * The pipeline's address for a filter, sort and page; defaults (and page 1) are left out, so one
 * list has one address. A new filter or sort starts again at page 1: leave the page out for that.
 */
export function pipelineHref(params: Partial<PipelineParams>): string {
  const search = new URLSearchParams();
  for (const field of ["q", "stage", "clientGroup", "region"] as const) {
    const value = params[field];
    if (value) search.set(field, value);
  }
  if (params.discuss) search.set("discuss", "1");
  const sort = params.sort ?? DEFAULT_SORT;
  if (sort !== DEFAULT_SORT) search.set("sort", sort);
  if (params.dir && params.dir !== DEFAULT_DIRECTION[sort]) search.set("dir", params.dir);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const query = search.toString();
  return query ? `${PIPELINE_PATH}?${query}` : PIPELINE_PATH;
}
