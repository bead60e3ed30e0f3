// The audit trail's filter, read from the page's search params. Anything a person can type into the
// address bar arrives here, so nothing in it may cause an error page: a bad value becomes a message
// beside its field, and the list is shown unfiltered rather than half-filtered.
import { z } from "zod";
import { AUDIT_ENTITIES, isCalendarDate } from "@/lib/audit/rules";

/** The filter's fields, as they appear in the URL and as the form's field names. */
export const AUDIT_FILTER_FIELDS = ["action", "entity", "entityId", "actorId", "actorEmail", "from", "to"] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter counts once; blank counts as not given (an empty GET form field). */
function firstFilled(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== "string") return first;
  const trimmed = first.trim();
  return trimmed === "" ? undefined : trimmed;
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(firstFilled, schema.optional());

const ukDate = (which: string) =>
  optional(
    z
      .string()
      .refine(isCalendarDate, `Enter the ${which} date as year-month-day, for example 2026-07-01, or leave it empty.`),
  );

export const auditFilterSchema = z
  .object({
    action: optional(z.string().max(100, "An action is at most 100 characters long.")),
    entity: optional(z.enum(AUDIT_ENTITIES, { error: "Choose a kind of record from the list." })),
    entityId: optional(z.string().max(200, "A record id is at most 200 characters long.")),
    actorId: optional(z.uuid("The person in the address is not a valid id. Clear the filter and try again.")),
    actorEmail: optional(
      z
        .string()
        .max(254, "An email address is at most 254 characters long.")
        .toLowerCase()
        .pipe(z.email("Enter the person's whole email address, for example name@example.org.")),
    ),
    from: ukDate("from"),
    to: ukDate("to"),
  })
  // YYYY-MM-DD strings sort like the days they name. Checked whenever both dates are real days, even
  // if another field is wrong, so that every problem is shown at once.
  .refine((filter) => !(filter.from && filter.to && filter.from > filter.to), {
    path: ["to"],
    message: "The to date must be the same as or after the from date.",
    when: ({ value }) => {
      const { from, to } = (value ?? {}) as { from?: unknown; to?: unknown };
      return typeof from === "string" && typeof to === "string" && isCalendarDate(from) && isCalendarDate(to);
    },
  });

export type AuditFilter = z.output<typeof auditFilterSchema>;

const pageSchema = z.preprocess(firstFilled, z.coerce.number().int().positive().max(1_000_000).optional());

export type ParsedAuditSearch = {
  /** What to filter by: empty when any field was invalid. */
  filter: AuditFilter;
  page: number;
  /** What the person typed, to show again in the form (even when it was wrong). */
  values: Partial<Record<AuditFilterField, string>>;
  fieldErrors: Partial<Record<AuditFilterField, string>>;
};

/** Reads the filter from a page's search params; never throws. Unknown params are ignored. */
export function parseAuditSearchParams(params: SearchParams): ParsedAuditSearch {
  const values: Partial<Record<AuditFilterField, string>> = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = firstFilled(params[field]);
    if (typeof value === "string") values[field] = value;
  }

  const page = pageSchema.safeParse(params.page);
  const parsed = auditFilterSchema.safeParse(params);
  if (parsed.success) {
    return { filter: parsed.data, page: (page.success && page.data) || 1, values, fieldErrors: {} };
  }

  const fieldErrors: Partial<Record<AuditFilterField, string>> = {};
  const flattened = z.flattenError(parsed.error).fieldErrors as Partial<Record<string, string[]>>;
  for (const field of AUDIT_FILTER_FIELDS) {
    const message = flattened[field]?.[0];
    if (message) fieldErrors[field] = message;
  }
  // The page number belongs to the filtered list, so it is dropped together with the filter.
  return { filter: {}, page: 1, values, fieldErrors };
}

/** The audit trail's address for a filter and a page (page 1 is left out). */
export function auditTrailHref(filter: Partial<Record<AuditFilterField, string>>, page = 1): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = filter[field];
    if (value) params.set(field, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/researcher/audit?${query}` : "/researcher/audit";
}
