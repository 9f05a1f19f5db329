import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { readMerkleNodes, readTreeSize } from "../store/read-merkle-nodes";
import { nodesForRoot, rootFromNodes } from "../transparency/merkle-nodes";
import { headHashOf, type SignedTreeHead, type TreeHeadBody, treeHeadPayload } from "../transparency/tree-head";
import { latestTreeHead } from "./list-tree-heads";
import type { SigningKey } from "./signing-key";
import { witnessHead } from "./witness";

/** Any fixed 64-bit number: one head at a time across processes, so `seq` and the chain stay linear. */
const HEAD_LOCK_KEY = 7_411_902_617n;

/**
 * Signs a head over the whole stored tree and chains it to the previous head, then appends it to
 * the witness. Returns the latest head unchanged when the tree has not grown since and its key is
 * this key (unless `force`), and null on an empty log. Appends are not blocked: the tree's size is
 * read from committed rows, which always cover a gapless prefix of the log.
 */
export async function signTreeHead(
  db: Database,
  key: SigningKey,
  options: { force?: boolean } = {},
): Promise<SignedTreeHead | null> {
  const head = await db.transaction(
    async (tx): Promise<{ created: SignedTreeHead } | { last: SignedTreeHead } | null> => {
      await tx.query(Prisma.sql`SELECT pg_advisory_xact_lock(${HEAD_LOCK_KEY}::bigint)`);
      const size = await readTreeSize(tx);
      const last = await latestTreeHead(tx);
      if (size === 0) return null;
      if (last && Number(last.treeSize) === size && last.keyId === key.keyId && !options.force) return { last };
      const root = rootFromNodes(size, await readMerkleNodes(tx, nodesForRoot(size)));
      const body: TreeHeadBody = {
        seq: String(BigInt(last?.seq ?? "0") + 1n),
        treeSize: String(size),
        rootHash: root.toString("hex"),
        timestamp: new Date().toISOString(),
        keyId: key.keyId,
        prevHeadHash: last?.headHash ?? null,
      };
      const signature = key.sign(treeHeadPayload(body));
      const signed: SignedTreeHead = { ...body, signature, headHash: headHashOf(body, signature) };
      await tx.query(Prisma.sql`
      INSERT INTO tree_heads (seq, tree_size, root_hash, signed_at, key_id, prev_head_hash, signature, head_hash)
      VALUES (${signed.seq}::bigint, ${signed.treeSize}::bigint, ${signed.rootHash}, ${signed.timestamp}::timestamptz,
              ${signed.keyId}, ${signed.prevHeadHash}, ${signed.signature}, ${signed.headHash})`);
      return { created: signed };
    },
  );
  if (head === null) return null;
  if ("last" in head) return head.last;
  witnessHead(head.created);
  return head.created;
}
