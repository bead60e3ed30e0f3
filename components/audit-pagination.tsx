import Link from "next/link";

type AuditPaginationProps = {
  page: number;
  pageCount: number;
  /** The address of another page of the same filtered list. */
  hrefFor: (page: number) => string;
};

export function AuditPagination({ page, pageCount, hrefFor }: AuditPaginationProps) {
  return (
    <nav aria-label="Pages of the audit trail" className="flex flex-wrap items-center gap-4">
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
