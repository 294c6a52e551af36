import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

/**
 * Screenshots of every page (not a test: `npm run screenshots` against a running server). Each page
 * at 1440×900 and 390×844, in English and Dutch, into test-results/screens/, with the pages that
 * scroll sideways listed. SHOTS_URL is the server (default http://127.0.0.1:3000).
 */
export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: "capture.shot.ts",
  outputDir: "../../test-results/shots-output",
  timeout: 1_800_000,
  reporter: "list",
  expect: { timeout: 30_000 },
  webServer: undefined,
  use: { ...base.use, actionTimeout: 15_000, navigationTimeout: 120_000, baseURL: process.env.SHOTS_URL ?? "http://127.0.0.1:3000" },
});
