// What the server actions of one role share, in the order every action keeps: authenticate first
// (anyone else gets "not found", a signed-out visitor the sign-in page), then hand the input and the
// server's clock to the capability's function, which parses, checks and writes, then revalidate
// the pages that show the change when it succeeded. Not a "use server" module itself: the actions
// stay exported one by one from their own "use server" files, where the access test finds them.
import "server-only";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/auth/user";

type UserOf<Role extends CurrentUser["role"]> = Extract<CurrentUser, { role: Role }>;

/** requireRole is overloaded role by role; here the role is a type parameter. */
const requireAnyRole = requireRole as (role: CurrentUser["role"]) => Promise<CurrentUser>;

/**
 * Runs `capability` as the signed-in person of `role` with `input` and the server's clock (never
 * the browser's); on success revalidates each of `layouts` (a path and every page below it).
 */
export async function runAs<Role extends CurrentUser["role"], Result extends { ok: boolean }>(
  role: Role,
  capability: (actor: UserOf<Role>, input: unknown, now: Date) => Promise<Result>,
  input: unknown,
  layouts: readonly string[],
): Promise<Result> {
  const actor = (await requireAnyRole(role)) as UserOf<Role>;
  const result = await capability(actor, input, new Date());
  if (result.ok) for (const path of layouts) revalidatePath(path, "layout");
  return result;
}
