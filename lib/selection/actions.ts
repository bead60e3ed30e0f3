"use server";
// The researcher's server actions for selecting agencies: scoring, moving between stages,
// reordering the reserve list and sending the decisions. Each authenticates first (anyone but a
// researcher gets "not found"), then hands the input to the capability's function, which parses
// it and writes in one transaction with its audit entries and emails.
import { revalidatePath } from "next/cache";
import type { CurrentUser } from "@/lib/auth/user";
import { requireRole } from "@/lib/auth/session";
import { sendDecisions } from "./decisions";
import { moveAgencyStage, reorderReserve } from "./moves";
import { saveReview } from "./reviews";
import type { SelectionResult } from "./schema";

type Capability = (actor: CurrentUser, input: unknown, now: Date) => Promise<SelectionResult>;

async function asResearcher(capability: Capability, input: unknown): Promise<SelectionResult> {
  const researcher = await requireRole("RESEARCHER");
  // The server's clock stamps every change, never the browser's.
  const result = await capability(researcher, input, new Date());
  if (result.ok) {
    // Stages, scores and decisions show across the researcher's pages and in the agency's own area.
    revalidatePath("/researcher", "layout");
    revalidatePath("/agency", "layout");
  }
  return result;
}

export async function saveReviewAction(input: unknown): Promise<SelectionResult> {
  return asResearcher(saveReview, input);
}

export async function moveAgencyStageAction(input: unknown): Promise<SelectionResult> {
  return asResearcher(moveAgencyStage, input);
}

export async function reorderReserveAction(input: unknown): Promise<SelectionResult> {
  return asResearcher(reorderReserve, input);
}

export async function sendDecisionsAction(input: unknown): Promise<SelectionResult> {
  return asResearcher(sendDecisions, input);
}
