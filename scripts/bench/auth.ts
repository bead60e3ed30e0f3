// Signing in through the app's real sign-in, as a browser does with next-auth's credentials flow:
// GET /api/auth/csrf (a token and its cookie), then POST /api/auth/callback/credentials with the
// token, the email and the password. The session cookie that comes back is sent with every request
// of the load test, and /api/auth/session confirms who it speaks for.

/** Cookies by name, from a response's Set-Cookie headers. */
export function cookiesFrom(response: Response, jar = new Map<string, string>()): Map<string, string> {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const equals = pair!.indexOf("=");
    if (equals > 0) jar.set(pair!.slice(0, equals).trim(), pair!.slice(equals + 1).trim());
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

export type Session = { cookie: string; user: { email: string; role: string; agencyRole?: string | null } };

export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}.`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  cookiesFrom(csrfResponse, jar);

  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/`, json: "true" }),
  });
  cookiesFrom(response, jar);
  const sessionCookie = [...jar.keys()].find((name) => /next-auth\.session-token/.test(name));
  if (!sessionCookie) {
    const where = response.headers.get("location") ?? (await response.text().catch(() => "")).slice(0, 200);
    throw new Error(`Signing in as ${email} gave no session cookie (${response.status} ${where}).`);
  }
  // Only the session cookie is needed from here on.
  const session = new Map([...jar].filter(([name]) => name.includes("session-token")));
  const cookie = cookieHeader(session);
  const check = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } });
  const body = (await check.json()) as { user?: Session["user"] };
  if (!body.user || body.user.email !== email) {
    throw new Error(`The session of ${email} does not hold them (${JSON.stringify(body).slice(0, 200)}).`);
  }
  return { cookie, user: body.user };
}

/**
 * Keeps a session's cookie current. The proxy rewrites the session cookie with a new last-seen time
 * every few minutes of activity; a browser takes the new cookie, but a load test would keep sending
 * the old one, and every request would then pay for rewriting it. Asking for /after-signin (a cheap
 * route the proxy covers; it leaves /api/health alone) takes the new cookie when one is due.
 */
export async function refreshSession(baseUrl: string, session: Session): Promise<void> {
  const response = await fetch(`${baseUrl}/after-signin`, { headers: { cookie: session.cookie }, redirect: "manual" });
  await response.text();
  const jar = cookiesFrom(response);
  const renewed = [...jar].filter(([name]) => name.includes("session-token"));
  if (renewed.length > 0 && renewed.every(([, value]) => value !== "")) session.cookie = cookieHeader(new Map(renewed));
}
