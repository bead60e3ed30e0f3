// The session limits wired in: a session cookie made with an old sign-in time or an old last-seen
// time is refused by getCurrentUser (so by every page, route handler and server action) and sent to
// the sign-in page by the proxy; a live one is kept, its last-seen time recorded by the proxy, and
// never given life past 12 hours after sign-in, however next-auth re-encodes it. Also the https
// branch of the cookies and headers, which a browser test over http cannot reach.
import { randomUUID } from "node:crypto";
import { encode, decode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { sessionCookieName } from "./cookies";
import { SESSION_IDLE_SECONDS, SESSION_MAX_AGE_SECONDS } from "./session-lifetime";

/** The browser's cookies as next/headers shows them to the server, and what the server sets. */
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), set: new Map<string, unknown>() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    has: (name: string) => jar.cookies.has(name),
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name)! } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string, options: unknown) => {
      jar.cookies.set(name, value);
      jar.set.set(name, { value, options });
    },
  }),
}));
// Outside a request, next-auth's getServerSession(authOptions) cannot read next/headers (it
// require()s it, out of vitest's reach): hand it this jar as the request, through its other
// signature, which runs the same session route (decode, jwt and session callbacks).
vi.mock("next-auth", async (importOriginal) => {
  const original = await importOriginal<typeof import("next-auth")>();
  return {
    ...original,
    getServerSession: (options: import("next-auth").AuthOptions) =>
      original.getServerSession(
        { headers: {}, cookies: Object.fromEntries(jar.cookies) } as never,
        { getHeader: () => undefined, setHeader: () => {}, setCookie: () => {} } as never,
        options,
      ),
  };
});

const { getCurrentUser } = await import("./session");
const { authOptions, keepCurrentSession } = await import("./options");
const { proxy } = await import("@/proxy");

const db = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());
afterEach(() => {
  jar.cookies.clear();
  jar.set.clear();
});

const secret = process.env.NEXTAUTH_SECRET!;
const COOKIE = sessionCookieName(false);
const MINUTE = 60;
const HOUR = 60 * MINUTE;
const nowSeconds = () => Math.floor(Date.now() / 1000);

let user: { id: string; sessionVersion: number };
beforeAll(async () => {
  user = await db.user.create({
    data: {
      email: `lifetime.${randomUUID().slice(0, 8)}@example.org`,
      name: "Lee Lifetime",
      role: "RESEARCHER",
      passwordHash: "not-used-here",
    },
  });
});

/** A session token as next-auth writes one, signed in `signedInAgo` seconds ago and last seen `lastSeenAgo` ago. */
async function sessionToken({
  signedInAgo = 0,
  lastSeenAgo = signedInAgo,
  times = true,
}: { signedInAgo?: number; lastSeenAgo?: number; times?: boolean } = {}) {
  const token: JWT = {
    id: user.id,
    role: "RESEARCHER",
    agencyId: null,
    agencyRole: null,
    sessionVersion: user.sessionVersion,
    ...(times ? { signedInAt: nowSeconds() - signedInAgo, lastSeenAt: nowSeconds() - lastSeenAgo } : {}),
  };
  // A JWT that next-auth itself still accepts for a whole day: only the app's own limits refuse it.
  return encode({ token, secret, maxAge: 24 * HOUR });
}

async function currentUserWith(cookie: string) {
  jar.cookies.set(COOKIE, cookie);
  return getCurrentUser();
}

describe("getCurrentUser", () => {
  it("is the person for a session signed in and used within the limits", async () => {
    expect(await currentUserWith(await sessionToken())).toMatchObject({ id: user.id });
    expect(
      await currentUserWith(await sessionToken({ signedInAgo: 11 * HOUR, lastSeenAgo: 100 * MINUTE })),
    ).toMatchObject({ id: user.id });
  });

  it("is nobody 12 hours after signing in, however recently the person was active", async () => {
    expect(
      await currentUserWith(await sessionToken({ signedInAgo: SESSION_MAX_AGE_SECONDS, lastSeenAgo: 60 })),
    ).toBeNull();
  });

  it("is nobody after 2 hours without a request", async () => {
    expect(
      await currentUserWith(await sessionToken({ signedInAgo: 3 * HOUR, lastSeenAgo: SESSION_IDLE_SECONDS })),
    ).toBeNull();
  });

  it("is nobody for a token without the times (made before the limits existed)", async () => {
    expect(await currentUserWith(await sessionToken({ times: false }))).toBeNull();
  });
});

