// The crash test's outbox senders: a separate process that drains the outbox through the app's own
// sender (lib/notifications/sender.ts) and SMTP transport (SMTP_URL, EMAIL_FROM), as the server's
// outbox loop does, until nothing is due. CRASH_SENDERS drains run at once, as that many server
// processes would. The test kills the process with SIGKILL mid-send and starts it again.
//
// CRASH_CLOCK_OFFSET_MS: how far ahead of the real clock this process's clock runs. A restarted
// sender is started one lease later each time, as a server restarted after the lease would be, so
// that the messages a killed sender had claimed are due again.
import { db } from "@/lib/db";
import { defaultTransport, drainOutbox } from "@/lib/notifications/sender";
import { waitForGo } from "./go";

const offset = Number(process.env.CRASH_CLOCK_OFFSET_MS ?? "0");
const senders = Number(process.env.CRASH_SENDERS ?? "1");
const transport = defaultTransport();
if (!transport || transport.kind !== "smtp") throw new Error("Set SMTP_URL: this worker sends by SMTP.");

await waitForGo();
await Promise.all(
  Array.from({ length: senders }, async () => {
    for (;;) {
      const result = await drainOutbox({ transport, batchSize: 20, now: new Date(Date.now() + offset) });
      if (result.sent + result.retrying + result.failed === 0) break;
    }
  }),
);
await db.$disconnect();
