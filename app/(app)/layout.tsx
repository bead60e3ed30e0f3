import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";

// The signed-in areas. The header with the person's links is in the root layout (it shows on
// every page); here only the first line of defence: nobody signed out gets in. Each page still
// checks the role it needs, because a layout does not re-run on every navigation.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return children;
}
