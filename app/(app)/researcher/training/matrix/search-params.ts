// The training matrix's address: ?q= (part of a team or organisation name), ?stage= (one of the
// stages of agencies holding a place) and ?page=. A value that cannot be used is left out, and the
// page says so; a page past the last shows the last.
import { stageLabel } from "@/lib/agencies/stages";
import { MATRIX_STAGES, type MatrixFilter, type MatrixStage } from "@/lib/training/queries";

type Params = Record<string, string | string[] | undefined>;

/** The longest name search kept; the search box allows the same. */
const MAX_SEARCH = 200;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseMatrixSearchParams(params: Params): {
  filter: MatrixFilter;
  values: { q?: string; stage?: string };
  problems: string[];
} {
  const problems: string[] = [];
  const filter: MatrixFilter = {};
  const q = one(params.q)?.trim();
  if (q) {
    if (q.length > MAX_SEARCH) problems.push(`The name to look for is longer than ${MAX_SEARCH} characters.`);
    else filter.search = q;
  }
  const stage = one(params.stage);
  if (stage) {
    if ((MATRIX_STAGES as readonly string[]).includes(stage)) filter.stage = stage as MatrixStage;
    else
      problems.push(
        `The stage in the address is not one of ${MATRIX_STAGES.map((choice) => stageLabel(choice)).join(", ")}, so every stage is shown.`,
      );
  }
  const page = one(params.page);
  if (page !== undefined) {
    if (/^[1-9][0-9]{0,5}$/.test(page)) filter.page = Number(page);
    else problems.push("The page number in the address was not understood, so the first page is shown.");
  }
  return { filter, values: { q: filter.search, stage: filter.stage }, problems };
}

/** The address of a page of the matrix with the same filter. */
export function matrixHref(filter: MatrixFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.search) params.set("q", filter.search);
  if (filter.stage) params.set("stage", filter.stage);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/researcher/training/matrix?${query}` : "/researcher/training/matrix";
}
