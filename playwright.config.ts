import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (STACK.md pitfall 5: `npx playwright install` cannot run
 * here). By default the suite builds the app, bundles the service worker and starts it on its
 * own port with a fresh embedded database, so the demo is seeded exactly as a newcomer sees it.
 * In CI the build step already ran; E2E_BASE_URL points the suite at a server started elsewhere.
 */
const PORT = Number(process.env.E2E_PORT ?? 3310);
const BASE_URL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${PORT}`;
const PGLITE_DIR = `/tmp/bourse-e2e-pglite-${PORT}`;
const shouldBuild = !process.env.CI && process.env.E2E_SKIP_BUILD !== "1";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // One embedded database serialises every write, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    headless: true,
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: [
          `rm -rf ${PGLITE_DIR}`,
          ...(shouldBuild ? ["npm run build"] : []),
          // Idempotent, and keeps the suite honest if the build script lacks the service-worker step.
          "npx serwist build",
          "npm run build:server",
          `NEXT_TELEMETRY_DISABLED=1 node dist/serve.mjs --hostname 127.0.0.1 --port ${PORT}`,
        ].join(" && "),
        url: `${BASE_URL}/api/health`,
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
        env: {
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          PGLITE_DIR,
          AUTH_SECRET_FILE: `${PGLITE_DIR}-auth-secret`,
          AUTH_URL: BASE_URL,
          SEED_DEMO: "true",
          LOG_LEVEL: "warn",
        },
      },
});
