// Where the sign-in form goes once next-auth has set the session: on to the person's own area,
// or to the page they were trying to reach when that page is in their area.
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { afterSignInPath } from "@/lib/auth/user";

export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  redirect(afterSignInPath(user.role, request.nextUrl.searchParams.get("callbackUrl")));
}
