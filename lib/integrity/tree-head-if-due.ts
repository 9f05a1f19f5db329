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

/** The newest head this process has seen, per database: shared by every module instance (globalThis). */
const slot = globalThis as typeof globalThis & { trailbookSeenHeads?: WeakMap<Database, Seen> };
slot.trailbookSeenHeads ??= new WeakMap();
const seen = slot.trailbookSeenHeads;
interface Seen {
  size: number;
  signedAt: number;
}

/**
 * Signs a tree head when one is due, so the newest head is never more than `every` events or
 * `maxAgeMs` behind the log. A writer passes the size it just wrote: then nothing is read while
 * the newest head this process has seen says nothing is due. That is safe when another process
 * signed since: the real newest head is only newer, so nothing is due by it either. Otherwise one
 * primary-key probe of tree_heads decides.
 */
export async function treeHeadIfDue(db: Database, key: SigningKey, policy: HeadPolicy, size?: number): Promise<void> {
  const known = seen.get(db);
  if (size !== undefined && known && !due(known, size, policy)) return;
  // The server's timer passes no size: read it, so an idle log costs two probes, never the head lock.
  const [last, grown] = await Promise.all([latestTreeHead(db), size ?? readTreeSize(db)]);
  const latest = last
    ? { size: Number(last.treeSize), signedAt: Date.parse(last.timestamp) }
    : { size: 0, signedAt: 0 };
  seen.set(db, latest);
  if (!due(latest, grown, policy)) return;
  const signed = await signTreeHead(db, key);
  if (signed) seen.set(db, { size: Number(signed.treeSize), signedAt: Date.parse(signed.timestamp) });
}

/** Whether a log of `size` events needs a head over `last`: grown, and by `every` events or for `maxAgeMs`. */
function due(last: Seen, size: number, policy: HeadPolicy): boolean {
  if (size <= last.size) return false;
  return last.size === 0 || Date.now() - last.signedAt >= policy.maxAgeMs || size - last.size >= policy.every;
}
