// next-auth 4 configuration: email + password, JWT sessions.
import "server-only";
import type { AuthOptions } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { authCookies, cookieFlags, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { verifyPassword } from "@/lib/auth/password";
import { findSessionUser, findUserForSignIn } from "@/lib/auth/queries";
import { cookieValueOf, decodeSessionToken } from "@/lib/auth/token-cache";
import { beginSignInAttempt, clientAddress, signInSucceeded, type SignInAttempt } from "@/lib/auth/rate-limit";
import { SIGN_IN_UNAVAILABLE, signInSchema, TOO_MANY_SIGN_INS } from "@/lib/auth/schema";
import {
  remainingLifetimeSeconds,
  seenAt,
  SESSION_MAX_AGE_SECONDS,
  sessionState,
  sessionTimesAtSignIn,
} from "@/lib/auth/session-lifetime";

export { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-lifetime";

/**
 * An argon2id hash (same parameters as real ones) of a random password nobody knows. Checking a
 * password against it when there is no usable account makes a failed sign-in take as long as a
 * wrong password, so the response time does not tell which email addresses have accounts.
 */
const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$As8NJIDWaiRPTzPNkX6vMQ$D6HYYNwGxgoxbQYWxKGXcmiMKawXmfk82nc9Kdo6T3Q";

/**
 * Checks an email and password (the credentials provider's `authorize`): the person's account, or
 * null for one message that never says which part was wrong. Throws an Error whose message is a
 * code (next-auth hands the browser only that): TOO_MANY_SIGN_INS after repeated failures for
 * this email or this address, SIGN_IN_UNAVAILABLE when the database cannot be read.
 */
export async function authorizeCredentials(
  credentials: Record<string, unknown> | undefined,
  headers: Record<string, unknown> | undefined,
  now = new Date(),
) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  let attempt: SignInAttempt;
  let user: Awaited<ReturnType<typeof findUserForSignIn>> = null;
  try {
    attempt = await beginSignInAttempt({ email, address: clientAddress(headers, env().TRUSTED_PROXIES), now });
    if (attempt.allowed) user = await findUserForSignIn(email);
  } catch (error) {
    // next-auth puts a thrown error's message in the browser's URL: log the detail here and hand
    // the browser only a code.
    console.error("Sign-in could not read the user", error);
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
  // Refused before the password is checked, so that guessing on gains nothing even when right.
  if (!attempt.allowed) throw new Error(TOO_MANY_SIGN_INS);
  if (attempt.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, attempt.delayMs));

  const passwordHash = user && user.deactivatedAt === null ? user.passwordHash : null;
  const passwordMatches = await verifyPassword(passwordHash ?? DUMMY_PASSWORD_HASH, password);
  if (!user || passwordHash === null || !passwordMatches) return null;

  try {
    await signInSucceeded(attempt);
  } catch (error) {
    console.error("Sign-in could not clear the failed attempts", error);
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    agencyId: user.agencyId,
    agencyRole: user.agencyRole,
    sessionVersion: user.sessionVersion,
  };
}

export const authOptions: AuthOptions = {
  // A getter, so that importing this module (e.g. during `next build`) does not read the environment.
  get secret() {
    return env().NEXTAUTH_SECRET;
  },
  // Getters too: the cookies' names and flags follow NEXTAUTH_URL, read when next-auth needs them.
  // next-auth would pick the same (Secure when NEXTAUTH_URL is https); written out because the
  // proxy and keepCurrentSession must name the session cookie exactly as next-auth does.
  get useSecureCookies() {
    return usesSecureCookies(env().NEXTAUTH_URL);
  },
  get cookies() {
    return authCookies(usesSecureCookies(env().NEXTAUTH_URL));
  },
  // Two limits (lib/auth/session-lifetime.ts): 12 hours after signing in, and 2 hours without a
  // request. next-auth's own maxAge is the first; it would roll forward each time next-auth
  // re-encodes the token (/api/auth/session), so the token carries its sign-in time, the session
  // callback refuses a session past either limit, and `jwt.encode` never gives a token more life
  // than is left until 12 hours after sign-in. (`updateAge` applies to database sessions only.)
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Decoding goes through lib/auth/token-cache.ts: a cookie seen before is not decrypted again. And
  // next-auth re-encodes the token on every read of the session (getCurrentUser, so every page),
  // for a cookie the App Router throws away: a token that nothing changed is given back as the
  // cookie it came from instead of being encrypted again.
  jwt: {
    decode: ({ token, secret }) => (token ? decodeSessionToken(token, String(secret)) : Promise.resolve(null)),
    encode: (params) =>
      Promise.resolve(
        (params.token && cookieValueOf(params.token)) ??
          encode({ ...params, maxAge: remainingLifetimeSeconds(params.token, new Date()) }),
      ),
  },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email address", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials, req) => authorizeCredentials(credentials, req?.headers),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // `user` is there only at sign-in; afterwards the token carries what was put in it here.
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.agencyId = user.agencyId;
        token.agencyRole = user.agencyRole;
        token.sessionVersion = user.sessionVersion;
        Object.assign(token, sessionTimesAtSignIn(new Date()));
      }
      // Otherwise the times stay as they are: only a request recorded by the proxy (or a password
      // change below) moves the last-seen time, and nothing moves the sign-in time.
      return token;
    },
    async session({ session, token }) {
      // Every server-side read of the session comes here (getCurrentUser, so every page, route
      // handler and server action): a session past either limit is signed out, whatever the
      // cookie's own expiry says.
      if (sessionState(token, new Date()).status !== "active") return { expires: session.expires };
      const user = await findSessionUser(token.id, token.sessionVersion);
      // Without `user` the session counts as signed out (see getCurrentUser).
      return user ? { ...session, user } : { expires: session.expires };
    },
    redirect({ url, baseUrl }) {
      // next-auth's own callback calls new URL() on the callbackUrl a form or cookie sends, so junk
      // ("4939") answered the sign-in with a 500 (found by sqlmap, bench/security.md). Anything but
      // a path or an address on this site goes home.
      if (url.startsWith("/") && !url.startsWith("//") && !url.includes("\\")) return `${baseUrl}${url}`;
      try {
        return new URL(url).origin === baseUrl && !url.includes("\\") ? url : baseUrl;
      } catch {
        return baseUrl;
      }
    },
  },
};

