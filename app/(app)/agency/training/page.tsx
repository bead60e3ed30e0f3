import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import type { AgencyBookingRow } from "@/components/training-agency-bookings";
import { TrainingAgencyBookings } from "@/components/training-agency-bookings";
import { TrainingAgencyProgressTable } from "@/components/training-agency-progress-table";
import { TrainingSessionDetails } from "@/components/training-agency-session-details";
import { TrainingBookingForm } from "@/components/training-booking-form";
import { AGENCY_ROLE_LABELS, STAGE_FOR_AGENCY, STAGE_LABELS } from "@/lib/agencies/stages";
import { requireRole, type AgencyStaffUser } from "@/lib/auth/session";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import {
  getAgencyTraining,
  getOwnTraining,
  openSessionsFor,
  type AgencyTraining,
  type OpenSession,
  type OwnTraining,
  type TrainingBooking,
} from "@/lib/training/agency-queries";
import {
  BOOKING_STATUS_LABELS,
  canBook,
  DAY_STATE_LABELS,
  requiredDays,
  TRAINING_DAY_LABELS,
  TRAINING_DAYS,
} from "@/lib/training/rules";
import { sessionDate, sessionPlace, sessionWhen } from "@/lib/training/words";

// Training for an agency's own people. Supervisors and the lead of a selected agency see the
// team's progress, book colleagues onto open sessions (only those the rules would accept are
// offered; the others are listed with the reason) and cancel bookings. A worker sees their own
// days, bookings and completion. An agency that has not been selected is told why there is
// nothing to book. Everyone with sessions can download them as a calendar file.

export const dynamic = "force-dynamic";

// The guard runs here too: metadata is resolved apart from the page.
export async function generateMetadata(): Promise<Metadata> {
  await requireRole("AGENCY_STAFF");
  return { title: "Training" };
}

const CALENDAR_PATH = "/agency/training/calendar";

export default async function AgencyTrainingPage() {
  const user = await requireRole("AGENCY_STAFF");
  const now = new Date();

  if (canBook(user.agencyRole)) {
    const [training, sessions] = await Promise.all([getAgencyTraining(user, { now }), openSessionsFor(user, { now })]);
    if (!training) notFound();
    if (!training.agency.mayBook)
      return <NotSelected teamName={training.agency.teamName} stage={training.agency.stage} />;
    return <TeamTraining user={user} training={training} sessions={sessions} />;
  }

  const own = await getOwnTraining(user, { now });
  if (!own) notFound();
  if (!own.mayBook && own.bookings.length === 0) return <NotSelected teamName={own.teamName} stage={own.stage} />;
  return <OwnTrainingView own={own} />;
}

function PageHeading({ teamName, intro }: { teamName: string; intro: ReactNode }) {
  return (
    <div className="space-y-2">
      <p className="text-muted">{teamName}</p>
      <h1 className="text-3xl font-bold">Training</h1>
      <div className="max-w-2xl space-y-2">{intro}</div>
    </div>
  );
}

/** Stages before a decision to select the agency, or on the reserve list: selection may still come. */
const BEFORE_SELECTION: readonly AgencyStage[] = ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "SHORTLISTED", "RESERVE"];

function NotSelected({ teamName, stage }: { teamName: string; stage: AgencyStage }) {
  return (
    <div className="space-y-8">
      <PageHeading
        teamName={teamName}
        intro={
          <>
            <p>
              Training is for the teams chosen to pilot Connecting People: their workers train for three days and their
              supervisors for two more.
            </p>
            <p>
              Your team’s stage: <strong>{STAGE_LABELS[stage]}</strong>. {STAGE_FOR_AGENCY[stage]}
            </p>
            <p>
              {BEFORE_SELECTION.includes(stage)
                ? "If the study team selects your team, its supervisors and lead can book training here."
                : "Your team cannot book training now. If you think this is wrong, contact the study team."}
            </p>
          </>
        }
      />
    </div>
  );
}

function CalendarLink() {
  return (
    <p>
      <a href={CALENDAR_PATH} download>
        Download my calendar (.ics)
      </a>
      <span className="text-muted block text-sm">
        Adds every session you are booked on to Outlook, Google Calendar or your phone’s calendar.
      </span>
    </p>
  );
}

function ordinalPlace(place: number | null): string {
  return place === null ? "" : `: number ${place}`;
}

function bookingStatus(booking: TrainingBooking): string {
  return booking.status === "WAITLISTED"
    ? `${BOOKING_STATUS_LABELS.WAITLISTED}${ordinalPlace(booking.waitlistPlace)}`
    : BOOKING_STATUS_LABELS[booking.status];
}

