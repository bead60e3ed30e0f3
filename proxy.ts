// Next 16's request proxy (formerly middleware), in front of every page and route handler (static
// files excepted: next.config.js gives them their headers). It does three things:
// - gives each response its Content-Security-Policy with a fresh nonce (Next reads the nonce from
//   the request's copy of the header and puts it on its own scripts) and, over https, HSTS;
// - records that the signed-in person is active: when the last-seen time in their session cookie is
//   a few minutes old, it rewrites the cookie with the time now (lib/auth/session-lifetime.ts);
// - sends visitors of the signed-in areas who are signed out, or whose session has ended, to the
//   sign-in page, so they come back where they were going.
// It is a convenience, not a security check: every page, route and action checks the person itself
// (lib/auth/session.ts), and an ended session is refused there whether or not the proxy ran.
import { NextResponse, type NextRequest } from "next/server";
import { encode, getToken, type JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { cookieFlags, sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { remainingLifetimeSeconds, seenAt, sessionState, type SessionState } from "@/lib/auth/session-lifetime";
import { decodeSessionToken } from "@/lib/auth/token-cache";
import {
  contentSecurityPolicy,
  newNonce,
  servedOverHttps,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/security-headers.mjs";

/** The areas a signed-out visitor is sent to sign in for. */
const SIGNED_IN_AREAS = ["/researcher", "/agency", "/profile"];

const inSignedInArea = (pathname: string) =>
  SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));

/** next-auth's own routes write the session cookie themselves (sign-in, sign-out): the proxy leaves it alone there. */
const isAuthRoute = (pathname: string) => pathname === "/api/auth" || pathname.startsWith("/api/auth/");

export async function proxy(request: NextRequest) {
  const { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: appUrl } = env();
  const now = new Date();
  const { pathname } = request.nextUrl;
  const https = servedOverHttps({
    appUrl,
    protocol: request.nextUrl.protocol,
    forwardedProto: request.headers.get("x-forwarded-proto"),
  });

  const secureCookie = usesSecureCookies(appUrl);
  const cookieName = sessionCookieName(secureCookie);
  const token = await sessionTokenOf(request, cookieName, secureCookie, secret);
  const session: SessionState | null = token ? sessionState(token, now) : null;

  if (inSignedInArea(pathname) && session?.status !== "active") {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
    const response = NextResponse.redirect(signIn);
    if (session) clearCookie(response, cookieName, secureCookie);
    return withSecurityHeaders(response, newNonce(), https);
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  if (isAuthRoute(pathname)) {
    // Left to next-auth: clearing an ended session's cookie here could land after the new one that
    // signing in sets on the same response, and sign the person straight out again.
  } else if (session?.status === "ended") {
    clearCookie(response, cookieName, secureCookie);
  } else if (token && session?.status === "active" && session.refreshDue) {
    // Set on the response, and (through Next) seen by this request's own render: a server action
    // that rewrites the cookie itself (a password change) writes after this, and wins.
    const { exp: _exp, iat: _iat, jti: _jti, ...rest } = token;
    const claims = { ...rest, ...seenAt(session.times, now) };
    const maxAge = remainingLifetimeSeconds(claims, now);
    response.cookies.set(cookieName, await encode({ token: claims, secret, maxAge }), {
      ...cookieFlags(secureCookie),
      expires: new Date(session.endsAt * 1000),
    });
  }
  return withSecurityHeaders(response, nonce, https, csp);
}

/**
 * The request's session token, decoded once per cookie value (lib/auth/token-cache.ts), or null.
 * next-auth splits a cookie of more than 4 kB into name.0, name.1, …; ours is far smaller, but such
 * a cookie is read with next-auth's own getToken.
 */
async function sessionTokenOf(
  request: NextRequest,
  cookieName: string,
  secureCookie: boolean,
  secret: string,
): Promise<Readonly<JWT> | null> {
  const value = request.cookies.get(cookieName)?.value;
  if (value) return decodeSessionToken(value, secret);
  if (!request.cookies.has(`${cookieName}.0`)) return null;
  return getToken({ req: request, secret, cookieName, secureCookie });
}

/** With the same flags it was set with: a browser ignores a __Secure- cookie's deletion without Secure. */
function clearCookie(response: NextResponse, name: string, secure: boolean) {
  response.cookies.set(name, "", { ...cookieFlags(secure), maxAge: 0 });
}

function withSecurityHeaders(response: NextResponse, nonce: string, https: boolean, csp?: string) {
  response.headers.set(
    "Content-Security-Policy",
    csp ?? contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https }),
  );
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Everything but static files (lib/security-headers.mjs STATIC_FILE_SOURCES lists the same) and
  // /api/health, which load balancers and `npm run bench` ask as often as they like and which must
  // cost nothing (next.config.js still gives it the common headers). Prefetches included: a
  // signed-out prefetch of a signed-in page is redirected, as before.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/health$).*)"],
};
