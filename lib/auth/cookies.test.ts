// next-auth's cookies as the app sets them: HttpOnly and SameSite=Lax always, Secure with the
// __Secure-/__Host- prefixes when served over https (which a browser test over http cannot see).
import { createRequire } from "node:module";
import { join } from "node:path";
import type { CookiesOptions } from "next-auth";
import { describe, expect, it } from "vitest";
import { authCookies, csrfCookieName, sessionCookieName, usesSecureCookies } from "./cookies";

// next-auth's own defaults, from the file its package does not export.
const { defaultCookies } = createRequire(import.meta.url)(
  join(process.cwd(), "node_modules/next-auth/core/lib/cookie.js"),
) as { defaultCookies: (secure: boolean) => CookiesOptions };

describe("secure cookies", () => {
  it("are used when the app's address is https, and only then", () => {
    expect(usesSecureCookies("https://pilot.example.org")).toBe(true);
    expect(usesSecureCookies("http://localhost:3000")).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
  });
});

describe.each([
  ["https", true, "__Secure-next-auth.session-token", "__Host-next-auth.csrf-token"],
  ["http", false, "next-auth.session-token", "next-auth.csrf-token"],
])("the cookies over %s", (_, secure, sessionName, csrfName) => {
  const cookies = authCookies(secure);

  it("have the expected names", () => {
    expect(cookies.sessionToken?.name).toBe(sessionName);
    expect(sessionCookieName(secure)).toBe(sessionName);
    expect(cookies.csrfToken?.name).toBe(csrfName);
    expect(csrfCookieName(secure)).toBe(csrfName);
  });

  it("are HttpOnly, SameSite=Lax, for the whole site, and Secure exactly over https", () => {
    for (const cookie of Object.values(cookies)) {
      expect(cookie?.options).toEqual({ httpOnly: true, sameSite: "lax", path: "/", secure });
    }
  });

  it("are what next-auth would choose itself, so that nothing else needs to know", () => {
    const defaults = defaultCookies(secure);
    expect(cookies).toEqual({
      sessionToken: defaults.sessionToken,
      callbackUrl: defaults.callbackUrl,
      csrfToken: defaults.csrfToken,
    });
  });
});
