import "server-only";
import { config } from "../config";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import { latestTreeHead } from "./list-tree-heads";
import type { SigningKey } from "./signing-key";
import { type KeySettings, loadSigningKey, setSigningKey, signingKeyFile } from "./signing-key";

/** Raised when this process must not sign for the log: its key is not the log's. */
export class SigningKeyMismatch extends Error {}

/** The key id that signed last: the latest tree head's, else the latest legacy checkpoint's. */
async function lastSigner(db: Queryable): Promise<{ keyId: string; what: string } | null> {
  const head = await latestTreeHead(db);
  if (head) return { keyId: head.keyId, what: `tree head ${head.seq}` };
  const [checkpoint] = await db.query<{ key_id: string; position: string }>(Prisma.sql`
    SELECT key_id, position::text AS position FROM checkpoints ORDER BY checkpoints.position DESC LIMIT 1`);
  return checkpoint ? { keyId: checkpoint.key_id, what: `the checkpoint at position ${checkpoint.position}` } : null;
}

/**
 * Loads the signing key for a process that will sign (the server at start, seed, restore), after
 * checking it against the log. A fresh log gets a new key. A log that has signed before must be
 * signed by the same key: a missing key or another key is refused with what to do, because a new
 * key chosen silently makes every older head look forged (key loss must be declared: rotate).
 */
export async function prepareSigning(db: Queryable, settings: KeySettings = config): Promise<SigningKey> {
  const last = await lastSigner(db);
  let key: SigningKey;
  try {
    key = loadSigningKey(settings, { create: last === null });
  } catch (error) {
    if (last === null) throw error;
    throw new SigningKeyMismatch(
      `${(error as Error).message} This log was signed by key ${last.keyId} (${last.what}); ` +
        "restore that key, or declare it lost with `npm run keys -- rotate-signing --lost-key`.",
    );
  }
  if (last && last.keyId !== key.keyId) {
    throw new SigningKeyMismatch(
      `The signing key ${key.keyId} (${settings.signingKeyPem ? "TRAILBOOK_SIGNING_KEY" : signingKeyFile(settings)}) ` +
        `is not the key that signed ${last.what} (${last.keyId}). Restore that key, or declare it lost with ` +
        "`npm run keys -- rotate-signing --lost-key`.",
    );
  }
  if (settings === config) setSigningKey(key);
  return key;
}