// ---------------------------------------------------------------------------------------------
// Supervisors and the lead.

function TeamTraining({
  user,
  training,
  sessions,
}: {
  user: AgencyStaffUser;
  training: AgencyTraining;
  sessions: OpenSession[];
}) {
  const { agency, trainees } = training;
  const days = requiredDays("SUPERVISOR", training.settings);
  const upcoming: AgencyBookingRow[] = trainees
    .flatMap((trainee) =>
      trainee.bookings.filter((booking) => booking.cancellable).map((booking) => ({ trainee, booking })),
    )
    .sort(
      (a, b) =>
        a.booking.startsAt.getTime() - b.booking.startsAt.getTime() || a.trainee.name.localeCompare(b.trainee.name),
    )
    .map(({ trainee, booking }) => ({
      bookingId: booking.bookingId,
      person: trainee.name,
      day: TRAINING_DAY_LABELS[booking.trainingDay],
      when: sessionWhen(booking),
      where: sessionPlace(booking),
      onlineUrl: booking.onlineUrl,
      status: bookingStatus(booking),
      waitlisted: booking.status === "WAITLISTED",
      cancellable: booking.cancellable,
    }));
  const me = trainees.find((trainee) => trainee.isYou);
  const sessionDays = TRAINING_DAYS.filter((day) => sessions.some((session) => session.trainingDay === day));

  return (
    <div className="space-y-10">
      <PageHeading
        teamName={agency.teamName}
        intro={
          <>
            <p>
              Your team’s stage: <strong>{STAGE_LABELS[agency.stage]}</strong>.
            </p>
            <p>
              Workers need {training.settings.workerTrainingDays} training{" "}
              {training.settings.workerTrainingDays === 1 ? "day" : "days"}; supervisors take those and{" "}
              {training.settings.supervisorExtraDays} supervisor{" "}
              {training.settings.supervisorExtraDays === 1 ? "day" : "days"} more. As{" "}
              {user.agencyRole === "LEAD" ? "the agency lead" : "a supervisor"}, you book the sessions for your team
              {user.agencyRole === "SUPERVISOR" ? ", yourself included" : ""}.
            </p>
            {me && me.bookings.length > 0 ? <CalendarLink /> : null}
          </>
        }
      />

      <section aria-labelledby="progress-heading" className="space-y-4">
        <h2 id="progress-heading" className="text-2xl font-bold">
          Your team’s progress
        </h2>
        <p className="text-lg font-semibold">
          {training.completedCount} of {training.traineeCount} staff have completed training.
        </p>
        {trainees.length === 0 ? (
          <p>Your team has no supervisors or workers yet. The agency lead can invite them under Staff.</p>
        ) : (
          <TrainingAgencyProgressTable
            caption="Training days for each supervisor and worker"
            days={days}
            trainees={trainees}
          />
        )}
      </section>

      <section aria-labelledby="bookings-heading" className="space-y-4">
        <h2 id="bookings-heading" className="text-2xl font-bold">
          Bookings still to come
        </h2>
        <TrainingAgencyBookings rows={upcoming} canCancel />
      </section>

      <section aria-labelledby="sessions-heading" className="space-y-6">
        <div className="space-y-2">
          <h2 id="sessions-heading" className="text-2xl font-bold">
            Sessions open for booking
          </h2>
          <p className="max-w-2xl">
            Each session is one training day. Tick the colleagues to book and press Book; everyone booked gets an email
            with a calendar invitation.
          </p>
        </div>
        {sessions.length === 0 ? (
          <p>There are no sessions open for booking at the moment. The study team will publish more.</p>
        ) : (
          sessionDays.map((day) => (
            <section key={day} aria-labelledby={`day-${day}`} className="space-y-4">
              <h3 id={`day-${day}`} className="text-xl font-bold">
                {TRAINING_DAY_LABELS[day]}
              </h3>
              <ul className="space-y-4">
                {sessions
                  .filter((session) => session.trainingDay === day)
                  .map((session) => (
                    <li key={session.sessionId}>
                      <OpenSessionCard session={session} />
                    </li>
                  ))}
              </ul>
            </section>
          ))
        )}
      </section>
    </div>
  );
}

