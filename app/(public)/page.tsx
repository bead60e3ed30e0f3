import Link from "next/link";
import type { ReactNode } from "react";
import { formatUkDateTime } from "@/lib/dates";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import { getStudySettings } from "@/lib/study/queries";

// Reads the study's settings from the database on every request (and so builds without one).
export const dynamic = "force-dynamic";

const CLIENT_GROUPS = [
  "adults with mental health problems",
  "adults with learning disabilities",
  "older adults with functional mental health problems (not dementia)",
];

export default async function HomePage() {
  const study = await getStudySettings();
  const settings = study ?? STUDY_DEFAULTS;
  const deadline = study?.questionnaireDeadline ?? null;
  const supervisorDays = settings.workerTrainingDays + settings.supervisorExtraDays;

  return (
    <div className="max-w-3xl space-y-10">
      <section aria-labelledby="intro" className="space-y-4">
        <h1 id="intro" className="text-3xl font-bold sm:text-4xl">
          {settings.name}
        </h1>
        <p className="text-lg">
          Connecting People is a way of working for health and social care teams. Workers and the people they support
          decide their goals together, then work on them through social and community activities, so that people can
          make new connections and grow their social networks.
        </p>
        <p className="text-lg">
          In this pilot study we are looking for {settings.agenciesToSelect} teams in England to try Connecting People
          in their everyday work and to help us find out how well it works.
        </p>
      </section>

      <section aria-labelledby="who" className="space-y-3">
        <h2 id="who" className="text-2xl font-bold">
          Which teams can take part
        </h2>
        <p>Health and social care teams (we call them agencies) in England that work with one of these groups:</p>
        <ul className="list-disc space-y-1 pl-6">
          {CLIENT_GROUPS.map((group) => (
            <li key={group}>{group}</li>
          ))}
        </ul>
        <p>We want teams whose way of working is already close to Connecting People.</p>
      </section>

      <section aria-labelledby="how" className="space-y-3">
        <h2 id="how" className="text-2xl font-bold">
          How the pilot works
        </h2>
        <ol className="space-y-4">
          <Step number={1} title="Expression of interest">
            The team&rsquo;s manager fills in a short questionnaire about how the team works now and whether it can take
            part. It takes 10 to 15 minutes and can be saved and finished later.
          </Step>
          <Step number={2} title="Review and selection">
            The research team reads every questionnaire and chooses {settings.agenciesToSelect} agencies. Other suitable
            teams go on a reserve list in case a place becomes free.
          </Step>
          <Step number={3} title="Training">
            Workers take {settings.workerTrainingDays} days of training. Supervisors take the same{" "}
            {settings.workerTrainingDays} days and {settings.supervisorExtraDays} more days of their own (
            {supervisorDays} in all), so the way of working becomes part of everyday practice.
          </Step>
          <Step number={4} title="Recruitment">
            The team invites people it works with to take part in the study. We record participants under a study
            number, never by name.
          </Step>
          <Step number={5} title="Follow-up">
            We meet participants again about {settings.followUpMonths} months after their first interview to see what
            has changed for them.
          </Step>
        </ol>
      </section>

      <section aria-labelledby="dates" className="space-y-3">
        <h2 id="dates" className="text-2xl font-bold">
          Closing date
        </h2>
        {deadline === null ? (
          <p>The closing date for expressions of interest will be published here soon.</p>
        ) : study?.questionnaireClosed ? (
          <p>
            Expressions of interest closed on <strong>{formatUkDateTime(deadline)}</strong> (UK time).
          </p>
        ) : (
          <p>
            Expressions of interest close on <strong>{formatUkDateTime(deadline)}</strong> (UK time).
          </p>
        )}
      </section>

      <section aria-labelledby="start" className="border-line bg-brand-50 space-y-4 rounded-lg border p-6">
        <h2 id="start" className="text-2xl font-bold">
          Taking part
        </h2>
        <p>
          If you have an account for the study, sign in to see your team&rsquo;s progress or the study overview. Team
          managers will also be able to register their team here to send an expression of interest.
        </p>
        <p>
          <Link href="/signin" className="button-primary">
            Sign in
          </Link>{" "}
          <Link href="/register" className="button-secondary ml-2">
            Register your team
          </Link>
        </p>
      </section>
    </div>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="flex gap-4">
      <span
        aria-hidden="true"
        className="bg-brand-700 flex size-9 shrink-0 items-center justify-center rounded-full font-bold text-white"
      >
        {number}
      </span>
      <div>
        <h3 className="text-lg font-bold">
          <span className="sr-only">Step {number}: </span>
          {title}
        </h3>
        <p>{children}</p>
      </div>
    </li>
  );
}
