// Slows down, then refuses, repeated failed sign-ins for one email address or one client address,
// so that nobody can guess passwords at speed. Failures live in "LoginAttempt" under two keys,
// "email:<address>" and "ip:<address>", and count for 15 minutes.
//
// Each attempt is written down as a failure *before* the password is checked, in the same
// statement that counts the earlier ones, and crossed out again when the password was right. A
// burst of parallel guesses therefore sees its own earlier guesses at once, instead of all passing
// the count while their passwords are still being hashed.
import "server-only";
import { db } from "@/lib/db";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** From this many failures for either key, sign-in is refused without checking the password. */
export const MAX_FAILED_SIGN_INS = 5;
/** From this many failures, each attempt waits a little longer before the password is checked. */
const SLOW_DOWN_FROM = 3;
const SLOW_DOWN_BASE_MS = 250;
const SLOW_DOWN_MAX_MS = 2000;
/** Attempts older than this are of no use any more; they are deleted as new ones come in. */
const KEEP_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

export function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function addressKey(address: string): string {
  return `ip:${address}`;
}

/**
 * The client's address, as the proxies in front of the app report it in X-Forwarded-For: each
 * proxy appends the address it was reached from, so with `proxies` of them (TRUSTED_PROXIES) the
 * client's is that many entries from the end. The entries before it were sent by the client and
 * are not believed, or anyone could send a new address with every guess. Next's own server writes
 * the socket's address there only when the client sent no such header: reached directly, without a
 * proxy, a client can still choose its address. Else X-Real-IP, else "unknown".
 */
export function clientAddress(headers: Record<string, unknown> | null | undefined, proxies = 1): string {
  const forwarded = (headerValue(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - Math.max(1, proxies))]!.slice(0, 100);
  const real = headerValue(headers, "x-real-ip")?.trim();
  return real ? real.slice(0, 100) : "unknown";
}

function headerValue(headers: Record<string, unknown> | null | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}

/** How long an attempt waits after this many recent failures: 250 ms from the 3rd, doubling, at most 2 s. */
export function slowDownMs(failures: number): number {
  if (failures < SLOW_DOWN_FROM) return 0;
  return Math.min(SLOW_DOWN_BASE_MS * 2 ** (failures - SLOW_DOWN_FROM), SLOW_DOWN_MAX_MS);
}

export type SignInAttempt =
  | { allowed: false; failures: number }
  | {
      allowed: true;
      /** The larger of the email's and the address's recent failures, before this attempt. */
      failures: number;
      delayMs: number;
      /** The rows that record this attempt, to cross out when the password was right. */
      attemptIds: string[];
      email: string;
    };

type AttemptRow = { emailFailures: number; addressFailures: number; attemptIds: string[] };

/**
 * Counts the recent failures for this email and address and, unless either has reached the limit,
 * records this attempt as a failure under both keys; deletes attempts older than a day on the way.
 * One SQL statement.
 */
export async function beginSignInAttempt({
  email,
  address,
  now = new Date(),
}: {
  email: string;
  address: string;
  now?: Date;
}): Promise<SignInAttempt> {
  const byEmail = emailKey(email);
  const byAddress = addressKey(address);
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const purgeBefore = new Date(now.getTime() - KEEP_ATTEMPTS_MS);

  // Every part of the statement sees the table as it was when the statement began, so "recent"
  // counts only earlier attempts, and "purged" cannot touch the rows "recorded" adds.
  const rows = await db.$queryRaw<AttemptRow[]>`
    WITH recent AS (
      SELECT
        (count(*) FILTER (WHERE "key" = ${byEmail}))::int AS "emailFailures",
        (count(*) FILTER (WHERE "key" = ${byAddress}))::int AS "addressFailures"
      FROM "LoginAttempt"
      WHERE "key" IN (${byEmail}, ${byAddress}) AND "at" > ${since}
    ),
    recorded AS (
      INSERT INTO "LoginAttempt" ("key", "at")
      SELECT attempt_key, ${now} FROM recent, unnest(ARRAY[${byEmail}, ${byAddress}]::text[]) AS attempt_key
      WHERE recent."emailFailures" < ${MAX_FAILED_SIGN_INS} AND recent."addressFailures" < ${MAX_FAILED_SIGN_INS}
      RETURNING "id"
    ),
    purged AS (
      DELETE FROM "LoginAttempt" WHERE "at" < ${purgeBefore}
    )
    SELECT
      recent."emailFailures",
      recent."addressFailures",
      coalesce((SELECT array_agg("id"::text) FROM recorded), ARRAY[]::text[]) AS "attemptIds"
    FROM recent`;

  const { emailFailures, addressFailures, attemptIds } = rows[0]!;
  const failures = Math.max(emailFailures, addressFailures);
  if (failures >= MAX_FAILED_SIGN_INS) return { allowed: false, failures };
  return { allowed: true, failures, delayMs: slowDownMs(failures), attemptIds, email };
}

/**
 * The password was right: cross out this attempt, and forget the email's earlier failures. The
 * address keeps its other failures, because those may be guesses at other people's accounts.
 */
export async function signInSucceeded(attempt: Extract<SignInAttempt, { allowed: true }>): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "LoginAttempt"
    WHERE "key" = ${emailKey(attempt.email)} OR "id" = ANY(${attempt.attemptIds}::bigint[])`;
}
