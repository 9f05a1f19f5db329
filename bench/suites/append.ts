import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql";
import pg from "pg";
import type { Database } from "../../lib/db/database";
import { appendEvents } from "../../lib/store/append-events";
import type { NewEvent } from "../../lib/store/schemas";
import { percentile, round, runFor } from "../measure";
import { chunk, makeEvents } from "../workload";

export interface Figure {
  name: string;
  unit: string;
  ours: number;
  reference?: { name: string; value: number };
  ratio?: number;
  target?: string;
  met?: boolean;
  notes?: string;
}

/** `ratio` is ours/reference for rates (higher is better) and reference/ours for latencies. */
export function figure(f: Omit<Figure, "ratio" | "met"> & { higherIsBetter?: boolean; targetRatio?: number }): Figure {
  const { higherIsBetter = true, targetRatio, ...rest } = f;
  const ratio = rest.reference
    ? round(higherIsBetter ? rest.ours / rest.reference.value : rest.reference.value / rest.ours, 2)
    : undefined;
  return {
    ...rest,
    ...(ratio !== undefined && { ratio }),
    ...(targetRatio !== undefined && ratio !== undefined && { met: ratio >= targetRatio }),
  };
}

/** p50/p99 of latencies, in ms with one decimal. */
const p50p99 = (latencies: number[]) => `${round(percentile(latencies, 50), 1)}/${round(percentile(latencies, 99), 1)}`;

const RAW_TABLES = `
  CREATE TABLE IF NOT EXISTS raw_events (LIKE events INCLUDING ALL);
  CREATE TABLE IF NOT EXISTS raw_stream_events (LIKE stream_events INCLUDING ALL);`;

/**
 * The floor: the same rows (precomputed hashes) into an equivalent table with the same indexes,
 * one unnest INSERT per table.
 */
async function rawAppend(
  run: (sql: string, values: unknown[]) => Promise<unknown>,
  events: NewEvent[],
  stream: string,
  firstPosition: number,
) {
  const positions = events.map((_, i) => firstPosition + i);
  const now = new Date().toISOString();
  await run("BEGIN", []);
  await run(
    `INSERT INTO raw_events (position, id, type, data, metadata, tenant, actor_id, actor_type, actor_name, targets,
                             correlation_id, causation_id, trace_id, streams, occurred_at, recorded_at, prev_hash, hash)
     SELECT p, gen_random_uuid(), t, d, m, te, ai, at, NULL, '[]', gen_random_uuid()::text, NULL, NULL,
            jsonb_build_array(jsonb_build_object('name', $9::text, 'version', p - $10::bigint)), o, now(), $11, $11
       FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[], $7::text[],
                    $8::timestamptz[]) AS x(p, t, d, m, te, ai, at, o)`,
    [
      positions,
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data ?? {})),
      events.map((e) => JSON.stringify(e.metadata ?? {})),
      events.map((e) => e.tenant ?? null),
      events.map((e) => e.actor?.id ?? null),
      events.map((e) => e.actor?.type ?? null),
      events.map((e) => e.occurredAt ?? now),
      stream,
      firstPosition,
      "0".repeat(64),
    ],
  );
  await run(
    `INSERT INTO raw_stream_events (stream, version, position, linked_at)
     SELECT $1, p - $2::bigint, p, now() FROM unnest($3::bigint[]) AS x(p)`,
    [stream, firstPosition, positions],
  );
  await run("COMMIT", []);
}

export async function appendSuite(
  db: Database,
  options: { url?: string; batches: number; seconds: number },
): Promise<Figure[]> {
  const events = makeEvents(500 * options.batches, 11);
  const batches = chunk(events, 500);
  const figures: Figure[] = [];
  const rate = async (work: (batch: NewEvent[], i: number) => Promise<unknown>) => {
    await work(batches[0]!.slice(0, 50), -1); // warm-up
    const start = performance.now();
    for (const [i, batch] of batches.entries()) await work(batch, i);
    return round(events.length / ((performance.now() - start) / 1000));
  };
  const ours = await rate((batch, i) => appendEvents(db, { stream: `bench-ours-${i}`, events: batch }));
  await db.transaction((tx) => tx.exec(RAW_TABLES));
  let nextPosition = 1;
  /** The first position of the next raw batch of `n` rows. */
  const claim = (n: number) => {
    nextPosition += n;
    return nextPosition - n;
  };
  let raw: number;
  if (db.kind === "postgres") {
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    raw = await rate((batch, i) =>
      rawAppend((sql, values) => client.query(sql, values), batch, `bench-raw-${i}`, claim(batch.length)),
    );
    await client.end();
  } else {
    raw = await rate((batch, i) =>
      db.transaction(async (tx) => {
        const run = (sql: string, values: unknown[]) =>
          sql === "BEGIN" || sql === "COMMIT" ? Promise.resolve() : tx.query({ text: sql, values } as never);
        await rawAppend(run, batch, `bench-raw-${i}`, claim(batch.length));
      }),
    );
  }
  figures.push(
    figure({
      name: `batch append, 500-event batches (${db.kind})`,
      unit: "events/s",
      ours,
      reference: { name: "raw INSERT…unnest, same indexes", value: raw },
      target: "≥ 0.6× raw",
      targetRatio: 0.6,
    }),
  );
  if (db.kind !== "postgres" || !options.url) return figures;

  const emmett = getPostgreSQLEventStore(options.url);
  const toEmmett = (e: NewEvent) => ({
    type: e.type,
    data: e.data ?? {},
    metadata: { ...(e.metadata ?? {}), tenant: e.tenant, actor: e.actor },
  });
  await emmett.appendToStream("bench-emmett-warm", [toEmmett(events[0]!)]);
  const emmettRate = await rate((batch, i) => emmett.appendToStream(`bench-emmett-${i}`, batch.map(toEmmett)));
  figures.push(
    figure({
      name: "batch append, 500-event batches (postgres)",
      unit: "events/s",
      ours,
      reference: { name: "Emmett appendToStream", value: emmettRate },
      target: "≥ 1.2× Emmett",
      targetRatio: 1.2,
    }),
  );

  for (const callers of [1, 16]) {
    const one = events[3]!;
    const mine = await runFor(options.seconds, callers, (w, i) =>
      appendEvents(db, { stream: `single-${callers}-${w}-${i}`, events: [one] }),
    );
    const theirs = await runFor(options.seconds, callers, (w, i) =>
      emmett.appendToStream(`emmett-single-${callers}-${w}-${i}`, [toEmmett(one)]),
    );
    figures.push(
      figure({
        name: `single-event append, ${callers} concurrent caller${callers > 1 ? "s" : ""}`,
        unit: "events/s",
        ours: round(mine.units / mine.seconds),
        reference: { name: "Emmett appendToStream", value: round(theirs.units / theirs.seconds) },
        target: "≥ Emmett",
        targetRatio: 1,
        notes: `p50/p99 ours ${p50p99(mine.latencies)} ms, Emmett ${p50p99(theirs.latencies)} ms`,
      }),
    );
  }
  await emmett.close();
  return figures;
}
