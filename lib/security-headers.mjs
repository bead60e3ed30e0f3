// @ts-check
// The security headers of every response, in one place for both of their writers: next.config.js
// (every path, static files included, where the proxy does not run) and proxy.ts (pages and route
// handlers, with the Content-Security-Policy's per-request nonce). Plain JavaScript, because
// next.config.js loads it with Node itself, without TypeScript; see docs/decisions/006.

/** @typedef {{ key: string, value: string }} Header */

/** On every response, from next.config.js. */
/** @type {readonly Header[]} */
export const SECURITY_HEADERS = Object.freeze([
  // Other sites learn only our origin, never a path (an invitation or password-reset link holds a token).
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers without CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
]);

/** Two years, this host and any below it; sent only on responses served over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * The policy of static files (scripts, styles, the icon), which the proxy never sees. They are not
 * documents, so almost nothing applies; if one is opened on its own it can load nothing and not be
 * framed.
 */
export const STATIC_FILE_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The static files the proxy skips (its matcher in proxy.ts says the same, as a literal that Next
 * reads at build time; lib/security-headers.test.ts checks they agree), as next.config.js sources.
 */
export const STATIC_FILE_SOURCES = Object.freeze(["/_next/static/:path*", "/_next/image", "/favicon.ico", "/icon.svg"]);

/** A fresh, unguessable nonce (128 random bits, base64) for one response. */
export function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page or route handler. Scripts run only with this response's
 * nonce, which Next puts on its own scripts, and what they load ('strict-dynamic'): no inline script
 * without the nonce, no 'unsafe-inline' for scripts. 'unsafe-eval' only in development, where React
 * rebuilds server errors' stacks with eval. Styles allow 'unsafe-inline': React writes `style`
 * attributes (bar widths) and a hoisted <style> (print layout), which a nonce cannot cover.
 *
 * @param {{ nonce: string, development?: boolean, https?: boolean }} options
 */
export function contentSecurityPolicy({ nonce, development = false, https = false }) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // data: and blob: for the CONSORT diagram drawn into a canvas and saved as a PNG.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    // Only over https: on http://localhost it would send the page's own requests to https.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Whether this response goes out over https: the app's address is https (NEXTAUTH_URL), or the
 * request came over https, directly or through a proxy that says so in X-Forwarded-Proto.
 *
 * @param {{ appUrl?: string, protocol?: string, forwardedProto?: string | null }} request
 */
export function servedOverHttps({ appUrl, protocol, forwardedProto }) {
  if (appUrl?.startsWith("https://")) return true;
  if (protocol === "https:") return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * next.config.js `headers()`: the common headers on every path; HSTS on every path a proxy in front
 * marks as https (the proxy adds it to pages itself, from NEXTAUTH_URL too); and the static files'
 * own policy, as the proxy gives pages theirs.
 */
export function nextConfigHeaders() {
  return [
    { source: "/:path*", headers: [...SECURITY_HEADERS] },
    {
      source: "/:path*",
      has: [{ type: /** @type {const} */ ("header"), key: "x-forwarded-proto", value: "https" }],
      headers: [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }],
    },
    ...STATIC_FILE_SOURCES.map((source) => ({
      source,
      headers: [{ key: "Content-Security-Policy", value: STATIC_FILE_CSP }],
    })),
  ];
}
