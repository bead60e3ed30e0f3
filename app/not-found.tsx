import type { Metadata } from "next";
import Link from "next/link";
import { FallbackTitle } from "@/components/fallback-title";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="max-w-2xl space-y-4">
      <FallbackTitle title="Page not found · Connecting People pilot" />
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p>There is no page at this address, or it is not one you can see.</p>
      <p>If you typed the address, check it is correct. If you followed a link, it may be out of date.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </div>
  );
}
