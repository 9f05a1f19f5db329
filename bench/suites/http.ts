import { type ChildProcess, spawn } from "node:child_process";
import { startSession } from "../../lib/auth/sessions";
import type { Database } from "../../lib/db/database";
import { Prisma } from "../../lib/db/generated/client";
import { facetSearch } from "../../lib/query/facet-search";
import { histogramSearch } from "../../lib/query/histogram-search";
import { percentile, round, runFor, timeEach } from "../measure";
import { chunk, makeEvents } from "../workload";
import { type Figure, figure } from "./append";
import { copyRate, countEvents } from "./export";

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

/**
 * A plain Node HTTP server in its own process that reads each body and answers 201 with a small
 * JSON body: the ceiling of any HTTP ingest on this machine with this client (the reference the
 * lean ingest path is measured against).
 */
function startNoopServer(port: number): Promise<ChildProcess> {
  const program = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => {
    s.writeHead(201, { "content-type": "application/json" }); s.end('{"events":[]}'); }); })
    .listen(${port}, () => console.log("ready"));`;
  const child = spawn(process.execPath, ["-e", program], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => child.stdout!.once("data", () => resolve(child)));
}

/** `clients` concurrent clients each POSTing one event at a time to `url` for `seconds`. */
function postSingles(url: string, token: string, seconds: number, clients: number) {
  return runFor(seconds, clients, async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: json(token),
      body: JSON.stringify({ type: "bench.single", data: { n: 1 } }),
    });
    if (response.status !== 201) throw new Error(`ingest answered ${response.status}`);
    await response.arrayBuffer();
  });
}

/**
 * An API key, as services record with: the bootstrap admin token is compared in memory and never
 * looked up, so measuring with it would hide what a real key costs per request. Admin scope,
 * because the batch workload stamps tenants on its events.
 */
async function benchKey(base: string, adminToken: string): Promise<string> {
  const response = await fetch(`${base}/api/keys`, {
    method: "POST",
    headers: json(adminToken),
    body: JSON.stringify({ name: "bench-ingest", scopes: ["admin"] }),
  });
  if (response.status !== 201) throw new Error(`creating the bench key answered ${response.status}`);
  return ((await response.json()) as { secret: string }).secret;
}

const lat = (s: number[]) => `p50/p99 ${round(percentile(s, 50), 1)}/${round(percentile(s, 99), 1)} ms`;

/**
 * Batch and single-event ingest over HTTP against the production server, with an API key of its
 * own, each next to its reference measured in this run: raw INSERT…unnest (batches), Emmett's appendToStream with 16
 * in-process callers, and a no-op Node HTTP server with the same clients and bodies (singles).
 */
export async function ingestSuite(
  base: string,
  adminToken: string,
  seconds: number,
  library: { batch: number; raw: number; emmettSingle16: number },
  noopPort: number,
): Promise<Figure[]> {
  const token = await benchKey(base, adminToken);
  const batches = chunk(makeEvents(1000 * 40, 23), 1000);
  const batch = await runFor(seconds, 4, async (w, i) => {
    const response = await fetch(`${base}/api/events`, {
      method: "POST",
      headers: json(token),
      body: JSON.stringify({ events: batches[(w * 10 + i) % batches.length] }),
    });
    if (response.status !== 201) throw new Error(`ingest answered ${response.status}`);
    await response.arrayBuffer();
    return 1000;
  });
  const noop = await startNoopServer(noopPort);
  const ceiling = await postSingles(`http://127.0.0.1:${noopPort}/`, token, seconds, 16).finally(() => noop.kill());
  const ceilingRate = round(ceiling.units / ceiling.seconds);
  const singles: Awaited<ReturnType<typeof postSingles>>[] = [];
  for (const clients of [16, 64]) singles.push(await postSingles(`${base}/api/events`, token, seconds, clients));
  const batchRate = round(batch.units / batch.seconds);
  const singleRate = (i: number) => round(singles[i]!.units / singles[i]!.seconds);
  return [
    figure({
      name: "HTTP batch ingest, 1000/request, 4 clients",
      unit: "events/s",
      ours: batchRate,
      reference: { name: "raw INSERT…unnest (library suite)", value: library.raw },
      target: "≥ 0.5× raw",
      targetRatio: 0.5,
      notes:
        `${lat(batch.latencies)} per request; library batch append ${library.batch}/s ` +
        `(HTTP overhead ${round(batchRate / library.batch, 2)}×)`,
    }),
    figure({
      name: "HTTP single-event ingest, 16 clients",
      unit: "events/s",
      ours: singleRate(0),
      reference: { name: "Emmett appendToStream, 16 in-process callers", value: library.emmettSingle16 },
      target: "≥ 0.5× Emmett, p99 ≤ 50 ms",
      targetRatio: 0.5,
      notes: `${lat(singles[0]!.latencies)}; no-op Node HTTP server, same clients: ${ceilingRate}/s, ${lat(
        ceiling.latencies,
      )} (ours ${round(singleRate(0) / ceilingRate, 2)}×)`,
    }),
    figure({
      name: "HTTP single-event ingest, 64 clients",
      unit: "events/s",
      ours: singleRate(1),
      reference: { name: "same, 16 clients", value: singleRate(0) },
      target: "no collapse (≥ 0.8× of 16 clients)",
      targetRatio: 0.8,
      notes: lat(singles[1]!.latencies),
    }),
  ];
}

