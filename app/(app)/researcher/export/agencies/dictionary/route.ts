// The data dictionary of the agencies export: one line per column of the export made now, with
// its label, type, allowed values (codes and their words) and notes. Researchers only.
import { csvResponse, dictionaryCsv } from "@/lib/csv";
import { agencyExportDictionary } from "@/lib/selection/export";
import { refuseUnlessResearcher } from "@/lib/auth/route-guards";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  return csvResponse(dictionaryCsv(await agencyExportDictionary()), "connecting-people-agencies-dictionary.csv");
}
