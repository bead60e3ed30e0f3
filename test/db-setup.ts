import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.TEST_ADMIN_DATABASE_URL = inject("adminDatabaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-that-is-at-least-32-characters";
