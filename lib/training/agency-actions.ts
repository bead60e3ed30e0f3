"use server";
// The agency's server actions on training bookings: a supervisor or the lead books colleagues onto
// a session, or cancels a booking. Each authenticates first (anyone but agency staff gets "not
// found"), then hands the input and the server's clock to lib/training/booking.ts, which parses it,
// checks the rules and writes in one transaction with its audit entries and emails
// (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import { bookPeople, cancelBooking } from "./booking";
import type { TrainingResult } from "./schema";

/** Bookings show on the agency's training pages and on the researchers' session pages. */
const CHANGED = ["/agency", "/researcher"];

export async function bookPeopleStaffAction(input: unknown): Promise<TrainingResult> {
  return runAs("AGENCY_STAFF", bookPeople, input, CHANGED);
}

export async function cancelBookingStaffAction(input: unknown): Promise<TrainingResult> {
  return runAs("AGENCY_STAFF", cancelBooking, input, CHANGED);
}
