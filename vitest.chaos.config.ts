import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

// `npm run test:chaos`: the slow suites (fuzzing, crash and concurrency under load, backups).
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["chaos/**/*.test.ts"],
      testTimeout: 900_000,
      // One file at a time: they measure memory and kill servers, and CI has two cores.
      fileParallelism: false,
      reporters: process.env.CI ? ["default", ["json", { outputFile: "reports/chaos.json" }]] : ["default"],
    },
  }),
);
