// How the agency's training pages say when and where a session is: the UK date and times, the
// venue and address or the online link, and the trainer. Shared by the team's view and a person's
// own view so that both say it the same way. No state: rendered on the server.
import type { SessionSummaryFields } from "@/lib/training/session-select";
import { sessionPlace, sessionWhen } from "@/lib/training/words";

type Place = Omit<SessionSummaryFields, "trainingDay"> & { notes?: string };

const ukShortDate = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium" });

/** e.g. "14 Jun 2027", for tables. */
export function sessionShortDate(instant: Date): string {
  return ukShortDate.format(instant);
}

/** When, where, online link, trainer and notes, as a description list. */
export function TrainingSessionDetails({ session }: { session: Place }) {
  const where = sessionPlace(session);
  return (
    <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
      <dt className="font-semibold">When</dt>
      <dd>
        <time dateTime={session.startsAt.toISOString()}>{sessionWhen(session)}</time>
      </dd>
      {where ? (
        <>
          <dt className="font-semibold">Where</dt>
          <dd className="[overflow-wrap:anywhere]">{where}</dd>
        </>
      ) : null}
      {session.onlineUrl ? (
        <>
          <dt className="font-semibold">Online</dt>
          <dd>
            <a href={session.onlineUrl} className="break-all">
              {session.onlineUrl}
            </a>
          </dd>
        </>
      ) : null}
      <dt className="font-semibold">Trainer</dt>
      <dd className="[overflow-wrap:anywhere]">{session.trainer}</dd>
      {session.notes ? (
        <>
          <dt className="font-semibold">Notes</dt>
          <dd className="[overflow-wrap:anywhere] whitespace-pre-line">{session.notes}</dd>
        </>
      ) : null}
    </dl>
  );
}
