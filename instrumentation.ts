// Next calls register() once when a server process starts. It starts the email outbox sender, the
// training reminders and the follow-up-due emails in the Node.js server (not the edge runtime, and
// not while `next build` pre-renders pages), unless BACKGROUND_JOBS=off (lib/env.ts), which starts
// none of them (the benchmark sets it, to measure the pages alone). The modules are imported here,
// not at the top, so that the edge bundle never includes nodemailer, Prisma or the environment.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  if (!env().BACKGROUND_JOBS) {
    console.info("BACKGROUND_JOBS=off: no outbox sender, training reminders or follow-up-due emails in this server.");
    return;
  }
  const { startOutboxLoop } = await import("@/lib/notifications/sender");
  startOutboxLoop();
  // Training reminders: two days before each session, to the person and their supervisors.
  const { startTrainingReminderLoop } = await import("@/lib/training/reminders");
  startTrainingReminderLoop();
  // Follow-up due: once a participant's follow-up window opens, to their agency's supervisors.
  const { startFollowUpNotifier } = await import("@/lib/recruitment/follow-up-notifier");
  startFollowUpNotifier();
}
