"use client";

import { useEffect } from "react";

/**
 * Sets the document's title when the page arrived without one. Next drops all metadata when a
 * layout's generateMetadata calls notFound() (the area layouts do, so a refused page's own title
 * never reaches the browser); the not-found page then uses this to still have a title.
 */
export function FallbackTitle({ title }: { title: string }) {
  useEffect(() => {
    if (!document.title) document.title = title;
  }, [title]);
  return null;
}
