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

export type KeySettings = Pick<Config, "signingKeyPem" | "dataDir" | "keyringDir">;

export function fromPrivateKey(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("The signing key must be an Ed25519 private key");
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (payload) => sign(null, payload, privateKey).toString("base64"),
  };
}

/** Where the signing key lives when TRAILBOOK_SIGNING_KEY is not set. */
export function signingKeyFile(settings: Pick<Config, "dataDir"> = config): string {
  return path.join(settings.dataDir, "signing-key.pem");
}

/** Raised when there is no signing key to load (and creating one was not asked for). */
export class SigningKeyMissing extends Error {
  constructor(file: string) {
    super(`No signing key: set TRAILBOOK_SIGNING_KEY, or put the key back at ${file}.`);
  }
}

/** Writes a new Ed25519 private key to `file` (mode 0600, never over an existing file). */
export function createKeyFile(file: string): void {
  const { privateKey } = generateKeyPairSync("ed25519");
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
}

/**
 * The tree-head signing key, never stored in the database: TRAILBOOK_SIGNING_KEY (a PKCS#8 PEM),
 * else `signing-key.pem` in the data directory. It is created only when asked (`create`: a fresh
 * installation, see prepare-signing.ts): a missing key on a log that has signed heads is key loss,
 * which must be an operator's decision, never a silent new key. Loading a key does not make it
 * trusted: prepare-signing.ts adds it to the keyring once it has been checked against the log.
 */
export function loadSigningKey(settings: KeySettings = config, options: { create?: boolean } = {}): SigningKey {
  const file = signingKeyFile(settings);
  if (!settings.signingKeyPem && !fs.existsSync(file)) {
    if (!options.create) throw new SigningKeyMissing(file);
    createKeyFile(file);
  }
  return fromPrivateKey(createPrivateKey(settings.signingKeyPem ?? fs.readFileSync(file, "utf8")));
}

const cache = globalThis as typeof globalThis & { trailbookSigningKey?: SigningKey };

/** The process-wide signing key, loaded once (never created here: see prepare-signing.ts). */
export function getSigningKey(): SigningKey {
  cache.trailbookSigningKey ??= loadSigningKey();
  return cache.trailbookSigningKey;
}

/** Makes `key` the process-wide signing key (prepare-signing.ts, after checking it against the log). */
export function setSigningKey(key: SigningKey): void {
  cache.trailbookSigningKey = key;
}
