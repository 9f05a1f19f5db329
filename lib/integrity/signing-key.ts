import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Config, config } from "../config";
import { keyIdOf } from "./checkpoint-signature";

export interface SigningKey {
  keyId: string;
  publicKeyPem: string;
  /** Ed25519 signature of `payload`, base64. */
  sign(payload: Buffer): string;
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("The signing key must be an Ed25519 private key");
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (payload) => sign(null, payload, privateKey).toString("base64"),
  };
}

/**
 * The checkpoint signing key, never stored in the database: TRAILBOOK_SIGNING_KEY (a PKCS#8 PEM),
 * else `signing-key.pem` in the data directory, created (mode 0600) on first use. Whoever holds
 * this file can sign checkpoints: keep it outside database backups, and back it up separately.
 */
export function loadSigningKey(settings: Pick<Config, "signingKeyPem" | "dataDir"> = config): SigningKey {
  if (settings.signingKeyPem) return fromPrivateKey(createPrivateKey(settings.signingKeyPem));
  const file = path.join(settings.dataDir, "signing-key.pem");
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
  }
  return fromPrivateKey(createPrivateKey(fs.readFileSync(file, "utf8")));
}

const cache = globalThis as typeof globalThis & { trailbookSigningKey?: SigningKey };

/** The process-wide signing key, loaded once. */
export function getSigningKey(): SigningKey {
  cache.trailbookSigningKey ??= loadSigningKey();
  return cache.trailbookSigningKey;
}
