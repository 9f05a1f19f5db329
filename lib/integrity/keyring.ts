import "server-only";
import fs from "node:fs";
import path from "node:path";
import { type Config, config } from "../config";
import { keyIdOf } from "./checkpoint-signature";

/**
 * The public keys of every key that ever signed for this log, one `<keyId>.pub.pem` file each, in
 * a directory outside the database (TRAILBOOK_KEYRING_DIR, default `keyring/` in the data
 * directory). Verification trusts these and nothing the database says: whoever can write the
 * database could add a key of their own. Retired keys stay, so old heads stay verifiable.
 */
export function addToKeyring(settings: Pick<Config, "keyringDir"> = config, publicKeyPem: string): string {
  const keyId = keyIdOf(publicKeyPem);
  const file = path.join(settings.keyringDir, `${keyId}.pub.pem`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(settings.keyringDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, publicKeyPem, { mode: 0o644 });
  }
  return keyId;
}

/** Every trusted public key, by key id. */
export function readKeyring(settings: Pick<Config, "keyringDir"> = config): Map<string, string> {
  if (!fs.existsSync(settings.keyringDir)) return new Map();
  const keys = new Map<string, string>();
  for (const name of fs
    .readdirSync(settings.keyringDir)
    .filter((n) => n.endsWith(".pub.pem"))
    .sort()) {
    const pem = fs.readFileSync(path.join(settings.keyringDir, name), "utf8");
    keys.set(keyIdOf(pem), pem);
  }
  return keys;
}
