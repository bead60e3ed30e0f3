// The smallest answer the app can give: no database, no session, no page. Load balancers and
// uptime checks may ask it whether the server is up, and `npm run bench` measures it as the ceiling
// that the real pages are compared with. Public: the request proxy does not cover /api/health.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response("ok", {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
