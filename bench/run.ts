// `npm run bench` (full: 1,000,000 events) or `npm run bench -- --quick` (a few minutes); add
// `--ingest` for only the write figures (library append and HTTP ingest, PostgreSQL, on a fresh store),
// `--subscriptions` for only the subscription delivery figures (bench/run-subscriptions.ts),
// `--export` for only the export figures (in process on PGlite and PostgreSQL, and over HTTP).
// BENCH_PORT (default 3390) and the port after it are used for the servers.
// Needs PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (an admin URL; a fresh database is created
// and dropped; BENCH_STORE_URL names a database to use and keep instead), default
// postgres://postgres@127.0.0.1:5432/test. Also runs batch append, and
// verification and proofs on a 50,000-event store, on PGlite.
import { createPrivateKey, generateKeyPairSync, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { progressBar } from "../bin/progress";
import type { Database } from "../lib/db/database";
import { Prisma } from "../lib/db/generated/client";
import { fromPrivateKey } from "../lib/integrity/signing-key";
import { seedDemoEvents } from "../lib/seed/seed-demo-events";
import { freshPGlite, freshPostgres } from "./bench-database";
import { round } from "./measure";
import { machine, writeResults } from "./report";
import { startServer } from "./server";
import { appendSuite, type Figure, figure } from "./suites/append";
import { exportSuite } from "./suites/export";
import { browserSuite, exportSuite as httpExportSuite, ingestSuite } from "./suites/http";
import { integritySuite } from "./suites/integrity";
import { searchSuite } from "./suites/search";

// `--subscriptions`: only the subscription delivery figures (bench/run-subscriptions.ts).
if (process.argv.includes("--subscriptions")) {
  await import("./run-subscriptions");
  process.exit(0);
}
const quick = process.argv.includes("--quick");
const ingestOnly = process.argv.includes("--ingest");
const exportOnly = process.argv.includes("--export");
/** The production server's port; the no-op reference server takes the next one. */
const port = Number(process.env.BENCH_PORT || 3390);
const size = quick
  ? { events: 50_000, batches: 20, seconds: 3, reps: 20, verifyReps: 3, proofs: 300 }
  : { events: 1_000_000, batches: 100, seconds: 10, reps: 100, verifyReps: 2, proofs: 1000 };
/** PGlite's store for verification and proofs (in memory, appended at a few thousand events/s). */
const PGLITE_EVENTS = 50_000;
const started = performance.now();
const log = (text: string) => console.error(`[bench ${round((performance.now() - started) / 1000)}s] ${text}`);
process.env.TRAILBOOK_ADMIN_TOKEN = `bench-${randomUUID()}`;
// Export figures are throughput: an export that starts within TRAILBOOK_EXPORT_HEAD_SECONDS (default
// 5) of the latest head waits out the rest for its own, a fixed delay the figures would otherwise
// count (the CSV export's audit event grows the log, so the JSONL export after it waited up to 5 s).
process.env.TRAILBOOK_EXPORT_HEAD_SECONDS ??= "0";
// This process's own data directory, and a witness file per store: heads a store's seeding signs
// (every 1,000 events, as every write path does) are witnessed there and checked by its verify.
const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-bench-run-"));
process.env.TRAILBOOK_DATA_DIR = benchDir;
const witnessFor = (store: string) => {
  process.env.TRAILBOOK_WITNESS_DIR = path.join(benchDir, `witness-${store}`);
};
const signingKeyPem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const signer = fromPrivateKey(createPrivateKey(signingKeyPem));
const trusted = { keys: new Map([[signer.keyId, signer.publicKeyPem]]) };

/** Appends demo events (signing heads) until the store holds `events`, then refreshes planner statistics. */
async function seedTo(db: Database, events: number) {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM events`);
  log(`seeding the ${db.kind} store to ${events} events`);
  await seedDemoEvents(db, { events: events - n, seed: 42, signer, onProgress: progressBar("seeding") });
  // What autovacuum does on a live server after a bulk load (insert-triggered since PostgreSQL 13):
  // fresh planner statistics, and a visibility map, so counts can be answered from indexes alone.
  // PGlite runs every statement in a transaction block, where VACUUM cannot run; it has no
  // autovacuum to imitate either, so it gets the statistics only.
  if (db.kind === "postgres") await db.query(Prisma.sql`VACUUM ANALYZE`);
  else await db.transaction((tx) => tx.exec("ANALYZE"));
}

const figures: Figure[] = [];
/** Append, verification and proofs, and export on a PGlite store of PGLITE_EVENTS. */
async function pgliteSuites() {
  const pglite = await freshPGlite();
  if (!exportOnly) {
    log("batch append on PGlite");
    figures.push(...(await appendSuite(pglite, { batches: Math.min(size.batches, 20), seconds: size.seconds })));
  }
  witnessFor("pglite");
  await seedTo(pglite, PGLITE_EVENTS);
  if (!exportOnly) {
    log("verification and proofs on PGlite");
    const pgliteIntegrity = await integritySuite(pglite, { trusted, reps: size.verifyReps, proofs: 300, log });
    figures.push(...pgliteIntegrity.figures);
  }
  log("export on PGlite");
  figures.push(...(await exportSuite(pglite, signer)));
  await pglite.close();
}
// With --export, PGlite comes after PostgreSQL's in-process export: the memory PGlite's wasm
// heap keeps would otherwise sit in the RSS that export is measured against.
if (!ingestOnly && !exportOnly) await pgliteSuites();

const { db, url, drop } = await freshPostgres();
const [{ version } = { version: "?" }] = await db.query<{ version: string }>(
  Prisma.sql`SELECT split_part(version(), ' on ', 1) AS version`,
);
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  log("append on PostgreSQL: ours, raw floor, Emmett");
  const append = exportOnly ? [] : await appendSuite(db, { url, batches: size.batches, seconds: size.seconds });
  figures.push(...append);
  witnessFor("postgres");
  if (!ingestOnly) await seedTo(db, size.events);
  if (exportOnly) {
    log("export on PostgreSQL, in process");
    figures.push(...(await exportSuite(db, signer, url)));
    await pgliteSuites();
    witnessFor("postgres"); // the server below serves this store: its heads are witnessed here
  }
  const integrity =
    ingestOnly || exportOnly
      ? null
      : await integritySuite(db, { url, trusted, reps: size.verifyReps, proofs: size.proofs, log });
  figures.push(...(integrity?.figures ?? []));
  log("starting the production server");
  server = await startServer(url, port, process.env.TRAILBOOK_ADMIN_TOKEN, { TRAILBOOK_SIGNING_KEY: signingKeyPem });
  const base = server.url;
  const token = process.env.TRAILBOOK_ADMIN_TOKEN;
  let timings: Awaited<ReturnType<typeof searchSuite>>["timings"] | undefined;
  if (integrity) {
    log("verify over HTTP");
    figures.push(await httpVerify(base, token, integrity.verifyRate));
    log("search: verb, raw SQL, API");
    const search = await searchSuite(db, url, size.reps, async (q) => {
      const response = await fetch(`${base}/api/events?${new URLSearchParams({ q })}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
    });
    figures.push(...search.figures);
    timings = search.timings;
    log("browser pages");
    figures.push(...(await browserSuite(db, base, token, Math.min(size.reps, 30))));
    log("export on PostgreSQL, in process");
    figures.push(...(await exportSuite(db, signer, url)));
  }
  if (integrity || exportOnly) {
    log("export over HTTP");
    figures.push(...(await httpExportSuite(base, token, url, server.rssMb)));
  }
  if (!exportOnly) {
    log("HTTP ingest");
    figures.push(...(await ingestSuite(base, token, size.seconds, ingestReferences(append), port + 1)));
  }
  const file = writeResults({
    date: new Date().toISOString(),
    mode: ingestOnly ? "ingest" : exportOnly ? "export" : quick ? "quick" : "full",
    machine: machine(version),
    dataset: { events: size.events },
    figures,
    search: timings ?? [],
    seconds: (performance.now() - started) / 1000,
  });
  for (const f of figures) {
    const verdict = f.met === false ? "MISSED" : f.met ? "met   " : "      ";
    const reference = f.reference ? ` vs ${f.reference.value} (${f.reference.name}), ratio ${f.ratio}` : "";
    console.log(`${verdict} ${f.name}: ${f.ours} ${f.unit}${reference}`);
  }
  console.log(`Results: ${file}`);
} finally {
  await server?.stop();
  await drop();
  fs.rmSync(benchDir, { recursive: true, force: true });
}

