import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname, "src") };

/**
 * Two projects: `unit` is pure and fast; `integration` talks to a database (PGlite by
 * default, real Postgres when DATABASE_URL is set) and so runs its files one at a time.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    // Rejections are logged at info level by design; tests would drown in them.
    env: { LOG_LEVEL: "warn" },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // Every test's work is fixed in size (property tests set numRuns), so a timeout only
          // catches a hang; 5 s was met by a busy 2-core machine, not by a bug.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          server: { deps: { inline: ["next-auth"] } },
          include: ["src/**/*.int.test.ts", "tests/**/*.int.test.ts"],
          environment: "node",
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ["tests/global-setup.ts"],
        },
      },
    ],
  },
});
