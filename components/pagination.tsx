import Link from "next/link";

type PaginationProps = {
  /** The navigation's name for screen readers, e.g. "Pages of the audit trail". */
  label: string;
  page: number;
  pageCount: number;
  /** The address of another page of the same filtered list. */
  hrefFor: (page: number) => string;
};

/** Previous and next page of a filtered list, with where the reader is. */
export function Pagination({ label, page, pageCount, hrefFor }: PaginationProps) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link
          href={hrefFor(page - 1)}
          rel="prev"
          aria-label={`Previous page, page ${page - 1}`}
          className="button-secondary"
        >
          Previous
        </Link>
      ) : null}
      <p>
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <Link
          href={hrefFor(page + 1)}
          rel="next"
          aria-label={`Next page, page ${page + 1}`}
          className="button-secondary"
        >
          Next
        </Link>
      ) : null}
    </nav>
  );
}
