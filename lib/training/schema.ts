// What is sent about training: a session as a researcher publishes or edits it (UK date and wall
// times), a cancellation, a booking of several people onto one session, a booking's cancellation,
// and a session's attendance. Pure: the forms check with these in the browser, the server again.
import { z } from "zod";
import { isPlainText, notPlainTextMessage } from "@/lib/plain-text";
import { isCalendarDate } from "@/lib/audit/rules";
import type { TrainingDay } from "@/lib/generated/prisma/client";
import { CAPACITY_MAX, TRAINING_DAYS } from "./rules";

const uuid = (what: string) => z.uuid(`The ${what} in the form is not valid. Reload the page and try again.`);

const time = (what: string) =>
  z
    .string({ error: `Enter the ${what} time, for example 09:30.` })
    .trim()
    .min(1, `Enter the ${what} time, for example 09:30.`)
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, `Enter the ${what} time as hours and minutes, for example 09:30.`);

const optionalText = (what: string, max: number) =>
  z
    .string({ error: `The ${what} must be text.` })
    .trim()
    .max(max, `Use at most ${max} characters for the ${what}.`)
    .refine(isPlainText, notPlainTextMessage(`the ${what}`))
    .default("");

// In rules.ts (no zod) so that the session form can show it without loading zod with the page.
export { CAPACITY_MAX } from "./rules";

/**
 * A session as entered: the UK date and start/end wall-clock times (turned into instants on the
 * server with ukLocalToUtc, which refuses the hour skipped when the clocks go forward). A session is
 * somewhere (venue and address) or online (a link), or both.
 */
export const sessionSchema = z
  .object({
    trainingDay: z.enum(TRAINING_DAYS, { error: "Choose which training day this session is." }),
    date: z
      .string({ error: "Enter the date of the session." })
      .trim()
      .min(1, "Enter the date of the session.")
      .refine(isCalendarDate, "Enter a real date, for example 2027-03-29."),
    startTime: time("start"),
    endTime: time("end"),
    venue: optionalText("venue", 200),
    address: optionalText("address", 500),
    onlineUrl: z
      .string({ error: "The online link must be text." })
      .trim()
      .max(500, "Use at most 500 characters for the online link.")
      .refine((value) => value === "" || /^https:\/\/[^\s]+$/i.test(value), {
        message: "Enter the online link in full, starting with https://",
      })
      .refine(isPlainText, notPlainTextMessage("the online link"))
      .default(""),
    trainer: z
      .string({ error: "Enter who will run the session." })
      .trim()
      .min(1, "Enter who will run the session.")
      .max(200, "Use at most 200 characters for the trainer.")
      .refine(isPlainText, notPlainTextMessage("the trainer's name")),
    capacity: z.coerce
      .number({ error: "Enter how many people the session can take." })
      .int("Enter the number of places as a whole number.")
      .min(1, "A session needs at least 1 place.")
      .max(CAPACITY_MAX, `A session can take at most ${CAPACITY_MAX} people.`),
    notes: optionalText("notes", 2000),
  })
  .superRefine((session, context) => {
    if (session.endTime <= session.startTime) {
      context.addIssue({ code: "custom", path: ["endTime"], message: "The session must end after it starts." });
    }
    if (session.onlineUrl === "" && (session.venue === "" || session.address === "")) {
      context.addIssue({
        code: "custom",
        path: [session.venue === "" ? "venue" : "address"],
        message: "Give the venue and its address, or an online link (or both).",
      });
    }
  });
export type SessionInput = z.input<typeof sessionSchema>;
export type SessionValues = z.output<typeof sessionSchema>;

export const createSessionSchema = sessionSchema;
export const updateSessionSchema = z.intersection(z.object({ sessionId: uuid("session") }), sessionSchema);
export type UpdateSessionInput = z.input<typeof updateSessionSchema>;

export const cancelSessionSchema = z.object({
  sessionId: uuid("session"),
  reason: z
    .string({ error: "Say why the session is cancelled." })
    .trim()
    .min(1, "Say why the session is cancelled; everyone booked is told.")
    .max(500, "Use at most 500 characters for the reason.")
    .refine(isPlainText, notPlainTextMessage("the reason")),
});

/** A supervisor books one or more colleagues (themselves included) onto one session. */
export const bookSchema = z.object({
  sessionId: uuid("session"),
  userIds: z
    .array(uuid("person"), { error: "Choose who to book." })
    .min(1, "Choose at least one person to book.")
    .max(200, "Book at most 200 people at once.")
    .refine((ids) => new Set(ids).size === ids.length, "Each person can be chosen only once."),
});
export type BookInput = z.input<typeof bookSchema>;

export const cancelBookingSchema = z.object({ bookingId: uuid("booking") });

export const attendanceSchema = z.object({
  sessionId: uuid("session"),
  marks: z
    .array(
      z.object(
        {
          bookingId: uuid("booking"),
          status: z.enum(["ATTENDED", "ABSENT"], { error: "Mark each person as attended or absent." }),
        },
        { error: "Mark each person as attended or absent." },
      ),
      {
        error: "Mark each person as attended or absent.",
      },
    )
    .min(1, "Mark at least one person as attended or absent.")
    .max(1000, "Mark at most 1,000 people at once."),
});
export type AttendanceInput = z.input<typeof attendanceSchema>;

/** What every training action answers; a form shows `message`, or the errors per field. */
export type TrainingResult =
  | { ok: true; message: string }
  | { ok: false; fieldErrors?: Partial<Record<string, string[] | undefined>>; formError?: string };

export type { TrainingDay };
