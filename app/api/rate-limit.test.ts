import { afterAll, beforeAll, expect, it } from "vitest";
import { configFrom } from "@/lib/config";
import { setRateLimiter } from "@/lib/http/api-route";
import { RateLimiter } from "@/lib/http/rate-limit";
import { describeApi } from "@/lib/testing/api-fixture";

it("refills a key's bucket at the configured rate", () => {
  let now = 0;
  const limit = { perSecond: 2, burst: 3 };
  const limiter = new RateLimiter({ api: limit, ingest: null }, () => now);
  for (let i = 0; i < 3; i++) limiter.take("k", limit);
  expect(() => limiter.take("k", limit)).toThrow(expect.objectContaining({ code: "rate_limited", retryAfter: 1 }));
  expect(() => limiter.take("other", limit)).not.toThrow();
  now = 499;
  expect(() => limiter.take("k", limit)).toThrow();
  now = 1000; // 1 s at 2/s refills 2 tokens, minus nothing taken while empty
  limiter.take("k", limit);
  limiter.take("k", limit);
  expect(() => limiter.take("k", limit)).toThrow();
  now = 4000; // 3 s at 0.5/s is 1.5 tokens, capped at the burst of 1
  limiter.take("k", { perSecond: 0.5, burst: 1 }); // a bucket refills at the limit it is charged at
  expect(() => limiter.take("k", { perSecond: 0.5, burst: 1 })).toThrow(expect.objectContaining({ retryAfter: 2 }));
});

it("reads its budget from the environment, 0 meaning off", () => {
  expect(configFrom({}).rateLimit).toEqual({ perSecond: 100, burst: 200 });
  expect(configFrom({ TRAILBOOK_RATE_LIMIT: "5", TRAILBOOK_RATE_BURST: "7" }).rateLimit).toEqual({
    perSecond: 5,
    burst: 7,
  });
  expect(configFrom({ TRAILBOOK_RATE_LIMIT: "0" }).rateLimit).toBeNull();
  expect(() => configFrom({ TRAILBOOK_RATE_LIMIT: "lots" }).rateLimit).toThrow(/TRAILBOOK_RATE_LIMIT/);
  expect(configFrom({}).ingestRateLimit).toEqual({ perSecond: 5000, burst: 10000 });
  expect(configFrom({ TRAILBOOK_INGEST_RATE_LIMIT: "0" }).ingestRateLimit).toBeNull();
  expect(() => configFrom({ TRAILBOOK_INGEST_RATE_LIMIT: "-1" }).ingestRateLimit).toThrow(/INGEST_RATE_LIMIT/);
});

describeApi("rate limits", (api) => {
  const slow = { perSecond: 0.5, burst: 4 };
  beforeAll(() => setRateLimiter(new RateLimiter({ api: slow, ingest: slow })));
  afterAll(() => setRateLimiter(null));

  it("answer 429 with Retry-After once a key spends its burst, without charging other keys or writing", async () => {
    const busy = await api.key(["write", "read"]);
    const quiet = await api.key(["read"]);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const response = await api.call("POST", "/api/events", {
        key: busy,
        body: { type: "Burst", stream: `Burst-${busy.slice(-8)}`, data: { i } },
      });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(refused!.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused!.json()).code).toBe("rate_limited");
    expect((await api.call("GET", "/api/events?limit=1", { key: quiet })).status).toBe(200);
    // Only the four admitted requests wrote: the refused ones never reached the store.
    const bypass = await api.key(["read"]);
    const stream = await api.call("GET", `/api/streams/Burst-${busy.slice(-8)}`, { key: bypass });
    expect((await stream.json()).events).toHaveLength(4);
  });

  it("charges recording events and other requests to separate buckets", async () => {
    const both = await api.key(["write", "read"]);
    for (let i = 0; i < 4; i++) expect((await api.call("GET", "/api/events?limit=1", { key: both })).status).toBe(200);
    expect((await api.call("GET", "/api/events?limit=1", { key: both })).status).toBe(429);
    expect((await api.call("POST", "/api/events", { key: both, body: { type: "StillAllowed" } })).status).toBe(201);
  });

  it("applies a key's own limit, set when it is created (0 = unlimited), instead of the default", async () => {
    const admin = await api.key(["admin"]);
    const create = (rateLimit: number) =>
      api.call("POST", "/api/keys", { key: admin, body: { name: `limit-${rateLimit}`, scopes: ["write"], rateLimit } });
    const unlimited = await (await create(0)).json();
    expect(unlimited.rateLimit).toBe(0);
    const statuses = [];
    for (let i = 0; i < 12; i++) {
      const response = await api.call("POST", "/api/events", { key: unlimited.secret, body: { type: "Free" } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(12).fill(201));
    const tight = await (await create(1)).json(); // 1/s, a burst of 2
    const tightStatuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await api.call("POST", "/api/events", { key: tight.secret, body: { type: "Tight" } });
      tightStatuses.push(response.status);
    }
    expect(tightStatuses).toEqual([201, 201, 429]);
    const invalid = await api.call("POST", "/api/keys", {
      key: admin,
      body: { name: "x", scopes: ["read"], rateLimit: -1 },
    });
    expect(invalid.status).toBe(422);
  });

  it("does not count requests without a valid key against anybody", async () => {
    for (let i = 0; i < 10; i++) expect((await api.call("GET", "/api/events", { key: "tb_forged" })).status).toBe(401);
  });
});

it("refuses an admin token shorter than 32 characters, naming the variable", () => {
  expect(() => configFrom({ TRAILBOOK_ADMIN_TOKEN: "x".repeat(31) }).adminToken).toThrow(/TRAILBOOK_ADMIN_TOKEN.*32/);
  expect(configFrom({ TRAILBOOK_ADMIN_TOKEN: "x".repeat(32) }).adminToken).toBe("x".repeat(32));
  expect(configFrom({}).adminToken).toBeNull();
});
