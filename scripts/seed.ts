// `npm run db:seed`: seeds the demo study into DATABASE_URL (or the embedded database) if empty.
import { prepareLocalEnvironment } from "@/lib/db/local";
import { prepareDatabase } from "./lib/prepare-database";
import { root } from "./lib/process";

const local = await prepareLocalEnvironment({ root, port: 3000 });
try {
  await prepareDatabase(local.env.DATABASE_URL!);
} finally {
  await local.stop();
}
