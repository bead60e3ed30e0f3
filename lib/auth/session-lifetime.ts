// How long a sign-in lasts: a pure rule on two times the session token carries, shared by the
// next-auth callbacks (which refuse an ended session), the proxy (which records activity and sends
// an ended session to the sign-in page) and their tests (which pass their own clock). No imports:
// the proxy loads it too.

/** A working day: 12 hours after signing in the person signs in again, however active they were. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Two hours without a request to the app and the person signs in again. */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;

/**
 * The proxy rewrites the session cookie with a new last-seen time only when the recorded one is at
 * least this old, so most responses carry no Set-Cookie. A session therefore ends between 1 h 55 min
 * and 2 h after the person's last request.
 */
export const LAST_SEEN_REFRESH_SECONDS = 5 * 60;

/**
 * How far in the future a token's times may be and still count: several server instances' clocks
 * can differ by a little. More than that means the token is not one this app made.
 */
export const CLOCK_SKEW_SECONDS = 60;

/** The times a session token carries, in whole seconds since 1970 (as a JWT's own times are). */
export type SessionTimes = { signedInAt: number; lastSeenAt: number };

export type SessionState =
  | {
      status: "active";
      times: SessionTimes;
      /** When the session ends at the latest (seconds): sign-in plus SESSION_MAX_AGE_SECONDS. */
      endsAt: number;
      /** Whether the last-seen time is old enough to be recorded again (see LAST_SEEN_REFRESH_SECONDS). */
      refreshDue: boolean;
    }
  | { status: "ended"; reason: "absolute" | "idle" | "invalid" };

export const toSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The times to put in a new session token at sign-in. */
export function sessionTimesAtSignIn(now: Date): SessionTimes {
  const seconds = toSeconds(now);
  return { signedInAt: seconds, lastSeenAt: seconds };
}

const isSeconds = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/**
 * Reads the two times from a decoded token (any shape). A token without them, or with times that
 * cannot be right, has none: it was made before these limits existed, or not by this app.
 */
export function sessionTimesOf(token: Record<string, unknown> | null | undefined): SessionTimes | null {
  const signedInAt = token?.signedInAt;
  const lastSeenAt = token?.lastSeenAt;
  if (!isSeconds(signedInAt) || !isSeconds(lastSeenAt) || lastSeenAt < signedInAt) return null;
  return { signedInAt, lastSeenAt };
}

/** The token's times, unless they are in the future (beyond another instance's clock's lead). */
function believableTimesOf(token: Record<string, unknown> | null | undefined, now: Date): SessionTimes | null {
  const times = sessionTimesOf(token);
  return times && times.lastSeenAt <= toSeconds(now) + CLOCK_SKEW_SECONDS ? times : null;
}

/**
 * Whether a session with these token claims is still on at `now`: ended 12 hours after signing in
 * (the absolute limit, which no activity extends) or 2 hours after the last request recorded (the
 * idle limit). A token without the times counts as ended: the person signs in again.
 */
export function sessionState(token: Record<string, unknown> | null | undefined, now: Date): SessionState {
  const times = believableTimesOf(token, now);
  const seconds = toSeconds(now);
  if (!times) return { status: "ended", reason: "invalid" };
  const endsAt = times.signedInAt + SESSION_MAX_AGE_SECONDS;
  if (seconds >= endsAt) return { status: "ended", reason: "absolute" };
  if (seconds >= times.lastSeenAt + SESSION_IDLE_SECONDS) return { status: "ended", reason: "idle" };
  return { status: "active", times, endsAt, refreshDue: seconds - times.lastSeenAt >= LAST_SEEN_REFRESH_SECONDS };
}

/**
 * For an active session, the times after a request at `now`: the same sign-in time, last seen now.
 * Never moves the last-seen time backwards (a request answered by an instance whose clock is a
 * little behind).
 */
export function seenAt(times: SessionTimes, now: Date): SessionTimes {
  return { signedInAt: times.signedInAt, lastSeenAt: Math.max(times.lastSeenAt, toSeconds(now)) };
}

/**
 * The lifetime to give a session token (and its cookie) written at `now`: what is left until the
 * absolute limit, never more than SESSION_MAX_AGE_SECONDS, and 0 when there is nothing left (or the
 * token has no times), so that next-auth's rolling re-encoding can never push a session past it.
 */
export function remainingLifetimeSeconds(token: Record<string, unknown> | null | undefined, now: Date): number {
  const times = believableTimesOf(token, now);
  if (!times) return 0;
  const left = times.signedInAt + SESSION_MAX_AGE_SECONDS - toSeconds(now);
  return Math.min(SESSION_MAX_AGE_SECONDS, Math.max(0, left));
}
