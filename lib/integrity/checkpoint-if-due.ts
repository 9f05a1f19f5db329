import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { readHead } from "../store/read-head";
import { createCheckpoint } from "./create-checkpoint";
import type { SigningKey } from "./signing-key";

/**
 * Takes a checkpoint when the head has moved `every` events past the last one. Cheap when it has
 * not: a writer passes the head it just wrote, so only the last checkpoint is read.
 */
export async function checkpointIfDue(db: Database, key: SigningKey, every: number, head?: string): Promise<void> {
  const position = head ?? (await readHead(db))?.position;
  if (position === undefined) return;
  const [last] = await db.query<{ position: string | null }>(
    Prisma.sql`SELECT max(position)::text AS position FROM checkpoints`,
  );
  if (BigInt(position) - BigInt(last?.position ?? "0") >= BigInt(every)) await createCheckpoint(db, key);
}
