// The bookings and attendance export: every training booking (booked, waiting, cancelled, attended,
// absent) with its session, the person's agency and role, and whether they have completed their
// training, as one CSV file for Excel, R and Stata (the format is in lib/csv.ts; the columns and
// their data dictionary in lib/training/export.ts). People appear only as person_id. Researchers only.
import { csvResponse, datedFilename, toCsv } from "@/lib/csv";

import { bookingsExport } from "@/lib/training/export";
import { refuseUnlessResearcher } from "@/lib/auth/route-guards";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  const { header, rows } = await bookingsExport();
  return csvResponse(toCsv(header, rows), datedFilename("connecting-people-bookings", new Date()));
}
