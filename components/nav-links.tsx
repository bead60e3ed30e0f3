"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { isCurrent, type NavItem } from "@/components/navigation";

type NavLinksProps = {
  items: NavItem[];
  /** "row" for the desktop header, "column" inside the phone menu. */
  layout: "row" | "column";
};

export function NavLinks({ items, layout }: NavLinksProps) {
  const pathname = usePathname();
  return (
    <ul className={layout === "row" ? "flex flex-wrap gap-x-1" : "flex flex-col"}>
      {items.map((item) => {
        const current = isCurrent(item, pathname);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={
                layout === "row"
                  ? `block border-b-4 px-3 py-3 font-semibold no-underline ${current ? "border-brand-700 text-ink" : "text-brand-700 hover:border-line hover:text-brand-800 border-transparent"}`
                  : `block border-l-4 px-4 py-3 font-semibold no-underline ${current ? "border-brand-700 bg-brand-50 text-ink" : "text-brand-700 hover:bg-brand-50 hover:text-brand-800 border-transparent"}`
              }
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
