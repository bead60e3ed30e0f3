// Session tokens decrypted once, not on every request. A session cookie is an encrypted JWT
// (next-auth's A256GCM, with a key derived from NEXTAUTH_SECRET each time): decrypting it costs
// about half a millisecond, and every page request did it twice (the proxy, then getCurrentUser
// through next-auth's session route), and re-encrypted it once more for a cookie that the App
// Router then throws away. Here a cookie's value maps to its decoded token, so a second request
// with the same cookie costs a Map lookup; and next-auth's re-encoding of a token that nothing
// changed gives back the cookie it came from (see authOptions.jwt in lib/auth/options.ts).
//
// Safe because the key is the whole encrypted value: only a value that decrypted with our secret
// is ever stored, and the same value always decrypts to the same token. The token's own expiry is
// checked again on every hit, and the session's limits (lib/auth/session-lifetime.ts) are decided
// per request by the callers with the time now. Pure apart from the cache: the proxy loads it too.
import { decode, type JWT } from "next-auth/jwt";

/** At most this many decoded tokens are kept (about 1 kB each); the oldest goes first. */
export const TOKEN_CACHE_SIZE = 2000;

/** jose's leeway on a token's expiry, which next-auth's decode uses: the same here. */
const CLOCK_TOLERANCE_SECONDS = 15;

type Entry = { secret: string; token: Readonly<JWT> };

const decoded = new Map<string, Entry>();
/** The cookie value each cached token came from, by the token object itself. */
const valueOf = new WeakMap<object, string>();

const expired = (token: JWT, now: Date) =>
  typeof token.exp === "number" && token.exp + CLOCK_TOLERANCE_SECONDS <= Math.floor(now.getTime() / 1000);

/**
 * The session token in a cookie's value, or null when it is not one of ours (wrong secret,
 * tampered, not a token at all) or has expired. The object is frozen and shared between requests:
 * copy it to change anything.
 */
export async function decodeSessionToken(
  value: string,
  secret: string,
  now = new Date(),
): Promise<Readonly<JWT> | null> {
  const hit = decoded.get(value);
  if (hit && hit.secret === secret) {
    if (!expired(hit.token, now)) return hit.token;
    decoded.delete(value);
    return null;
  }
  const token = await decode({ token: value, secret }).catch(() => null);
  if (!token || expired(token, now)) return null;
  Object.freeze(token);
  if (decoded.size >= TOKEN_CACHE_SIZE) decoded.delete(decoded.keys().next().value!);
  decoded.set(value, { secret, token });
  valueOf.set(token, value);
  return token;
}

/**
 * The cookie value a token was decoded from, when `token` is that very (frozen, so unchanged)
 * object; undefined for any other token.
 */
export function cookieValueOf(token: object): string | undefined {
  return valueOf.get(token);
}

/** Forgets every decoded token (tests). */
export function clearTokenCache(): void {
  decoded.clear();
}
