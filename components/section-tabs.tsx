"use client";
// The links between the pages of one area (e.g. Participants: all, follow-up, CONSORT flow), with
// the current one marked for screen readers (aria-current) and by its underline.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { isCurrent, type NavItem } from "@/components/navigation";

export function SectionTabs({ label, items }: { label: string; items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-line border-b">
      <ul className="flex flex-wrap gap-x-1">
        {items.map((item) => {
          const current = isCurrent(item, pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block border-b-4 px-3 py-2 font-semibold no-underline ${current ? "border-brand-700 text-ink" : "text-brand-700 hover:border-line hover:text-brand-800 border-transparent"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
