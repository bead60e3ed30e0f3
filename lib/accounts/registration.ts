// Registering an agency: the agency in the draft stage, its empty questionnaire, its first stage
// change and its lead's account, all in one transaction, so that a failure leaves nothing behind.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { db } from "@/lib/db";
import { invalidInput, isUniqueViolation } from "./errors";
import { EMAIL_TAKEN_MESSAGE, registerAgencySchema, type AccountResult } from "./schema";

const emailTaken = { ok: false as const, fieldErrors: { email: [EMAIL_TAKEN_MESSAGE] } };

export async function registerAgency(
  input: unknown,
): Promise<AccountResult<{ email: string; agencyId: string; userId: string }>> {
  const parsed = registerAgencySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { organisation, teamName, name, email, password } = parsed.data;

  const problem = passwordProblem(password, { email });
  if (problem) return { ok: false, fieldErrors: { password: [problem] } };

  // Checked first for a clear answer without hashing; the unique index decides in a race.
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return emailTaken;

  const passwordHash = await hashPassword(password);
  try {
    const created = await db.$transaction(async (tx) => {
      const agency = await tx.agency.create({
        data: { organisation, teamName, stage: "DRAFT", contactName: name, contactEmail: email },
        select: { id: true },
      });
      const lead = await tx.user.create({
        data: { email, name, passwordHash, role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "LEAD" },
        select: { id: true },
      });
      await tx.stageChange.create({
        data: { agencyId: agency.id, fromStage: null, toStage: "DRAFT", byId: lead.id, reason: "Registered" },
      });
      await tx.expressionOfInterest.create({ data: { agencyId: agency.id, status: "DRAFT" } });
      await recordAudit(tx, {
        actorId: lead.id,
        action: "agency.registered",
        entity: "Agency",
        entityId: agency.id,
        after: { organisation, teamName, stage: "DRAFT" },
      });
      await recordAudit(tx, {
        actorId: lead.id,
        action: "user.created",
        entity: "User",
        entityId: lead.id,
        after: { email, name, role: "AGENCY_STAFF", agencyId: agency.id, agencyRole: "LEAD", via: "registration" },
      });
      return { agencyId: agency.id, userId: lead.id };
    });
    return { ok: true, email, ...created };
  } catch (error) {
    if (isUniqueViolation(error)) return emailTaken;
    throw error;
  }
}
