import { Pagination } from "@/components/pagination";

type AuditPaginationProps = {
  page: number;
  pageCount: number;
  /** The address of another page of the same filtered list. */
  hrefFor: (page: number) => string;
};

export function AuditPagination(props: AuditPaginationProps) {
  return <Pagination label="Pages of the audit trail" {...props} />;
}
