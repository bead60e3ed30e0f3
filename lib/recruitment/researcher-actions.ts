"use server";
// The research team's server actions on recruitment: undo the last step of a participant's record
// (a correction, with a reason, in the audit trail), and set an agency's own participant target.
// Each authenticates first (anyone but a researcher gets "not found"), then hands the input and the
// server's clock to the capability (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import { correctParticipant } from "./corrections";
import type { RecruitmentResult } from "./schema";
import { setAgencyTarget } from "./targets";

const CHANGED = ["/agency", "/researcher"];

export async function correctParticipantResearcherAction(input: unknown): Promise<RecruitmentResult> {
  return runAs("RESEARCHER", correctParticipant, input, CHANGED);
}

export async function setAgencyTargetResearcherAction(input: unknown): Promise<RecruitmentResult> {
  return runAs("RESEARCHER", setAgencyTarget, input, CHANGED);
}
