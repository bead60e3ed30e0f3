"use client";

import { signOut } from "next-auth/react";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  // Until the page is interactive a press would do nothing; say so instead of swallowing it.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true, // in the browser, once hydrated
    () => false, // in the server's HTML
  );

  async function handleClick() {
    if (pending) return;
    setPending(true);
    // next-auth posts the sign-out with its CSRF token, clears the cookie, then loads the home page.
    await signOut({ callbackUrl: "/" });
  }

  return (
    <button
      type="button"
      onClick={handleClick}
      disabled={!ready}
      aria-disabled={pending}
      className={`button-secondary min-h-10 cursor-pointer py-1 ${className}`}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
