import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

import { LOG_FILE } from "./tests/e2e/log-file";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Debian's chromium by default (no browser download on these machines); set CHROMIUM_PATH
// elsewhere, or leave it empty to use Playwright's own browser.
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const launchOptions = {
  executablePath: executablePath || undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // One retry in CI for rare browser flakes (see the closing note); a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  // One browser at a time: on two cores, two browsers (the back-office journeys open several pages
  // each) with the app and the stand-ins starve one another and axe runs time out.
  workers: 1,
  // Whole journeys (login, four steps, submission, PDF, mail) take 20-25 s on this machine: twice
  // Playwright's default, so that a busy machine does not fail them.
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "fr-FR",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions } },
    {
      name: "mobile",
      use: { ...devices["Pixel 7"], launchOptions },
    },
    // Once every journey has run, in this order: what several instances shared (E2E_INSTANCES),
    // the load test (E2E_LOAD), PostgreSQL restarted in flight (E2E_PG_RESTART_COMMAND) — each
    // skipped without its variable — and last, what the server logged through all of it.
    {
      name: "cluster",
      testMatch: /cluster\.check\.ts$/,
      dependencies: ["desktop", "mobile"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    { name: "load", testMatch: /load\.check\.ts$/, dependencies: ["cluster"] },
    { name: "faults", testMatch: /faults\.check\.ts$/, dependencies: ["load"] },
    { name: "logs", testMatch: /logs\.check\.ts$/, dependencies: ["faults"] },
  ],
  webServer: {
    // The production build, on a fresh seeded database (embedded, or DATABASE_URL when set).
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    // The database is prepared in development mode (demo secrets); the services get theirs.
    // Every test comes from this machine's address: its per-address limits would add up across the
    // suite (the limits themselves: tests/integration/rate-limits.test.ts).
    env: {
      PORT: String(PORT),
      NODE_ENV: "test",
      EMBEDDED_DB_DIR: ".data/e2e",
      RATE_LIMIT_LOGINS_PER_IP: "100000",
      RATE_LIMIT_POSTS_PER_IP: "100000",
      // The people of the load and fault tests (usager-1…: tests/e2e/http-journeys.ts).
      FC_MOCK_GENERATED_IDENTITIES: "10000",
      LOG_FILE,
    },
  },
});
