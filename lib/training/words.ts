// How training says when and where a session is, the same on the researchers' and the agencies'
// pages, in the booking rules and in the emails: the UK date, the UK wall-clock times, the place.
// Pure: safe in client components.
import { formatUkDateTime, toUkInputValues } from "@/lib/dates";

const ukLongDate = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "full" });

/** e.g. "Monday, 29 March 2027": the UK date. */
export function sessionDate(instant: Date): string {
  return ukLongDate.format(instant);
}

/** e.g. "09:30 to 16:30": UK wall-clock times. */
export function sessionTimes(startsAt: Date, endsAt: Date): string {
  return `${toUkInputValues(startsAt).time} to ${toUkInputValues(endsAt).time}`;
}

/** e.g. "Thursday, 2 April 2026 at 09:30 to 16:00 (UK time)". */
export function sessionWhen(session: { startsAt: Date; endsAt: Date }): string {
  return `${formatUkDateTime(session.startsAt)} to ${toUkInputValues(session.endsAt).time} (UK time)`;
}

/** The venue and its address, e.g. "Civic Centre, 1 Quay Street"; null for a session only online. */
export function sessionPlace(session: { venue: string | null; address: string | null }): string | null {
  return [session.venue, session.address].filter(Boolean).join(", ") || null;
}