/**
 * Streams whole-log CSV and JSONL exports through HTTP, watching the server's memory (its RSS
 * sampled every 100 ms; the server's GC cannot be forced from here, bench/suites/export.ts
 * measures after a forced GC in process), each next to COPY of the stored columns in the same run.
 */
export async function exportSuite(base: string, token: string, url: string, rssMb: () => number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const format of ["csv", "jsonl"] as const) {
    const copy = await copyRate(url);
    const stored = await countEvents(url);
    const baseline = rssMb();
    let peak = baseline;
    const watch = setInterval(() => (peak = Math.max(peak, rssMb())), 100);
    const start = performance.now();
    // Uncompressed, as the README's curl takes it: fetch would otherwise ask for gzip, and Next
    // would spend more on compressing than the export costs.
    const response = await fetch(`${base}/api/export?format=${format}`, {
      headers: { authorization: `Bearer ${token}`, "accept-encoding": "identity" },
    });
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    const rows = lines - (format === "csv" ? 2 : 1); // the header and the manifest
    if (rows < stored) throw new Error(`the ${format} export over HTTP wrote ${rows} of ${stored} rows`);
    const ours = rows / ((performance.now() - start) / 1000);
    clearInterval(watch);
    figures.push(
      figure({
        name: `${format.toUpperCase()} export of ${rows} events over HTTP`,
        unit: "rows/s",
        ours: round(ours),
        reference: { name: "COPY … TO STDOUT WITH CSV, same run", value: round(copy) },
        target: "≥ 0.5× COPY",
        targetRatio: 0.5,
      }),
      {
        name: `server RSS growth during that export (${format})`,
        unit: "MB",
        ours: round(peak - baseline, 1),
        target: "≤ 64 MB",
        met: peak - baseline <= 64,
        notes: `baseline ${round(baseline)} MB, peak ${round(peak)} MB (sampled, no forced GC)`,
      },
    );
  }
  return figures;
}

/** Server response time of the browser's first pages, signed in through a real session. */
export async function browserSuite(db: Database, base: string, token: string, reps: number): Promise<Figure[]> {
  const { token: session } = await startSession(db, token, "127.0.0.1");
  const [sample] = await db.query<{ id: string; correlation_id: string }>(
    Prisma.sql`SELECT id::text AS id, correlation_id FROM events
                WHERE position = (SELECT max(position) / 2 FROM events)`,
  );
  const pages = {
    "/": "/",
    "/streams": "/streams",
    correlation: `/correlations/${sample!.correlation_id}`,
    event: `/events/${sample!.id}`,
  };
  const figures: Figure[] = [];
  for (const [name, path] of Object.entries(pages)) {
    const get = async () => {
      const response = await fetch(`${base}${path}`, {
        headers: { cookie: `tb_session=${session}` },
        redirect: "manual",
      });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      await response.arrayBuffer();
    };
    await get();
    const samples = await timeEach(reps, get);
    // Issue 16's bar for the events list (its histogram and facets included); the others': under 1 s.
    const limit = name === "/" ? 300 : 1000;
    figures.push({
      name: `browser page ${name} (p95, full HTML)`,
      unit: "ms",
      ours: round(percentile(samples, 95), 1),
      target: name === "/" ? "p95 ≤ 300 ms" : "well under 1 s",
      met: percentile(samples, 95) <= limit,
      notes: `p50 ${round(percentile(samples, 50), 1)} ms`,
    });
  }
  for (const q of ["", "type:OrderPlaced", "-type:OrderPlaced", "data.amount:>100"]) {
    const histogram = await timeEach(reps, () => histogramSearch(db, q, "all-tenants", "recorded"));
    const facets = await timeEach(reps, () => facetSearch(db, q, "all-tenants"));
    for (const [what, samples] of [
      ["histogram", histogram],
      ["facets", facets],
    ] as const) {
      figures.push({
        name: `${what} of ${q ? `\`${q}\`` : "the whole log"} (p95, verb)`,
        unit: "ms",
        ours: round(percentile(samples, 95), 1),
        target: "p95 ≤ 300 ms",
        met: percentile(samples, 95) <= 300,
        notes: `p50 ${round(percentile(samples, 50), 1)} ms`,
      });
    }
  }
  return figures;
}
