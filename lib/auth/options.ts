// next-auth 4 configuration: email + password, JWT sessions.
import "server-only";
import type { AuthOptions } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { findSessionUser, findUserForSignIn } from "@/lib/auth/queries";
import { beginSignInAttempt, clientAddress, signInSucceeded, type SignInAttempt } from "@/lib/auth/rate-limit";
import { SIGN_IN_UNAVAILABLE, signInSchema, TOO_MANY_SIGN_INS } from "@/lib/auth/schema";

/**
 * An argon2id hash (same parameters as real ones) of a random password nobody knows. Checking a
 * password against it when there is no usable account makes a failed sign-in take as long as a
 * wrong password, so the response time does not tell which email addresses have accounts.
 */
const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$As8NJIDWaiRPTzPNkX6vMQ$D6HYYNwGxgoxbQYWxKGXcmiMKawXmfk82nc9Kdo6T3Q";

/** A working day; after that the person signs in again. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

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
    attempt = await beginSignInAttempt({ email, address: clientAddress(headers), now });
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
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
      }
      return token;
    },
    async session({ session, token }) {
      const user = await findSessionUser(token.id, token.sessionVersion);
      // Without `user` the session counts as signed out (see getCurrentUser).
      return user ? { ...session, user } : { expires: session.expires };
    },
  },
};

/** The names next-auth gives the session cookie: with the __Secure- prefix when the app runs on https. */
const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Keeps the current browser signed in after the person changed their own password and their
 * session version went up to `sessionVersion` (which ends every other session): rewrites this
 * browser's session cookie with the new version, with next-auth's own encoding, name and flags and
 * the expiry it already had. Call it from a server action. Returns false when there is no session
 * cookie of this person to rewrite; they then simply sign in again.
 */
export async function keepCurrentSession(userId: string, sessionVersion: number): Promise<boolean> {
  const store = await cookies();
  const name = SESSION_COOKIE_NAMES.find((candidate) => store.has(candidate));
  if (!name) return false;
  const secret = env().NEXTAUTH_SECRET;
  const token = await decode({ token: store.get(name)!.value, secret }).catch(() => null);
  if (!token || token.id !== userId) return false;

  const nowSeconds = Math.floor(Date.now() / 1000);
  const expiresAt = typeof token.exp === "number" ? token.exp : nowSeconds + SESSION_MAX_AGE_SECONDS;
  if (expiresAt <= nowSeconds) return false;
  // encode() sets a new issue time, expiry and id; the rest of the token stays as next-auth made it.
  const { exp: _exp, iat: _iat, jti: _jti, ...claims } = token;
  const value = await encode({ token: { ...claims, sessionVersion }, secret, maxAge: expiresAt - nowSeconds });
  store.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    expires: new Date(expiresAt * 1000),
  });
  return true;
}
