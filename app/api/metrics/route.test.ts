import { randomUUID } from "node:crypto";
import parsePrometheusTextFormat, { type PrometheusFamily } from "parse-prometheus-text-format";
import { afterEach, expect, it, vi } from "vitest";
import { setRateLimiter } from "@/lib/http/api-route";
import { RateLimiter } from "@/lib/http/rate-limit";
import { metrics } from "@/lib/observability/metrics";
import { describeApi } from "@/lib/testing/api-fixture";

/** The metrics document, parsed by a third-party parser of the Prometheus text format. */
async function scrape(response: Response): Promise<Map<string, PrometheusFamily>> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(await response.text());
  return new Map(families.map((family) => [family.name, family]));
}

const value = (families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}) =>
  Number(
    families.get(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value ?? 0,
  );
const histogramCount = (families: Map<string, PrometheusFamily>, name: string) =>
  Number(families.get(name)?.metrics[0]?.count ?? 0);

afterEach(() => {
  delete process.env.TRAILBOOK_METRICS_TOKEN;
  setRateLimiter(null);
});

describeApi("GET /api/metrics", (api, kind) => {
  it("counts requests, appends, batch sizes, latencies and rate-limited requests", async () => {
    const admin = await api.key(["admin"]);
    const before = await scrape(await api.call("GET", "/api/metrics", { key: admin }));
    const events = Array.from({ length: 7 }, () => ({ id: randomUUID(), type: "Counted" }));
    expect((await api.call("POST", "/api/events", { key: admin, body: { events } })).status).toBe(201);
    // A replay stores nothing, so it counts as a request but appends nothing.
    expect((await api.call("POST", "/api/events", { key: admin, body: { events } })).status).toBe(200);
    expect((await api.call("GET", "/api/events?q=type:Counted", { key: admin })).status).toBe(200);
    const limited = await api.key(["read"]);
    setRateLimiter(new RateLimiter({ api: { perSecond: 0.001, burst: 1 }, ingest: null }));
    expect((await api.call("GET", "/api/streams", { key: limited })).status).toBe(200);
    expect((await api.call("GET", "/api/streams", { key: limited })).status).toBe(429);
    setRateLimiter(null);
    const after = await scrape(await api.call("GET", "/api/metrics", { key: admin }));

    const delta = (name: string, labels?: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(after.get("trailbook_events_appended_total")?.type).toBe("COUNTER");
    expect(delta("trailbook_events_appended_total")).toBe(7);
    const post = { route: "/api/events", method: "POST" };
    expect(delta("trailbook_http_requests_total", { ...post, status: "201" })).toBe(1);
    expect(delta("trailbook_http_requests_total", { ...post, status: "200" })).toBe(1);
    expect(delta("trailbook_http_requests_total", { route: "/api/metrics", method: "GET", status: "200" })).toBe(1);
    expect(delta("trailbook_rate_limited_total", { route: "/api/streams" })).toBe(1);
    expect(after.get("trailbook_append_batch_size")?.type).toBe("HISTOGRAM");
    const bucket = (families: Map<string, PrometheusFamily>, le: string) =>
      Number(families.get("trailbook_append_batch_size")?.metrics[0]?.buckets?.[le] ?? 0);
    expect([bucket(after, "5") - bucket(before, "5"), bucket(after, "10") - bucket(before, "10")]).toEqual([0, 1]);
    const batches = (families: Map<string, PrometheusFamily>) =>
      histogramCount(families, "trailbook_append_batch_size");
    expect(batches(after) - batches(before)).toBe(1);
    expect(histogramCount(after, "trailbook_append_duration_seconds")).toBeGreaterThanOrEqual(2);
    expect(histogramCount(after, "trailbook_search_duration_seconds")).toBeGreaterThanOrEqual(1);
    expect(after.get("process_cpu_user_seconds_total")?.type).toBe("COUNTER");
    const pool = after.get("trailbook_db_pool_connections")?.metrics ?? [];
    if (kind === "postgres") {
      expect(pool.map((m) => m.labels?.state).sort()).toEqual(["idle", "total", "waiting"]);
      expect(value(after, "trailbook_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    } else {
      expect(pool).toEqual([]);
    }
  });

  it("needs the admin scope, or TRAILBOOK_METRICS_TOKEN, which opens nothing else", async () => {
    expect((await api.call("GET", "/api/metrics")).status).toBe(401);
    expect((await api.call("GET", "/api/metrics", { key: await api.key(["read", "write", "export"]) })).status).toBe(
      403,
    );
    const token = `metrics-${randomUUID()}`;
    expect((await api.call("GET", "/api/metrics", { key: token })).status).toBe(401);
    process.env.TRAILBOOK_METRICS_TOKEN = token;
    await scrape(await api.call("GET", "/api/metrics", { key: token }));
    expect((await api.call("GET", "/api/metrics", { key: `${token}x` })).status).toBe(401);
    for (const path of ["/api/events", "/api/keys", "/api/verify"]) {
      expect((await api.call("GET", path, { key: token })).status, path).toBe(401);
    }
  });
});

it("keeps one registry per process, whichever copy of the module asks", async () => {
  // Next's server bundle and the lean ingest path load lib/ separately, in one process. Last in the
  // file: other modules reloaded after this have their own error classes.
  const first = metrics();
  vi.resetModules();
  const again = await import("@/lib/observability/metrics");
  expect(again.metrics()).toBe(first);
});
