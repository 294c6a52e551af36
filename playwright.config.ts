import { defineConfig, devices } from "@playwright/test";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
/** The app mails through an SMTP server that e2e/account.spec.ts runs on this port (elsewhere nothing listens: invites show the link). */
export const E2E_SMTP_PORT = PORT + 1000;
// The app under test runs on PostgreSQL when E2E_DATABASE_URL is set (CI), else on a throwaway PGlite.
const dbEnv: Record<string, string> = process.env.E2E_DATABASE_URL
  ? { DATABASE_URL: process.env.E2E_DATABASE_URL }
  : { DATA_DIR: path.resolve(".test-data/e2e-" + Date.now()) };

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "en-GB",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/login`,
    // The first start builds the app: about 4 minutes on a quiet 2-core machine, more than 5 on a busy one.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      ...dbEnv,
      PORT: String(PORT),
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      TRECHTER_DEMO: "0",
      // The tests reach the app as a proxy on this machine would: e2e/security.spec.ts gives each
      // attacker its own client address through X-Forwarded-For (the default, no proxy, is tested in
      // tests/security/http-server.test.ts). Every sign-up of the suite comes from one address.
      TRUST_PROXY: "loopback",
      SIGNUP_LIMIT: "100000",
      NEXT_TELEMETRY_DISABLED: "1",
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: "Trechter <no-reply@trechter.test>",
    },
  },
});
