// How a training session is described on the researchers' pages: its title, where it is, and how
// full it is (dates and times in the words of lib/training/words.ts). The fill level is said in
// words ("14 of 20 booked, 3 waiting"); the bar beside it only repeats the words for the eye, so
// screen readers skip it.
import type { TrainingDay } from "@/lib/generated/prisma/client";
import { TRAINING_DAY_LABELS } from "@/lib/training/rules";
import { sessionDate } from "@/lib/training/words";

/** A session's title on its pages, e.g. "Worker day 1, Monday, 29 March 2027". */
export function sessionTitle(session: { trainingDay: TrainingDay; startsAt: Date }): string {
  return `${TRAINING_DAY_LABELS[session.trainingDay]}, ${sessionDate(session.startsAt)}`;
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
