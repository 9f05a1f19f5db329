import pg from "pg";
import type { Database } from "../../lib/db/database";
import { Prisma } from "../../lib/db/generated/client";
import { proveConsistency } from "../../lib/integrity/prove-consistency";
import { proveInclusion } from "../../lib/integrity/prove-inclusion";
import { type TrustedKeys, verifyIntegrity } from "../../lib/integrity/verify-integrity";
import { SeededRandom } from "../../lib/seed/random";
import { EVENT_COLUMNS } from "../../lib/store/event-record";
import { readTreeSize, rowOf } from "../../lib/store/read-merkle-nodes";
import { type MerkleNodeId, nodesForConsistency, nodesForInclusion } from "../../lib/transparency/merkle-nodes";
import { percentile, round } from "../measure";
import { type Figure, figure } from "./append";

/** Rows per read batch, for verification and for the read floor alike. */
const BATCH = 10_000;

/**
 * The read floor: every event read with the plain statement (`SELECT` EVENT_COLUMNS `… ORDER BY
 * position`, keyset batches of 10,000) through the driver, rows parsed by it (pg, or PGlite's wire).
 */
async function readFloor(db: Database, url: string | undefined): Promise<number> {
  const client = url ? new pg.Client({ connectionString: url }) : null;
  await client?.connect();
  const start = performance.now();
  let rows = 0;
  try {
    for (let after = "0"; ; ) {
      const statement = Prisma.sql`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.position > ${after}::bigint
                                     ORDER BY e.position LIMIT ${BATCH}`;
      const batch = client
        ? (await client.query<{ position: string }>(statement.text, statement.values)).rows
        : await db.query<{ position: string }>(statement);
      rows += batch.length;
      if (batch.length < BATCH) break;
      after = batch.at(-1)!.position;
    }
  } finally {
    await client?.end();
  }
  return round(rows / ((performance.now() - start) / 1000));
}

/** The merkle_nodes rows a proof reads: one per distinct row position of its nodes. */
const rowsOf = (nodes: MerkleNodeId[]) => [...new Set(nodes.map((node) => String(rowOf(node).position)))];

export interface IntegrityRun {
  figures: Figure[];
  /** Whole-log verification in this process, events/s (best run): the reference of the HTTP figure. */
  verifyRate: number;
}

/**
 * Whole-log verifyIntegrity events/s against the read floor, and inclusion and consistency proofs
 * (p50/p95) against one primary-key lookup of the same merkle_nodes rows. Each figure and its
 * reference alternate in the same run, so both see the same machine load.
 */
export async function integritySuite(
  db: Database,
  options: { url?: string; trusted: TrustedKeys; reps: number; proofs: number; log?: (text: string) => void },
): Promise<IntegrityRun> {
  const kind = db.kind;
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM events`);
  const floors: number[] = [];
  const rates: number[] = [];
  const oneThread: number[] = [];
  let faults = 0;
  for (let rep = 0; rep < options.reps; rep++) {
    floors.push(await readFloor(db, options.url));
    for (const [threads, into] of [
      [undefined, rates],
      [0, oneThread],
    ] as const) {
      const start = performance.now();
      const result = await verifyIntegrity(db, options.trusted, { batchSize: BATCH, threads });
      into.push(round(result.checked / ((performance.now() - start) / 1000)));
      if (!result.ok || result.checked !== n) {
        throw new Error(`the bench store does not verify: ${JSON.stringify(result.faults.slice(0, 3))}`);
      }
      faults += result.faultCount;
    }
    options.log?.(
      `verify (${kind}): floor ${floors.at(-1)}/s, ours ${rates.at(-1)}/s, one thread ${oneThread.at(-1)}/s`,
    );
  }
  const best = (values: number[]) => Math.max(...values);
  const figures: Figure[] = [
    {
      ...figure({
        name: `whole-log verifyIntegrity, ${n.toLocaleString("en")} events (${kind})`,
        unit: "events/s",
        ours: best(rates),
        reference: {
          name: "read floor: same rows, plain SELECT … ORDER BY position via the driver",
          value: best(floors),
        },
        target: "≥ 100,000/s",
        notes:
          `best of ${options.reps}; runs ${rates.join(", ")} (floor ${floors.join(", ")}); ` +
          `in one thread (threads: 0) ${oneThread.join(", ")}; faults ${faults}`,
      }),
      met: best(rates) >= 100_000,
    },
  ];

  const client = options.url ? new pg.Client({ connectionString: options.url }) : null;
  await client?.connect();
  try {
    /** One primary-key lookup of `positions` in merkle_nodes, on the bare driver. */
    const lookup = async (positions: string[]) => {
      const statement = Prisma.sql`
        SELECT position, hashes FROM merkle_nodes WHERE position = ANY(${positions}::bigint[])`;
      if (client) await client.query(statement.text, statement.values);
      else await db.query(statement);
    };
    const size = await readTreeSize(db);
    const random = new SeededRandom(9);
    const pick = (max: number) => 1 + Math.floor(random.next() * max);
    const cases = {
      inclusion: Array.from({ length: options.proofs }, () => {
        const position = pick(size);
        return {
          rows: rowsOf(nodesForInclusion(position - 1, size)),
          prove: () => proveInclusion(db, [String(position)], size),
        };
      }),
      consistency: Array.from({ length: options.proofs }, () => {
        const [a, b] = [pick(size), pick(size)];
        const [first, second] = [Math.min(a, b), Math.max(a, b)];
        return { rows: rowsOf(nodesForConsistency(first, second)), prove: () => proveConsistency(db, first, second) };
      }),
    };
    for (const [name, samples] of Object.entries(cases)) {
      for (const sample of samples.slice(0, 20)) await Promise.all([sample.prove(), lookup(sample.rows)]); // warm-up
      const ours: number[] = [];
      const reference: number[] = [];
      for (const sample of samples) {
        let start = performance.now();
        await sample.prove();
        ours.push(performance.now() - start);
        start = performance.now();
        await lookup(sample.rows);
        reference.push(performance.now() - start);
      }
      const p = (values: number[], q: number) => round(percentile(values, q), 2);
      const rows = round(samples.reduce((sum, s) => sum + s.rows.length, 0) / samples.length, 1);
      figures.push({
        ...figure({
          name: `${name} proof at ${size.toLocaleString("en")} leaves (p95, ${kind})`,
          unit: "ms",
          ours: p(ours, 95),
          reference: { name: "one primary-key lookup of the same merkle_nodes rows", value: p(reference, 95) },
          higherIsBetter: false,
          target: "p95 ≤ 5 ms",
          notes:
            `p50 ${p(ours, 50)} ms (lookup ${p(reference, 50)}); ${samples.length} random ` +
            `${name === "inclusion" ? "positions" : "pairs"}, ${rows} rows each on average`,
        }),
        met: p(ours, 95) <= 5,
      });
    }
  } finally {
    await client?.end();
  }
  return { figures, verifyRate: best(rates) };
}
