// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import { prepareLocalEnvironment } from "@/lib/db/local";
import { prepareDatabase } from "./lib/prepare-database";
import { root } from "./lib/process";

const local = await prepareLocalEnvironment({ root, port: 3000 });
try {
  await prepareDatabase(local.env.DATABASE_URL!, { seed: false });
} finally {
  await local.stop();
}