/** What the HTTP ingest figures are measured against, from the append suite of the same run. */
function ingestReferences(append: Figure[]) {
  const batch = append.find((f) => f.name.startsWith("batch append") && f.reference?.name.startsWith("raw"))!;
  const single = append.find((f) => f.name === "single-event append, 16 concurrent callers")!;
  return { batch: batch.ours, raw: batch.reference!.value, emmettSingle16: single.reference!.value };
}

/**
 * GET /api/verify on the production server: the whole log checked by the bundled code (whose worker
 * threads are built from source text, see lib/store/hash-pool.ts), against the same verification
 * in this process.
 */
async function httpVerify(base: string, token: string, inProcess: number): Promise<Figure> {
  const start = performance.now();
  const response = await fetch(`${base}/api/verify`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { ok?: boolean; checked?: number; faultCount?: number };
  const seconds = (performance.now() - start) / 1000;
  if (response.status !== 200 || !body.checked) throw new Error(`GET /api/verify answered ${response.status}`);
  return figure({
    name: `whole-log verify over HTTP (GET /api/verify, ${body.checked.toLocaleString("en")} events)`,
    unit: "events/s",
    ours: round(body.checked / seconds),
    reference: { name: "verifyIntegrity in the bench process", value: inProcess },
    notes: `ok ${body.ok}, ${body.faultCount} faults; one run, also records it in verifications`,
  });
}
