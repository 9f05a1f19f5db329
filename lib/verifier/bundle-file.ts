import path from "node:path";

/** What an auditor saves the verifier as (GET /api/verifier names the download so). */
export const VERIFIER_FILE_NAME = "trailbook-verify.mjs";

/**
 * The offline verifier built into one dependency-free file by `npm run build:verifier`, committed
 * (a test rebuilds it and compares), relative to the project root.
 */
export const VERIFIER_BUNDLE = path.join("lib", "verifier", "dist", VERIFIER_FILE_NAME);
