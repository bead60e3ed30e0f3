import Link from "next/link";
import { MobileMenu } from "@/components/mobile-menu";
import { NavLinks } from "@/components/nav-links";
import { navigationFor, SIGNED_OUT_NAVIGATION } from "@/components/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import { homePathFor, type CurrentUser } from "@/lib/auth/user";

export const STUDY_NAME = "Connecting People pilot";

function roleLabel(user: CurrentUser): string {
  return user.role === "RESEARCHER" ? "Researcher" : AGENCY_ROLE_LABELS[user.agencyRole];
}

function SignedInAs({ user }: { user: CurrentUser }) {
  return (
    <p className="text-muted text-sm">
      Signed in as <span className="text-ink font-semibold">{user.name}</span>
      <span className="sr-only">, </span>
      <span className="block">{roleLabel(user)}</span>
    </p>
  );
}

/** The header of every page: the study's name, then the signed-in person's links, or "Sign in". */
export function SiteHeader({ user }: { user: CurrentUser | null }) {
  const items = user ? navigationFor(user.role) : SIGNED_OUT_NAVIGATION;

  return (
    <header className="border-t-brand-700 border-b-line relative border-t-4 border-b bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
        <Link
          href={user ? homePathFor(user.role) : "/"}
          className="text-ink text-lg font-bold no-underline hover:underline"
        >
          {STUDY_NAME}
        </Link>

        {user ? (
          <>
            <div className="hidden items-center gap-4 md:flex">
              <SignedInAs user={user} />
              <SignOutButton />
            </div>
            <MobileMenu>
              <nav aria-label="Main">
                <NavLinks items={items} layout="column" />
              </nav>
              <div className="border-line flex items-center justify-between gap-4 border-t px-4 py-3">
                <SignedInAs user={user} />
                <SignOutButton />
              </div>
            </MobileMenu>
          </>
        ) : (
          <nav aria-label="Main">
            <NavLinks items={items} layout="row" />
          </nav>
        )}
      </div>

      {user ? (
        <nav aria-label="Main" className="hidden md:block">
          <div className="mx-auto max-w-5xl px-1">
            <NavLinks items={items} layout="row" />
          </div>
        </nav>
      ) : null}
    </header>
  );
}
