import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: "trailbook_http_requests_total",
      help: "API requests answered, by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    appendSeconds: new Histogram({
      name: "trailbook_append_duration_seconds",
      help: "Time to answer POST /api/events (recording events), any status.",
      buckets: SECONDS,
      registers,
    }),
    searchSeconds: new Histogram({
      name: "trailbook_search_duration_seconds",
      help: "Time to answer GET /api/events (search and follow), any status.",
      buckets: SECONDS,
      registers,
    }),
    eventsAppended: new Counter({
      name: "trailbook_events_appended_total",
      help: "Events stored by POST /api/events (replays store nothing and are not counted).",
      registers,
    }),
    batchSize: new Histogram({
      name: "trailbook_append_batch_size",
      help: "Events per stored POST /api/events request.",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers,
    }),
    rateLimited: new Counter({
      name: "trailbook_rate_limited_total",
      help: "Requests refused with 429 rate_limited, by route pattern.",
      labelNames: ["route"] as const,
      registers,
    }),
    dbPool: new Gauge({
      name: "trailbook_db_pool_connections",
      help: "PostgreSQL pool: total and idle connections, and callers waiting for one (absent on PGlite).",
      labelNames: ["state"] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process, on globalThis: Next's server bundle and the lean ingest path
// (lib/cli/lean-ingest.ts) load lib/ modules separately but must count into the same metrics.
const slot = globalThis as typeof globalThis & { trailbookMetrics?: Metrics };

/** The process's metrics, created at first use (with Node's default process metrics). */
export function metrics(): Metrics {
  slot.trailbookMetrics ??= createMetrics();
  return slot.trailbookMetrics;
}
