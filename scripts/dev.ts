// `npm run dev`: the same database as `npm start` (embedded unless DATABASE_URL is set), migrated
// and seeded, with `next dev` and hot reload.
import { spawn } from "node:child_process";
import { PostgresStartError } from "@/lib/db/embedded";
import { prepareLocalEnvironment } from "@/lib/db/local";
import { prepareDatabase } from "./lib/prepare-database";
import { nextBin, onShutdown, parsePort, root, track } from "./lib/process";

const port = parsePort(process.env.PORT, 3000);
let stopDatabase = async () => {};
onShutdown(async () => stopDatabase());
const local = await prepareLocalEnvironment({ root, port }).catch((error: unknown) => {
  if (error instanceof PostgresStartError) {
    console.error(error.detail, `\n${error.message}`);
    process.exit(1);
  }
  throw error;
});
stopDatabase = local.stop;
await prepareDatabase(local.env.DATABASE_URL!);
const server = track(
  spawn(process.execPath, [nextBin, "dev", "--port", String(port)], {
    env: { ...process.env, ...local.env, NODE_ENV: "development" },
    stdio: "inherit",
  }),
);
server.on("exit", async (code) => {
  await local.stop();
  process.exit(code ?? 0);
});
