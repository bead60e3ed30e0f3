import type { Metadata } from "next";
import Link from "next/link";
import { FILTER_INPUT_CLASS, FilterField } from "@/components/filter-fields";
import { FollowUpTable } from "@/components/follow-up-table";
import { requireRole } from "@/lib/auth/session";
import { loadFollowUpAgencyFilter, loadFollowUpList } from "@/lib/recruitment/follow-up";
import { formatCalendarDate } from "@/lib/recruitment/rules";

// The research team's follow-up list: every participant whose baseline interview is done, as
// overdue, due now or in the next four weeks, or done, for the whole study or one agency
// (?agency=<id>). Agencies' supervisors are emailed when a follow-up window opens
// (lib/recruitment/follow-up-notifier.ts); the lists say whether they have been.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Follow-up" };
}

const PATH = "/researcher/participants/follow-up";
const participants = (count: number) => `${count} ${count === 1 ? "participant" : "participants"}`;

export default async function FollowUpPage({ searchParams }: Props) {
  await requireRole("RESEARCHER");
  const filter = await loadFollowUpAgencyFilter((await searchParams).agency);
  const list = await loadFollowUpList({ agencyId: filter.agency?.id ?? null });
  const { counts, settings } = list;
  const whose = filter.agency ? ` of ${filter.agency.teamName}` : "";

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Follow-up</h1>
        <p className="max-w-3xl">
          Participants whose baseline interview is done. Their follow-up interview is due {settings.followUpMonths}{" "}
          {settings.followUpMonths === 1 ? "month" : "months"} after the baseline, and counts if it is done within{" "}
          {settings.followUpWindowDays} {settings.followUpWindowDays === 1 ? "day" : "days"} either side of that date
          (the window). When a window opens, the agency&apos;s supervisors are emailed once. Today is{" "}
          {formatCalendarDate(list.today)}.
        </p>
      </div>

      {filter.problem ? (
        <p role="alert" className="border-danger bg-danger-50 text-danger rounded-md border-l-4 p-4 font-semibold">
          {filter.problem}
        </p>
      ) : null}

      <section className="border-line bg-brand-50 rounded-lg border p-4">
        <form method="get" action={PATH} aria-labelledby="follow-up-filter-heading">
          <h2 id="follow-up-filter-heading" className="mb-4 text-xl font-bold">
            Show one agency
          </h2>
          <div className="max-w-xl">
            <FilterField id="filter-agency" label="Agency">
              <select
                id="filter-agency"
                name="agency"
                defaultValue={filter.agency?.id ?? ""}
                className={FILTER_INPUT_CLASS}
              >
                <option value="">Every agency</option>
                {filter.choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.teamName}
                  </option>
                ))}
              </select>
            </FilterField>
          </div>
          <div className="mt-6 flex flex-wrap gap-4">
            <button type="submit" className="button-primary cursor-pointer">
              Show
            </button>
            {filter.agency || filter.problem ? (
              <Link href={PATH} className="button-secondary">
                Show every agency
              </Link>
            ) : null}
          </div>
        </form>
      </section>

      {filter.agency ? (
        <p className="text-lg">
          Showing the participants of{" "}
          <Link href={`/researcher/agencies/${filter.agency.id}`} className="font-semibold">
            {filter.agency.teamName}
          </Link>
          .
        </p>
      ) : null}

      <section aria-labelledby="overdue-heading" className="space-y-3">
        <h2 id="overdue-heading" className="text-2xl font-bold">
          Overdue ({counts.overdue})
        </h2>
        <p className="max-w-3xl">
          The window has closed and no follow-up interview is recorded. Longest overdue first.
        </p>
        {counts.overdue === 0 ? (
          <p>No follow-up{whose} is overdue.</p>
        ) : (
          <>
            <Shown
              shown={list.overdue.length}
              total={counts.overdue}
              what="longest overdue"
              filtered={!!filter.agency}
            />
            <FollowUpTable
              id="overdue"
              kind="overdue"
              rows={list.overdue}
              caption={`Overdue follow-ups${whose}: ${participants(counts.overdue)}`}
            />
          </>
        )}
      </section>

      <section aria-labelledby="due-heading" className="space-y-3">
        <h2 id="due-heading" className="text-2xl font-bold">
          Due now or in the next 4 weeks ({counts.due})
        </h2>
        <p className="max-w-3xl">
          The window is open, or opens in the next 4 weeks. Soonest first.
          {counts.notYet > 0
            ? ` ${participants(counts.notYet)} more ${counts.notYet === 1 ? "has" : "have"} a window further off.`
            : ""}
        </p>
        {counts.due === 0 ? (
          <p>No follow-up{whose} is due now or in the next 4 weeks.</p>
        ) : (
          <>
            <Shown shown={list.due.length} total={counts.due} what="soonest" filtered={!!filter.agency} />
            <FollowUpTable
              id="due"
              kind="due"
              rows={list.due}
              caption={`Follow-ups due now or in the next 4 weeks${whose}: ${participants(counts.due)}`}
            />
          </>
        )}
      </section>

      <section aria-labelledby="done-heading" className="space-y-3">
        <h2 id="done-heading" className="text-2xl font-bold">
          Done ({counts.done})
        </h2>
        <p className="max-w-3xl">
          The follow-up interview is recorded.
          {counts.done > 0 ? ` ${counts.doneInWindow} of ${counts.done} inside the window.` : ""} Most recent first.
        </p>
        {counts.done === 0 ? (
          <p>No follow-up interview{whose} is recorded yet.</p>
        ) : (
          <>
            <Shown shown={list.done.length} total={counts.done} what="most recent" filtered={!!filter.agency} />
            <FollowUpTable
              id="done"
              kind="done"
              rows={list.done}
              caption={`Follow-up interviews done${whose}: ${participants(counts.done)}`}
            />
          </>
        )}
      </section>
    </div>
  );
}

/** Says so when a list shows only part of its participants, and how to see the rest. */
function Shown({ shown, total, what, filtered }: { shown: number; total: number; what: string; filtered: boolean }) {
  if (shown >= total) return null;
  return (
    <p className="font-semibold">
      Showing the {shown} {what} of {total}.{" "}
      {filtered ? (
        <>
          For all of them,{" "}
          <a href="/researcher/export/participants" download>
            download the participants file (CSV)
          </a>
          .
        </>
      ) : (
        "Choose an agency above to see the rest."
      )}
    </p>
  );
}
