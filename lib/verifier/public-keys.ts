import { createPublicKey } from "node:crypto";
import { keyIdOf } from "../integrity/checkpoint-signature";
import { isObject } from "./shapes";

/** A file the auditor passed with `--public-key`: its name (for messages) and its content. */
export interface KeyFile {
  name: string;
  text: string;
}

/** The PEM if it is an Ed25519 public key; a private key or anything else is refused by name. */
function publicKeyIn(name: string, pem: string): string {
  if (/PRIVATE KEY/.test(pem)) throw new Error(`${name} is a private key: pass the public key`);
  let type: string | undefined;
  try {
    type = createPublicKey(pem).asymmetricKeyType;
  } catch {
    throw new Error(`${name} is not a public key (PEM) nor a keyring (JSON)`);
  }
  if (type !== "ed25519") throw new Error(`${name} is a ${type} key, not the log's Ed25519 key`);
  return pem;
}

/** The keys of a keyring (`GET /api/checkpoints/public-keys`); each key id must be its key's. */
function keyringKeys(name: string, text: string): string[] {
  let keyring: unknown;
  try {
    keyring = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not JSON: ${(error as Error).message}`);
  }
  const entries = isObject(keyring) && Array.isArray(keyring.keys) ? keyring.keys : [];
  if (entries.length === 0) throw new Error(`${name} is not a keyring: { "keys": [{ "keyId", "publicKey" }] }`);
  return entries.map((entry: unknown, i) => {
    const where = `${name}, keys[${i}]`;
    if (!isObject(entry) || typeof entry.publicKey !== "string") throw new Error(`${where} has no publicKey`);
    const pem = publicKeyIn(where, entry.publicKey);
    if (entry.keyId !== undefined && entry.keyId !== keyIdOf(pem))
      throw new Error(`${where} says key id ${String(entry.keyId)}, but its public key's id is ${keyIdOf(pem)}`);
    return pem;
  });
}

/**
 * The keys an auditor trusts, by key id (computed from each key, never taken on trust): every
 * `--public-key` file is a PEM public key (`GET /api/checkpoints/public-key`) or the keyring, every
 * key that ever signed for the log (`GET /api/checkpoints/public-keys`), so that heads signed
 * before a key rotation still verify.
 */
export function trustedKeysFrom(files: readonly KeyFile[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { name, text } of files) {
    const pems = text.trimStart().startsWith("{") ? keyringKeys(name, text) : [publicKeyIn(name, text)];
    for (const pem of pems) keys.set(keyIdOf(pem), pem);
  }
  return keys;
}
