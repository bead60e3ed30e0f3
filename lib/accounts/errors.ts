// Small helpers the account functions share for turning failures into answers.
import { Prisma } from "@/lib/generated/prisma/client";

export { invalidInput } from "@/lib/forms";

/** True for PostgreSQL's unique violation, e.g. two people registering one email at the same moment. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
