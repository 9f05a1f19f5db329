import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The guard throws outside React Server Components; tests are server code, so use the
      // package's own server-side (empty) entry, as Next does for route handlers.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "bin/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own databases; two workers match the two cores CI has.
    maxWorkers: 2,
    setupFiles: ["lib/testing/setup.ts"],
    reporters: process.env.CI ? ["default", ["json", { outputFile: "reports/vitest.json" }]] : ["default"],
  },
});
