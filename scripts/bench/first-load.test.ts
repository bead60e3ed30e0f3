import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { firstLoadFiles, measureFirstLoad, routeOfEntry } from "./first-load";

// A build folder in the shape Next 16 (Turbopack) leaves it: the root main files in
// build-manifest.json, each page's client chunks in its client reference manifest (a script).
const dist = mkdtempSync(join(tmpdir(), "bench-first-load-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const write = (file: string, content: string) => {
  mkdirSync(dirname(join(dist, file)), { recursive: true });
  writeFileSync(join(dist, file), content);
};
const chunk = (name: string, size: number) => {
  // Text that compresses, but not to nothing: a counter written out.
  const content = Array.from({ length: size }, (_, index) => String.fromCharCode(97 + ((index * 7) % 26))).join("");
  write(`static/chunks/${name}`, content);
  return content;
};
const react = chunk("react.js", 4000);
const router = chunk("router.js", 2000);
const layout = chunk("layout.js", 1000);
const form = chunk("form.js", 3000);
chunk("polyfills.js", 5000);
write("static/chunks/styles.css", "body{}");

write(
  "build-manifest.json",
  JSON.stringify({
    polyfillFiles: ["static/chunks/polyfills.js"],
    rootMainFiles: ["static/chunks/react.js", "static/chunks/router.js"],
  }),
);
write(
  "server/app-paths-manifest.json",
  JSON.stringify({
    "/(app)/researcher/selection/page": "app/(app)/researcher/selection/page.js",
    "/(app)/researcher/export/participants/route": "app/(app)/researcher/export/participants/route.js",
  }),
);
const entry = "/(app)/researcher/selection/page";
write(
  "server/app/(app)/researcher/selection/page_client-reference-manifest.js",
  `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST[${JSON.stringify(entry)}] = ${JSON.stringify({
    clientModules: {},
    entryCSSFiles: { "[project]/app/layout": [{ path: "static/chunks/styles.css", inlined: false }] },
    entryJSFiles: {
      "[project]/app/layout": ["static/chunks/layout.js"],
      // The page repeats the layout's chunk and the router: each file counts once.
      "[project]/app/(app)/researcher/selection/page": [
        "static/chunks/layout.js",
        "static/chunks/form.js",
        "/_next/static/chunks/router.js",
      ],
    },
  })};`,
);

describe("first-load JavaScript from the build's manifests", () => {
  it("names a page by its address, without route groups", () => {
    expect(routeOfEntry("/(app)/researcher/training/[id]/page")).toBe("/researcher/training/[id]");
    expect(routeOfEntry("/(public)/page")).toBe("/");
  });

  it("counts the root main files and every entry's chunks once, and no polyfills or styles", () => {
    const files = firstLoadFiles(
      { rootMainFiles: ["static/chunks/react.js", "static/chunks/router.js"] },
      {
        entryJSFiles: {
          a: ["static/chunks/x.js", "static/chunks/x.css"],
          b: ["/_next/static/chunks/x.js", "static/chunks/router.js"],
        },
      },
    );
    expect(files).toEqual(["static/chunks/react.js", "static/chunks/router.js", "static/chunks/x.js"]);
  });

  it("adds up each file's own gzipped size, for pages only", () => {
    const pages = measureFirstLoad(dist);
    expect(pages.map((page) => page.route)).toEqual(["/researcher/selection"]);
    const [page] = pages;
    const expected = [react, router, layout, form];
    expect(page!.files).toHaveLength(4);
    expect(page!.rawBytes).toBe(expected.reduce((sum, text) => sum + text.length, 0));
    expect(page!.gzipBytes).toBe(expected.reduce((sum, text) => sum + gzipSync(Buffer.from(text)).length, 0));
    expect(page!.gzipBytes).toBeLessThan(page!.rawBytes);
  });
});
