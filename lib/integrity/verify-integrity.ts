import "server-only";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { FaultLog } from "../store/log-faults";
import { readHashesAt } from "../store/read-hashes-at";
import { type VerifyOptions, type VerifyResult, verifyChain } from "../store/verify-chain";
import { checkHeads } from "./check-heads";
import { checkpointPayload, verifySigned } from "./checkpoint-signature";
import { listTreeHeads } from "./list-tree-heads";
import { readWitness } from "./witness";
import { type WitnessStatus, witnessStatusOf, witnessWarning } from "./witness-status";

export interface IntegrityResult extends Omit<VerifyResult, "roots"> {
  /** Signed tree heads in the database, and how many were fully good. */
  treeHeads: { checked: number; ok: number; latest: { seq: string; treeSize: string } | null };
  /**
   * The witness file outside the database: how many heads it holds, how it stood against the
   * database's heads, and (missing, behind) what the run therefore did not prove.
   */
  witness: { heads: number; status: WitnessStatus; warning?: string };
  /** Checkpoints from before tree heads (still checked, no longer written). */
  checkpoints: { checked: number; ok: number };
  verifiedAt: string;
}

export interface TrustedKeys {
  /** Key id → Ed25519 public key PEM: the keyring, never keys the database names. */
  keys: ReadonlyMap<string, string>;
}

/**
 * The full audit, read-only. The log checks itself (chain, gaps, memberships, tree: verify-chain.ts),
 * then every signed head and every witnessed head is checked against the roots the log produces,
 * and the heads against each other. Keeps going past every fault and names each; `ok` only when
 * there are none. A witness that holds no heads, or lacks the newest, is no fault (a lost witness
 * must not fail every run after it) but `witness.status` says so, with a warning. A range run
 * (`from`/`to`) checks the chain and memberships of that range only.
 */
export async function verifyIntegrity(
  db: Database,
  trusted: TrustedKeys,
  options: VerifyOptions = {},
): Promise<IntegrityResult> {
  const stored = await listTreeHeads(db, "all-oldest-first");
  const witness = readWitness();
  const { heads: witnessed, bad: unreadable } = witness;
  const sizes = [...stored, ...witnessed].map((head) => Number(head.treeSize));
  const chain = await verifyChain(db, { ...options, rootsAt: sizes });
  const faults = new FaultLog();
  for (const fault of chain.faults) faults.add(fault);
  faults.count = chain.faultCount;
  const whole = options.from === undefined && options.to === undefined;
  const good = whole
    ? checkHeads({ stored, witnessed, roots: chain.roots, logSize: chain.checked, trusted: trusted.keys }, faults)
    : 0;
  if (whole && unreadable > 0) {
    faults.add({ kind: "witness_mismatch", detail: `the witness file has ${unreadable} unreadable lines` });
  }
  const checkpoints = whole ? await checkLegacyCheckpoints(db, trusted, faults) : { checked: 0, ok: 0 };
  const status = whole ? witnessStatusOf(stored, witness) : "not_checked";
  const warning = witnessWarning(status);
  const { roots: _roots, ...rest } = chain;
  const [first] = faults.faults;
  const latest = stored.at(-1);
  return {
    ...rest,
    ok: faults.count === 0,
    faults: faults.faults,
    faultCount: faults.count,
    ...(first && { firstBad: { position: first.position ?? "", reason: first.kind, detail: first.detail } }),
    treeHeads: {
      checked: stored.length,
      ok: good,
      latest: latest ? { seq: latest.seq, treeSize: latest.treeSize } : null,
    },
    witness: { heads: witnessed.length, status, ...(warning && { warning }) },
    checkpoints,
    verifiedAt: new Date().toISOString(),
  };
}

/** The checkpoints of the first version: signed chain heads at positions. */
async function checkLegacyCheckpoints(db: Database, trusted: TrustedKeys, faults: FaultLog) {
  const rows = await db.query<{ position: string; hash: string; created_at: Date; key_id: string; signature: string }>(
    Prisma.sql`SELECT position::text AS position, hash, created_at, key_id, signature
                 FROM checkpoints ORDER BY checkpoints.position`,
  );
  const stored = await readHashesAt(
    db,
    rows.map((row) => row.position),
  );
  let ok = 0;
  for (const row of rows) {
    const pem = trusted.keys.get(row.key_id);
    const body = { position: row.position, hash: row.hash, createdAt: row.created_at.toISOString() };
    const before = faults.count;
    const at = (kind: "unknown_key" | "bad_signature" | "truncated" | "hash_differs", detail: string) =>
      faults.add({ kind, position: row.position, detail: `checkpoint: ${detail}` });
    if (pem === undefined) at("unknown_key", `signed by key ${row.key_id}, not in the keyring`);
    else if (!verifySigned(checkpointPayload(body), row.signature, pem))
      at("bad_signature", "signature does not verify");
    else if (!stored.has(row.position)) at("truncated", "the event at its position is gone");
    else if (stored.get(row.position) !== row.hash) at("hash_differs", "the event at its position has another hash");
    if (faults.count === before) ok++;
  }
  return { checked: rows.length, ok };
}
