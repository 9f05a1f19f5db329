import { generateKeyPairSync } from "node:crypto";

// Tests sign checkpoints with a throwaway key instead of creating ./data/signing-key.pem.
process.env.TRAILBOOK_SIGNING_KEY ??= generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
