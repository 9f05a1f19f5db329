import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { verifyChain, type VerifyOptions, type VerifyResult } from "../store/verify-chain";
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
 * The full audit: recompute the hash chain, then check every signed checkpoint against it.
 * Records the outcome (shown on the Integrity page). `ok` only when both hold.
 */
export async function verifyIntegrity(db: Database, publicKeyPem: string, options: VerifyOptions = {}): Promise<IntegrityResult> {
  const startedAt = new Date();
  const chain = await verifyChain(db, options);
  const rows = await db.query<{ position: string; hash: string; created_at: Date; key_id: string; signature: string; event_hash: string | null }>(Prisma.sql`
    SELECT c.position::text AS position, c.hash, c.created_at, c.key_id, c.signature, e.hash AS event_hash
      FROM checkpoints c LEFT JOIN events e ON e.position = c.position ORDER BY c.position`);
  const keyId = keyIdOf(publicKeyPem);
  let good = 0;
  let firstBad: IntegrityResult["checkpoints"]["firstBad"];
  for (const row of rows) {
    const body = { position: row.position, hash: row.hash, createdAt: row.created_at.toISOString() };
    const reason: CheckpointFault | null =
      row.key_id !== keyId || !verifySigned(checkpointPayload(body), row.signature, publicKeyPem)
        ? "bad_signature"
        : row.event_hash === null
          ? "truncated"
          : row.event_hash !== row.hash
            ? "hash_differs"
            : null;
    if (reason === null) good++;
    else firstBad ??= { position: row.position, reason };
  }
  const result: IntegrityResult = {
    ...chain,
    ok: chain.ok && firstBad === undefined,
    checkpoints: { checked: rows.length, ok: good, ...(firstBad && { firstBad }) },
    verifiedAt: new Date().toISOString(),
  };
  await db.query(Prisma.sql`
    INSERT INTO verifications (id, started_at, finished_at, ok, checked, head_position, first_bad, checkpoints_ok)
    VALUES (${randomUUID()}::uuid, ${startedAt.toISOString()}::timestamptz, ${result.verifiedAt}::timestamptz, ${result.ok},
            ${result.checked}, ${result.head?.position ?? null}::bigint,
            ${JSON.stringify(chain.firstBad ?? firstBad ?? null)}::jsonb, ${good})`);
  return result;
}
