// The check a route handler (a file download) makes first, as the pages' guards do: a signed-out
// visitor is sent to the sign-in page and comes back here after; someone of another role is told
// the address does not exist. Never a 500 for a normal request.
import "server-only";
import { getCurrentUser } from "./session";
import type { AgencyStaffUser, ResearcherUser } from "./user";

type Guarded<R extends "RESEARCHER" | "AGENCY_STAFF"> = R extends "RESEARCHER" ? ResearcherUser : AgencyStaffUser;

export function plainResponse(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const NOT_FOUND_TEXT =
  "Page not found. There is nothing at this address that you can see: check the address, or go back to the home page.";

export async function guardRoute<R extends "RESEARCHER" | "AGENCY_STAFF">(
  request: Request,
  role: R,
): Promise<{ user: Guarded<R>; refusal: null } | { user: null; refusal: Response }> {
  const user = await getCurrentUser();
  if (!user) {
    const url = new URL(request.url);
    const signIn = new URL("/signin", url);
    signIn.searchParams.set("callbackUrl", `${url.pathname}${url.search}`);
    return { user: null, refusal: Response.redirect(signIn, 303) };
  }
  if (user.role !== role) return { user: null, refusal: plainResponse(404, NOT_FOUND_TEXT) };
  return { user: user as Guarded<R>, refusal: null };
}

/** For the researchers' exports: a refusal to send back, or null when the caller is a researcher. */
export async function refuseUnlessResearcher(request: Request): Promise<Response | null> {
  return (await guardRoute(request, "RESEARCHER")).refusal;
}
