// Entry point of `npm start`, `npm test` and friends. Plain Node with no dependencies, because on a
// fresh clone nothing is installed yet: it installs what is missing, generates the Prisma client
// when the schema changed, then runs the TypeScript command in this same process through tsx.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const commands = {
  start: "start.ts",
  test: "test.ts",
  dev: "dev.ts",
  migrate: "migrate.ts",
  seed: "seed.ts",
  "user:create": "user-create.ts",
  "db:migration": "db-migration.ts",
  bench: "bench.ts",
  lighthouse: "lighthouse.ts",
  sqlmap: "sqlmap.ts",
};

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`This app needs Node.js 20.19 or newer; this is Node.js ${process.versions.node}.`);
  process.exit(1);
}

const command = process.argv[2];
if (!command || !(command in commands)) {
  console.error(`Usage: node scripts/bootstrap.mjs <${Object.keys(commands).join("|")}> [args]`);
  process.exit(2);
}

const hashOf = (...files) => {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : "");
  return hash.digest("hex");
};

const run = (args, what) => {
  const result = spawnSync("npm", args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`Could not ${what} (npm ${args.join(" ")} exited with ${result.status ?? result.signal}).`);
    process.exit(1);
  }
};

// Dependencies: installed when node_modules is missing or the lockfile changed since the last install.
const lockfile = join(root, "package-lock.json");
const installStamp = join(root, "node_modules", ".connecting-people-install");
const wantedInstall = hashOf(join(root, "package.json"), lockfile);
if (!existsSync(installStamp) || readFileSync(installStamp, "utf8") !== wantedInstall) {
  console.log("Installing dependencies (first run or package-lock.json changed)…");
  run(
    existsSync(lockfile) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"],
    "install the dependencies",
  );
  writeFileSync(installStamp, wantedInstall);
}

// Prisma client: generated into lib/generated (not committed) whenever the schema changed.
const generated = spawnSync(process.execPath, [join(root, "scripts", "prisma-generate.mjs"), "--if-changed"], {
  cwd: root,
  stdio: "inherit",
});
if (generated.status !== 0) process.exit(1);

// Next.js would try to send anonymous telemetry; these machines (and many NHS networks) block it.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { register } = await import("tsx/esm/api");
register({ tsconfig: join(root, "tsconfig.json") });
process.argv.splice(2, 1);
await import(pathToFileURL(join(root, "scripts", commands[command])).href);
