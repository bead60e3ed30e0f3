// The first researcher of a fresh installation, created from the command line
// (`npm run user:create`). Takes the Prisma client as an argument because it runs outside Next.js,
// in a script that opens its own connection; so no "server-only" here.
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "./errors";
import { createResearcherSchema } from "./schema";

export type CreateResearcherResult = { ok: true; id: string; email: string } | { ok: false; problem: string };

export async function createResearcher(
  client: Db,
  input: { email: string; name: string; password: string },
): Promise<CreateResearcherResult> {
  const parsed = createResearcherSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues.map((issue) => issue.message).join(" ") };
  }
  const { email, name, password } = parsed.data;
  const problem = passwordProblem(password, { email });
  if (problem) return { ok: false, problem: `Password: ${problem}` };

  const taken = `An account with the email address ${email} already exists. Sign in with it, or reset its password from the sign-in page.`;
  if (await client.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false, problem: taken };

  const passwordHash = await hashPassword(password);
  try {
    const user = await client.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, name, passwordHash, role: "RESEARCHER" },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: null,
        action: "user.created",
        entity: "User",
        entityId: created.id,
        after: { email, name, role: "RESEARCHER", via: "cli" },
      });
      return created;
    });
    return { ok: true, id: user.id, email };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, problem: taken };
    throw error;
  }
}

/** A readable default name from an address: "ana.lopez@example.org" → "Ana Lopez". */
export function nameFromEmail(email: string): string {
  const local = email.trim().split("@")[0] ?? "";
  const words = local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return words.join(" ") || "Researcher";
}
