// The Outbox page's words for an email's state (components/outbox-status.tsx), above all for one
// whose send was interrupted: the researcher must see that it may already have arrived.
import { describe, expect, it } from "vitest";
import { outboxStatusText } from "@/components/outbox-status";
import { INTERRUPTED } from "./interrupted";

const nextAttemptAt = new Date("2031-03-03T10:05:00Z");
const pending = { status: "PENDING" as const, attempts: 0, lastError: null, nextAttemptAt, sentAt: null };

describe("outboxStatusText", () => {
  it("says an interrupted try may already have arrived and will be sent again with the same Message-ID", () => {
    const interrupted = { ...pending, attempts: 2, lastError: INTERRUPTED };
    expect(outboxStatusText(interrupted, "smtp")).toBe(
      "interrupted – will be sent again with the same Message-ID, so a second copy is recognisably the same email: try 2 was not confirmed by the mail server, so this email may already have arrived; next try Monday, 3 March 2031 at 10:05",
    );
    expect(outboxStatusText(interrupted, "none")).toBe(
      "interrupted – try 2 was not confirmed by the mail server, so this email may already have arrived; it will be sent again with the same Message-ID once a mail server is set up (SMTP_URL)",
    );
  });

  it("tells a failed try from an interrupted one, and a never-tried email from both", () => {
    expect(outboxStatusText(pending, "smtp")).toBe("waiting to be sent");
    expect(outboxStatusText({ ...pending, attempts: 1, lastError: "ECONNECTION: refused" }, "smtp")).toMatch(
      /^waiting to be sent: 1 try failed so far \(ECONNECTION: refused\); next try /,
    );
    expect(outboxStatusText({ ...pending, status: "SENT", attempts: 2, sentAt: nextAttemptAt }, "smtp")).toMatch(
      /^sent /,
    );
  });
});
