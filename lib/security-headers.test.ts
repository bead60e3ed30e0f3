// The security headers' builder: the policy's directives, when HSTS applies, and that the proxy's
// matcher and next.config.js agree on which paths are static files.
import { describe, expect, it } from "vitest";
import { config as proxyConfig } from "@/proxy";
import {
  contentSecurityPolicy,
  newNonce,
  nextConfigHeaders,
  SECURITY_HEADERS,
  servedOverHttps,
  STATIC_FILE_CSP,
  STATIC_FILE_SOURCES,
  STRICT_TRANSPORT_SECURITY,
} from "./security-headers.mjs";

/** "a b; c d" → { a: ["b"], c: ["d"] } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("the Content-Security-Policy of pages", () => {
  const nonce = newNonce();
  const policy = directives(contentSecurityPolicy({ nonce }));

  it("lets scripts run only with this response's nonce, and what they load", () => {
    expect(policy["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
    expect(policy["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("allows eval only in development, where React needs it", () => {
    expect(directives(contentSecurityPolicy({ nonce, development: true }))["script-src"]).toContain("'unsafe-eval'");
  });

  it("keeps everything else to the app itself, and refuses plugins, other sites' frames and forms", () => {
    expect(policy).toEqual({
      "default-src": ["'self'"],
      "script-src": expect.any(Array),
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "form-action": ["'self'"],
      "base-uri": ["'self'"],
      "object-src": ["'none'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("upgrades the page's requests to https only when served over https", () => {
    expect(directives(contentSecurityPolicy({ nonce, https: true }))).toHaveProperty("upgrade-insecure-requests");
  });
});

describe("a nonce", () => {
  it("is new every time, 128 bits, in the form Next reads from the header", () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      // Next's CSP_NONCE_SOURCE_REGEX (get-script-nonce-from-header.js).
      expect(nonce).toMatch(/^[A-Za-z0-9+/_-]+={0,2}$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("https", () => {
  it.each([
    [{ appUrl: "https://pilot.example.org" }, true],
    [{ appUrl: "http://localhost:3000", protocol: "https:" }, true],
    [{ appUrl: "http://localhost:3000", forwardedProto: "https" }, true],
    [{ appUrl: "http://localhost:3000", forwardedProto: "HTTPS, http" }, true],
    [{ appUrl: "http://localhost:3000", protocol: "http:", forwardedProto: "http" }, false],
    [{ appUrl: undefined, protocol: "http:", forwardedProto: null }, false],
  ])("is how %o is served: %s", (request, https) => {
    expect(servedOverHttps(request)).toBe(https);
  });
});

describe("next.config.js headers()", () => {
  const rules = nextConfigHeaders();

  it("gives every path the common headers", () => {
    expect(rules).toContainEqual({ source: "/:path*", headers: [...SECURITY_HEADERS] });
    expect(Object.fromEntries(SECURITY_HEADERS.map(({ key, value }) => [key, value]))).toEqual({
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": expect.stringMatching(/camera=\(\).*microphone=\(\).*geolocation=\(\)/),
    });
  });

  it("adds HSTS only where a proxy in front says the request came over https", () => {
    const hsts = rules.filter((rule) => rule.headers.some(({ key }) => key === "Strict-Transport-Security"));
    expect(hsts).toEqual([
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }],
      },
    ]);
  });

  it("gives the static files, which the proxy skips, a policy of their own", () => {
    for (const source of STATIC_FILE_SOURCES) {
      expect(rules).toContainEqual({ source, headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_CSP }] });
    }
    expect(directives(STATIC_FILE_CSP)["frame-ancestors"]).toEqual(["'none'"]);
  });
});

describe("the proxy's matcher", () => {
  const [matcher] = proxyConfig.matcher;
  const runsOn = (path: string) => new RegExp(`^${matcher}$`).test(path);

  it("skips exactly the static files that next.config.js gives their own policy", () => {
    const staticExamples = ["/_next/static/chunks/0a1b2c.js", "/_next/image", "/favicon.ico", "/icon.svg"];
    expect(staticExamples.map(runsOn)).toEqual([false, false, false, false]);
    // Each example is one of next.config.js's sources.
    expect(STATIC_FILE_SOURCES.map((source) => source.replace("/:path*", "/chunks/0a1b2c.js"))).toEqual(staticExamples);
  });

  it("skips /api/health, which must cost nothing, and only that route", () => {
    expect(runsOn("/api/health")).toBe(false);
    expect(runsOn("/api/health/more")).toBe(true);
    expect(runsOn("/api/healthy")).toBe(true);
  });

  it("runs on pages, route handlers and next-auth's routes", () => {
    for (const path of [
      "/",
      "/signin",
      "/researcher",
      "/researcher/export/participants",
      "/agency/training/calendar",
      "/profile",
      "/api/auth/csrf",
      "/after-signin",
      "/no-such-page",
    ]) {
      expect(runsOn(path), path).toBe(true);
    }
  });
});
