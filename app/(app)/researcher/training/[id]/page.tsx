import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TrainingAttendanceForm, type AttendancePerson } from "@/components/training-attendance-form";
import { TrainingCancelForm } from "@/components/training-cancel-form";
import { TrainingSessionForm } from "@/components/training-session-form";
import { fillLevelWords, sessionTitle, TrainingSessionFillLevel } from "@/components/training-session-summary";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime, toUkInputValues } from "@/lib/dates";
import {
  getSessionForResearcher,
  ukMonthOf,
  type SessionBooking,
  type SessionForResearcher,
} from "@/lib/training/queries";
import { BOOKING_STATUS_LABELS, TRAINING_DAY_LABELS } from "@/lib/training/rules";
import { sessionDate, sessionTimes } from "@/lib/training/words";

// One training session as researchers run it: its details, who is booked and who is waiting, the
// attendance (from the moment it starts), a sign-in sheet to print, and, until it starts, forms to
// change or cancel it.
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The guard runs here too: metadata is resolved apart from the page, and the title names the session.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireRole("RESEARCHER");
  const session = await getSessionForResearcher((await params).id);
  if (!session) notFound();
  return { title: `Training session: ${sessionTitle(session)}` };
}

export default async function ResearcherTrainingSessionPage({ params, searchParams }: Props) {
  await requireRole("RESEARCHER");
  const session = await getSessionForResearcher((await params).id);
  if (!session) notFound();
  const published = (await searchParams).published === "1";
  const now = new Date();
  const started = session.startsAt <= now;
  const cancelled = session.status === "CANCELLED";
  const start = toUkInputValues(session.startsAt);

  return (
    <div className="space-y-8">
      <p>
        <Link href={`/researcher/training?month=${ukMonthOf(session.startsAt)}`}>Back to the training sessions</Link>
      </p>

      <div className="space-y-2">
        <p className="text-muted font-semibold">Training session</p>
        <h1 className="text-3xl font-bold">{sessionTitle(session)}</h1>
      </div>

      {published ? (
        <p role="status" className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4 font-semibold">
          The session is published. Supervisors of the selected agencies can now book it.
        </p>
      ) : null}

      {cancelled ? (
        <div className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          <p className="text-danger font-semibold">
            This session was cancelled
            {session.cancelledAt ? ` on ${formatUkDateTime(session.cancelledAt)} (UK time)` : ""}.
          </p>
          {session.cancelReason ? <p className="whitespace-pre-wrap">Reason: {session.cancelReason}</p> : null}
        </div>
      ) : null}

      <Details session={session} />

      <p>
        <Link href={`/researcher/training/${session.id}/sign-in-sheet`}>
          Print sign-in sheet<span className="sr-only"> for this session</span>
        </Link>
      </p>

      <PeopleSection session={session} />
      <WaitingListSection session={session} />

      <section aria-labelledby="attendance-heading" className="border-line space-y-4 border-t pt-6">
        <h2 id="attendance-heading" className="text-2xl font-bold">
          Attendance
        </h2>
        {cancelled ? (
          <p>The session was cancelled, so there is no attendance to mark.</p>
        ) : !started ? (
          <p>
            You can mark attendance from the start of the session, at {formatUkDateTime(session.startsAt)} (UK time).
          </p>
        ) : session.people.length === 0 ? (
          <p>Nobody was booked on this session, so there is no attendance to mark.</p>
        ) : (
          <TrainingAttendanceForm sessionId={session.id} people={session.people.map(attendancePerson)} />
        )}
      </section>

      <section aria-labelledby="edit-heading" className="border-line space-y-4 border-t pt-6">
        <h2 id="edit-heading" className="text-2xl font-bold">
          Change the session
        </h2>
        {cancelled ? (
          <p>A cancelled session cannot be changed. Publish a new session instead.</p>
        ) : started ? (
          <p>The session has started, so its details can no longer be changed.</p>
        ) : (
          <TrainingSessionForm
            mode="edit"
            sessionId={session.id}
            booked={session.booked}
            initialValues={{
              trainingDay: session.trainingDay,
              date: start.date,
              startTime: start.time,
              endTime: toUkInputValues(session.endsAt).time,
              venue: session.venue ?? "",
              address: session.address ?? "",
              onlineUrl: session.onlineUrl ?? "",
              trainer: session.trainer,
              capacity: String(session.capacity),
              notes: session.notes,
            }}
          />
        )}
      </section>

      {!cancelled && !started ? (
        <section aria-labelledby="cancel-heading" className="border-line space-y-4 border-t pt-6">
          <h2 id="cancel-heading" className="text-2xl font-bold">
            Cancel the session
          </h2>
          <TrainingCancelForm sessionId={session.id} booked={session.booked} waiting={session.waiting} />
        </section>
      ) : null}
    </div>
  );
}

