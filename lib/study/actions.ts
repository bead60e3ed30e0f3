"use server";
// The study settings server action: only a researcher may call it; the capability's function
// parses the input and writes the change with its audit entry (and any emails) in one transaction
// (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import type { StudySettingsResult } from "./schema";
import { updateStudySettings } from "./settings";

export async function updateStudySettingsAction(input: unknown): Promise<StudySettingsResult> {
  // The closing date and the targets show on many pages (home, agency area, questionnaire).
  return runAs("RESEARCHER", updateStudySettings, input, ["/"]);
}
