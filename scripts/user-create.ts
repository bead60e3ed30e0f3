// `npm run user:create -- --email ana@example.org --role researcher [--name "Ana Lopez"] [--password …]`
// creates a researcher account in DATABASE_URL (or the embedded database), for the first researcher
// of a fresh installation. The password comes from --password or, better (it stays out of the shell
// history), the CP_PASSWORD environment variable. Researchers invite the others from the app.
import { parseArgs } from "node:util";
import { createResearcher, nameFromEmail } from "@/lib/accounts/create-researcher";
import { createPrismaClient } from "@/lib/db";
import { prepareLocalEnvironment } from "@/lib/db/local";
import { applyMigrations } from "@/lib/db/migrate";
import { root } from "./lib/process";

const USAGE =
  'Usage: npm run user:create -- --email ana@example.org --role researcher [--name "Ana Lopez"] [--password …]\n' +
  "       (or set the password in the CP_PASSWORD environment variable instead of --password)";

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(1);
}

let args: { email?: string; role?: string; name?: string; password?: string };
try {
  args = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (!args.email) fail("Give the new researcher's email address with --email.");
if (!args.role) fail("Give the role with --role researcher.");
if (args.role.trim().toLowerCase() !== "researcher") {
  fail(
    `Only researchers can be created from the command line, not "${args.role}". Agency leads register their team at /register and invite their own staff from the Staff page.`,
  );
}
const password = args.password ?? process.env.CP_PASSWORD;
if (!password) fail("Give a password with --password, or in the CP_PASSWORD environment variable.");

const local = await prepareLocalEnvironment({ root, port: 3000 });
let exitCode = 0;
try {
  await applyMigrations(local.env.DATABASE_URL!, { log: (line) => console.log(line) });
  const client = createPrismaClient(local.env.DATABASE_URL!);
  try {
    const result = await createResearcher(client, {
      email: args.email,
      name: args.name ?? nameFromEmail(args.email),
      password,
    });
    if (result.ok) {
      console.log(`Created the researcher ${result.email}. Sign in at ${local.env.NEXTAUTH_URL}/signin`);
    } else {
      console.error(`Could not create the researcher: ${result.problem}`);
      exitCode = 1;
    }
  } finally {
    await client.$disconnect();
  }
} finally {
  await local.stop();
}
process.exit(exitCode);
