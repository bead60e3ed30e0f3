"use server";
// The researcher's server actions on training: publishing, editing and cancelling sessions, and
// marking attendance. Each authenticates first (anyone but a researcher gets "not found"), then
// hands the input to the capability's function, which parses it and writes in one transaction with
// its audit entries and emails.
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/auth/user";
import { markAttendance } from "./attendance";
import type { TrainingResult } from "./schema";
import { cancelSession, createSession, updateSession, type CreateSessionResult } from "./sessions";

async function asResearcher<Result extends TrainingResult>(
  capability: (actor: CurrentUser, input: unknown, now: Date) => Promise<Result>,
  input: unknown,
): Promise<Result> {
  const researcher = await requireRole("RESEARCHER");
  // The server's clock decides what "in the future" and "has started" mean, never the browser's.
  const result = await capability(researcher, input, new Date());
  if (result.ok) {
    // Sessions and bookings show across the researcher's pages and in the agencies' own areas.
    revalidatePath("/researcher", "layout");
    revalidatePath("/agency", "layout");
  }
  return result;
}

export async function createSessionResearcherAction(input: unknown): Promise<CreateSessionResult> {
  return asResearcher(createSession, input);
}

export async function updateSessionResearcherAction(input: unknown): Promise<TrainingResult> {
  return asResearcher(updateSession, input);
}

export async function cancelSessionResearcherAction(input: unknown): Promise<TrainingResult> {
  return asResearcher(cancelSession, input);
}

export async function markAttendanceResearcherAction(input: unknown): Promise<TrainingResult> {
  return asResearcher(markAttendance, input);
}
