/**
 * The page set for A4 paper, and the site's header, footer and skip link left off it (they are
 * outside the page's own markup, so Tailwind's print: variants cannot reach them). React places
 * the style in the document's head once, however many pages render it.
 */
export function EoiPrintStyles() {
  return (
    <style href="eoi-print-styles" precedence="default">{`
@page { size: A4; margin: 15mm; }
@media print {
  body > header, body > footer, body > a[href="#main"] { display: none !important; }
  html, body { background: #fff !important; color: #000 !important; }
  body > main { max-width: none; padding: 0; }
  a { color: #000 !important; text-decoration: none !important; }
}
`}</style>
  );
}
