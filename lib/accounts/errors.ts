// Small helpers the account functions share for turning failures into answers.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

/** The answer for input that does not pass its schema: each field's messages, for the form. */
export function invalidInput(error: z.ZodError): { ok: false; fieldErrors: Record<string, string[] | undefined> } {
  return { ok: false, fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[] | undefined> };
}

/** True for PostgreSQL's unique violation, e.g. two people registering one email at the same moment. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
