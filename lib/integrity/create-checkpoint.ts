import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { readHead } from "../store/read-head";
import { checkpointPayload, type SignedCheckpoint } from "./checkpoint-signature";
import { listCheckpoints } from "./list-checkpoints";
import type { SigningKey } from "./signing-key";

/**
 * Signs the current chain head and stores the checkpoint. Returns null on an empty log, and the
 * existing checkpoint when the head has not moved since the last one.
 */
export async function createCheckpoint(db: Database, key: SigningKey): Promise<SignedCheckpoint | null> {
  const head = await readHead(db);
  if (!head) return null;
  const body = { position: head.position, hash: head.hash, createdAt: new Date().toISOString() };
  const checkpoint = { ...body, keyId: key.keyId, signature: key.sign(checkpointPayload(body)) };
  await db.query(Prisma.sql`
    INSERT INTO checkpoints (position, hash, created_at, key_id, signature)
    VALUES (${body.position}::bigint, ${body.hash}, ${body.createdAt}::timestamptz,
            ${checkpoint.keyId}, ${checkpoint.signature})
    ON CONFLICT (position) DO NOTHING`);
  const [stored] = await listCheckpoints(db, { atPosition: head.position });
  return stored ?? null;
}
