// The mark an outbox row carries while a try is unconfirmed: the sender writes it (and counts the
// try) before it sends, and replaces it with the outcome once the mail server answers. Left on a
// PENDING row, it means the sender stopped mid-send (a restart, a crash): the email may already have
// arrived, and is sent again after the lease with the same Message-ID. In a module of its own so the
// Outbox page can recognise it without loading the sender (docs/decisions/007-crash-safety.md).

/** The reason an outbox row shows when its sender stopped mid-send. */
export const INTERRUPTED =
  "Interrupted: the sender stopped before the mail server answered, so this email may already have arrived.";

/** Whether a row's last try was interrupted: claimed and counted, but never answered. */
export function wasInterrupted(email: { status: string; attempts: number; lastError: string | null }): boolean {
  return email.status === "PENDING" && email.attempts > 0 && email.lastError === INTERRUPTED;
}
