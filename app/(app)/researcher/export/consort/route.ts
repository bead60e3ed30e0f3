// The CONSORT flow diagram as an SVG file, for the whole study or one agency (?agency=<id>): the
// same drawing as the CONSORT flow page, from the records as they are now. Researchers only.
import { plainResponse, refuseUnlessResearcher } from "@/lib/auth/route-guards";
import { findConsortAgency, loadConsortDiagram } from "@/lib/recruitment/consort-queries";

export const dynamic = "force-dynamic";

const UNKNOWN_AGENCY_TEXT =
  "There is no agency at this address, so there is no CONSORT flow to download for it. Go back to the CONSORT flow page and choose the agency from the list.";

export async function GET(request: Request) {
  const refusal = await refuseUnlessResearcher(request);
  if (refusal) return refusal;
  const wanted = new URL(request.url).searchParams.get("agency")?.trim() || null;
  const agency = wanted ? await findConsortAgency(wanted) : null;
  if (wanted && !agency) return plainResponse(404, UNKNOWN_AGENCY_TEXT);

  const diagram = await loadConsortDiagram(agency, new Date());
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${diagram.svg}\n`, {
    status: 200,
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${diagram.filenameStem}.svg"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // Opened in a browser tab rather than saved, the file may draw and nothing more.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
