import "server-only";
import type { Database } from "../db/database";
import { NotFound } from "../errors";
import { getEvent } from "../store/get-event";
import { readChainBatch } from "../store/read-chain-batch";
import type { TenantScope } from "../store/tenant-scope";
import type { Receipt } from "../transparency/receipt";
import { currentTreeHead } from "./current-tree-head";
import { proveInclusion } from "./prove-inclusion";
import type { SigningKey } from "./signing-key";

/**
 * A receipt for one event (within the scope): the event as hashed, and its inclusion proof in a
 * signed tree head that covers it (the latest, or a new one when the latest is older than it).
 */
export async function getReceipt(
  db: Database,
  id: string,
  scope: TenantScope,
  key: SigningKey,
  tenant?: string | null,
): Promise<Receipt> {
  const { position } = await getEvent(db, id, scope, tenant);
  const [event] = await readChainBatch(db, { after: String(BigInt(position) - 1n), upTo: position, limit: 1 });
  const treeHead = await currentTreeHead(db, key, { covering: Number(position) });
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
