// How a training session is described on the researchers' pages: its date and times in UK time,
// where it is, and how full it is. The fill level is said in words ("14 of 20 booked, 3 waiting");
// the bar beside it only repeats the words for the eye, so screen readers skip it.
import { toUkInputValues } from "@/lib/dates";

const longDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "Monday 29 March 2027", the UK date. */
export function sessionDate(startsAt: Date): string {
  return longDate.format(startsAt);
}

/** "09:30 to 16:30", UK wall-clock times. */
export function sessionTimes(startsAt: Date, endsAt: Date): string {
  return `${toUkInputValues(startsAt).time} to ${toUkInputValues(endsAt).time}`;
}

/** "14 of 20 booked, 3 waiting"; "20 of 20 booked (full)". */
export function fillLevelWords(booked: number, capacity: number, waiting: number): string {
  const full = booked >= capacity ? " (full)" : "";
  return `${booked} of ${capacity} booked${full}${waiting > 0 ? `, ${waiting} waiting` : ""}`;
}

export function TrainingSessionFillLevel({
  booked,
  capacity,
  waiting,
}: {
  booked: number;
  capacity: number;
  waiting: number;
}) {
  const percent = capacity > 0 ? Math.min(100, Math.round((booked / capacity) * 100)) : 0;
  return (
    <div className="min-w-40 space-y-1">
      <p>{fillLevelWords(booked, capacity, waiting)}</p>
      <div aria-hidden="true" className="border-brand-700 h-3 w-full max-w-48 rounded-sm border bg-white">
        <div className="bg-brand-700 h-full" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/** Where the session is: the venue and its address, and/or online. */
export function TrainingSessionPlace({
  venue,
  address,
  onlineUrl,
}: {
  venue: string | null;
  address: string | null;
  onlineUrl: string | null;
}) {
  return (
    <div className="[overflow-wrap:anywhere]">
      {venue ? <p>{venue}</p> : null}
      {address ? <p className="text-muted text-sm whitespace-pre-wrap">{address}</p> : null}
      {onlineUrl ? <p>{venue || address ? "Also online" : "Online"}</p> : null}
    </div>
  );
}
