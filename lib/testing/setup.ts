import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { configFrom } from "../config";
import { addToKeyring } from "../integrity/keyring";

// Tests sign tree heads with a throwaway key instead of creating ./data/signing-key.pem.
process.env.TRAILBOOK_SIGNING_KEY ??= generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

// The keyring and witness files go to a throwaway directory, never ./data (each test database then
// gets a witness of its own: test-database.ts).
process.env.TRAILBOOK_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-test-"));

// This test deployment trusts its own key, as a server does once prepare-signing.ts accepted it.
addToKeyring(
  configFrom(process.env),
  createPublicKey(createPrivateKey(process.env.TRAILBOOK_SIGNING_KEY))
    .export({ type: "spki", format: "pem" })
    .toString(),
);

// Rate limits are off unless a test installs a limiter (app/api/rate-limit.test.ts): the suites
// fire thousands of requests with one key on purpose.
process.env.TRAILBOOK_RATE_LIMIT ??= "0";

// Exports sign a head whenever the log has grown, unless a test asks for the interval
// (lib/export/export-head.test.ts): suites export back to back on purpose.
process.env.TRAILBOOK_EXPORT_HEAD_SECONDS ??= "0";

// Request logs (one line per API request) stay out of test output; tests that read them install
// their own logger (lib/observability/observe-request.test.ts).
process.env.TRAILBOOK_LOG_LEVEL ??= "warn";
