import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const ignored = ["**/node_modules/**", "**/.next*/**", "e2e/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React Server Components; tests import server modules directly.
      "server-only": fileURLToPath(new URL("./test/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["**/*.test.{ts,tsx}"], exclude: [...ignored, "**/*.int.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["**/*.int.test.ts"],
          exclude: ignored,
          globalSetup: ["./test/db-global-setup.ts"],
          setupFiles: ["./test/db-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
