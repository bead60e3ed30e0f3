// The single-machine default behind `npm start` and `npm run dev`: secrets generated on first run
// into .data/secrets.json (never committed), and an embedded PostgreSQL in .data/postgres unless
// DATABASE_URL points elsewhere. DATA_DIR moves .data elsewhere.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded";

export const APP_DATABASE = "connecting_people";

type Secrets = { NEXTAUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string; POSTGRES_PASSWORD: string };

/** Reads .data/secrets.json, creating any secret that is missing. */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  // Left enterable: as root, PostgreSQL runs as the user "postgres" and must reach .data/postgres.
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "secrets.json");
  const existing: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets: Secrets = {
    NEXTAUTH_SECRET: existing.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    // Next.js wants a base64-encoded 256-bit AES key.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
      existing.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    POSTGRES_PASSWORD: existing.POSTGRES_PASSWORD ?? randomBytes(18).toString("base64url"),
  };
  if (JSON.stringify(secrets) !== JSON.stringify(existing)) {
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  return secrets;
}

export type LocalEnvironment = {
  /** Variables to hand to Next.js and the scripts (DATABASE_URL, secrets, NEXTAUTH_URL). */
  env: Record<string, string>;
  /** True when this process started the embedded PostgreSQL. */
  embedded: boolean;
  stop: () => Promise<void>;
};

export async function prepareLocalEnvironment({
  root,
  port,
  log = console.log,
}: {
  root: string;
  port: number;
  log?: (line: string) => void;
}): Promise<LocalEnvironment> {
  const dataDir = process.env.DATA_DIR || join(root, ".data");
  const secrets = loadOrCreateSecrets(dataDir);
  const env: Record<string, string> = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || secrets.NEXTAUTH_SECRET,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
      process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || secrets.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  };

  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = process.env.DATABASE_URL;
    return { env, embedded: false, stop: async () => {} };
  }

  const firstRun = !existsSync(join(dataDir, "postgres", "PG_VERSION"));
  log(
    firstRun
      ? "Creating the embedded PostgreSQL in .data/postgres…"
      : "Starting the embedded PostgreSQL in .data/postgres…",
  );
  const postgres: RunningPostgres = await startEmbeddedPostgres({
    dataDir: join(dataDir, "postgres"),
    database: APP_DATABASE,
    password: secrets.POSTGRES_PASSWORD,
  });
  env.DATABASE_URL = postgres.url();
  return { env, embedded: true, stop: postgres.stop };
}
