// next-auth 4 configuration: email + password, JWT sessions.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { findSessionUser, findUserForSignIn } from "@/lib/auth/queries";
import { SIGN_IN_UNAVAILABLE, signInSchema } from "@/lib/auth/schema";

/**
 * An argon2id hash (same parameters as real ones) of a random password nobody knows. Checking a
 * password against it when there is no usable account makes a failed sign-in take as long as a
 * wrong password, so the response time does not tell which email addresses have accounts.
 */
const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$As8NJIDWaiRPTzPNkX6vMQ$D6HYYNwGxgoxbQYWxKGXcmiMKawXmfk82nc9Kdo6T3Q";

/** A working day; after that the person signs in again. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

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
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const { email, password } = parsed.data;

        let user: Awaited<ReturnType<typeof findUserForSignIn>>;
        try {
          user = await findUserForSignIn(email);
        } catch (error) {
          // next-auth puts a thrown error's message in the browser's URL: log the detail here and
          // hand the browser only a code.
          console.error("Sign-in could not read the user", error);
          throw new Error(SIGN_IN_UNAVAILABLE);
        }
        const passwordHash = user && user.deactivatedAt === null ? user.passwordHash : null;
        const passwordMatches = await verifyPassword(passwordHash ?? DUMMY_PASSWORD_HASH, password);
        if (!user || passwordHash === null || !passwordMatches) return null;

        return {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          agencyId: user.agencyId,
          agencyRole: user.agencyRole,
          sessionVersion: user.sessionVersion,
        };
      },
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
