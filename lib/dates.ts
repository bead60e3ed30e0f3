// Dates are stored as UTC instants and always shown in UK time, whatever the server's zone.
const ukDateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  dateStyle: "full",
  timeStyle: "short",
});

/** e.g. "Friday, 16 March 2012 at 17:00": UK time, GMT or BST as it was on that day. */
export function formatUkDateTime(date: Date): string {
  return ukDateTime.format(date);
}
