// First-load JavaScript per page, from a production build. Next 16 (Turbopack) no longer prints the
// sizes after `next build`, so they are worked out from its manifests: a page's first visit loads
// the root main files (build-manifest.json: the runtime, React and the router) and the client chunks
// of every entry in the page's client reference manifest (the page, its layouts and the error and
// not-found boundaries, which the router may show at once). Each file counts once per page, gzipped
// on its own as a server sends it. Polyfills are left out: only browsers without ES modules load them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

export type BuildManifest = { rootMainFiles?: string[] };

/** The part of a page's client reference manifest this needs: each entry's JS chunks. */
export type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

export type PageJs = {
  /** The address as a person types it: "/researcher/selection". */
  route: string;
  /** The manifest's entry: "/(app)/researcher/selection/page". */
  entry: string;
  /** The files loaded, relative to the build folder ("static/chunks/…"). */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
};

/** "/(app)/researcher/training/[id]/page" → "/researcher/training/[id]"; route groups leave no trace. */
export function routeOfEntry(entry: string): string {
  const parts = entry
    .replace(/\/page$/, "")
    .split("/")
    .filter((part) => part !== "" && !(part.startsWith("(") && part.endsWith(")")));
  return `/${parts.join("/")}`;
}

/** The JS files a first visit of a page loads, each once, in a stable order. */
export function firstLoadFiles(build: BuildManifest, client: ClientReferenceManifest): string[] {
  const files = new Set<string>(build.rootMainFiles ?? []);
  for (const chunks of Object.values(client.entryJSFiles ?? {})) {
    for (const chunk of chunks) if (chunk.endsWith(".js")) files.add(chunk.replace(/^\/?(_next\/)?/, ""));
  }
  return [...files];
}

/** Reads a `…_client-reference-manifest.js` file (a script that assigns the manifest to a global). */
export function readClientReferenceManifest(file: string, entry: string): ClientReferenceManifest {
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file, timeout: 5_000 });
  const manifest = sandbox.__RSC_MANIFEST?.[entry];
  if (!manifest) throw new Error(`${file} holds no client reference manifest for ${entry}.`);
  return manifest;
}

/**
 * Every page of the build in `distDir` with the JS its first visit loads, raw and gzipped (zlib's
 * default level, as Next's own compression sends it). Route handlers (downloads) load no JS and are
 * left out.
 */
export function measureFirstLoad(distDir: string): PageJs[] {
  const build = JSON.parse(readFileSync(join(distDir, "build-manifest.json"), "utf8")) as BuildManifest;
  const appPaths = JSON.parse(readFileSync(join(distDir, "server", "app-paths-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let size = sizes.get(file);
    if (!size) {
      const bytes = readFileSync(join(distDir, file));
      size = { raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(file, size);
    }
    return size;
  };
  const pages: PageJs[] = [];
  for (const [entry, bundle] of Object.entries(appPaths)) {
    if (!entry.endsWith("/page")) continue;
    const manifestFile = join(distDir, "server", bundle.replace(/\.js$/, "_client-reference-manifest.js"));
    if (!existsSync(manifestFile)) continue;
    const files = firstLoadFiles(build, readClientReferenceManifest(manifestFile, entry));
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const size = sizeOf(file);
      rawBytes += size.raw;
      gzipBytes += size.gzip;
    }
    pages.push({ route: routeOfEntry(entry), entry, files, rawBytes, gzipBytes });
  }
  return pages.sort((a, b) => a.route.localeCompare(b.route));
}
