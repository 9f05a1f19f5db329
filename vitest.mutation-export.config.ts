import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The tests Stryker runs against each mutant of the COPY-written CSV export (stryker.export.config.json):
// read-csv-batch.test.ts, whose byte-for-byte comparison with csvLine needs PostgreSQL (TEST_DATABASE_URL).
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["lib/export/read-csv-batch.test.ts"], reporters: ["default"] },
});
