// The data dictionary of the bookings and attendance export: one line per column, with its label,
// type, allowed values (codes and their words) and notes. Researchers only.
import { csvResponse, dictionaryCsv } from "@/lib/csv";

import { bookingsExportDictionary } from "@/lib/training/export";
import { refuseUnlessResearcher } from "@/lib/auth/route-guards";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  return csvResponse(dictionaryCsv(bookingsExportDictionary()), "connecting-people-bookings-dictionary.csv");
}
