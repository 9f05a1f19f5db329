import { generateKeyPairSync } from "node:crypto";

// Tests sign checkpoints with a throwaway key instead of creating ./data/signing-key.pem.
process.env.TRAILBOOK_SIGNING_KEY ??= generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

// Rate limits are off unless a test installs a limiter (app/api/rate-limit.test.ts): the suites
// fire thousands of requests with one key on purpose.
process.env.TRAILBOOK_RATE_LIMIT ??= "0";
