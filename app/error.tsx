"use client";

// A bug reached the page. The details are in the server's log (the digest links the two); the
// person only needs to know what to do next.
import Link from "next/link";
import { useEffect, useRef } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    console.error(error);
    heading.current?.focus();
  }, [error]);

  return (
    <div className="max-w-2xl space-y-4">
      <title>Something went wrong · Connecting People pilot</title>
      <h1 ref={heading} tabIndex={-1} className="text-3xl font-bold">
        Sorry, something went wrong
      </h1>
      <p>The page could not be shown. Nothing you did caused this, and the study team can see that it happened.</p>
      <p>You can try again now, or go back to the home page.</p>
      {error.digest ? <p className="text-muted text-sm">Reference: {error.digest}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={reset} className="button-primary cursor-pointer">
          Try again
        </button>
        <Link href="/" className="button-secondary">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
