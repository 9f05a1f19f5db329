import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "../db/database";
import { readTreeSize } from "../store/read-merkle-nodes";
import type { SignedTreeHead } from "../transparency/tree-head";
import { latestTreeHead } from "./list-tree-heads";
import { signTreeHead } from "./sign-tree-head";
import type { SigningKey } from "./signing-key";

/** What a caller needs of the head, beyond covering the log as it was when it asked. */
export type HeadNeed =
  /** A receipt: the latest head will do when it covers this position (1-based). */
  | { covering: number }
  /**
   * An export: the whole log, but a new head at most once per `intervalMs` (measured from the
   * latest head), so back-to-back exports (each records an event, so the log always grows) cannot
   * make the log sign and witness a head each. The caller waits for the rest of the interval.
   */
  | { intervalMs: number };

/** Heads being signed for exports, per database: exports that wake together share one. */
const slot = globalThis as typeof globalThis & {
  trailbookExportHeads?: WeakMap<Database, Promise<SignedTreeHead | null>>;
};
slot.trailbookExportHeads ??= new WeakMap();
const signing = slot.trailbookExportHeads;

/**
 * A signed head to take a receipt or an export at: the latest head when the tree has not grown
 * since it (or it covers what a receipt needs), else a new one over the log as it is now, which
 * covers everything recorded before the call. Null on an empty log.
 */
export async function currentTreeHead(db: Database, key: SigningKey, need: HeadNeed): Promise<SignedTreeHead | null> {
  const [latest, size] = await Promise.all([latestTreeHead(db), readTreeSize(db)]);
  const covers = (head: SignedTreeHead | null) =>
    head !== null && Number(head.treeSize) >= ("covering" in need ? Math.min(need.covering, size) : size);
  if (covers(latest)) return latest;
  if (!latest || !("intervalMs" in need)) return signTreeHead(db, key);
  // Clamped: a head stamped in the future by a skewed clock delays by one interval at most.
  const wait = Math.min(need.intervalMs, Date.parse(latest.timestamp) + need.intervalMs - Date.now());
  if (wait > 0) await sleep(wait);
  // Exports that waited for the same head wake together: the first signs, the others take its
  // head (or one another process signed meanwhile) when it covers what they need.
  const now = await latestTreeHead(db);
  if (covers(now)) return now;
  let shared = signing.get(db);
  if (!shared) {
    shared = signTreeHead(db, key).finally(() => signing.delete(db));
    signing.set(db, shared);
  }
  const head = await shared;
  return covers(head) ? head : signTreeHead(db, key);
}
