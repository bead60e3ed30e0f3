// next-auth's cookies, written out rather than left to its defaults: the names and flags are part
// of what the app promises (HttpOnly, SameSite=Lax, Secure with the __Secure-/__Host- prefixes when
// served over https), and the proxy and the profile page must find the session cookie under the
// same name next-auth gives it. Pure: the proxy loads it too.
import type { CookieOption, CookiesOptions } from "next-auth";

/**
 * Whether the cookies are Secure: when the address people use (NEXTAUTH_URL) is https, as
 * next-auth decides by default. Over plain http (a laptop, the tests) a Secure cookie would never
 * be sent back, so nobody could stay signed in.
 */
export function usesSecureCookies(appUrl: string | undefined): boolean {
  return appUrl?.startsWith("https://") ?? false;
}

/** The session cookie's name: `__Secure-next-auth.session-token` over https. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/** The CSRF cookie's name: `__Host-next-auth.csrf-token` over https (this host only, path /). */
export function csrfCookieName(secure: boolean): string {
  return `${secure ? "__Host-" : ""}next-auth.csrf-token`;
}

/**
 * The flags every cookie of ours has: never readable by the page's scripts, sent on top-level
 * navigations from other sites (a link in an email) but not on their forms or fetches.
 */
export function cookieFlags(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
}

const cookie = (name: string, secure: boolean): CookieOption => ({ name, options: cookieFlags(secure) });

/**
 * next-auth's `cookies` option for the cookies the credentials sign-in uses (its OAuth-only
 * cookies keep next-auth's defaults, which follow `useSecureCookies` the same way).
 */
export function authCookies(secure: boolean): Partial<CookiesOptions> {
  return {
    sessionToken: cookie(sessionCookieName(secure), secure),
    callbackUrl: cookie(`${secure ? "__Secure-" : ""}next-auth.callback-url`, secure),
    csrfToken: cookie(csrfCookieName(secure), secure),
  };
}
