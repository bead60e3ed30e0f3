import type { Metadata } from "next";
import Link from "next/link";
import { TrainingSessionFillLevel, TrainingSessionPlace } from "@/components/training-session-summary";
import { requireRole } from "@/lib/auth/session";
import { TRAINING_DAY_LABELS, ukDate } from "@/lib/training/rules";
import {
  addMonths,
  defaultMonth,
  isMonth,
  monthLabel,
  sessionMonths,
  sessionsByMonth,
  type SessionSummary,
} from "@/lib/training/queries";
import { sessionDate, sessionTimes } from "@/lib/training/words";

// The training sessions of one UK month, day by day, with how full each is: where researchers
// see at a glance which sessions need more people or another date. ?month=YYYY-MM picks the month;
// without it the page opens on this month, or the next month that has sessions.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Training sessions" };
}

export default async function ResearcherTrainingPage({ searchParams }: Props) {
  await requireRole("RESEARCHER");
  const asked = (await searchParams).month;
  const months = await sessionMonths();
  const askedValid = typeof asked === "string" && isMonth(asked);
  const month = askedValid ? asked : defaultMonth(months);
  const problem =
    asked !== undefined && !askedValid
      ? `The month in the address could not be used, so ${monthLabel(month)} is shown. Choose a month below.`
      : null;
  const sessions = await sessionsByMonth(month);
  const now = new Date();
  const days = groupByDay(sessions);
  const label = monthLabel(month);
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Training sessions</h1>
        <p className="max-w-2xl">
          The sessions supervisors book for themselves and their workers, month by month, with how many places are
          taken. Times are UK time.
        </p>
      </div>

      <div className="space-y-3">
        <ul className="flex flex-wrap gap-4">
          <li>
            <Link href="/researcher/training/new" className="button-primary">
              Publish a session
            </Link>
          </li>
          <li>
            <Link href="/researcher/training/matrix" className="button-secondary">
              Training matrix: who has trained
            </Link>
          </li>
        </ul>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            {/* Plain links: the files are downloads, not pages for the router to load. */}
            <a href="/researcher/export/bookings" download>
              Download bookings and attendance (CSV)
            </a>
          </li>
          <li>
            <a href="/researcher/export/bookings/dictionary" download>
              Data dictionary (CSV)<span className="sr-only"> of the bookings and attendance file</span>
            </a>
          </li>
        </ul>
      </div>

      {problem ? (
        <p role="alert" className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold">
          {problem}
        </p>
      ) : null}

      <nav aria-label="Months" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <Link href={`/researcher/training?month=${previous}`} className="button-secondary">
            <span aria-hidden="true">←&nbsp;</span>Previous month
            <span className="sr-only">: {monthLabel(previous)}</span>
          </Link>
          <Link href={`/researcher/training?month=${next}`} className="button-secondary">
            Next month<span className="sr-only">: {monthLabel(next)}</span>
            <span aria-hidden="true">&nbsp;→</span>
          </Link>
        </div>
        {months.length > 0 ? (
          <div>
            <p className="font-semibold">Months with sessions</p>
            <ul className="flex flex-wrap gap-x-4 gap-y-2">
              {months.map((each) => (
                <li key={each}>
                  {each === month ? (
                    <span aria-current="page" className="font-bold">
                      {monthLabel(each)}
                    </span>
                  ) : (
                    <Link href={`/researcher/training?month=${each}`}>{monthLabel(each)}</Link>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </nav>

      <section aria-labelledby="month-heading" className="space-y-6">
        <h2 id="month-heading" className="text-2xl font-bold">
          {label}:{" "}
          {sessions.length === 0
            ? "no sessions"
            : `${sessions.length} ${sessions.length === 1 ? "session" : "sessions"}`}
        </h2>
        {sessions.length === 0 ? (
          <p>
            No training session is published for {label}. <Link href="/researcher/training/new">Publish a session</Link>
            , or choose another month.
          </p>
        ) : (
          days.map(({ date, sessions: onDay }) => <DayTable key={date} date={date} sessions={onDay} now={now} />)
        )}
      </section>
    </div>
  );
}

function groupByDay(sessions: SessionSummary[]) {
  const days: { date: string; sessions: SessionSummary[] }[] = [];
  for (const session of sessions) {
    const date = ukDate(session.startsAt);
    const last = days.at(-1);
    if (last?.date === date) last.sessions.push(session);
    else days.push({ date, sessions: [session] });
  }
  return days;
}

function sessionState(session: SessionSummary, now: Date): string {
  if (session.status === "CANCELLED") return "Cancelled";
  if (session.endsAt <= now) return "Taken place";
  if (session.startsAt <= now) return "Under way";
  return session.booked >= session.capacity ? "Full: new bookings join the waiting list" : "Open for booking";
}

function DayTable({ date, sessions, now }: { date: string; sessions: SessionSummary[]; now: Date }) {
  const title = sessionDate(sessions[0]!.startsAt);
  const captionId = `day-${date}`;
  return (
    <div className="space-y-2">
      <h3 className="text-xl font-bold">{title}</h3>
      {/* A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto">
        <table className="w-full min-w-[48rem] border-collapse text-left align-top">
          <caption id={captionId} className="sr-only">
            Training sessions on {title}
          </caption>
          <thead>
            <tr className="border-ink border-b-2">
              <th scope="col" className="py-2 pr-4">
                Training day
              </th>
              <th scope="col" className="py-2 pr-4">
                Time (UK)
              </th>
              <th scope="col" className="py-2 pr-4">
                Place
              </th>
              <th scope="col" className="py-2 pr-4">
                Trainer
              </th>
              <th scope="col" className="py-2 pr-4">
                Places
              </th>
              <th scope="col" className="py-2">
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} className="border-line border-b align-top">
                <th scope="row" className="py-3 pr-4 font-normal">
                  <Link href={`/researcher/training/${session.id}`} className="font-semibold">
                    {TRAINING_DAY_LABELS[session.trainingDay]}
                    <span className="sr-only">
                      , {title}, {sessionTimes(session.startsAt, session.endsAt)}
                    </span>
                  </Link>
                </th>
                <td className="py-3 pr-4 whitespace-nowrap">
                  <time dateTime={session.startsAt.toISOString()}>
                    {sessionTimes(session.startsAt, session.endsAt)}
                  </time>
                </td>
                <td className="py-3 pr-4">
                  <TrainingSessionPlace venue={session.venue} address={session.address} onlineUrl={session.onlineUrl} />
                </td>
                <td className="py-3 pr-4 [overflow-wrap:anywhere]">{session.trainer}</td>
                <td className="py-3 pr-4">
                  {session.status === "CANCELLED" ? (
                    <span className="text-muted">None: cancelled</span>
                  ) : (
                    <TrainingSessionFillLevel
                      booked={session.booked}
                      capacity={session.capacity}
                      waiting={session.waiting}
                    />
                  )}
                </td>
                <td className={`py-3 ${session.status === "CANCELLED" ? "text-danger font-semibold" : ""}`}>
                  {sessionState(session, now)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
