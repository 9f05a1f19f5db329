import "server-only";
import type { Database } from "../db/database";
import { APPEND_LOCK_KEY } from "./append-lock";
import { extendTree } from "./extend-tree";
import { readHead } from "./read-head";
import { readTreeSize } from "./read-merkle-nodes";

/**
 * Builds the Merkle tree's missing rows up to the log's head, under the append lock: for a store
 * written before the tree existed, or restored without it. Appends do this too when they find the
 * tree behind; doing it at start-up keeps that cost off the first request. Returns the tree size.
 */
export async function catchUpTree(db: Database): Promise<number> {
  return db.transaction(
    async (tx) => {
      const head = Number((await readHead(tx))?.position ?? 0);
      const size = await readTreeSize(tx);
      return size < head ? (await extendTree(tx, size, head)).size : size;
    },
    { lock: APPEND_LOCK_KEY },
  );
}
