import "server-only";
import type { Database } from "../db/database";
import { readTreeSize } from "../store/read-merkle-nodes";
import type { SignedTreeHead } from "../transparency/tree-head";
import { latestTreeHead } from "./list-tree-heads";
import { signTreeHead } from "./sign-tree-head";
import type { SigningKey } from "./signing-key";

/**
 * A signed head covering the whole log as it is now: the latest head when the tree has not grown
 * since, else a new one. Null on an empty log. Exports and receipts are taken at such a head.
 */
export async function currentTreeHead(db: Database, key: SigningKey): Promise<SignedTreeHead | null> {
  const [latest, size] = await Promise.all([latestTreeHead(db), readTreeSize(db)]);
  if (latest && Number(latest.treeSize) >= size) return latest;
  return signTreeHead(db, key);
}
