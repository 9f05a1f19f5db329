import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "../db/database";
import { Position } from "../paging/keyset-page";
import { parseOrThrow } from "../validation/parse-or-throw";
import { type BatchInput, type BatchOutput, checkBatch } from "./check-batch";
import { GENESIS_HASH } from "./hash-event";
import { defaultThreads, HashPool, IN_THREAD } from "./hash-pool";
import { type Fault, FaultLog } from "./log-faults";
import { readChainBatch } from "./read-chain-batch";
import { type RowsBatch, readMembers, readNodeRows, readNodesDigest, readRows } from "./read-verify-rows";
import { TreeCheck } from "./tree-check";

export interface VerifyResult {
  ok: boolean;
  /** Events read and checked. */
  checked: number;
  /** The last event read: the head of the range. */
  head: { position: string; hash: string } | null;
  /** The first 100 faults, in position order, and how many there are in all. */
  faults: Fault[];
  faultCount: number;
  /** The first fault (as `reason`), kept for callers of the first version. */
  firstBad?: { position: string; reason: Fault["kind"]; detail: string };
  /** The Merkle root at each tree size asked for in `rootsAt` (whole-log runs only), hex. */
  roots: Map<number, string>;
}

const VerifyOptions = z.object({
  from: Position.optional(),
  to: Position.optional(),
  batchSize: z.number().int().min(1).max(50_000).default(5000),
  /** Worker threads that hash; 0 hashes in this thread. Default: one per core. */
  threads: z.number().int().min(0).max(64).optional(),
});
export type VerifyOptions = z.input<typeof VerifyOptions> & {
  onProgress?: (checked: number) => void;
  /** Tree sizes whose root to compute (signed heads, witnessed heads). */
  rootsAt?: Iterable<number>;
};

/**
 * Reads the log in position order and checks everything it can prove about itself: every row
 * hashes to its hash, chains to the previous one, has no gap, and has its appended-to stream
 * memberships; and (for a whole-log run) the stored Merkle tree matches the one the hashes make,
 * with the roots at `rootsAt` computed on the way. It keeps going past a fault and names each.
 * A truncated tail or a history rewritten with its tree is consistent here: signed heads and the
 * witness catch those (verify-integrity.ts).
 *
 * How it is fast: this thread reads batches ahead (each one COPY or JSON text, see {@link readRows}) and
 * keeps the sequential state (the chain across batches, the Merkle frontier); the row checks of
 * whole batches (JSON parse, JCS, SHA-256, memberships: check-batch.ts) run on worker threads, one
 * per core, and their answers are taken in batch order, so the faults are those of a pass in one
 * thread, in the same order (`threads: 0` is that pass). A log of one batch is checked here.
 */
