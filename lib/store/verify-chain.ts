import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { Position } from "../paging/keyset-page";
import { appendLeaves, EMPTY_FRONTIER, frontierRoot } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { entryOf } from "../transparency/tree-head";
import { parseOrThrow } from "../validation/parse-or-throw";
import { type EventRecord, hashedFieldsOf } from "./event-record";
import { GENESIS_HASH, hashEvent } from "./hash-event";
import { type Fault, FaultLog } from "./log-faults";
import { readChainBatch } from "./read-chain-batch";
import { merkleRows } from "./read-merkle-nodes";

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
 */
export async function verifyChain(db: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { from, to, batchSize } = parseOrThrow(VerifyOptions, options);
  const faults = new FaultLog();
  const fault = (kind: Fault["kind"], position: bigint | string, detail: string) =>
    faults.add({ kind, position: String(position), detail });
  let expected = BigInt(from ?? "1") || 1n;
  const wholeLog = expected === 1n && to === undefined;
  const wanted = new Set(options.rootsAt ?? []);
  const roots = new Map<number, string>();
  let frontier = EMPTY_FRONTIER;
  let prevHash = GENESIS_HASH;
  if (expected > 1n) {
    const [anchor] = await readChainBatch(db, { after: String(expected - 2n), upTo: String(expected - 1n), limit: 1 });
    if (anchor) prevHash = anchor.hash;
    else fault("missing_position", expected - 1n, "the range's anchor event is missing");
  }
  let checked = 0;
  let head: VerifyResult["head"] = null;
  const read = (after: bigint) => readBatch(db, String(after), to, batchSize, wholeLog);
  // The next batch is read while this one is checked: the database and the CPU work at once.
  for (let pending: Promise<Batch> | null = read(expected - 1n); pending; ) {
    const { rows, nodes, members }: Batch = await pending;
    const last = rows.at(-1);
    pending = rows.length === batchSize && last ? read(BigInt(last.position)) : null;
    pending?.catch(() => {}); // an error is raised where it is awaited
    for (const row of rows) {
      for (; BigInt(row.position) > expected; expected++) fault("missing_position", expected, "no event here");
      if (row.prevHash !== prevHash) fault("prev_hash_mismatch", row.position, "prev_hash is not the previous hash");
      try {
        if (hashEvent(row.prevHash, hashedFieldsOf(row)) !== row.hash) {
          fault("hash_mismatch", row.position, "the event's fields do not match its hash");
        }
      } catch (error) {
        fault("unreadable_row", row.position, `cannot hash the stored row: ${(error as Error).message}`);
      }
      for (const stream of Array.isArray(row.streams) ? row.streams : []) {
        if (members.get(`${row.position}\u0000${stream.name}`) !== String(stream.version)) {
          fault("membership_missing", row.position, `no membership in ${stream.name} at version ${stream.version}`);
        }
      }
      if (wholeLog) {
        const grown = appendLeaves(frontier, [leafHash(entryOf(row.hash))]);
        const [made] = merkleRows(grown.created);
        if (made && JSON.stringify(nodes.get(row.position) ?? null) !== JSON.stringify(made.hashes)) {
          fault("tree_node_mismatch", row.position, "the stored Merkle nodes differ from the log's");
        }
        frontier = grown.frontier;
        if (wanted.has(frontier.size)) roots.set(frontier.size, frontierRoot(frontier).toString("hex"));
      }
      checked++;
      head = { position: row.position, hash: row.hash };
      prevHash = row.hash;
      expected = BigInt(row.position) + 1n;
    }
    options.onProgress?.(checked);
  }
  const [first] = faults.faults;
  return {
    ok: faults.count === 0,
    checked,
    head,
    faults: faults.faults,
    faultCount: faults.count,
    ...(first && { firstBad: { position: first.position ?? "", reason: first.kind, detail: first.detail } }),
    roots,
  };
}

interface Batch {
  rows: EventRecord[];
  nodes: Map<string, string[]>;
  /** "position\0stream" → version, for the rows' positions. */
  members: Map<string, string>;
}

async function readBatch(
  db: Database,
  after: string,
  upTo: string | undefined,
  limit: number,
  tree: boolean,
): Promise<Batch> {
  const rows = await readChainBatch(db, { after, upTo, limit });
  const range = rows.length
    ? Prisma.sql`BETWEEN ${rows[0]!.position}::bigint AND ${rows.at(-1)!.position}::bigint`
    : null;
  if (!range) return { rows, nodes: new Map(), members: new Map() };
  const [nodes, members] = await Promise.all([
    tree
      ? db.query<{ position: string; hashes: string[] }>(Prisma.sql`
          SELECT position::text AS position, hashes FROM merkle_nodes WHERE position ${range}`)
      : [],
    db.query<{ position: string; stream: string; version: string }>(Prisma.sql`
      SELECT position::text AS position, stream, version::text AS version FROM stream_events WHERE position ${range}`),
  ]);
  return {
    rows,
    nodes: new Map(nodes.map((n) => [n.position, n.hashes])),
    members: new Map(members.map((m) => [`${m.position}\u0000${m.stream}`, m.version])),
  };
}
