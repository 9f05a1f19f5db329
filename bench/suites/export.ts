import v8 from "node:v8";
import vm from "node:vm";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Principal } from "../../lib/auth/principal";
import type { Database } from "../../lib/db/database";
import { Prisma } from "../../lib/db/generated/client";
import { exportEvents } from "../../lib/export/export-events";
import type { SigningKey } from "../../lib/integrity/signing-key";
import { readChainBatch } from "../../lib/store/read-chain-batch";
import { round } from "../measure";
import { type Figure, figure } from "./append";

// A forced GC before and after each export: RSS growth is then what the export holds, not garbage
// the collector has not come to yet.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const rssMb = () => process.memoryUsage.rss() / 2 ** 20;

const ADMIN: Principal = { keyId: null, name: "bench", scopes: ["admin"], tenant: null };

/** The columns an export writes, as they are stored: what COPY's reference reads. */
const COLUMNS = `position, id, recorded_at, occurred_at, type, tenant, actor_id, actor_type, actor_name, targets,
  streams, correlation_id, causation_id, trace_id, data, metadata, hash, prev_hash, writer`;

interface Run {
  rows: number;
  seconds: number;
  /** RSS after a forced GC, before the export. */
  baseline: number;
  /** Highest RSS sampled (every 20 ms) during the export, less the baseline. */
  peakGrowth: number;
  /** RSS after the export and a forced GC, less the baseline. */
  retained: number;
}

/** exportEvents as the route runs it, every chunk taken as soon as it is ready; memory watched. */
async function runExport(db: Database, signer: SigningKey, format: "csv" | "jsonl"): Promise<Run> {
  gc();
  const baseline = rssMb();
  let peak = baseline;
  const watch = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
  const start = performance.now();
  let newlines = 0;
  for await (const chunk of await exportEvents(db, ADMIN, { q: "", format }, signer)) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) newlines++;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(watch);
  peak = Math.max(peak, rssMb());
  gc();
  // The demo's cells hold no line feeds: lines less the header (CSV) and the manifest are rows.
  const rows = newlines - (format === "csv" ? 2 : 1);
  return { rows, seconds, baseline, peakGrowth: peak - baseline, retained: rssMb() - baseline };
}

/** `COPY (SELECT the stored columns ORDER BY position) TO STDOUT WITH CSV`, on a connection of its own. */
export async function copyRate(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const start = performance.now();
    const stream = client.query(copyTo(`COPY (SELECT ${COLUMNS} FROM events ORDER BY position) TO STDOUT WITH CSV`));
    for await (const _chunk of stream as AsyncIterable<Buffer>);
    return stream.rowCount / ((performance.now() - start) / 1000);
  } finally {
    await client.end();
  }
}

/** The events stored now: an export taken later must write at least these. */
export async function countEvents(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM events");
    return rows[0]?.count ?? 0;
  } finally {
    await client.end();
  }
}

/** PGlite has no COPY to the client: its floor is reading the same rows through the driver, 2,000 at a time. */
async function readRate(db: Database): Promise<number> {
  const start = performance.now();
  let rows = 0;
  for (let after = "0"; ; ) {
    const batch = await readChainBatch(db, { after, limit: 2000 });
    rows += batch.length;
    if (batch.length < 2000) break;
    after = batch.at(-1)!.position;
  }
  return rows / ((performance.now() - start) / 1000);
}

function exportFigures(kind: string, format: string, run: Run, reference: { name: string; value: number }) {
  const memory = `baseline ${round(run.baseline)} MB after a forced GC; ${round(run.retained, 1)} MB more after`;
  return [
    figure({
      name: `${format} export of ${run.rows.toLocaleString("en")} events, in process (${kind})`,
      unit: "rows/s",
      ours: round(run.rows / run.seconds),
      reference: { name: reference.name, value: round(reference.value) },
      target: "≥ 0.5× reference",
      targetRatio: 0.5,
      notes: `${round(run.seconds, 1)} s`,
    }),
    {
      name: `RSS growth during that export (${kind})`,
      unit: "MB",
      ours: round(run.peakGrowth, 1),
      target: "≤ 64 MB",
      met: run.peakGrowth <= 64,
      notes: `${memory} the export and another GC`,
    } satisfies Figure,
  ];
}

/**
 * Whole-log CSV and JSONL exports in this process (the route's generator, without HTTP), each next
 * to its reference measured just before it: COPY of the stored columns on PostgreSQL, the driver
 * reading the same rows on PGlite. RSS is measured around each after a forced GC.
 */
export async function exportSuite(db: Database, signer: SigningKey, url?: string): Promise<Figure[]> {
  const [{ count } = { count: 0 }] = await db.query<{ count: number }>(
    Prisma.sql`SELECT count(*)::int AS count FROM events`,
  );
  const figures: Figure[] = [];
  for (const format of ["csv", "jsonl"] as const) {
    const value = url ? await copyRate(url) : await readRate(db);
    const name = url ? "COPY … TO STDOUT WITH CSV, same run" : "same rows read through the driver, same run";
    const run = await runExport(db, signer, format);
    if (run.rows < count) throw new Error(`the ${format} export wrote ${run.rows} of ${count} rows`);
    figures.push(...exportFigures(db.kind, format.toUpperCase(), run, { name, value }));
  }
  return figures;
}
