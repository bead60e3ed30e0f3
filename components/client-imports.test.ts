// No client component brings zod into a page's first load (issue 8: at most 150 kB of JavaScript a
// page). Forms load their schemas with lazyZodResolver when they first check; what they need to
// render (labels, limits) lives in modules without zod. This follows every static import of every
// "use client" file under app/ and components/, through the project's own modules, and fails on a
// path that reaches zod. Type-only imports and `import()` are left out: neither loads with the page.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
/** zod in any of its forms (zod/v4, zod/mini), and every resolver of @hookform/resolvers, which bring a schema library. */
const FORBIDDEN = /^(?:zod|@hookform\/resolvers)(?:\/|$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The project file an import names, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(root, from)} imports ${specifier}, which was not found.`);
}

/** The modules a file loads with it: static imports and re-exports that are not type-only. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      // `import { type A, type B } from "x"` is dropped from the build like `import type`.
      const onlyTypes =
        clause !== undefined &&
        !clause.name &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      const onlyTypes =
        clause !== undefined &&
        ts.isNamedExports(clause) &&
        clause.elements.length > 0 &&
        clause.elements.every((element) => element.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

function isClientComponent(file: string): boolean {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const first = source.statements[0];
  return (
    first !== undefined &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use client"
  );
}

/** A chain of imports from `file` to zod, or null when there is none. */
function pathToZod(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  // A "use server" module is sent to the browser as references to its actions, not as its code.
  if (readFileSync(file, "utf8").trimStart().startsWith('"use server"')) return null;
  for (const specifier of staticImports(file)) {
    if (FORBIDDEN.test(specifier)) return [relative(root, file), specifier];
    const target = resolveImport(file, specifier);
    if (!target) continue;
    const rest = pathToZod(target, seen);
    if (rest) return [relative(root, file), ...rest];
  }
  return null;
}

describe("client components", () => {
  const clients = [...sourceFiles(join(root, "app")), ...sourceFiles(join(root, "components"))].filter(
    isClientComponent,
  );

  it("are checked for zod under any of its import names", () => {
    const caught = ["zod", "zod/v4", "zod/mini", "@hookform/resolvers/zod", "@hookform/resolvers/standard-schema"];
    expect(caught.filter((name) => !FORBIDDEN.test(name))).toEqual([]);
    expect(["zodiac", "react-hook-form", "@hookform/devtools"].filter((name) => FORBIDDEN.test(name))).toEqual([]);
  });

  it("are found", () => {
    expect(clients.length).toBeGreaterThan(20);
  });

  it("load no zod with the page: schemas come through lazyZodResolver", () => {
    const offenders = clients.map((file) => pathToZod(file)).filter((path) => path !== null);
    expect(offenders.map((path) => path.join(" → "))).toEqual([]);
  });
});
