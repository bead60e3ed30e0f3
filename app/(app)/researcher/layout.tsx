import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/session";

// The researcher area. Anyone else gets "not found". The check runs in generateMetadata too, because
// Next resolves metadata apart from rendering: without it, a refused page's own title would still
// reach the browser. Each page checks the role again, since a layout is not re-run on every
// navigation.
export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return {};
}

export default async function ResearcherLayout({ children }: { children: ReactNode }) {
  await requireRole("RESEARCHER");
  return children;
}