/** The session cookie's name as next-auth gives it here: with the __Secure- prefix when the app runs on https. */
export function currentSessionCookieName(): string {
  return sessionCookieName(usesSecureCookies(env().NEXTAUTH_URL));
}

/**
 * Keeps the current browser signed in after the person changed their own password and their
 * session version went up to `sessionVersion` (which ends every other session): rewrites this
 * browser's session cookie with the new version, with next-auth's own encoding, name and flags and
 * the same sign-in time (so the same absolute limit). Call it from a server action. Returns false
 * when there is no active session cookie of this person to rewrite; they then simply sign in again.
 */
export async function keepCurrentSession(userId: string, sessionVersion: number): Promise<boolean> {
  const store = await cookies();
  const name = currentSessionCookieName();
  const value = store.get(name)?.value;
  if (!value) return false;
  const secret = env().NEXTAUTH_SECRET;
  const token = await decode({ token: value, secret }).catch(() => null);
  if (!token || token.id !== userId) return false;

  const now = new Date();
  const state = sessionState(token, now);
  if (state.status !== "active") return false;
  // encode() sets a new issue time, expiry and id; the rest of the token stays as next-auth made it.
  const { exp: _exp, iat: _iat, jti: _jti, ...claims } = token;
  const renewed = { ...claims, ...seenAt(state.times, now), sessionVersion };
  const maxAge = remainingLifetimeSeconds(renewed, now);
  if (maxAge <= 0) return false;
  store.set(name, await encode({ token: renewed, secret, maxAge }), {
    ...cookieFlags(usesSecureCookies(env().NEXTAUTH_URL)),
    expires: new Date(state.endsAt * 1000),
  });
  return true;
}
