import "server-only";
import { createPrivateKey } from "node:crypto";
import fs from "node:fs";
import { config } from "../config";
import type { Database } from "../db/database";
import type { SignedTreeHead } from "../transparency/tree-head";
import { addToKeyring } from "./keyring";
import { prepareSigning, type SigningSettings } from "./prepare-signing";
import { signTreeHead } from "./sign-tree-head";
import { createKeyFile, fromPrivateKey, type SigningKey, signingKeyFile } from "./signing-key";

export interface Rotation {
  /** The key that signed before, or null when it was declared lost. */
  retired: string | null;
  current: SigningKey;
  /** Where the new private key was written. */
  keyFile: string;
  /** The first head signed by the new key, chained to the last one signed by the old. */
  head: SignedTreeHead | null;
  /** True when TRAILBOOK_SIGNING_KEY must be changed by the operator to the new key's file. */
  updateEnvironment: boolean;
}

/**
 * Replaces the signing key. The old key must still be the log's (so a thief cannot rotate it away)
 * unless `lostKey` declares it lost. The old public key stays in the keyring, so heads it signed
 * stay verifiable; a lost key's heads verify only if its public key is in the keyring, and verify
 * otherwise reports them as signed by an unknown key (never as forged). The new key signs a head at
 * once, chained to the previous one: the rotation itself is on the record.
 */
export async function rotateSigningKey(
  db: Database,
  options: { lostKey?: boolean } = {},
  settings: SigningSettings = config,
): Promise<Rotation> {
  const old = options.lostKey ? null : await prepareSigning(db, settings);
  const file = signingKeyFile(settings);
  const fromEnvironment = settings.signingKeyPem !== null;
  const keyFile = fromEnvironment ? `${file}.next` : file;
  const staged = `${keyFile}.new`;
  fs.rmSync(staged, { force: true });
  createKeyFile(staged);
  if (!fromEnvironment && fs.existsSync(file) && options.lostKey) {
    // A key file that is not the log's is kept aside, not destroyed: it may be the one that was "lost".
    fs.renameSync(file, `${file}.unused-${Date.now()}`);
  }
  fs.renameSync(staged, keyFile);
  const current = fromPrivateKey(createPrivateKey(fs.readFileSync(keyFile, "utf8")));
  addToKeyring(settings, current.publicKeyPem);
  const head = await signTreeHead(db, current, { force: true });
  return { retired: old?.keyId ?? null, current, keyFile, head, updateEnvironment: fromEnvironment };
}
