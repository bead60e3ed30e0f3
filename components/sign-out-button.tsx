"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);

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
      aria-disabled={pending}
      className={`button-secondary min-h-10 cursor-pointer py-1 ${className}`}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
