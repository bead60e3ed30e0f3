import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EoiPrintButton } from "@/components/eoi-print-button";
import { EoiPrintStyles } from "@/components/eoi-print-styles";
import { sessionTitle } from "@/components/training-session-summary";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { requireRole } from "@/lib/auth/session";
import { getSessionForResearcher } from "@/lib/training/queries";
import { sessionPlace, sessionTimes } from "@/lib/training/words";

// The sign-in sheet the trainer passes round on the day: the session's details and everyone
// booked, with empty columns to sign and note the time. Printed on A4 without the site's header,
// navigation or buttons (EoiPrintStyles); attendance is then marked from it on the session's page.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireRole("RESEARCHER");
  const session = await getSessionForResearcher((await params).id);
  if (!session) notFound();
  return { title: `Sign-in sheet: ${sessionTitle(session)}` };
}

export default async function TrainingSignInSheetPage({ params }: Props) {
  await requireRole("RESEARCHER");
  const session = await getSessionForResearcher((await params).id);
  if (!session) notFound();

  return (
    <div className="space-y-6 print:space-y-4 print:text-black">
      <EoiPrintStyles />
      <p className="print:hidden">
        <Link href={`/researcher/training/${session.id}`}>Back to the session</Link>
      </p>

      <div className="space-y-1">
        <p className="text-muted font-semibold print:text-black">Connecting People training: sign-in sheet</p>
        <h1 className="text-3xl font-bold print:text-2xl">{sessionTitle(session)}</h1>
      </div>

      {session.status === "CANCELLED" ? (
        <p className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold">
          This session was cancelled.
        </p>
      ) : null}

      <dl className="grid gap-x-4 gap-y-1 [overflow-wrap:anywhere] sm:grid-cols-[minmax(8rem,12rem)_1fr] print:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Time (UK)</dt>
        <dd>{sessionTimes(session.startsAt, session.endsAt)}</dd>
        <dt className="font-semibold">Place</dt>
        <dd>{sessionPlace(session) ?? "Online"}</dd>
        {session.onlineUrl ? (
          <>
            <dt className="font-semibold">Online link</dt>
            <dd>{session.onlineUrl}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Trainer</dt>
        <dd>{session.trainer}</dd>
        <dt className="font-semibold">People booked</dt>
        <dd>
          {session.people.length} of {session.capacity} places
        </dd>
      </dl>

      <div className="print:hidden">
        <EoiPrintButton label="Print the sign-in sheet" />
      </div>

      {session.people.length === 0 ? (
        <p>Nobody is booked on this session yet.</p>
      ) : (
        // A box that scrolls must be reachable by keyboard, and then needs a name (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div role="region" aria-labelledby="sheet-caption" tabIndex={0} className="overflow-x-auto">
          <table className="w-full min-w-[40rem] border-collapse text-left align-top print:min-w-0">
            <caption id="sheet-caption" className="mb-2 text-left font-semibold">
              People booked on {sessionTitle(session)}: sign on arrival
            </caption>
            <thead>
              <tr>
                <th scope="col" className="border-ink border-2 p-2">
                  Name
                </th>
                <th scope="col" className="border-ink border-2 p-2">
                  Agency
                </th>
                <th scope="col" className="border-ink border-2 p-2">
                  Role
                </th>
                <th scope="col" className="border-ink w-1/4 border-2 p-2">
                  Signature
                </th>
                <th scope="col" className="border-ink w-24 border-2 p-2">
                  Time
                </th>
              </tr>
            </thead>
            <tbody>
              {session.people.map((booking) => (
                <tr key={booking.id} className="h-14 break-inside-avoid">
                  <th scope="row" className="border-ink border p-2 font-semibold [overflow-wrap:anywhere]">
                    {booking.person.name}
                  </th>
                  <td className="border-ink border p-2 [overflow-wrap:anywhere]">
                    {booking.person.agency?.teamName ?? "No agency"}
                  </td>
                  <td className="border-ink border p-2">
                    {booking.person.agencyRole ? AGENCY_ROLE_LABELS[booking.person.agencyRole] : "Not agency staff"}
                  </td>
                  <td className="border-ink border p-2">
                    <span className="sr-only">Blank, to sign</span>
                  </td>
                  <td className="border-ink border p-2">
                    <span className="sr-only">Blank, to write the time</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
