// The email that tells an agency a participant's follow-up is due (issue 7): once the follow-up
// window of a participant at baseline opens, each active supervisor of their agency (its leads when
// it has no active supervisor) gets one email with the study ID, the due date, the window and a link
// to the participant's page. Participants are pseudonymised, so the email holds nothing more.
// Agencies that withdrew or completed the study are not written to. A participant whose window
// opened long ago (say the notifier was not yet running) is still told once. A participant whose
// agency has no one to write to waits until it has.
//
// A loop in every server process (started from instrumentation.ts) runs it every 15 minutes; any
// number of processes may run it at once, because each batch of participants is claimed with FOR
// UPDATE SKIP LOCKED and marked (followUpDueNotifiedAt) in the same transaction as its emails, and
// each email has a dedupe key, as lib/training/reminders.ts does. No "server-only" marker:
// instrumentation.ts imports this file, and that marker is refused there; nothing here is
// reachable from the browser.
import { appUrl } from "@/lib/app-url";
import { db as defaultDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { startRepeatingJob } from "@/lib/jobs";
import { followUpSchedule, formatCalendarDate, ukToday, type FollowUpSettings } from "./rules";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";

/** How often each server process looks for follow-ups that have become due. */
export const FOLLOW_UP_NOTIFIER_INTERVAL_MS = 15 * 60_000;
/**
 * Participants told about in one transaction: one claim, one read of their agencies' staff, one
 * insert of all their emails and one update (the first run after a baseline-heavy import may have
 * tens of thousands to tell about).
 */
export const FOLLOW_UP_NOTIFIER_BATCH_SIZE = 500;

/**
 * Queues the follow-up-due emails and returns how many participants they were about. Safe to run
 * from several processes at once: each participant's supervisors are told once.
 */
export async function queueFollowUpDueEmails(now: Date = new Date(), client: Db = defaultDb): Promise<number> {
  const settings = await followUpSettings(client);
  let notified = 0;
  for (;;) {
    const batch = await client.$transaction((tx) => notifyBatch(tx, now, settings), {
      maxWait: 10_000,
      timeout: 60_000,
    });
    notified += batch;
    if (batch < FOLLOW_UP_NOTIFIER_BATCH_SIZE) return notified;
  }
}

/**
 * The study's follow-up settings, as loadRecruitmentSettings (target-queries.ts) reads them; read
 * here because that file is server-only, which instrumentation.ts refuses.
 */
async function followUpSettings(client: Db): Promise<FollowUpSettings> {
  const study = await client.study.findUnique({
    where: { id: 1 },
    select: { followUpMonths: true, followUpWindowDays: true },
  });
  return study ?? { followUpMonths: STUDY_DEFAULTS.followUpMonths, followUpWindowDays: 28 };
}

/** A participant claimed for telling, with what the email says. */
type ClaimedParticipant = { id: string; studyId: string; agencyId: string; baseline: string };

async function notifyBatch(tx: Prisma.TransactionClient, now: Date, settings: FollowUpSettings): Promise<number> {
  const today = ukToday(now);
  // The window opens windowDays before the due date (the baseline date plus the follow-up months;
  // PostgreSQL clamps to the end of a shorter month as followUpDue does). Participants another
  // process is telling about right now are skipped, not waited for; the condition is checked again
  // on the locked row, so one told meanwhile is not picked twice. The partial index
  // "Participant_follow_up_to_notify_idx" holds exactly the participants not yet told about, in
  // baseline order, which is also the order their windows open.
  const claimed = await tx.$queryRaw<ClaimedParticipant[]>`
    SELECT p."id", p."studyId", p."agencyId"::text AS "agencyId",
           to_char(p."baselineDate", 'YYYY-MM-DD') AS "baseline"
    FROM "Participant" p
    JOIN "Agency" a ON a."id" = p."agencyId"
    WHERE p."status" = 'BASELINE_DONE'
      AND p."followUpDueNotifiedAt" IS NULL
      AND (p."baselineDate" + make_interval(months => ${settings.followUpMonths}::int))::date
          - ${settings.followUpWindowDays}::int <= ${today}::date
      AND a."stage" NOT IN ('WITHDRAWN', 'COMPLETED')
      AND EXISTS (
        SELECT 1 FROM "User" u
        WHERE u."agencyId" = p."agencyId" AND u."role" = 'AGENCY_STAFF'
          AND u."agencyRole" IN ('SUPERVISOR', 'LEAD') AND u."deactivatedAt" IS NULL
      )
    ORDER BY p."baselineDate", p."id"
    LIMIT ${FOLLOW_UP_NOTIFIER_BATCH_SIZE}
    FOR UPDATE OF p SKIP LOCKED`;
  if (claimed.length === 0) return 0;

  const agencyIds = [...new Set(claimed.map((participant) => participant.agencyId))];
  const staff = await tx.user.findMany({
    where: {
      agencyId: { in: agencyIds },
      role: "AGENCY_STAFF",
      agencyRole: { in: ["SUPERVISOR", "LEAD"] },
      deactivatedAt: null,
    },
    select: { id: true, name: true, email: true, agencyId: true, agencyRole: true },
    orderBy: { id: "asc" },
  });
  const recipients = new Map<string, typeof staff>();
  for (const agencyId of agencyIds) {
    const team = staff.filter((person) => person.agencyId === agencyId);
    const supervisors = team.filter((person) => person.agencyRole === "SUPERVISOR");
    recipients.set(agencyId, supervisors.length > 0 ? supervisors : team);
  }

  // As enqueueEmail (lib/notifications/outbox.ts) writes an email, for the whole batch at once.
  const emails = { to: [] as string[], dedupeKey: [] as string[], subject: [] as string[], text: [] as string[] };
  for (const participant of claimed) {
    const schedule = followUpSchedule(participant.baseline, settings);
    const link = appUrl(`/agency/participants/${participant.id}`);
    for (const person of recipients.get(participant.agencyId) ?? []) {
      emails.to.push(person.email.trim().toLowerCase());
      // Once per baseline: a baseline undone and recorded again on another date has another due date.
      emails.dedupeKey.push(`follow-up-due:${participant.id}:${participant.baseline}:${person.id}`);
      emails.subject.push(`Follow-up interview due: participant ${participant.studyId}`);
      emails.text.push(followUpDueLetter(person.name, participant.studyId, schedule, today, link));
    }
  }
  // The batch's emails in one insert of four arrays (Prisma's createMany of a thousand rows spent
  // seconds building its query); an email already queued (the same dedupe key) is skipped, as
  // enqueueEmail's skipDuplicates does. The other columns take their defaults (pending, now).
  if (emails.to.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "OutboxEmail" ("to", "kind", "dedupeKey", "subject", "text")
      SELECT e."to", 'follow-up-due', e."dedupeKey", e."subject", e."text"
      FROM unnest(${emails.to}::text[], ${emails.dedupeKey}::text[], ${emails.subject}::text[], ${emails.text}::text[])
        AS e("to", "dedupeKey", "subject", "text")
      ON CONFLICT DO NOTHING`;
  }
  await tx.participant.updateMany({
    where: { id: { in: claimed.map((participant) => participant.id) } },
    data: { followUpDueNotifiedAt: now },
  });
  return claimed.length;
}

/** The email's text: the study ID, the due date and window, what to do, and the link. */
export function followUpDueLetter(
  name: string,
  studyId: string,
  schedule: { due: string; opens: string; closes: string },
  today: string,
  link: string,
): string {
  const [opens, closes] = [formatCalendarDate(schedule.opens), formatCalendarDate(schedule.closes)];
  const when =
    schedule.closes < today
      ? `Its window (${opens} to ${closes}) has already closed, so it is overdue. Arrange the interview as soon as you can, or record on the participant's page that they withdrew or were lost to follow-up.`
      : `It counts if it is done between ${opens} and ${closes}. Arrange the interview with the participant's worker.`;
  return [
    `Hello ${name},`,
    "",
    `The follow-up interview of participant ${studyId} is due on ${formatCalendarDate(schedule.due)}.`,
    "",
    when,
    "",
    `When it is done, record the date and the measures completed on the participant's page: ${link}`,
    "",
    "The Connecting People study team",
  ].join("\n");
}

/**
 * Queues the follow-up-due emails every 15 minutes in this process (lib/jobs.ts: once per process,
 * never two runs at once, errors logged). Returns a function that stops it.
 */
export function startFollowUpNotifier({ intervalMs = FOLLOW_UP_NOTIFIER_INTERVAL_MS } = {}): () => void {
  return startRepeatingJob(
    "follow-up-due-emails",
    intervalMs,
    () => queueFollowUpDueEmails(new Date()),
    "Recruitment: queueing the follow-up-due emails failed; trying again in 15 minutes.",
  );
}
