// Security headers and session cookies as a browser gets them (docs/decisions/006): every response
// has them (a public page, a signed-in page, a route handler, a redirect, a static file); each page
// has a policy with a new nonce, and every script on it carries that nonce; the app cannot be put
// in another site's frame; next-auth's cookies are HttpOnly and SameSite=Lax (Secure is for https:
// see lib/auth/session-lifetime.int.test.ts). And the pages still work under the policy: every main
// page of every role loads, hydrates and runs without one "Refused to …" in the console, forms
// reach their server actions, links navigate on the client and the CONSORT PNG downloads.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIResponse, BrowserContext, Page, Response } from "@playwright/test";
import { createAgencyStaff, createUser, db, expect, signIn, test, unique } from "./fixtures";

/** A response's headers, names in lower case. */
type Headers = Record<string, string>;
const headersOf = async (response: Response | APIResponse | null): Promise<Headers> => {
  expect(response, "a response").not.toBeNull();
  return "allHeaders" in response! ? response.allHeaders() : response!.headers();
};

function directives(policy: string | undefined): Record<string, string[]> {
  expect(policy, "a Content-Security-Policy header").toBeTruthy();
  return Object.fromEntries(
    policy!
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/** The headers every response has, here over plain http (so no HSTS). */
function expectCommonHeaders(headers: Headers) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
  expect(headers["permissions-policy"]).toMatch(/microphone=\(\)/);
  expect(headers["permissions-policy"]).toMatch(/geolocation=\(\)/);
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** Checks a page's or route handler's policy and returns its nonce. */
function expectPagePolicy(headers: Headers): string {
  expectCommonHeaders(headers);
  const policy = directives(headers["content-security-policy"]);
  const scripts = policy["script-src"] ?? [];
  const nonce = scripts.map((source) => /^'nonce-(.+)'$/.exec(source)?.[1]).find(Boolean);
  expect(nonce, "a nonce in script-src").toBeTruthy();
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(policy["default-src"]).toEqual(["'self'"]);
  expect(policy["object-src"]).toEqual(["'none'"]);
  expect(policy["base-uri"]).toEqual(["'self'"]);
  expect(policy["form-action"]).toEqual(["'self'"]);
  expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  return nonce!;
}

/** Every <script> in the page's HTML carries the response's nonce (inline ones and files alike). */
function expectEveryScriptHasTheNonce(html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.filter((tag) => !/\bsrc=/.test(tag)).length, "inline scripts in the page").toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
}

async function expectPageHeaders(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  const nonce = expectPagePolicy(await headersOf(response));
  expectEveryScriptHasTheNonce(await response!.text(), nonce);
  return response!;
}

test("a public page has the security headers, and every script on it the response's nonce", async ({ page }) => {
  await expectPageHeaders(page, "/");
  await expectPageHeaders(page, "/signin");
});

test("each response has a nonce of its own", async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 3; i++) {
    const response = await request.get("/signin");
    nonces.push(expectPagePolicy(await headersOf(response)));
  }
  expect(new Set(nonces).size).toBe(3);
});

test("a signed-in page, a route handler and the sign-in redirect have the security headers", async ({
  page,
  request,
}) => {
  const researcher = await createUser();
  await signIn(page, researcher.email);
  await expectPageHeaders(page, "/researcher");
  await expectPageHeaders(page, "/researcher/participants");

  const download = await page.request.get("/researcher/export/agencies/dictionary");
  expect(download.status()).toBe(200);
  expectPagePolicy(await headersOf(download));

  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  expectPagePolicy(await headersOf(csrf));

  const redirect = await request.get("/researcher/training", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers().location).toMatch(/\/signin\?callbackUrl=%2Fresearcher%2Ftraining$/);
  expectPagePolicy(await headersOf(redirect));
});

test("/api/health, which the proxy skips so that it costs nothing, still has the common headers", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
  const headers = response.headers();
  expectCommonHeaders(headers);
  // No page policy: the proxy, which writes it, did not run.
  expect(headers["content-security-policy"]).toBeUndefined();
});

test("static files have the common headers and a policy of their own", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script, "a script file in the page").toBeTruthy();
  for (const path of [script!, "/icon.svg"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expectCommonHeaders(headers);
    const policy = directives(headers["content-security-policy"]);
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  }
});

test("behind a proxy that says https, pages and static files have HSTS, once", async ({ request }) => {
  const https = { "x-forwarded-proto": "https" };
  const page = await request.get("/signin", { headers: https });
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())?.[1];
  for (const response of [page, await request.get(script!, { headers: https })]) {
    expect(response.status()).toBe(200);
    expect(response.headersArray().filter(({ name }) => name.toLowerCase() === "strict-transport-security")).toEqual([
      { name: expect.any(String), value: "max-age=63072000; includeSubDomains" },
    ]);
  }
  expect(directives(page.headers()["content-security-policy"])).toHaveProperty("upgrade-insecure-requests");
});

