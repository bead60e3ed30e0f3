// The signed-in person's own training calendar as an .ics file (METHOD:PUBLISH), for adding every
// session they are booked on, or attended, to Outlook or Google Calendar at once. Only the caller's
// own bookings are ever read: there is no parameter to name anyone else. proxy.ts already sends a
// signed-out visitor to the sign-in page; the 401 here is for a session that ended in between.
// Researchers have no training of their own, so to them the file does not exist.
import { getCurrentUser } from "@/lib/auth/session";
import { getOwnCalendarEntries } from "@/lib/training/agency-queries";
import { calendarOrganizer, personalCalendar } from "@/lib/training/ics";

export const dynamic = "force-dynamic";

function plain(status: number, text: string) {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return plain(401, "Sign in to download your training calendar.");
  if (user.role !== "AGENCY_STAFF") return plain(404, "Not found.");
  const calendar = await getOwnCalendarEntries(user);
  if (!calendar) return plain(404, "Not found.");
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
