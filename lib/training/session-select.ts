// The columns of a training session that say what it is, when and where, and who trains: read by
// the pages, the booking code, the reminders, the calendar files and the emails, so each reads the
// same columns in the same way. Pure (types only from Prisma): the reminder loop, which must not
// import "server-only" modules, reads through it too.
import type { Prisma, TrainingDay } from "@/lib/generated/prisma/client";

/** A session as the pages list it: the training day, its times, where it is held, the trainer. */
export const SESSION_SUMMARY_SELECT = {
  trainingDay: true,
  startsAt: true,
  endsAt: true,
  venue: true,
  address: true,
  onlineUrl: true,
  trainer: true,
} as const satisfies Prisma.TrainingSessionSelect;

/** A session as its emails and calendar events describe it: the summary and the trainer's notes. */
export const SESSION_DETAILS_SELECT = { ...SESSION_SUMMARY_SELECT, notes: true } as const;

/** What SESSION_DETAILS_SELECT reads. */
export type SessionDetails = {
  trainingDay: TrainingDay;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  address: string | null;
  onlineUrl: string | null;
  trainer: string;
  notes: string;
};

/** What SESSION_SUMMARY_SELECT reads. */
export type SessionSummaryFields = Omit<SessionDetails, "notes">;