export async function verifyChain(db: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { from, to, batchSize, threads = defaultThreads() } = parseOrThrow(VerifyOptions, options);
  const faults = new FaultLog();
  const fault = (kind: Fault["kind"], position: bigint | string, detail: string) =>
    faults.add({ kind, position: String(position), detail });
  let expected = BigInt(from ?? "1") || 1n;
  const wholeLog = expected === 1n && to === undefined;
  const tree = wholeLog ? new TreeCheck(new Set(options.rootsAt ?? [])) : null;
  let prevHash = GENESIS_HASH;
  if (expected > 1n) {
    const [anchor] = await readChainBatch(db, { after: String(expected - 2n), upTo: String(expected - 1n), limit: 1 });
    if (anchor) prevHash = anchor.hash;
    else fault("missing_position", expected - 1n, "the range's anchor event is missing");
  }
  let checked = 0;
  let head: VerifyResult["head"] = null;

  let pool: Promise<HashPool | null> | null = null;
  const check = async (input: BatchInput): Promise<BatchOutput> => {
    const workers = await pool;
    return workers ? workers.run(input) : checkBatch(IN_THREAD, input);
  };
  /** Reads a batch's other rows and has it checked: all that can run ahead of the batches before it. */
  const prepare = async (rows: RowsBatch): Promise<Prepared> => {
    const [members, nodes] = await Promise.all([
      readMembers(db, rows.first, rows.last),
      tree ? readNodesDigest(db, rows.first, rows.last) : null,
    ]);
    return { rows, nodes, output: await check({ rows: rows.rows, members, leaves: tree !== null }) };
  };
  /** Takes a checked batch in log order: the first row against the batch before, the tree, the faults. */
  const take = async ({ rows, nodes, output }: Prepared) => {
    const first = BigInt(output.firstPosition!);
    for (; first > expected; expected++) fault("missing_position", expected, "no event here");
    if (output.firstPrevHash !== prevHash) {
      fault("prev_hash_mismatch", first, "prev_hash is not the previous hash");
    }
    const badNodes = tree ? await checkTree(db, tree, rows, nodes!, output) : [];
    const badNode = (row: number) =>
      fault("tree_node_mismatch", positionAt(output, row), "the stored Merkle nodes differ from the log's");
    // A row's own faults come before its tree fault, as in a pass over single rows.
    let next = 0;
    for (const [row, kind, position, detail] of output.faults) {
      for (; next < badNodes.length && badNodes[next]! < row; next++) badNode(badNodes[next]!);
      fault(kind, position, detail);
    }
    for (; next < badNodes.length; next++) badNode(badNodes[next]!);
    checked += output.count;
    head = { position: output.lastPosition!, hash: output.lastHash! };
    prevHash = output.lastHash!;
    expected = BigInt(output.lastPosition!) + 1n;
    options.onProgress?.(checked);
  };

  // Reads run ahead of the checks by up to `depth` batches; the checks are taken in order.
  const depth = Math.max(2, threads + 1);
  const queue: Promise<Prepared>[] = [];
  let reading: Promise<RowsBatch> | null = readRows(db, String(expected - 1n), to, batchSize);
  try {
    for (;;) {
      while (reading && queue.length < depth) {
        const rows: RowsBatch = await reading;
        reading = rows.count === batchSize ? readRows(db, rows.last, to, batchSize) : null;
        reading?.catch(() => {}); // an error is raised where it is awaited
        if (rows.count === 0) break;
        // Workers pay off from the second batch on; a log of one batch is checked in this thread.
        if (!pool && reading && threads > 0) pool = HashPool.open(threads);
        const prepared = prepare(rows);
        prepared.catch(() => {});
        queue.push(prepared);
      }
      const prepared = queue.shift();
      if (!prepared) break;
      await take(await prepared);
    }
  } finally {
    await (await pool)?.close();
  }
  const [firstFault] = faults.faults;
  return {
    ok: faults.count === 0,
    checked,
    head,
    faults: faults.faults,
    faultCount: faults.count,
    ...(firstFault && {
      firstBad: { position: firstFault.position ?? "", reason: firstFault.kind, detail: firstFault.detail },
    }),
    roots: tree?.roots ?? new Map(),
  };
}

interface Prepared {
  rows: RowsBatch;
  /** How many merkle_nodes rows the batch's positions have, and a digest of them (whole-log runs). */
  nodes: { count: number; digest: string } | null;
  output: BatchOutput;
}

function positionAt(output: BatchOutput, row: number): string {
  return output.positions?.[row] ?? String(Number(output.firstPosition) + row);
}

/**
 * Grows the tree by the batch's leaves and compares the merkle_nodes row each one makes with the row
 * stored at the event's position (the k-th event read makes the row of leaf k, so after a deleted
 * event they differ). Returns the batch's rows whose stored nodes differ, ascending.
 */
async function checkTree(
  db: Database,
  tree: TreeCheck,
  rows: RowsBatch,
  nodes: NonNullable<Prepared["nodes"]>,
  output: BatchOutput,
): Promise<number[]> {
  const made = tree.add(output.leaves, output.count);
  const lines = made.map((hashes, row) => `${positionAt(output, row)} ${hashes}`).join("\n");
  if (nodes.count === output.count && createHash("sha256").update(lines).digest("hex") === nodes.digest) return [];
  const stored = await readNodeRows(db, rows.first, rows.last);
  const bad: number[] = [];
  made.forEach((hashes, row) => {
    if (stored.get(positionAt(output, row)) !== hashes) bad.push(row);
  });
  return bad;
}
