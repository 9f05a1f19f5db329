import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLeaves, EMPTY_FRONTIER, frontierRoot } from "../transparency/merkle-frontier";
import { leafHash } from "../transparency/merkle-hash";
import { entryOf } from "../transparency/tree-head";
import { BATCH_FIELDS, type BatchInput, checkBatch } from "./check-batch";
import { type EventRecord, hashedFieldsOf } from "./event-record";
import { GENESIS_HASH, hashEvent } from "./hash-event";
import { copyText, HashPool, IN_THREAD } from "./hash-pool";
import { merkleRows } from "./read-merkle-nodes";
import { TreeCheck } from "./tree-check";

// The parts verification hands to worker threads, each against the code it replaces.

describe("checkBatch on worker threads", () => {
  let pool: HashPool | null;
  beforeAll(async () => {
    pool = await HashPool.open(2);
  });
  afterAll(async () => {
    await pool?.close();
  });

  /** Records chained from GENESIS_HASH, each hashed by hashEvent, packed as the verification read packs them. */
  const batchOf = (records: Omit<EventRecord, "hash" | "prevHash">[]): { input: BatchInput; hashed: EventRecord[] } => {
    let prevHash = GENESIS_HASH;
    const hashed = records.map((record) => {
      const hash = hashEvent(prevHash, hashedFieldsOf({ ...record, prevHash, hash: "" }));
      const row = { ...record, prevHash, hash };
      prevHash = hash;
      return row;
    });
    const members = hashed.flatMap((r) => r.streams.map((s) => [r.position, s.name, String(s.version)]));
    const rows = JSON.stringify(hashed.map((r) => BATCH_FIELDS.map((field) => r[field])));
    return { input: { rows, members: JSON.stringify(members), leaves: true }, hashed };
  };

  const json = fc.jsonValue({ maxDepth: 3 });
  const record = (position: number) =>
    fc
      .record({
        data: fc.dictionary(fc.string(), json, { maxKeys: 4 }),
        metadata: fc.dictionary(fc.string(), json, { maxKeys: 2 }),
        type: fc.string({ minLength: 1 }),
        tenant: fc.option(fc.string()),
        actorName: fc.option(fc.string({ unit: "binary" })),
        writer: fc.option(fc.string()),
        stream: fc.string({ minLength: 1 }),
      })
      .map((r) => ({
        position: String(position),
        id: "00000000-0000-4000-8000-000000000000",
        type: r.type,
        data: r.data as Record<string, unknown>,
        metadata: r.metadata as Record<string, unknown>,
        tenant: r.tenant,
        actorId: null,
        actorType: null,
        actorName: r.actorName,
        targets: [],
        correlationId: "c",
        causationId: null,
        traceId: null,
        streams: [{ name: r.stream, version: position }],
        occurredAt: "2026-01-01T00:00:00.000Z",
        recordedAt: "2026-01-01T00:00:00.000Z",
        writer: r.writer,
      }));

  it("starts under Vitest (workers built from source text)", () => {
    expect(pool).not.toBeNull();
  });

  it("hashes arbitrary JSON exactly as hashEvent does, in this thread and in a worker", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(record(1), record(2), record(3)), async (records) => {
        const { input, hashed } = batchOf(records);
        const here = checkBatch(IN_THREAD, input);
        expect(here.faults).toEqual([]);
        expect(Buffer.from(here.leaves)).toEqual(Buffer.concat(hashed.map((r) => leafHash(entryOf(r.hash)))));
        expect(await pool!.run(input)).toEqual(here);
      }),
      { numRuns: 100 },
    );
  });

  it("finds an edited row, a gap and a missing membership the same way in a worker", async () => {
    const { input } = batchOf(fc.sample(record(1), 1).concat(fc.sample(record(2), 1), fc.sample(record(5), 1)));
    const rows = JSON.parse(input.rows as string) as unknown[][];
    rows[1]![2] = "Edited";
    const tampered = { ...input, rows: JSON.stringify(rows), members: JSON.stringify([]) };
    const here = checkBatch(IN_THREAD, tampered);
    expect(here.faults.map(([row, kind, position]) => `${row}:${kind}@${position}`)).toEqual([
      "0:membership_missing@1",
      "1:hash_mismatch@2",
      "1:membership_missing@2",
      "2:missing_position@3",
      "2:missing_position@4",
      "2:membership_missing@5",
    ]);
    expect(here.positions).toEqual(["1", "2", "5"]);
    expect(await pool!.run(tampered)).toEqual(here);
  });

  it("reads rows and memberships in COPY text format as it reads them in JSON, here and in a worker", async () => {
    // Any text PostgreSQL can hold: control characters, tabs, newlines, backslashes, "\\N" (no lone surrogates).
    const text = fc.string({ unit: "binary" }).filter((s) => !s.includes("\u0000") && !/\p{Cs}/u.test(s));
    const records = fc.tuple(record(1), record(2), fc.option(text), text).map(([one, two, name, stream]) => [
      { ...one, actorName: name, data: { ...one.data, [stream]: stream } },
      { ...two, type: stream || "t", streams: [{ name: stream || "s", version: 2 }] },
    ]);
    await fc.assert(
      fc.asyncProperty(records, async (pair) => {
        const { input } = batchOf(pair);
        const parse = (packed: unknown) => JSON.parse(packed as string) as unknown[][];
        const copied = { rows: copyText(parse(input.rows)), members: copyText(parse(input.members)), leaves: true };
        const here = checkBatch(IN_THREAD, input);
        expect(checkBatch(IN_THREAD, copied)).toEqual(here);
        expect(await pool!.run(copied)).toEqual(here);
      }),
      { numRuns: 100 },
    );
  });

  it("puts rows handed over out of order back in position order", () => {
    const { input } = batchOf(fc.sample(record(1), 1).concat(fc.sample(record(2), 1), fc.sample(record(3), 1)));
    const rows = JSON.parse(input.rows as string) as unknown[][];
    const shuffled = { ...input, rows: JSON.stringify([rows[2], rows[0], rows[1]]) };
    expect(checkBatch(IN_THREAD, shuffled)).toEqual(checkBatch(IN_THREAD, input));
  });
});

describe("TreeCheck", () => {
  it("makes the merkle_nodes rows and roots of appendLeaves, merkleRows and frontierRoot, in any batches", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const total = batches.reduce((a, b) => a + b, 0);
        const leaves = Array.from({ length: total }, () => leafHash(randomBytes(32)));
        const tree = new TreeCheck(new Set(Array.from({ length: total }, (_, i) => i + 1)));
        const made: string[] = [];
        let at = 0;
        for (const size of batches) {
          made.push(...tree.add(Buffer.concat(leaves.slice(at, at + size)), size));
          at += size;
        }
        let frontier = EMPTY_FRONTIER;
        leaves.forEach((leaf, i) => {
          const grown = appendLeaves(frontier, [leaf]);
          frontier = grown.frontier;
          expect(made[i]).toBe(`{${merkleRows(grown.created)[0]!.hashes.join(",")}}`);
          expect(tree.roots.get(i + 1)).toBe(frontierRoot(frontier).toString("hex"));
        });
      }),
      { numRuns: 50 },
    );
  });
});
