#!/usr/bin/env node
// `trailbook verify-export …` in a checkout: runs the single-file offline verifier
// (lib/verifier/dist/trailbook-verify.mjs, built by `npm run build:verifier`), which needs nothing
// installed. Auditors without a checkout download that file (GET /api/verifier) and run it with node.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const verifier = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "lib/verifier/dist/trailbook-verify.mjs",
);
const [command, ...args] = process.argv.slice(2);
if (command !== "verify-export") {
  console.error(
    [
      "Usage: trailbook verify-export [export] FILE | receipt FILE | consistency --old A --new B --proof P",
      "         [--public-key KEY]...",
      "Outside a checkout: download trailbook-verify.mjs (GET /api/verifier, scope read), check its SHA-256",
      "against the README, and run: node trailbook-verify.mjs --help",
    ].join("\n"),
  );
  process.exit(2);
}
const result = spawnSync(process.execPath, [verifier, ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
