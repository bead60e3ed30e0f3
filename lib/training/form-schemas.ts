// The training forms as they are on screen, checked in the browser before the server's schemas
// (schema.ts) check what is sent. Kept out of the components so that zod loads after the page
// (components/lazy-resolver.ts), not with it.
import { z } from "zod";
import { attendanceSchema, cancelSessionSchema } from "./schema";

/** The attendance form (a mark may be missing), checked with the server's schema once the missing are left out. */
export const attendanceFormSchema = z
  .object({
    sessionId: z.string(),
    marks: z.array(z.object({ bookingId: z.string(), status: z.enum(["", "ATTENDED", "ABSENT"]) })),
  })
  .transform(({ sessionId, marks }) => ({
    sessionId,
    marks: marks.flatMap(({ bookingId, status }) => (status === "" ? [] : [{ bookingId, status }])),
  }))
  .pipe(attendanceSchema);

export type AttendanceFormInput = z.input<typeof attendanceFormSchema>;
export type AttendanceFormValues = z.output<typeof attendanceFormSchema>;

/** Cancelling a session: the server's reason, and a tick to confirm that is the browser's only. */
export const cancelFormSchema = cancelSessionSchema.extend({
  confirm: z.literal(true, { error: "Tick the box to confirm that the session is cancelled." }),
});
export type CancelFormInput = z.input<typeof cancelFormSchema>;
export type CancelFormValues = z.output<typeof cancelFormSchema>;
