"use server";
// The researcher's server actions on expressions of interest. Each authenticates first (anyone but
// a researcher gets "not found"), then hands the input to the capability's function, which parses
// it, finds the agency and writes in one transaction with its audit entries and emails.
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { reopenQuestionnaire } from "./reopen";
import type { ReopenResult } from "./researcher-schema";

export async function reopenQuestionnaireAction(input: unknown): Promise<ReopenResult> {
  const user = await requireRole("RESEARCHER");
  // The server's clock decides what "in the future" means, never the browser's.
  const result = await reopenQuestionnaire(user, input, new Date());
  if (result.ok) {
    revalidatePath("/researcher/agencies", "layout");
    revalidatePath("/agency", "layout");
  }
  return result;
}
