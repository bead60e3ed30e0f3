"use server";
// The agency's questionnaire actions: authenticate, then hand the input and the server's clock to
// lib/eoi/questionnaire.ts (which checks, scopes to the caller's own agency and writes in one
// transaction), then revalidate. A save whose session has ended answers with a value instead of
// redirecting to the sign-in page, so the form can keep what was typed on the device.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { saveSection, submitQuestionnaire, updateContactDetails, type EoiResult } from "./questionnaire";

export type SaveSectionAnswer = EoiResult | { ok: false; sessionEnded: true; formError: string };

const SESSION_ENDED = {
  ok: false,
  sessionEnded: true,
  formError:
    "Your session has ended, so your answers were not saved. They are kept on this device: sign in again and open this section to restore them.",
} as const;

const NOT_AGENCY = { ok: false, formError: "Only the agency's own staff can fill in its questionnaire." } as const;

export async function saveSectionAction(input: { section: string; answers: unknown }): Promise<SaveSectionAnswer> {
  const user = await getCurrentUser();
  if (!user) return SESSION_ENDED;
  if (user.role !== "AGENCY_STAFF") return NOT_AGENCY;
  const result = await saveSection(user, input, new Date());
  if (result.ok) revalidatePath("/agency/questionnaire", "layout");
  return result;
}

export async function submitQuestionnaireAction(): Promise<EoiResult> {
  const user = await getCurrentUser();
  if (!user) return SESSION_ENDED;
  if (user.role !== "AGENCY_STAFF") return NOT_AGENCY;
  const result = await submitQuestionnaire(user, new Date());
  if (!result.ok) return result;
  revalidatePath("/agency", "layout");
  redirect("/agency/questionnaire/submitted");
}

export async function updateContactDetailsAction(input: unknown): Promise<EoiResult> {
  const user = await getCurrentUser();
  if (!user) return SESSION_ENDED;
  if (user.role !== "AGENCY_STAFF") return NOT_AGENCY;
  const result = await updateContactDetails(user, input);
  if (result.ok) revalidatePath("/agency", "layout");
  return result;
}
