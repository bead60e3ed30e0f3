// The process environment, parsed once with zod. A missing or malformed variable stops the app
// with a message that names it and says what to put there.
import { z } from "zod";

const postgresUrl = z
  .string({
    error: "is missing: set it to a PostgreSQL connection string, e.g. postgresql://user:password@host:5432/database",
  })
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === "postgresql:" || url.protocol === "postgres:") &&
        url.hostname !== "" &&
        url.pathname.length > 1
      );
    } catch {
      return false;
    }
  }, "must be a PostgreSQL connection string with a host and a database, e.g. postgresql://user:password@host:5432/database");

const httpUrl = (example: string) =>
  z.string().refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be the address people use to reach the app, e.g. ${example}`);

export const envSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: "must be development, production or test" })
    .default("development"),
  DATABASE_URL: postgresUrl,
  NEXTAUTH_SECRET: z
    .string({ error: "is missing: set it to a long random string (e.g. `openssl rand -base64 32`)" })
    .min(32, "must be at least 32 characters long (e.g. `openssl rand -base64 32`)"),
  NEXTAUTH_URL: httpUrl("http://localhost:3000").optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^/]+/.test(value), "must look like smtp://user:password@host:587 or smtps://…")
    .optional(),
  EMAIL_FROM: z
    .string()
    .min(3, "must be an email address or a name with one")
    .default("Connecting People study <no-reply@connecting-people.invalid>"),
  /**
   * Whether the server runs its background loops (the email outbox sender, the training reminders
   * and the follow-up-due emails): "on" (the default) or "off", e.g. for a benchmark that measures
   * the pages alone. With it off, nothing sends the outbox's emails.
   */
  BACKGROUND_JOBS: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["on", "off"], { error: "must be on or off (on unless set)" }))
    .default("on")
    .transform((value) => value === "on"),
  /**
   * How many reverse proxies in front of the app add the address they were reached from to
   * X-Forwarded-For. The sign-in limits count failures per client address, read this many entries
   * from the end of the header: the entries before them were written by the client, which can
   * write anything. 1 (the default) for one proxy. Reached directly, Next writes the socket's
   * address only when the client sent no X-Forwarded-For, so there a client can still choose it.
   */
  TRUSTED_PROXIES: z.coerce
    .number({ error: "must be a whole number from 1 to 10 (1 unless set)" })
    .int("must be a whole number from 1 to 10 (1 unless set)")
    .min(1, "must be a whole number from 1 to 10 (1 unless set)")
    .max(10, "must be a whole number from 1 to 10 (1 unless set)")
    .default(1),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not set up correctly:\n${problems.map((line) => `- ${line}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment; throws EnvError naming every variable to fix. Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

let cached: Env | undefined;

/** The app's environment, parsed on first use (not at import, so `next build` needs no database). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
