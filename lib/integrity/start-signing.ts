import "server-only";
import { config } from "../config";
import type { Database } from "../db/database";
import { catchUpTree } from "../store/catch-up-tree";
import { prepareSigning } from "./prepare-signing";
import { treeHeadIfDue } from "./tree-head-if-due";

/**
 * The server's part in keeping heads current: check the key against the log (refusing to start on
 * a key that is not the log's), build any missing tree rows, sign a head when one is due, and then
 * keep checking, so no head is ever more than TRAILBOOK_CHECKPOINT_SECONDS behind a log that grew
 * by any write path (HTTP, or the library within this process). Returns a stop function.
 */
export async function startSigning(db: Database): Promise<() => void> {
  const key = await prepareSigning(db);
  const policy = { every: config.checkpointEvery, maxAgeMs: config.checkpointMaxAgeMs };
  await treeHeadIfDue(db, key, policy, await catchUpTree(db));
  const timer = setInterval(
    () =>
      void treeHeadIfDue(db, key, policy).catch((error) =>
        console.error("Trailbook: could not sign a tree head", error),
      ),
    Math.min(10_000, policy.maxAgeMs / 2),
  );
  timer.unref();
  return () => clearInterval(timer);
}
