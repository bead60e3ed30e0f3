// Absolute links for emails, built from NEXTAUTH_URL (the address people use to reach the app).
import { env } from "@/lib/env";

export function appUrl(path: string): string {
  return new URL(path, env().NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).toString();
}
