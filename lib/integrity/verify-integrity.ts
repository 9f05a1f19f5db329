import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { readHashesAt } from "../store/read-hashes-at";
import { type VerifyOptions, type VerifyResult, verifyChain } from "../store/verify-chain";
import { checkpointPayload, keyIdOf, verifySigned } from "./checkpoint-signature";

export type CheckpointFault =
  /** The signature does not verify with our public key: forged or altered checkpoint. */
  | "bad_signature"
  /** The event at the checkpoint's position is gone: the tail was truncated. */
  | "truncated"
  /** The event at the position has another hash than was signed: the chain was rewritten. */
  | "hash_differs";

export interface IntegrityResult extends VerifyResult {
  checkpoints: { checked: number; ok: number; firstBad?: { position: string; reason: CheckpointFault } };
  verifiedAt: string;
}

/**
 * The full audit, read-only: recompute the hash chain, then check every signed checkpoint against
 * it. `ok` only when both hold. (run-verification.ts also records the outcome.)
 */
export async function verifyIntegrity(
  db: Database,
  publicKeyPem: string,
  options: VerifyOptions = {},
): Promise<IntegrityResult> {
  const chain = await verifyChain(db, options);
  const rows = await db.query<{
    position: string;
    hash: string;
    created_at: Date;
    key_id: string;
    signature: string;
  }>(Prisma.sql`
    SELECT c.position::text AS position, c.hash, c.created_at, c.key_id, c.signature
      FROM checkpoints c ORDER BY c.position`);
  const stored = await readHashesAt(
    db,
    rows.map((row) => row.position),
  );
  const keyId = keyIdOf(publicKeyPem);
  let good = 0;
  let firstBad: IntegrityResult["checkpoints"]["firstBad"];
  for (const row of rows) {
    const body = { position: row.position, hash: row.hash, createdAt: row.created_at.toISOString() };
    const eventHash = stored.get(row.position);
    const reason: CheckpointFault | null =
      row.key_id !== keyId || !verifySigned(checkpointPayload(body), row.signature, publicKeyPem)
        ? "bad_signature"
        : eventHash === undefined
          ? "truncated"
          : eventHash !== row.hash
            ? "hash_differs"
            : null;
    if (reason === null) good++;
    else firstBad ??= { position: row.position, reason };
  }
  return {
    ...chain,
    ok: chain.ok && firstBad === undefined,
    checkpoints: { checked: rows.length, ok: good, ...(firstBad && { firstBad }) },
    verifiedAt: new Date().toISOString(),
  };
}
