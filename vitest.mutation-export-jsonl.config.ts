import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The tests Stryker runs against each mutant of the COPY-written JSONL export
// (stryker.export-jsonl.config.json): read-jsonl-batch.test.ts, whose byte-for-byte comparison with
// jsonLine needs PostgreSQL (TEST_DATABASE_URL).
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["lib/export/read-jsonl-batch.test.ts"], reporters: ["default"] },
});
