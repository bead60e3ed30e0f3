"use server";
// The account server actions. Each authenticates, then hands the input to the capability's
// function (which parses it, checks the caller may touch this record, and writes in one
// transaction with its audit entry), then revalidates the page that shows the change.
// Tokens never go back to the browser: an invitation link reaches only the invitee's inbox.
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { acceptInvitation, inviteResearcher, inviteStaff, resendInvitation, revokeInvitation } from "./invitations";
import { registerAgency } from "./registration";
import type { AccountResult } from "./schema";
import { changeStaffRole, removeStaff } from "./staff";

const STAFF_PAGE = "/agency/staff";
const TEAM_PAGE = "/researcher/team";

/** Only what the browser shows: the message, or what to fix. */
function answer(result: AccountResult): AccountResult {
  return result.ok ? { ok: true, message: result.message } : result;
}

/** Public: anyone may register an agency. The form signs the new lead in afterwards. */
export async function registerAgencyAction(input: unknown): Promise<AccountResult> {
  return answer(await registerAgency(input));
}

/** Public: the token in the input is the proof. The form signs the new person in afterwards. */
export async function acceptInvitationAction(
  input: unknown,
): Promise<AccountResult<{ email: string; home: "/agency" | "/researcher" }>> {
  const result = await acceptInvitation(input);
  return result.ok ? { ok: true, email: result.email, home: result.home } : result;
}

export async function inviteStaffAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("AGENCY_STAFF");
  const result = await inviteStaff(user, input);
  if (result.ok) revalidatePath(STAFF_PAGE);
  return answer(result);
}

export async function resendStaffInvitationAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("AGENCY_STAFF");
  const result = await resendInvitation(user, input);
  if (result.ok) revalidatePath(STAFF_PAGE);
  return answer(result);
}

export async function revokeStaffInvitationAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("AGENCY_STAFF");
  const result = await revokeInvitation(user, input);
  if (result.ok) revalidatePath(STAFF_PAGE);
  return answer(result);
}

export async function changeStaffRoleAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("AGENCY_STAFF");
  const result = await changeStaffRole(user, input);
  if (result.ok) revalidatePath(STAFF_PAGE);
  return answer(result);
}

export async function removeStaffAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("AGENCY_STAFF");
  const result = await removeStaff(user, input);
  if (result.ok) revalidatePath(STAFF_PAGE);
  return answer(result);
}

export async function inviteResearcherAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("RESEARCHER");
  const result = await inviteResearcher(user, input);
  if (result.ok) revalidatePath(TEAM_PAGE);
  return answer(result);
}

export async function resendResearcherInvitationAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("RESEARCHER");
  const result = await resendInvitation(user, input);
  if (result.ok) revalidatePath(TEAM_PAGE);
  return answer(result);
}

export async function revokeResearcherInvitationAction(input: unknown): Promise<AccountResult> {
  const user = await requireRole("RESEARCHER");
  const result = await revokeInvitation(user, input);
  if (result.ok) revalidatePath(TEAM_PAGE);
  return answer(result);
}