function roleWords(booking: SessionBooking): string {
  return booking.person.agencyRole ? AGENCY_ROLE_LABELS[booking.person.agencyRole] : "Not agency staff";
}

function attendancePerson(booking: SessionBooking): AttendancePerson {
  return {
    bookingId: booking.id,
    name: booking.person.name,
    detail: `${booking.person.agency?.teamName ?? "No agency"}, ${roleWords(booking).toLowerCase()}`,
    status: booking.status as AttendancePerson["status"],
  };
}

function Details({ session }: { session: SessionForResearcher }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 [overflow-wrap:anywhere] sm:grid-cols-[minmax(10rem,14rem)_1fr]">
      <dt className="font-semibold">Training day</dt>
      <dd>{TRAINING_DAY_LABELS[session.trainingDay]}</dd>
      <dt className="font-semibold">Date</dt>
      <dd>{sessionDate(session.startsAt)}</dd>
      <dt className="font-semibold">Time (UK)</dt>
      <dd>{sessionTimes(session.startsAt, session.endsAt)}</dd>
      <dt className="font-semibold">Venue</dt>
      <dd>{session.venue ?? <span className="text-muted">None: online only</span>}</dd>
      {session.address ? (
        <>
          <dt className="font-semibold">Address</dt>
          <dd className="whitespace-pre-wrap">{session.address}</dd>
        </>
      ) : null}
      <dt className="font-semibold">Online link</dt>
      <dd>
        {session.onlineUrl ? (
          <a href={session.onlineUrl} rel="noreferrer noopener" target="_blank">
            {session.onlineUrl}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          <span className="text-muted">None: in person only</span>
        )}
      </dd>
      <dt className="font-semibold">Trainer</dt>
      <dd>{session.trainer}</dd>
      <dt className="font-semibold">Places</dt>
      <dd>
        {session.status === "CANCELLED" ? (
          `${session.capacity} places (cancelled)`
        ) : (
          <TrainingSessionFillLevel booked={session.booked} capacity={session.capacity} waiting={session.waiting} />
        )}
      </dd>
      <dt className="font-semibold">Status</dt>
      <dd>{session.status === "CANCELLED" ? "Cancelled" : "Scheduled"}</dd>
      {session.notes ? (
        <>
          <dt className="font-semibold">Notes</dt>
          <dd className="whitespace-pre-wrap">{session.notes}</dd>
        </>
      ) : null}
      {session.createdBy ? (
        <>
          <dt className="font-semibold">Published by</dt>
          <dd>{session.createdBy}</dd>
        </>
      ) : null}
    </dl>
  );
}

function statusWords(booking: SessionBooking): string {
  const label = BOOKING_STATUS_LABELS[booking.status];
  if (!booking.attendanceMarkedAt || (booking.status !== "ATTENDED" && booking.status !== "ABSENT")) return label;
  const by = booking.attendanceMarkedBy ? ` by ${booking.attendanceMarkedBy}` : "";
  return `${label} (marked${by} on ${formatUkDateTime(booking.attendanceMarkedAt)})`;
}

