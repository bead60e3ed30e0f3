// The signed-in person's own training calendar as an .ics file (METHOD:PUBLISH), for adding every
// session they are booked on, or attended, to Outlook or Google Calendar at once. Only the caller's
// own bookings are ever read: there is no parameter to name anyone else. proxy.ts and the guard send a
// signed-out visitor to the sign-in page.
// Researchers have no training of their own, so to them the file does not exist.
import { guardRoute, NOT_FOUND_TEXT, plainResponse } from "@/lib/auth/route-guards";
import { getOwnCalendarEntries } from "@/lib/training/agency-queries";
import { calendarOrganizer, personalCalendar } from "@/lib/training/ics";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const { user, refusal } = await guardRoute(request, "AGENCY_STAFF");
  if (refusal) return refusal;
  const calendar = await getOwnCalendarEntries(user);
  if (!calendar) return plainResponse(404, NOT_FOUND_TEXT);
  const body = personalCalendar({ ...calendar, now: new Date(), organizerEmail: calendarOrganizer() });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="connecting-people-training.ics"',
      "Cache-Control": "no-store",
    },
  });
}