test("another site cannot show the app in a frame", async ({ page, baseURL }) => {
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/frame|X-Frame-Options|frame-ancestors/i.test(message.text())) refusals.push(message.text());
  });
  // A page of another origin that frames the sign-in page, from a server of the test's own on this
  // machine (Chromium blocks a frame of localhost from a page that does not come from a local
  // address, before the app's headers are even read).
  const app = new URL(baseURL!);
  const embedder = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(
      `<!doctype html><title>Embedder</title><iframe title="The app" src="${app.origin}/signin" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => embedder.listen(0, "127.0.0.1", resolve));
  const { port } = embedder.address() as AddressInfo;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect.poll(() => refusals.length, { message: "the browser's refusal to frame the app" }).toBeGreaterThan(0);
    expect(refusals.join("\n")).toMatch(/frame-ancestors|X-Frame-Options/);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  } finally {
    embedder.close();
  }
});

test("next-auth's cookies are HttpOnly and SameSite=Lax, and the session lasts at most 12 hours", async ({
  page,
  context,
}) => {
  const researcher = await createUser();
  await signIn(page, researcher.email);
  const cookies = (await context.cookies()).filter((cookie) => cookie.name.includes("next-auth"));
  const names = cookies.map((cookie) => cookie.name);
  expect(names).toContain("next-auth.session-token");
  expect(names).toContain("next-auth.csrf-token");
  for (const cookie of cookies) {
    expect(cookie, cookie.name).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  }
  const session = cookies.find((cookie) => cookie.name === "next-auth.session-token")!;
  expect(session.expires).toBeLessThanOrEqual(Date.now() / 1000 + 12 * 3600 + 60);
  expect(session.expires).toBeGreaterThan(Date.now() / 1000 + 11 * 3600);
  // The page's own scripts cannot read them.
  expect(await page.evaluate(() => document.cookie)).not.toContain("next-auth");
});

// ---------------------------------------------------------------------------------------------
// Every main page under the policy

/**
 * Records every Content-Security-Policy complaint the browser makes on the context's pages, and
 * every other error in their consoles or uncaught in their scripts (a script the policy stopped
 * often shows only as the error of the script that needed it).
 */
function watchForRefusals(context: BrowserContext) {
  const refusals: string[] = [];
  context.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text) || message.type() === "error") {
      refusals.push(`${message.page()?.url()}: ${text}`);
    }
  });
  context.on("weberror", (error) => refusals.push(`${error.page()?.url()}: uncaught ${error.error().message}`));
  return refusals;
}

/** Opens a page, waits until React has hydrated it (the header's menu marks itself enhanced only then). */
async function openSignedIn(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator('header details[data-enhanced="true"]')).toBeAttached();
}

test("public pages run under the policy: forms check on the client", async ({ browser }) => {
  const context = await browser.newContext();
  const refusals = watchForRefusals(context);
  const page = await context.newPage();
  for (const path of ["/", "/register", "/forgot-password", "/signin"]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
  }
  // react-hook-form's check, in the browser: only there once the page has hydrated.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  expect(refusals).toEqual([]);
  await context.close();
});

test("a researcher's main pages run under the policy: actions, client navigation and the CONSORT PNG", async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext();
  const refusals = watchForRefusals(context);
  const page = await context.newPage();
  const researcher = await createUser();
  await signIn(page, researcher.email);
  for (const path of [
    "/researcher",
    "/researcher/agencies",
    "/researcher/selection",
    "/researcher/training",
    "/researcher/training/matrix",
    "/researcher/participants",
    "/researcher/participants/follow-up",
    "/researcher/team",
    "/researcher/outbox",
    "/researcher/audit",
    "/researcher/settings",
    "/researcher/participants/consort",
  ]) {
    await openSignedIn(page, path);
  }

  // The PNG is drawn from the page's SVG in a canvas, through blob: URLs.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PNG" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  expect(await download.failure()).toBeNull();

  // A form through its server action.
  await openSignedIn(page, "/profile");
  const name = `Researcher ${unique()}`;
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name has been changed.")).toBeVisible();
  await expect.poll(async () => (await db.user.findUnique({ where: { id: researcher.id } }))?.name).toBe(name);

  // A link followed on the client: the page's own JavaScript survives it.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("banner").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/researcher$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  expect(refusals).toEqual([]);
  await context.close();
});

for (const agencyRole of ["LEAD", "SUPERVISOR", "WORKER"] as const) {
  test(`an agency ${agencyRole.toLowerCase()}'s main pages run under the policy`, async ({ browser }) => {
    test.slow();
    const context = await browser.newContext();
    const refusals = watchForRefusals(context);
    const page = await context.newPage();
    const { agency, user } = await createAgencyStaff(agencyRole, agencyRole === "LEAD" ? "DRAFT" : "RECRUITING");
    await db.expressionOfInterest.create({ data: { agencyId: agency.id } });
    await signIn(page, user.email);
    const paths =
      agencyRole === "LEAD"
        ? ["/agency", "/agency/questionnaire", "/agency/staff", "/agency/training", "/profile"]
        : ["/agency", "/agency/training", "/agency/participants", "/agency/participants/new", "/profile"];
    for (const path of paths) await openSignedIn(page, path);
    expect(refusals).toEqual([]);
    await context.close();
  });
}
