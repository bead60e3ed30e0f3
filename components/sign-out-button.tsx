import { cookies } from "next/headers";
import { csrfCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { env } from "@/lib/env";

/**
 * "Sign out": a plain form that posts to next-auth's sign-out with its CSRF token (the first part
 * of the CSRF cookie set when the person signed in), as next-auth's own sign-out page does.
 * next-auth clears the session cookie and sends the browser to the home page. It works before the
 * page's JavaScript has loaded, and needs none (next-auth/react would add 12 kB to every page).
 * Without the cookie (a browser that dropped it) the button opens next-auth's sign-out page,
 * which asks once more and then signs out.
 */
export async function SignOutButton({ className = "" }: { className?: string }) {
  const cookie = (await cookies()).get(csrfCookieName(usesSecureCookies(env().NEXTAUTH_URL)))?.value;
  const csrfToken = cookie?.split("|")[0];
  const buttonClass = `button-secondary min-h-10 cursor-pointer py-1 ${className}`;
  if (!csrfToken) {
    return (
      <form method="get" action="/api/auth/signout">
        <button type="submit" className={buttonClass}>
          Sign out
        </button>
      </form>
    );
  }
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/" />
      <button type="submit" className={buttonClass}>
        Sign out
      </button>
    </form>
  );
}
