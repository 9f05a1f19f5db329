import "server-only";
import type { Database } from "../db/database";
import { readTreeSize } from "../store/read-merkle-nodes";
import { latestTreeHead } from "./list-tree-heads";
import { signTreeHead } from "./sign-tree-head";
import type { SigningKey } from "./signing-key";

export interface HeadPolicy {
  /** Sign when the log has grown this many events past the latest head… */
  every: number;
  /** …or has grown at all and the latest head is this old (milliseconds). */
  maxAgeMs: number;
}

/**
 * Signs a tree head when one is due, so the newest head is never more than `every` events or
 * `maxAgeMs` behind the log. A writer passes the size it just wrote, sparing a query. Cheap when
 * nothing is due: one primary-key probe of tree_heads.
 */
export async function treeHeadIfDue(db: Database, key: SigningKey, policy: HeadPolicy, size?: number): Promise<void> {
  // The server's timer passes no size: read it, so an idle log costs two probes, never the head lock.
  const [last, grown] = await Promise.all([latestTreeHead(db), size ?? readTreeSize(db)]);
  const signed = last ? Number(last.treeSize) : 0;
  if (grown <= signed) return;
  const age = last ? Date.now() - Date.parse(last.timestamp) : Number.POSITIVE_INFINITY;
  if (age >= policy.maxAgeMs || grown - signed >= policy.every) await signTreeHead(db, key);
}
