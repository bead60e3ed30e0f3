// How training's emails and the booking messages put a session into words (its day and its
// details), the letter every training email is written as, and the calendar file attached to one.
// Shared by the booking code, the researchers' session changes and the reminders, so that each says
// a session the same way (times and places as lib/training/words.ts says them on the pages). No
// "server-only" marker: the reminder loop, started from instrumentation.ts, uses it.
import { toUkInputValues } from "@/lib/dates";
import { calendarOrganizer, sessionInvitation, type IcsPerson, type IcsSession } from "./ics";
import { TRAINING_DAY_LABELS } from "./rules";
import type { SessionDetails } from "./session-select";
import { sessionDate, sessionPlace, sessionWhen } from "./words";

/** e.g. "Monday 29 March 2027": the UK date as the booking emails and messages write it. */
export function sessionDay(startsAt: Date): string {
  return sessionDate(startsAt).replace(",", "");
}

/** e.g. "Worker day 1, Monday 29 March 2027, 09:30–16:30". */
export function sessionLabel(session: Pick<SessionDetails, "trainingDay" | "startsAt" | "endsAt">): string {
  return `${TRAINING_DAY_LABELS[session.trainingDay]}, ${sessionDay(session.startsAt)}, ${
    toUkInputValues(session.startsAt).time
  }–${toUkInputValues(session.endsAt).time}`;
}

/**
 * The lines that describe a session in an email: training day, when, where, online link, trainer,
 * notes. `when` says the date and times (sessionWhen unless the email words them otherwise).
 */
export function sessionDetailLines(session: SessionDetails, when: string = sessionWhen(session)): string[] {
  const place = sessionPlace(session);
  return [
    `Training day: ${TRAINING_DAY_LABELS[session.trainingDay]}`,
    `When: ${when}`,
    ...(place ? [`Where: ${place}`] : []),
    ...(session.onlineUrl ? [`Online: ${session.onlineUrl}`] : []),
    `Trainer: ${session.trainer}`,
    ...(session.notes ? [`Notes: ${session.notes}`] : []),
  ];
}

/**
 * A training email's text: "Hello <name>,", then each block (a paragraph, or lines kept together
 * such as the session's details), then the study team's signature, with a blank line between each.
 */
export function trainingLetter(name: string, blocks: readonly (string | readonly string[])[]): string {
  return [
    `Hello ${name},`,
    ...blocks.flatMap((block) => ["", ...(typeof block === "string" ? [block] : block)]),
    "",
    "The Connecting People study team",
  ].join("\n");
}

/**
 * The calendar file of a training email: the invitation to one person's place (REQUEST), or its
 * withdrawal (CANCEL). `sequence` is sequenceOf(session, booking) after this email's bump.
 */
export function calendarAttachment(
  method: "REQUEST" | "CANCEL",
  {
    session,
    person,
    sequence,
    now,
    organizerEmail = calendarOrganizer(),
  }: { session: IcsSession; person: IcsPerson; sequence: number; now: Date; organizerEmail?: string },
) {
  return { method, content: sessionInvitation({ session, person, sequence, method, now, organizerEmail }) };
}
