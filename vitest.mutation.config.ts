import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The tests Stryker runs against each mutant (stryker.config.json, `npm run mutation`): the unit
// tests of the verifier's checks, the search parser, canonical JSON and the append decisions, which
// need no database and run in seconds.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "lib/export/verify-export-file.test.ts",
      "lib/export/verify-export-manifest.test.ts",
      "lib/export/export-format.test.ts",
      "lib/transparency/verify-receipt.test.ts",
      "lib/transparency/check-tree-head.test.ts",
      "lib/query/parse-query.test.ts",
      "lib/query/parse-query.property.test.ts",
      "lib/encoding/canonical-json.test.ts",
      "lib/store/decide-appends.test.ts",
      "lib/store/build-causation-tree.test.ts",
    ],
    reporters: ["default"],
  },
});
