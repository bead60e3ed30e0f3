"use client";

/** Opens the browser's print dialogue; hidden on paper. */
export function EoiPrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="button-secondary cursor-pointer print:hidden">
      {label}
    </button>
  );
}
