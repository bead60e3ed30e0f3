// Next calls register() once when a server process starts. It starts the email outbox sender, the
// training reminders and the follow-up-due emails in the Node.js server (not the edge runtime, and
// not while `next build` pre-renders pages). The sender is imported here, not at the top, so that
// the edge bundle never includes nodemailer or Prisma.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startOutboxLoop } = await import("@/lib/notifications/sender");
  startOutboxLoop();
  // Training reminders: two days before each session, to the person and their supervisors.
  const { startTrainingReminderLoop } = await import("@/lib/training/reminders");
  startTrainingReminderLoop();
  // Follow-up due: once a participant's follow-up window opens, to their agency's supervisors.
  const { startFollowUpNotifier } = await import("@/lib/recruitment/follow-up-notifier");
  startFollowUpNotifier();
}
