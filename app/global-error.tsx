"use client";

// The last resort, when even the page's frame (header, layout) fails: it replaces the root layout,
// so it brings its own <html> and plain styles.
import Link from "next/link";
import { useEffect } from "react";
import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en-GB">
      <body>
        <title>Something went wrong · Connecting People pilot</title>
        <main id="main" className="mx-auto max-w-2xl space-y-4 px-4 py-8">
          <h1 className="text-3xl font-bold">Sorry, something went wrong</h1>
          <p>The Connecting People pilot site could not be shown. Please try again in a few minutes.</p>
          {error.digest ? <p className="text-muted text-sm">Reference: {error.digest}</p> : null}
          <p className="flex flex-wrap gap-3">
            <button type="button" onClick={reset} className="button-primary cursor-pointer">
              Try again
            </button>
            <Link href="/" className="button-secondary">
              Go to the home page
            </Link>
          </p>
        </main>
      </body>
    </html>
  );
}