describe("next-auth's re-encoding of a session (its rolling expiry)", () => {
  it("never gives the token life past 12 hours after sign-in", async () => {
    const cookie = await sessionToken({ signedInAgo: 11 * HOUR + 30 * MINUTE, lastSeenAgo: 60 });
    const encoded = await authOptions.jwt!.encode!({ token: (await decode({ token: cookie, secret }))!, secret });
    const token = await decode({ token: encoded, secret });
    const end = (token!.signedInAt as number) + SESSION_MAX_AGE_SECONDS;
    expect(token!.exp).toBeLessThanOrEqual(end);
    expect(token!.exp).toBeGreaterThan(end - 60);
  });
});

describe("reading the session (getCurrentUser, on every page)", () => {
  it("does not encrypt the token again when nothing changed it: next-auth gets back the same cookie", async () => {
    const cookie = await sessionToken({ signedInAgo: HOUR, lastSeenAgo: MINUTE });
    const token = (await authOptions.jwt!.decode!({ token: cookie, secret }))!;
    expect(token).toMatchObject({ id: user.id });
    expect(await authOptions.jwt!.decode!({ token: cookie, secret })).toBe(token);
    expect(await authOptions.jwt!.encode!({ token, secret })).toBe(cookie);
    // A changed token is encrypted anew, still within the 12 hours.
    const changed = await authOptions.jwt!.encode!({ token: { ...token, sessionVersion: 99 }, secret });
    expect(changed).not.toBe(cookie);
    expect(await decode({ token: changed, secret })).toMatchObject({ sessionVersion: 99 });
  });
});

describe("keepCurrentSession (a password change on the profile page)", () => {
  it("keeps the sign-in time, so the 12 hours still count from signing in", async () => {
    jar.cookies.set(COOKIE, await sessionToken({ signedInAgo: 5 * HOUR, lastSeenAgo: 10 * MINUTE }));
    expect(await keepCurrentSession(user.id, user.sessionVersion + 1)).toBe(true);
    const token = await decode({ token: jar.cookies.get(COOKIE)!, secret });
    expect(token).toMatchObject({ sessionVersion: user.sessionVersion + 1 });
    expect(token!.signedInAt).toBeLessThanOrEqual(nowSeconds() - 5 * HOUR);
    expect(token!.lastSeenAt).toBeGreaterThanOrEqual(nowSeconds() - 5);
    expect(jar.set.get(COOKIE)).toMatchObject({ options: { httpOnly: true, sameSite: "lax", secure: false } });
  });

  it("does not bring back a session that has ended", async () => {
    jar.cookies.set(COOKIE, await sessionToken({ signedInAgo: 3 * HOUR, lastSeenAgo: 2 * HOUR + MINUTE }));
    expect(await keepCurrentSession(user.id, user.sessionVersion + 1)).toBe(false);
    expect(jar.set.size).toBe(0);
  });
});

function request(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return new NextRequest(`http://localhost:3000${path}`, {
    headers: { ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}), ...headers },
  });
}

/** The session cookie a response sets, decoded; undefined when it sets none, null when it clears it. */
async function sessionCookieSet(response: Response, name = COOKIE) {
  const line = response.headers.getSetCookie().find((each) => each.startsWith(`${name}=`));
  if (!line) return undefined;
  const value = line.slice(name.length + 1).split(";")[0]!;
  return value ? decode({ token: value, secret }) : null;
}

