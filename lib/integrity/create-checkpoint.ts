import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { checkpointPayload, type SignedCheckpoint } from "./checkpoint-signature";
import { listCheckpoints } from "./list-checkpoints";
import type { SigningKey } from "./signing-key";

/**
 * Signs the current chain head and stores the checkpoint. Returns null on an empty log, and the
 * existing checkpoint when the head has not moved since the last one.
 */
export async function createCheckpoint(db: Database, key: SigningKey): Promise<SignedCheckpoint | null> {
  const [head] = await db.query<{ position: string; hash: string }>(Prisma.sql`
    SELECT e.position::text AS position, e.hash FROM events e ORDER BY e.position DESC LIMIT 1`);
  if (!head) return null;
  const body = { position: head.position, hash: head.hash, createdAt: new Date().toISOString() };
  const checkpoint = { ...body, keyId: key.keyId, signature: key.sign(checkpointPayload(body)) };
  await db.query(Prisma.sql`
    INSERT INTO checkpoints (position, hash, created_at, key_id, signature)
    VALUES (${body.position}::bigint, ${body.hash}, ${body.createdAt}::timestamptz, ${checkpoint.keyId}, ${checkpoint.signature})
    ON CONFLICT (position) DO NOTHING`);
  const [stored] = await listCheckpoints(db, { atPosition: head.position });
  return stored ?? null;
}

/** Takes a checkpoint when the head has moved `every` events past the last one. Cheap when it has not. */
export async function checkpointIfDue(db: Database, key: SigningKey, every: number): Promise<void> {
  const [state] = await db.query<{ head: string | null; last: string | null }>(Prisma.sql`
    SELECT (SELECT max(position) FROM events)::text AS head, (SELECT max(position) FROM checkpoints)::text AS last`);
  if (state?.head && BigInt(state.head) - BigInt(state.last ?? "0") >= BigInt(every)) await createCheckpoint(db, key);
}
