// Every route handler's GET under app/ (next-auth's own excepted), with the path it answers at and
// the query parameters its source reads, for the route fuzz test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

export type RouteHandler = {
  file: string;
  /** The address, e.g. "/researcher/export/consort" (route groups left out). */
  path: string;
  /** Names the handler reads with searchParams.get/getAll/has. */
  params: string[];
  GET: (request: Request) => Promise<Response>;
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return /^route\.(ts|tsx|js)$/.test(entry) ? [path] : [];
  });
}

/** "app/(app)/researcher/export/consort/route.ts" → "/researcher/export/consort". */
export function routePath(file: string): string {
  const segments = relative("app", file).split(sep).slice(0, -1);
  return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/")}`;
}

export const NEXT_AUTH_ROUTE = join("app", "api", "auth", "[...nextauth]", "route.ts");

/** Each route file with a GET export, read without importing it (for listing tests while they are collected). */
export function listRouteFiles(): { file: string; path: string; params: string[] }[] {
  return routeFiles("app")
    .sort()
    .filter((file) => file !== NEXT_AUTH_ROUTE)
    .map((file) => ({ file, source: readFileSync(file, "utf8") }))
    .filter(({ source }) => /export\s+((async\s+)?function\s+GET\b|const\s+GET\b|\{[^}]*\bGET\b[^}]*\})/.test(source))
    .map(({ file, source }) => ({
      file,
      path: routePath(file),
      params: [
        ...new Set(
          [...source.matchAll(/searchParams\.(?:get|getAll|has)\(\s*["'`]([^"'`]+)["'`]/g)].map((match) => match[1]!),
        ),
      ],
    }));
}

export async function loadRouteHandlers(): Promise<RouteHandler[]> {
  const handlers: RouteHandler[] = [];
  for (const route of listRouteFiles()) {
    const exports = (await import(/* @vite-ignore */ pathToFileURL(resolve(route.file)).href)) as {
      GET?: RouteHandler["GET"];
    };
    if (typeof exports.GET !== "function")
      throw new Error(`${route.file} seems to export GET, but it is not a function.`);
    handlers.push({ ...route, GET: exports.GET });
  }
  return handlers;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Each route file (next-auth's excepted) with the HTTP methods it exports, read from its source. */
export function routeMethods(): { file: string; methods: string[] }[] {
  return routeFiles("app")
    .sort()
    .filter((file) => file !== NEXT_AUTH_ROUTE)
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = HTTP_METHODS.filter((method) =>
        new RegExp(
          `export\\s+((async\\s+)?function\\s+${method}\\b|const\\s+${method}\\b|\\{[^}]*\\b${method}\\b[^}]*\\})`,
        ).test(source),
      );
      return { file, methods: [...methods] };
    });
}
