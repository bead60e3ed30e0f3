"use server";
// The researcher's server actions for selecting agencies: scoring, moving between stages,
// reordering the reserve list and sending the decisions. Each authenticates first (anyone but a
// researcher gets "not found"), then hands the input to the capability's function, which parses
// it and writes in one transaction with its audit entries and emails (lib/auth/action-runner.ts).
import { runAs } from "@/lib/auth/action-runner";
import { sendDecisions } from "./decisions";
import { moveAgencyStage, reorderReserve } from "./moves";
import { saveReview } from "./reviews";
import type { SelectionResult } from "./schema";

/** Stages, scores and decisions show across the researcher's pages and in the agency's own area. */
const CHANGED = ["/researcher", "/agency"];

export async function saveReviewAction(input: unknown): Promise<SelectionResult> {
  return runAs("RESEARCHER", saveReview, input, CHANGED);
}

export async function moveAgencyStageAction(input: unknown): Promise<SelectionResult> {
  return runAs("RESEARCHER", moveAgencyStage, input, CHANGED);
}

export async function reorderReserveAction(input: unknown): Promise<SelectionResult> {
  return runAs("RESEARCHER", reorderReserve, input, CHANGED);
}

export async function sendDecisionsAction(input: unknown): Promise<SelectionResult> {
  return runAs("RESEARCHER", sendDecisions, input, CHANGED);
}
