// `npm run bench` (full: 1,000,000 events) or `npm run bench -- --quick` (under two minutes).
// Needs PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (an admin URL; a fresh database is created
// and dropped), default postgres://postgres@127.0.0.1:5432/test. Also runs batch append on PGlite.
import { randomUUID } from "node:crypto";
import { progressBar } from "../bin/progress";
import { Prisma } from "../lib/db/generated/client";
import { seedDemoEvents } from "../lib/seed/seed-demo-events";
import { verifyChain } from "../lib/store/verify-chain";
import { freshPGlite, freshPostgres } from "./bench-database";
import { round } from "./measure";
import { machine, writeResults } from "./report";
import { startServer } from "./server";
import { appendSuite, type Figure } from "./suites/append";
import { browserSuite, exportSuite, ingestSuite } from "./suites/http";
import { searchSuite } from "./suites/search";

const quick = process.argv.includes("--quick");
const size = quick
  ? { events: 50_000, batches: 20, seconds: 3, reps: 20 }
  : { events: 1_000_000, batches: 100, seconds: 10, reps: 100 };
const started = performance.now();
const log = (text: string) => console.error(`[bench ${round((performance.now() - started) / 1000)}s] ${text}`);
process.env.TRAILBOOK_ADMIN_TOKEN = `bench-${randomUUID()}`;

const figures: Figure[] = [];
const pglite = await freshPGlite();
log("batch append on PGlite");
figures.push(...(await appendSuite(pglite, { batches: Math.min(size.batches, 20), seconds: size.seconds })));
await pglite.close();

const { db, url, drop } = await freshPostgres();
const [{ version } = { version: "?" }] = await db.query<{ version: string }>(
  Prisma.sql`SELECT split_part(version(), ' on ', 1) AS version`,
);
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  log("append on PostgreSQL: ours, raw floor, Emmett");
  const append = await appendSuite(db, { url, batches: size.batches, seconds: size.seconds });
  figures.push(...append);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM events`);
  log(`seeding the store to ${size.events} events`);
  await seedDemoEvents(db, { events: size.events - n, seed: 42, onProgress: progressBar("seeding") });
  // What autovacuum would do on a live server after a bulk load: fresh planner statistics.
  await db.transaction((tx) => tx.exec("ANALYZE"));
  log("verify");
  const verifyStart = performance.now();
  const verified = await verifyChain(db, { batchSize: 10_000 });
  const verifyRate = round(verified.checked / ((performance.now() - verifyStart) / 1000));
  figures.push({
    name: `verify the chain (${verified.checked} events)`,
    unit: "events/s",
    ours: verifyRate,
    target: "≥ 200,000/s",
    met: verifyRate >= 200_000 && verified.ok,
  });
  log("starting the production server");
  server = await startServer(url, 3390, process.env.TRAILBOOK_ADMIN_TOKEN);
  const base = server.url;
  const token = process.env.TRAILBOOK_ADMIN_TOKEN;
  log("search: verb, raw SQL, API");
  const search = await searchSuite(db, url, size.reps, async (q) => {
    const response = await fetch(`${base}/api/events?${new URLSearchParams({ q })}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
  });
  figures.push(...search.figures);
  log("browser pages");
  figures.push(...(await browserSuite(db, base, token, Math.min(size.reps, 30))));
  log("export");
  figures.push(...(await exportSuite(base, token, url, server.rssMb)));
  log("HTTP ingest");
  const batchFigure = append.find((f) => f.name.startsWith("batch append") && f.reference?.name.startsWith("raw"))!;
  figures.push(
    ...(await ingestSuite(base, token, size.seconds, { batch: batchFigure.ours, raw: batchFigure.reference!.value })),
  );
  const file = writeResults({
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    machine: machine(version),
    dataset: { events: size.events },
    figures,
    search: search.timings,
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
}
