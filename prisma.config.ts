import { defineConfig } from "prisma/config";

// Prisma's CLI reads this file. On this project the CLI only generates the client (see
// scripts/prisma-generate.mjs); migrations are applied by lib/db/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : undefined,
});
