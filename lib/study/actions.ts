"use server";
// The study settings server action: only a researcher may call it; the capability's function
// parses the input and writes the change with its audit entry (and any emails) in one transaction.
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import type { StudySettingsResult } from "./schema";
import { updateStudySettings } from "./settings";

export async function updateStudySettingsAction(input: unknown): Promise<StudySettingsResult> {
  const researcher = await requireRole("RESEARCHER");
  const result = await updateStudySettings(researcher, input);
  // The closing date and the targets show on many pages (home, agency area, questionnaire).
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
