// Signing in from the browser with next-auth's credentials provider, without next-auth/react: the
// same two requests its signIn("credentials", { redirect: false }) makes (the CSRF token, then the
// credentials with it), in a few lines instead of 12 kB of gzipped JavaScript on every page that
// signs people in. next-auth answers { url } (json: "true"); a refused sign-in carries ?error=.
export type SignInResult = { ok: true } | { ok: false; error: string };

/** "CredentialsSignin", a code of ours from authorize(), or "unavailable" when no answer came. */
export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  try {
    const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
    if (!csrf.ok) return { ok: false, error: "unavailable" };
    const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
    if (!csrfToken) return { ok: false, error: "unavailable" };
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: window.location.href, json: "true" }),
    });
    const { url } = (await response.json().catch(() => ({}))) as { url?: string };
    const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
    if (response.ok && url && !error) return { ok: true };
    return { ok: false, error: error ?? "unavailable" };
  } catch {
    return { ok: false, error: "unavailable" };
  }
}
