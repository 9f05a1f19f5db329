import { afterAll, beforeAll, expect, it } from "vitest";
import { configFrom } from "@/lib/config";
import { setRateLimiter } from "@/lib/http/api-route";
import { RateLimiter } from "@/lib/http/rate-limit";
import { describeApi } from "@/lib/testing/api-fixture";

it("refills a key's bucket at the configured rate", () => {
  let now = 0;
  const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
  for (let i = 0; i < 3; i++) limiter.take("k");
  expect(() => limiter.take("k")).toThrow(expect.objectContaining({ code: "rate_limited", retryAfter: 1 }));
  expect(() => limiter.take("other")).not.toThrow();
  now = 499;
  expect(() => limiter.take("k")).toThrow();
  now = 1000; // 1 s at 2/s refills 2 tokens, minus nothing taken while empty
  limiter.take("k");
  limiter.take("k");
  expect(() => limiter.take("k")).toThrow();
});

it("reads its budget from the environment, 0 meaning off", () => {
  expect(configFrom({}).rateLimit).toEqual({ perSecond: 100, burst: 200 });
  expect(configFrom({ TRAILBOOK_RATE_LIMIT: "5", TRAILBOOK_RATE_BURST: "7" }).rateLimit).toEqual({
    perSecond: 5,
    burst: 7,
  });
  expect(configFrom({ TRAILBOOK_RATE_LIMIT: "0" }).rateLimit).toBeNull();
  expect(() => configFrom({ TRAILBOOK_RATE_LIMIT: "lots" }).rateLimit).toThrow(/TRAILBOOK_RATE_LIMIT/);
});

describeApi("rate limits", (api) => {
  beforeAll(() => setRateLimiter(new RateLimiter({ perSecond: 0.5, burst: 4 })));
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

  it("does not count requests without a valid key against anybody", async () => {
    for (let i = 0; i < 10; i++) expect((await api.call("GET", "/api/events", { key: "tb_forged" })).status).toBe(401);
  });
});

it("refuses an admin token shorter than 32 characters, naming the variable", () => {
  expect(() => configFrom({ TRAILBOOK_ADMIN_TOKEN: "x".repeat(31) }).adminToken).toThrow(/TRAILBOOK_ADMIN_TOKEN.*32/);
  expect(configFrom({ TRAILBOOK_ADMIN_TOKEN: "x".repeat(32) }).adminToken).toBe("x".repeat(32));
  expect(configFrom({}).adminToken).toBeNull();
});
