"use server";
// The researcher's server actions on training: publishing, editing and cancelling sessions, and
// marking attendance. Each authenticates first (anyone but a researcher gets "not found"), then
// hands the input and the server's clock to the capability's function, which parses it and writes
// in one transaction with its audit entries and emails (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import { markAttendance } from "./attendance";
import type { TrainingResult } from "./schema";
import { cancelSession, createSession, updateSession, type CreateSessionResult } from "./sessions";

/** Sessions and bookings show across the researcher's pages and in the agencies' own areas. */
const CHANGED = ["/researcher", "/agency"];

export async function createSessionResearcherAction(input: unknown): Promise<CreateSessionResult> {
  return runAs("RESEARCHER", createSession, input, CHANGED);
}

export async function updateSessionResearcherAction(input: unknown): Promise<TrainingResult> {
  return runAs("RESEARCHER", updateSession, input, CHANGED);
}

export async function cancelSessionResearcherAction(input: unknown): Promise<TrainingResult> {
  return runAs("RESEARCHER", cancelSession, input, CHANGED);
}

export async function markAttendanceResearcherAction(input: unknown): Promise<TrainingResult> {
  return runAs("RESEARCHER", markAttendance, input, CHANGED);
}
