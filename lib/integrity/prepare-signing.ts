import "server-only";
import { config } from "../config";
import type { Queryable } from "../db/database";
import { Prisma } from "../db/generated/client";
import { addToKeyring, readKeyring } from "./keyring";
import { latestTreeHead } from "./list-tree-heads";
import { type KeySettings, loadSigningKey, type SigningKey, setSigningKey, signingKeyFile } from "./signing-key";
import { readWitness, witnessFile } from "./witness";

/** Raised when this process must not sign for the log: its key is not the log's, or the log is behind its witness. */
export class SigningKeyMismatch extends Error {}

export type SigningSettings = KeySettings & Pick<typeof config, "witnessDir">;

/** The key id that signed last: the latest tree head's, else the latest legacy checkpoint's. */
async function lastSigner(db: Queryable): Promise<{ keyId: string; what: string } | null> {
  const head = await latestTreeHead(db);
  if (head) return { keyId: head.keyId, what: `tree head ${head.seq}` };
  const [checkpoint] = await db.query<{ key_id: string; position: string }>(Prisma.sql`
    SELECT key_id, position::text AS position FROM checkpoints ORDER BY checkpoints.position DESC LIMIT 1`);
  return checkpoint ? { keyId: checkpoint.key_id, what: `the checkpoint at position ${checkpoint.position}` } : null;
}

const LOST = "declare it lost with `npm run keys -- rotate-signing --lost-key`";

/** Why `key` may not sign for a log last signed by `last`, or null when it may. */
function refusal(key: SigningKey, last: { keyId: string; what: string }, settings: KeySettings): string | null {
  if (last.keyId === key.keyId) return null;
  const where = settings.signingKeyPem ? "TRAILBOOK_SIGNING_KEY" : signingKeyFile(settings);
  const known = readKeyring(settings).has(last.keyId);
  return known
    ? `The signing key ${key.keyId} (${where}) is not the key that signed ${last.what} (${last.keyId}). ` +
        `Restore that key, or ${LOST}.`
    : `${last.what} names key ${last.keyId}, which is not in the keyring (${settings.keyringDir}): either the ` +
        "keyring was lost, or that head was written into the database by someone else. Run `npm run verify` " +
        "before signing anything.";
}

/** Refuses a log whose latest head is behind, or differs from, the last head its witness holds. */
async function checkWitness(db: Queryable, settings: SigningSettings): Promise<void> {
  const witnessed = readWitness(settings).heads.at(-1);
  if (!witnessed) return;
  const stored = await latestTreeHead(db);
  const behind = !stored || BigInt(stored.seq) < BigInt(witnessed.seq);
  if (behind || (stored.seq === witnessed.seq && stored.headHash !== witnessed.headHash)) {
    throw new SigningKeyMismatch(
      `The database's latest tree head (${stored ? `head ${stored.seq}` : "none"}) is ${behind ? "behind" : "not"} ` +
        `the witness's head ${witnessed.seq} (${witnessFile(settings)}): heads were deleted or the log was ` +
        "rewritten. Run `npm run verify`; signing now would sign over it.",
    );
  }
}

/**
 * Loads the signing key for a process that will sign (the server at start, seed, restore), after
 * checking it against the log. A fresh log gets a new key. A log that has signed before must be
 * signed by the same key: a missing key or another key is refused with what to do, because a new
 * key chosen silently makes every older head look forged (key loss must be declared: rotate). A
 * log behind its witness is refused too. Only a key that passed is added to the keyring.
 */
export async function prepareSigning(db: Queryable, settings: SigningSettings = config): Promise<SigningKey> {
  const last = await lastSigner(db);
  let key: SigningKey;
  try {
    key = loadSigningKey(settings, { create: last === null });
  } catch (error) {
    if (last === null) throw error;
    throw new SigningKeyMismatch(
      `${(error as Error).message} This log was signed by key ${last.keyId} (${last.what}).`,
    );
  }
  const refused = last && refusal(key, last, settings);
  if (refused) throw new SigningKeyMismatch(refused);
  await checkWitness(db, settings);
  addToKeyring(settings, key.publicKeyPem);
  if (settings === config) setSigningKey(key);
  return key;
}