function PeopleSection({ session }: { session: SessionForResearcher }) {
  const count = session.people.length;
  return (
    <section aria-labelledby="people-heading" className="border-line space-y-4 border-t pt-6">
      <h2 id="people-heading" className="text-2xl font-bold">
        People booked ({count})
      </h2>
      {session.status !== "CANCELLED" ? (
        <p>{fillLevelWords(session.booked, session.capacity, session.waiting)}.</p>
      ) : null}
      {count === 0 ? (
        <p>Nobody {session.status === "CANCELLED" ? "was" : "is"} booked on this session.</p>
      ) : (
        // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div role="region" aria-labelledby="people-caption" tabIndex={0} className="overflow-x-auto">
          <table className="w-full min-w-[40rem] border-collapse text-left align-top">
            <caption id="people-caption" className="sr-only">
              People booked on this session, by agency and name
            </caption>
            <thead>
              <tr className="border-ink border-b-2">
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Agency
                </th>
                <th scope="col" className="py-2 pr-4">
                  Role
                </th>
                <th scope="col" className="py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {session.people.map((booking) => (
                <tr key={booking.id} className="border-line border-b align-top">
                  <th scope="row" className="py-3 pr-4 font-normal [overflow-wrap:anywhere]">
                    <span className="font-semibold">{booking.person.name}</span>
                    <span className="text-muted block text-sm">{booking.person.email}</span>
                  </th>
                  <td className="py-3 pr-4 [overflow-wrap:anywhere]">
                    {booking.person.agency ? (
                      <Link href={`/researcher/agencies/${booking.person.agency.id}`}>
                        {booking.person.agency.teamName}
                      </Link>
                    ) : (
                      <span className="text-muted">No agency</span>
                    )}
                  </td>
                  <td className="py-3 pr-4">{roleWords(booking)}</td>
                  <td className="py-3">{statusWords(booking)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {session.cancelledBookings > 0 ? (
        <p className="text-muted">
          {session.cancelledBookings} {session.cancelledBookings === 1 ? "booking was" : "bookings were"} cancelled and{" "}
          {session.cancelledBookings === 1 ? "is" : "are"} not shown.
        </p>
      ) : null}
    </section>
  );
}

function WaitingListSection({ session }: { session: SessionForResearcher }) {
  const count = session.waitingList.length;
  return (
    <section aria-labelledby="waiting-heading" className="border-line space-y-4 border-t pt-6">
      <h2 id="waiting-heading" className="text-2xl font-bold">
        Waiting list ({count})
      </h2>
      {count === 0 ? (
        <p>Nobody is waiting for a place.</p>
      ) : (
        <>
          <p>When a place frees, the first person on the list gets it and is told by email.</p>
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <div role="region" aria-labelledby="waiting-caption" tabIndex={0} className="overflow-x-auto">
            <table className="w-full min-w-[40rem] border-collapse text-left align-top">
              <caption id="waiting-caption" className="sr-only">
                The waiting list, first in line first
              </caption>
              <thead>
                <tr className="border-ink border-b-2">
                  <th scope="col" className="py-2 pr-4">
                    Place in line
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Agency
                  </th>
                  <th scope="col" className="py-2">
                    Role
                  </th>
                </tr>
              </thead>
              <tbody>
                {session.waitingList.map((booking, index) => (
                  <tr key={booking.id} className="border-line border-b align-top">
                    <td className="py-3 pr-4 tabular-nums">{index + 1}</td>
                    <th scope="row" className="py-3 pr-4 font-semibold [overflow-wrap:anywhere]">
                      {booking.person.name}
                    </th>
                    <td className="py-3 pr-4 [overflow-wrap:anywhere]">
                      {booking.person.agency?.teamName ?? <span className="text-muted">No agency</span>}
                    </td>
                    <td className="py-3">{roleWords(booking)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