function OpenSessionCard({ session }: { session: OpenSession }) {
  const name = `${TRAINING_DAY_LABELS[session.trainingDay]} on ${sessionDate(session.startsAt)}`;
  const headingId = `session-${session.sessionId}`;
  return (
    <article aria-labelledby={headingId} className="border-line space-y-4 rounded-lg border p-4">
      <h4 id={headingId} className="text-lg font-bold">
        {name}
      </h4>
      <TrainingSessionDetails session={session} />
      <p className="font-semibold">
        {session.full
          ? `Full: all ${session.capacity} places are taken. ${session.waiting} ${session.waiting === 1 ? "person is" : "people are"} on the waiting list.`
          : `${session.placesLeft} of ${session.capacity} places left.`}
      </p>
      <TrainingBookingForm
        sessionId={session.sessionId}
        sessionName={name}
        placesLeft={session.placesLeft}
        candidates={session.candidates.map((candidate) => ({
          userId: candidate.userId,
          label: `${candidate.name} (${AGENCY_ROLE_LABELS[candidate.agencyRole].toLowerCase()}${candidate.isYou ? ", you" : ""})`,
          problem: candidate.problem,
        }))}
      />
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// A worker: their own training.

function OwnTrainingView({ own }: { own: OwnTraining }) {
  const attended = own.days.filter((day) => day.state === "attended").length;
  const needsTraining = own.required.length > 0;
  // Still to come (the ones a supervisor could cancel), and the rest: sessions that have started.
  const upcoming = own.bookings.filter((booking) => booking.cancellable);
  const past = own.bookings.filter((booking) => !booking.cancellable);
  const hasCalendar = own.bookings.some((booking) => booking.status !== "WAITLISTED");

  return (
    <div className="space-y-10">
      <PageHeading
        teamName={own.teamName}
        intro={
          <>
            <p>
              Your team’s stage: <strong>{STAGE_LABELS[own.stage]}</strong>.
            </p>
            <p>
              {needsTraining
                ? "Your supervisor books your training sessions. Ask them if you need to change or cancel one."
                : `As ${AGENCY_ROLE_LABELS[own.agencyRole].toLowerCase()}, you do not take the training.`}
            </p>
            {hasCalendar ? <CalendarLink /> : null}
          </>
        }
      />

      {needsTraining ? (
        <section aria-labelledby="own-days-heading" className="space-y-4">
          <h2 id="own-days-heading" className="text-2xl font-bold">
            Your training days
          </h2>
          <p className="text-lg font-semibold">
            {own.completed
              ? "You have completed your training."
              : `You have attended ${attended} of your ${own.required.length} training days.`}
          </p>
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling box must be reachable by keyboard */}
          <div role="region" aria-labelledby="own-days-caption" tabIndex={0} className="overflow-x-auto">
            <table className="w-full min-w-[20rem] border-collapse text-left align-top">
              <caption id="own-days-caption" className="mb-2 text-left font-semibold">
                The training days you need, and where you stand on each
              </caption>
              <thead>
                <tr className="border-ink border-b-2">
                  <th scope="col" className="py-2 pr-4">
                    Training day
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Where you stand
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Date
                  </th>
                </tr>
              </thead>
              <tbody>
                {own.days.map((entry) => (
                  <tr key={entry.day} className="border-line border-b align-top">
                    <th scope="row" className="py-3 pr-4 font-semibold">
                      {TRAINING_DAY_LABELS[entry.day]}
                    </th>
                    <td className="py-3 pr-4">{DAY_STATE_LABELS[entry.state]}</td>
                    <td className="py-3 pr-4">
                      {entry.startsAt && entry.state !== "absent" ? (
                        <time dateTime={entry.startsAt.toISOString()}>{sessionDate(entry.startsAt)}</time>
                      ) : (
                        <span className="text-muted">None yet</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {needsTraining || own.bookings.length > 0 ? (
        <section aria-labelledby="own-bookings-heading" className="space-y-4">
          <h2 id="own-bookings-heading" className="text-2xl font-bold">
            Your sessions
          </h2>
          {upcoming.length === 0 ? (
            <p>You are not booked on any session still to come.</p>
          ) : (
            <ul className="space-y-3">
              {upcoming.map((booking) => (
                <li key={booking.bookingId} className="border-line space-y-2 rounded-lg border p-4">
                  <h3 className="text-lg font-bold">{TRAINING_DAY_LABELS[booking.trainingDay]}</h3>
                  <p>
                    <span className="font-semibold">Status:</span> {bookingStatus(booking)}
                  </p>
                  <TrainingSessionDetails session={booking} />
                </li>
              ))}
            </ul>
          )}
          {past.length > 0 ? (
            <>
              <h3 className="text-xl font-bold">Sessions you were booked on</h3>
              <ul className="list-disc space-y-1 pl-6">
                {past.map((booking) => (
                  <li key={booking.bookingId}>
                    {TRAINING_DAY_LABELS[booking.trainingDay]}, {sessionDate(booking.startsAt)}:{" "}
                    {booking.status === "BOOKED"
                      ? "booked (attendance not marked yet)"
                      : BOOKING_STATUS_LABELS[booking.status].toLowerCase()}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
