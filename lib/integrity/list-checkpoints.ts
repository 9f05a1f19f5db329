import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import type { SignedCheckpoint } from "./checkpoint-signature";

/** Checkpoints, newest first (or the one at a position). */
export async function listCheckpoints(
  db: Database,
  options: { atPosition?: string; limit?: number } = {},
): Promise<SignedCheckpoint[]> {
  const rows = await db.query<{
    position: string;
    hash: string;
    created_at: Date;
    key_id: string;
    signature: string;
  }>(Prisma.sql`
    SELECT c.position::text AS position, c.hash, c.created_at, c.key_id, c.signature FROM checkpoints c
     WHERE (${options.atPosition ?? null}::bigint IS NULL OR c.position = ${options.atPosition ?? null}::bigint)
     ORDER BY c.position DESC LIMIT ${options.limit ?? 100}`);
  return rows.map((row) => ({
    position: row.position,
    hash: row.hash,
    createdAt: row.created_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature,
  }));
}
