"use server";
// The researcher's server actions on expressions of interest. Each authenticates first (anyone but
// a researcher gets "not found"), then hands the input and the server's clock to the capability's
// function, which parses it, finds the agency and writes in one transaction with its audit entries
// and emails (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import { reopenQuestionnaire } from "./reopen";
import type { ReopenResult } from "./researcher-schema";

export async function reopenQuestionnaireAction(input: unknown): Promise<ReopenResult> {
  return runAs("RESEARCHER", reopenQuestionnaire, input, ["/researcher/agencies", "/agency"]);
}
