// `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) → migrations → demo study on the
// first run → production build → `next start` on PORT (3000). Ctrl-C stops the server and
// PostgreSQL; the data stays in .data/ for the next start.
import { spawn } from "node:child_process";
import { PostgresStartError } from "@/lib/db/embedded";
import { prepareLocalEnvironment } from "@/lib/db/local";
import { EnvError, parseEnv } from "@/lib/env";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/prisma/seed";
import { prepareDatabase } from "./lib/prepare-database";
import { nextBin, onShutdown, parsePort, portIsFree, root, run, stopChildren, track, waitForHttp } from "./lib/process";

function fail(sentence: string, detail?: string): never {
  if (detail) console.error(detail);
  console.error(`\n${sentence}`);
  process.exit(1);
}

let port: number;
try {
  port = parsePort(process.env.PORT, 3000);
} catch (error) {
  fail((error as Error).message);
}
if (!(await portIsFree(port))) {
  fail(
    `Port ${port} is already in use: stop whatever is using it, or start on another port with PORT=${port + 1} npm start.`,
  );
}

let stopDatabase = async () => {};
let stopping = false;
onShutdown(async () => {
  stopping = true;
  await stopChildren();
  await stopDatabase();
});

const local = await prepareLocalEnvironment({ root, port }).catch((error: unknown) => {
  if (error instanceof PostgresStartError) fail(error.message, error.detail);
  throw error;
});
stopDatabase = local.stop;
const childEnv = { ...process.env, ...local.env, NODE_ENV: "production" as const };

try {
  parseEnv(childEnv);
} catch (error) {
  if (error instanceof EnvError) {
    await local.stop();
    fail(error.message);
  }
  throw error;
}

try {
  await prepareDatabase(local.env.DATABASE_URL!);
} catch (error) {
  await local.stop();
  const reason = error instanceof Error ? error.message : String(error);
  fail(`The database could not be prepared: ${reason}`);
}

console.log("Building the app (next build)…");
const built = await run(process.execPath, [nextBin, "build"], { env: childEnv });
if (built !== 0) {
  await local.stop();
  fail("The build failed; the messages above say why.");
}

const server = track(
  spawn(process.execPath, [nextBin, "start", "--port", String(port)], { env: childEnv, stdio: "inherit" }),
);
server.on("exit", async (code, signal) => {
  if (stopping) return; // Ctrl-C: onShutdown is stopping everything
  await local.stop();
  fail(`The web server stopped unexpectedly (exit ${code ?? signal}).`);
});

if (await waitForHttp(`http://127.0.0.1:${port}/`, server)) {
  const width = Math.max(...DEMO_LOGINS.map((login) => login.email.length));
  console.log(
    [
      "",
      `Connecting People pilot manager is running at http://localhost:${port}`,
      "",
      `Demo logins (password: ${DEMO_PASSWORD}):`,
      ...DEMO_LOGINS.map((login) => `  ${login.email.padEnd(width)}  ${login.description}`),
      "",
      `Data is kept in ${local.embedded ? ".data/ (embedded PostgreSQL)" : "the database at DATABASE_URL"}. Press Ctrl-C to stop.`,
      "",
    ].join("\n"),
  );
}
