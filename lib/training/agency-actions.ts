"use server";
// The agency's server actions on training bookings: a supervisor or the lead books colleagues onto
// a session, or cancels a booking. Each authenticates first (anyone but agency staff gets "not
// found"), then hands the input to lib/training/booking.ts, which parses it, checks the rules and
// writes in one transaction with its audit entries and emails.
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { bookPeople, cancelBooking } from "./booking";
import type { TrainingResult } from "./schema";

function refreshTrainingPages() {
  revalidatePath("/agency", "layout");
  revalidatePath("/researcher", "layout");
}

export async function bookPeopleStaffAction(input: unknown): Promise<TrainingResult> {
  const user = await requireRole("AGENCY_STAFF");
  // The server's clock decides what "in the past" means, never the browser's.
  const result = await bookPeople(user, input, new Date());
  if (result.ok) refreshTrainingPages();
  return result;
}

export async function cancelBookingStaffAction(input: unknown): Promise<TrainingResult> {
  const user = await requireRole("AGENCY_STAFF");
  const result = await cancelBooking(user, input, new Date());
  if (result.ok) refreshTrainingPages();
  return result;
}
