"use server";
// The agency's server actions on participants: add a new referral, record one step of a
// participant's record. Each authenticates first (anyone but agency staff gets "not found"), then
// hands the input and the server's clock to lib/recruitment/participants.ts, which parses it, checks
// the training gate and the rules, and writes in one transaction with its audit entry
// (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import { createParticipant, recordParticipantStep } from "./participants";
import type { RecruitmentResult } from "./schema";

/** Participants show on the agency's pages and on the researchers' dashboard and lists. */
const CHANGED = ["/agency", "/researcher"];

export async function createParticipantStaffAction(input: unknown): Promise<RecruitmentResult> {
  return runAs("AGENCY_STAFF", createParticipant, input, CHANGED);
}

export async function recordParticipantStepStaffAction(input: unknown): Promise<RecruitmentResult> {
  return runAs("AGENCY_STAFF", recordParticipantStep, input, CHANGED);
}