describe("the proxy", () => {
  it("sends an ended session from a signed-in area to the sign-in page, and clears its cookie", async () => {
    for (const cookie of [
      await sessionToken({ signedInAgo: SESSION_MAX_AGE_SECONDS + 1, lastSeenAgo: 60 }),
      await sessionToken({ signedInAgo: 3 * HOUR, lastSeenAgo: SESSION_IDLE_SECONDS + 1 }),
    ]) {
      const response = await proxy(request("/researcher/participants?status=CONSENTED", cookie));
      expect(response.status).toBe(307);
      const location = new URL(response.headers.get("location")!);
      expect(location.pathname).toBe("/signin");
      expect(location.searchParams.get("callbackUrl")).toBe("/researcher/participants?status=CONSENTED");
      expect(await sessionCookieSet(response)).toBeNull();
    }
  });

  it("lets a live session through, recording the request once the last one recorded is 5 minutes old", async () => {
    const fresh = await proxy(request("/researcher", await sessionToken({ signedInAgo: HOUR, lastSeenAgo: MINUTE })));
    expect(fresh.headers.get("x-middleware-next")).toBe("1");
    expect(await sessionCookieSet(fresh)).toBeUndefined();

    const stale = await proxy(
      request("/researcher", await sessionToken({ signedInAgo: 2 * HOUR, lastSeenAgo: 90 * MINUTE })),
    );
    expect(stale.headers.get("x-middleware-next")).toBe("1");
    const token = await sessionCookieSet(stale);
    expect(token).toMatchObject({ id: user.id, sessionVersion: user.sessionVersion });
    expect(token!.lastSeenAt).toBeGreaterThanOrEqual(nowSeconds() - 5);
    expect(token!.signedInAt).toBeLessThanOrEqual(nowSeconds() - 2 * HOUR);
    expect(token!.exp).toBeLessThanOrEqual((token!.signedInAt as number) + SESSION_MAX_AGE_SECONDS);
    const line = stale.headers.getSetCookie().find((each) => each.startsWith(`${COOKIE}=`))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).not.toMatch(/Secure/i);
  });

  it("clears an ended session's cookie on a public page, but leaves next-auth's own routes to next-auth", async () => {
    const ended = await sessionToken({ signedInAgo: 3 * HOUR, lastSeenAgo: SESSION_IDLE_SECONDS + 1 });
    const home = await proxy(request("/", ended));
    expect(home.headers.get("x-middleware-next")).toBe("1");
    expect(await sessionCookieSet(home)).toBeNull();
    // Signing in again answers with the new cookie: a deletion from the proxy could follow it.
    const signingIn = await proxy(request("/api/auth/callback/credentials", ended));
    expect(signingIn.headers.get("x-middleware-next")).toBe("1");
    expect(await sessionCookieSet(signingIn)).toBeUndefined();
    const stale = await sessionToken({ signedInAgo: 2 * HOUR, lastSeenAgo: 90 * MINUTE });
    expect(await sessionCookieSet(await proxy(request("/api/auth/session", stale)))).toBeUndefined();
  });

  it("leaves a signed-out visitor of a public page alone, and redirects one of a signed-in area", async () => {
    const home = await proxy(request("/"));
    expect(home.headers.get("x-middleware-next")).toBe("1");
    expect(home.headers.getSetCookie()).toEqual([]);
    const agency = await proxy(request("/agency/staff"));
    expect(new URL(agency.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/agency/staff");
  });

  it("gives each response a policy with a new nonce, and hands the same policy to the render", async () => {
    const first = await proxy(request("/signin"));
    const second = await proxy(request("/signin"));
    const nonceOf = (response: Response) =>
      /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    // Next reads the nonce from the request's copy of the header.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(
      first.headers.get("content-security-policy"),
    );
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS when a proxy in front says the request came over https", async () => {
    const response = await proxy(request("/signin", undefined, { "x-forwarded-proto": "https" }));
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("served over https (NEXTAUTH_URL https://…)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("uses Secure cookies with the __Secure-/__Host- prefixes, and HSTS on every page", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://pilot.example.org");
    vi.resetModules();
    const options = (await import("./options")).authOptions;
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(options.cookies?.csrfToken?.name).toBe("__Host-next-auth.csrf-token");

    const httpsProxy = (await import("@/proxy")).proxy;
    const secureName = sessionCookieName(true);
    const cookie = await sessionToken({ signedInAgo: HOUR, lastSeenAgo: 30 * MINUTE });
    const response = await httpsProxy(
      new NextRequest("https://pilot.example.org/researcher", { headers: { cookie: `${secureName}=${cookie}` } }),
    );
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=/);
    const line = response.headers.getSetCookie().find((each) => each.startsWith(`${secureName}=`));
    expect(line).toMatch(/; Secure/i);
    expect(await sessionCookieSet(response, secureName)).toMatchObject({ id: user.id });
  });
});
