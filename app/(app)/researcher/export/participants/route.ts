// The participants export: every participant of every agency with their study ID, agency, subgroup,
// each step's date and reason, the measures completed and the follow-up schedule, as one CSV file
// for Excel, R and Stata (the format is in lib/csv.ts; the columns and their data dictionary in
// lib/recruitment/export.ts). Streamed in batches, so 100,000 rows never sit in memory at once.
// Workers appear only as worker_id. Researchers only.
import { csvBatchStream, csvResponse, datedFilename } from "@/lib/csv";
import { refuseUnlessResearcher } from "@/lib/auth/route-guards";
import { participantExport } from "@/lib/recruitment/export";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  const { header, batches } = await participantExport();
  return csvResponse(csvBatchStream(header, batches), datedFilename("connecting-people-participants", new Date()));
}
