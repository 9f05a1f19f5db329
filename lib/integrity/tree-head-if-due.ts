import "server-only";
import type { Database } from "../db/database";
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
  const last = await latestTreeHead(db);
  const signed = last ? Number(last.treeSize) : 0;
  if (size !== undefined && size <= signed) return;
  const age = last ? Date.now() - Date.parse(last.timestamp) : Number.POSITIVE_INFINITY;
  // Without a size (the server's timer), only age counts; signTreeHead then signs only if the tree grew.
  const due = age >= policy.maxAgeMs || (size !== undefined && size - signed >= policy.every);
  if (due) await signTreeHead(db, key);
}
