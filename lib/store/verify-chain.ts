import "server-only";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../db/generated/client";
import { CHAIN_COLUMNS, hashedFieldsOf, type ChainRow } from "./chain-row";
import { GENESIS_HASH, hashEvent } from "./hash-event";
import { Position } from "./page";
import { parseOrThrow } from "./zod-issues";

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
  const upper = to ?? "999999999999999999";
  let prevHash = GENESIS_HASH;
  if (expected > 1n) {
    const [anchor] = await db.query<{ hash: string }>(Prisma.sql`
      SELECT hash FROM events WHERE position = ${String(expected - 1n)}::bigint`);
    if (!anchor) return fault(0, null, expected - 1n, "missing_position", "the range's anchor event is missing");
    prevHash = anchor.hash;
  }
  let checked = 0;
  let head: VerifyResult["head"] = null;
  // Positions are gapless, so a batch is a plain primary-key range: no sort, whatever the planner's
  // statistics. A short batch means the end, or a hole: then jump to the next stored position, if
  // any, and the per-row check below names the missing one.
  const last = BigInt(upper);
  const read = async (from: bigint): Promise<{ rows: ChainRow[]; next: bigint | null }> => {
    const to = from + BigInt(batchSize) - 1n < last ? from + BigInt(batchSize) - 1n : last;
    const rows = await db.query<ChainRow>(Prisma.sql`
      SELECT ${CHAIN_COLUMNS} FROM events e
       WHERE e.position BETWEEN ${String(from)}::bigint AND ${String(to)}::bigint ORDER BY e.position`);
    if (to >= last) return { rows, next: null };
    if (BigInt(rows.length) === to - from + 1n) return { rows, next: to + 1n };
    const [after] = await db.query<{ position: string | null }>(Prisma.sql`
      SELECT min(e.position)::text AS position FROM events e WHERE e.position > ${String(to)}::bigint AND e.position <= ${upper}::bigint`);
    return { rows, next: after?.position ? BigInt(after.position) : null };
  };
  // The next batch is read while this one is hashed: the database and the CPU work at once.
  for (let pending: Promise<{ rows: ChainRow[]; next: bigint | null }> | null = read(expected); pending; ) {
    const { rows, next }: { rows: ChainRow[]; next: bigint | null } = await pending;
    pending = next === null ? null : read(next);
    pending?.catch(() => {}); // if we stop at a fault, the read ahead is abandoned, not unhandled
    for (const row of rows) {
      if (BigInt(row.position) !== expected) {
        return fault(checked, head, expected, "missing_position", `no event at position ${expected}`);
      }
      if (row.prev_hash !== prevHash) {
        return fault(checked, head, expected, "prev_hash_mismatch", "prev_hash does not match the previous event's hash");
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

function fault(checked: number, head: VerifyResult["head"], position: bigint, reason: ChainFault, detail: string): VerifyResult {
  return { ok: false, checked, head, firstBad: { position: String(position), reason, detail } };
}
