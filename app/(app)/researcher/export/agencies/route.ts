// The agencies export: every agency with its details, submitted answers, mean scores and every
// review, as one CSV file for Excel, R and Stata (the format is in lib/csv.ts; the columns and
// their data dictionary in lib/selection/export.ts). Researchers only.
import { csvResponse, datedFilename, toCsv } from "@/lib/csv";
import { agencyExport } from "@/lib/selection/export";
import { refuseUnlessResearcher } from "@/lib/auth/route-guards";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  const { header, rows } = await agencyExport();
  return csvResponse(toCsv(header, rows), datedFilename("connecting-people-agencies", new Date()));
}
