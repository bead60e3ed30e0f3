import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader, STUDY_NAME } from "@/components/site-header";
import { getCurrentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: `%s · ${STUDY_NAME}`, default: STUDY_NAME },
  description:
    "The Connecting People pilot: expressions of interest, selection, training, recruitment and follow-up for 12 agencies in England.",
};

// Every page shows who is signed in, so none can be rendered ahead of a request.
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0e5c56",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();

  return (
    <html lang="en-GB">
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only z-50 bg-white px-4 py-3 font-semibold focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to main content
        </a>
        <SiteHeader user={user} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-line bg-brand-50 border-t">
          <p className="text-muted mx-auto max-w-5xl px-4 py-6 text-sm">
            {STUDY_NAME}: a research study of the Connecting People intervention in health and social care teams in
            England.
          </p>
        </footer>
      </body>
    </html>
  );
}
