// The data dictionary of the participants export: one line per column, with its label, type,
// allowed values (codes and their words) and notes. Researchers only.
import { csvResponse, dictionaryCsv } from "@/lib/csv";
import { refuseUnlessResearcher } from "@/lib/auth/route-guards";
import { participantExportDictionary } from "@/lib/recruitment/export";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  return csvResponse(
    dictionaryCsv(await participantExportDictionary()),
    "connecting-people-participants-dictionary.csv",
  );
}
