import { formatUkDateTime } from "@/lib/dates";
import { wasInterrupted } from "@/lib/notifications/interrupted";

type Delivery = "smtp" | "log" | "none";

type EmailState = {
  status: "PENDING" | "SENT" | "FAILED";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
};

const tries = (count: number) => `${count} ${count === 1 ? "try" : "tries"}`;

/** Where an email is, in words a researcher can act on. Times are UK time. */
export function outboxStatusText(email: EmailState, delivery: Delivery): string {
  switch (email.status) {
    case "SENT":
      return email.sentAt ? `sent ${formatUkDateTime(email.sentAt)}` : "sent";
    case "FAILED":
      return `failed after ${tries(email.attempts)}: ${email.lastError ?? "no reason was recorded"}`;
    case "PENDING":
      // The sender stopped mid-send (docs/decisions/007-crash-safety.md): the researcher must know
      // the reader may already have it, and that the next copy is recognisably the same email.
      if (wasInterrupted(email)) {
        const unconfirmed = `try ${email.attempts} was not confirmed by the mail server, so this email may already have arrived`;
        return delivery === "none"
          ? `interrupted – ${unconfirmed}; it will be sent again with the same Message-ID once a mail server is set up (SMTP_URL)`
          : `interrupted – will be sent again with the same Message-ID, so a second copy is recognisably the same email: ${unconfirmed}; next try ${formatUkDateTime(email.nextAttemptAt)}`;
      }
      if (delivery === "none") return "not sent: no mail server is set up (SMTP_URL)";
      if (email.attempts === 0) return "waiting to be sent";
      return `waiting to be sent: ${tries(email.attempts)} failed so far (${email.lastError ?? "no reason was recorded"}); next try ${formatUkDateTime(email.nextAttemptAt)}`;
  }
}

/** The status in words; the colour only repeats what the words say. */
export function OutboxStatus({ email, delivery }: { email: EmailState; delivery: Delivery }) {
  const tone =
    email.status === "FAILED" || wasInterrupted(email)
      ? "text-danger font-semibold"
      : email.status === "SENT"
        ? "text-ink"
        : "text-muted font-semibold";
  return <span className={tone}>{outboxStatusText(email, delivery)}</span>;
}

/** How this server delivers email, at the top of the Outbox pages. */
export function OutboxDeliveryNotice({ delivery }: { delivery: Delivery }) {
  if (delivery === "smtp") {
    return <p className="text-muted">Emails are sent through the mail server set in SMTP_URL.</p>;
  }
  return (
    <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4">
      {delivery === "log"
        ? "Development: emails are not sent. Each one is delivered to the server log instead, and marked as sent."
        : "No mail server is set up (SMTP_URL), so emails are not sent. Every message stays here: open one to read it, for example to copy an invitation link."}
    </p>
  );
}
