import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Position } from "../paging/keyset-page";
import { parseOrThrow } from "../validation/parse-or-throw";
import { type EventRecord, hashedFieldsOf } from "./event-record";
import { GENESIS_HASH, hashEvent } from "./hash-event";
import { readChainBatch } from "./read-chain-batch";

export type ChainFault =
  /** No event at a position the chain must have (deleted row, or a hole). */
  | "missing_position"
  /** prev_hash does not name the previous event's hash (rows swapped, inserted or re-chained). */
  | "prev_hash_mismatch"
  /** The row's fields no longer hash to its stored hash (edited). */
  | "hash_mismatch";

export interface VerifyResult {
  ok: boolean;
  /** Events checked. */
  checked: number;
  /** The last event checked: the head of the range. */
  head: { position: string; hash: string } | null;
  firstBad?: { position: string; reason: ChainFault; detail: string };
}

const VerifyOptions = z.object({
  from: Position.optional(),
  to: Position.optional(),
  batchSize: z.number().int().min(1).max(50_000).default(5000),
});
export type VerifyOptions = z.input<typeof VerifyOptions> & { onProgress?: (checked: number) => void };

/**
 * Recomputes the hash chain over [from, to] (default: all) in keyset batches and names the first
 * bad position. It proves internal consistency only: a truncated tail, or a chain recomputed by
 * someone with write access, is consistent; signed checkpoints are what catch those.
 */
export async function verifyChain(db: Database, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { from, to, batchSize } = parseOrThrow(VerifyOptions, options);
  let expected = BigInt(from ?? "1") || 1n;
  let prevHash = GENESIS_HASH;
  if (expected > 1n) {
    const [anchor] = await readChainBatch(db, { after: String(expected - 2n), upTo: String(expected - 1n), limit: 1 });
    if (!anchor) return fault(0, null, expected - 1n, "missing_position", "the range's anchor event is missing");
    prevHash = anchor.hash;
  }
  let checked = 0;
  let head: VerifyResult["head"] = null;
  const read = (after: bigint) => readChainBatch(db, { after: String(after), upTo: to, limit: batchSize });
  // The next batch is read while this one is hashed: the database and the CPU work at once.
  for (let pending: Promise<EventRecord[]> | null = read(expected - 1n); pending; ) {
    const rows: EventRecord[] = await pending;
    const last = rows.at(-1);
    pending = rows.length === batchSize && last ? read(BigInt(last.position)) : null;
    pending?.catch(() => {}); // if we stop at a fault, the read ahead is abandoned, not unhandled
    for (const row of rows) {
      // A hole shows as the next stored row having a later position than expected.
      if (BigInt(row.position) !== expected) {
        return fault(checked, head, expected, "missing_position", `no event at position ${expected}`);
      }
      if (row.prevHash !== prevHash) {
        return fault(
          checked,
          head,
          expected,
          "prev_hash_mismatch",
          "prev_hash does not match the previous event's hash",
        );
      }
      if (hashEvent(prevHash, hashedFieldsOf(row)) !== row.hash) {
        return fault(checked, head, expected, "hash_mismatch", "the event's fields do not match its hash");
      }
      checked++;
      head = { position: row.position, hash: row.hash };
      prevHash = row.hash;
      expected++;
    }
    options.onProgress?.(checked);
  }
  return { ok: true, checked, head };
}

function fault(
  checked: number,
  head: VerifyResult["head"],
  position: bigint,
  reason: ChainFault,
  detail: string,
): VerifyResult {
  return { ok: false, checked, head, firstBad: { position: String(position), reason, detail } };
}
