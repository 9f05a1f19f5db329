import "server-only";
import type { Database } from "../db/database";
import { NoTreeHeadAtSize, NotFound, TreeSizeBeforeEvent } from "../errors";
import { getEvent } from "../store/get-event";
import { readChainBatch } from "../store/read-chain-batch";
import type { TenantScope } from "../store/tenant-scope";
import type { Receipt } from "../transparency/receipt";
import { currentTreeHead } from "./current-tree-head";
import { signedSizesAround, treeHeadOfSize } from "./list-tree-heads";
import { proveInclusion } from "./prove-inclusion";
import type { SigningKey } from "./signing-key";

/**
 * A receipt for one event (within the scope): the event as hashed, and its inclusion proof in a
 * signed tree head that covers it: the latest (or a new one when the latest is older than the
 * event), or with `treeSize` the signed head of that size (RFC 9162 §2.1.3: inclusion in a tree
 * size the caller picks, e.g. a head an auditor kept). Only sizes a head has signed are offered,
 * since the proof is checkable offline only against a signed root.
 */
export async function getReceipt(
  db: Database,
  id: string,
  scope: TenantScope,
  key: SigningKey,
  tenant?: string | null,
  treeSize?: number,
): Promise<Receipt> {
  const { position } = await getEvent(db, id, scope, tenant);
  const [event] = await readChainBatch(db, { after: String(BigInt(position) - 1n), upTo: position, limit: 1 });
  const treeHead =
    treeSize === undefined
      ? await currentTreeHead(db, key, { covering: Number(position) })
      : await signedHeadOfSize(db, treeSize, position);
  if (!event || !treeHead || Number(treeHead.treeSize) < Number(position))
    throw new NotFound(`A tree head covering ${id}`);
  const proofs = await proveInclusion(db, [position], Number(treeHead.treeSize));
  return {
    trailbook: "receipt",
    version: 1,
    event,
    leafIndex: String(BigInt(position) - 1n),
    treeHead,
    inclusionProof: proofs.get(position) ?? [],
  };
}

/** The signed head of `size`, which must hold the event at `position`. */
async function signedHeadOfSize(db: Database, size: number, position: string) {
  if (size < Number(position)) throw new TreeSizeBeforeEvent(size, position);
  const head = await treeHeadOfSize(db, size);
  if (!head) throw new NoTreeHeadAtSize(size, await signedSizesAround(db, size, Number(position)));
  return head;
}
