"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * The header's menu on a phone: a native <details> disclosure, so it opens with a keyboard and is
 * announced as expanded or collapsed without any script. Script only closes it after a link is
 * followed (the header stays on screen across pages) and on Escape.
 */
export function MobileMenu({ children }: { children: ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const pathname = usePathname();

  // Closes the menu when a link in it has taken the person to another page. Only then: a menu
  // opened before the page's script had run must stay open when the script arrives.
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    if (details.current) details.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const menu = details.current;
    if (!menu) return;
    function closeOnEscape(event: KeyboardEvent) {
      if (event.key !== "Escape" || !menu?.open) return;
      menu.open = false;
      summary.current?.focus();
    }
    menu.addEventListener("keydown", closeOnEscape);
    // Marks the menu as enhanced (Escape closes it): also how a test knows the page has hydrated.
    menu.dataset.enhanced = "true";
    return () => menu.removeEventListener("keydown", closeOnEscape);
  }, []);

  return (
    <details ref={details} className="group md:hidden">
      <summary
        ref={summary}
        className="border-brand-700 text-brand-700 flex min-h-11 list-none items-center gap-2 rounded-md border-2 px-3 py-1 font-semibold [&::-webkit-details-marker]:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current">
          <path className="group-open:hidden" d="M2 4h16v2H2zM2 9h16v2H2zM2 14h16v2H2z" />
          <path
            className="hidden group-open:block"
            d="M4.3 2.9 10 8.6l5.7-5.7 1.4 1.4L11.4 10l5.7 5.7-1.4 1.4L10 11.4l-5.7 5.7-1.4-1.4L8.6 10 2.9 4.3z"
          />
        </svg>
        Menu
      </summary>
      <div className="border-brand-700 absolute inset-x-0 top-full z-20 border-b-4 bg-white shadow-lg">{children}</div>
    </details>
  );
}
