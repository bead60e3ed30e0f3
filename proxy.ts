// Next 16's request proxy (formerly middleware). It only sends signed-out visitors of the
// signed-in areas to the sign-in page, so they come back where they were going. It is a
// convenience, not a security check: every page and action checks the person itself
// (lib/auth/session.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/env";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: env().NEXTAUTH_SECRET });
  if (token) return NextResponse.next();

  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/researcher/:path*", "/agency/:path*", "/profile/:path*"],
};
