// A participant's record as the steps write it (status, every date, reason and measure), selected
// and read the same way by the agency's and the researchers' pages, the export and the steps
// themselves: one list of columns, and one conversion of its @db.Date columns to calendar dates.
import type { Prisma } from "@/lib/generated/prisma/client";

/** A @db.Date column's value as a calendar date "YYYY-MM-DD" (Prisma gives UTC midnight); null stays null. */
export function calendarDate(date: Date): string;
export function calendarDate(date: Date | null): string | null;
export function calendarDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** The columns of the record: its status and what each step wrote. */
export const participantRecordSelect = {
  status: true,
  referralDate: true,
  screenedDate: true,
  ineligibleReason: true,
  consentDate: true,
  declinedDate: true,
  declineReason: true,
  baselineDate: true,
  baselineMeasures: true,
  followUpDate: true,
  followUpMeasures: true,
  withdrawnDate: true,
  withdrawalReason: true,
  keepDataOnWithdrawal: true,
  lostDate: true,
  lostReason: true,
} as const satisfies Prisma.ParticipantSelect;

export type ParticipantRecordRow = Prisma.ParticipantGetPayload<{ select: typeof participantRecordSelect }>;

/** The record with its dates as calendar dates "YYYY-MM-DD". */
export function participantRecord(row: ParticipantRecordRow) {
  return {
    status: row.status,
    referralDate: calendarDate(row.referralDate),
    screenedDate: calendarDate(row.screenedDate),
    ineligibleReason: row.ineligibleReason,
    consentDate: calendarDate(row.consentDate),
    declinedDate: calendarDate(row.declinedDate),
    declineReason: row.declineReason,
    baselineDate: calendarDate(row.baselineDate),
    baselineMeasures: row.baselineMeasures,
    followUpDate: calendarDate(row.followUpDate),
    followUpMeasures: row.followUpMeasures,
    withdrawnDate: calendarDate(row.withdrawnDate),
    withdrawalReason: row.withdrawalReason,
    keepDataOnWithdrawal: row.keepDataOnWithdrawal,
    lostDate: calendarDate(row.lostDate),
    lostReason: row.lostReason,
  };
}

export type ParticipantRecord = ReturnType<typeof participantRecord>;
