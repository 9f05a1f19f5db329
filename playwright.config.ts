import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The app under test gets a fresh embedded database, shared with worker processes through the env.
process.env.TRAILBOOK_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-e2e-"));
// Specs create their own keys through the API with this bootstrap admin token.
process.env.TRAILBOOK_ADMIN_TOKEN ??= `e2e-${randomUUID()}-${randomUUID()}`;
const port = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two workers and the server share CI's two cores: a spec that walks every view needs more than
  // Playwright's default 30 s there, though far less alone.
  timeout: 60_000,
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "reports/playwright.json" }]]
    : [["list"], ["html", { open: "never", outputFolder: "reports/playwright-html" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable here (../shared/OFFLINE.md).
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } },
    // Layout checks only: the behaviour specs run once, on the desktop project.
    { name: "narrow", testMatch: /(narrow|health)\.spec\.ts/, use: { ...devices["Pixel 7"], browserName: "chromium" } },
  ],
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      TRAILBOOK_DATA_DIR: process.env.TRAILBOOK_E2E_DATA_DIR,
      TRAILBOOK_ADMIN_TOKEN: process.env.TRAILBOOK_ADMIN_TOKEN,
      DATABASE_URL: "",
      // Request logs (a JSON line per API request) would bury the test report; warnings still show.
      TRAILBOOK_LOG_LEVEL: process.env.TRAILBOOK_LOG_LEVEL ?? "warn",
    },
    stdout: "pipe",
  },
});
