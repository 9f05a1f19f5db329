import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run test:chaos`: the slow suites (fuzzing, crash and concurrency under load, stalled clients).
// Spread, not mergeConfig: merging would append to the unit suites' `include` instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["chaos/**/*.test.ts"],
    testTimeout: 900_000,
    // One file at a time: they measure memory and kill servers, and CI has two cores.
    fileParallelism: false,
    reporters: process.env.CI ? ["default", ["json", { outputFile: "reports/chaos.json" }]] : ["default"],
  },
});
