// Next calls register() once when a server process starts. It starts the email outbox sender and the training reminders in
// the Node.js server (not the edge runtime, and not while `next build` pre-renders pages). The
// sender is imported here, not at the top, so that the edge bundle never includes nodemailer or Prisma.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startOutboxLoop } = await import("@/lib/notifications/sender");
  startOutboxLoop();
  // Training reminders: two days before each session, to the person and their supervisors.
  const { startTrainingReminderLoop } = await import("@/lib/training/reminders");
  startTrainingReminderLoop();
}
