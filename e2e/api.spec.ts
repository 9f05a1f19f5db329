import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

const admin = { authorization: `Bearer ${process.env.TRAILBOOK_ADMIN_TOKEN}` };

test("a service records and reads events over HTTP with a tenant key", async ({ request }) => {
  const created = await request.post("/api/keys", {
    headers: admin,
    data: { name: `svc-${randomUUID()}`, scopes: ["write", "read"], tenant: "acme" },
  });
  expect(created.status()).toBe(201);
  const { secret } = await created.json();
  const headers = { authorization: `Bearer ${secret}` };
  const stream = `tenant/acme/Order ${randomUUID()}`;
  const recorded = await request.post("/api/events", {
    headers: { ...headers, "x-correlation-id": `req-${stream}` },
    data: {
      stream,
      expectedVersion: "none",
      events: [{ type: "OrderPlaced", data: { amount: 5 } }, { type: "OrderPaid" }],
    },
  });
  expect(recorded.status()).toBe(201);
  const [placed] = (await recorded.json()).events;
  expect(placed.correlationId).toBe(`req-${stream}`);
  const byStream = await request.get(`/api/streams/${encodeURIComponent(stream)}`, { headers });
  expect((await byStream.json()).events.map((e: { type: string; tenant: string }) => [e.type, e.tenant])).toEqual([
    ["OrderPlaced", "acme"],
    ["OrderPaid", "acme"],
  ]);
  const search = await request.get(`/api/events?q=${encodeURIComponent(`stream:"${stream}" data.amount:>=5`)}`, {
    headers,
  });
  expect((await search.json()).events.map((e: { id: string }) => e.id)).toEqual([placed.id]);
  const flow = await request.get(`/api/correlations/${encodeURIComponent(`req-${stream}`)}`, { headers });
  expect((await flow.json()).events).toHaveLength(2);
});

test("the API refuses anonymous callers and bad input with problem+json", async ({ request }) => {
  const anonymous = await request.get("/api/events");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toBe("application/problem+json");
  const malformed = await request.post("/api/events", {
    headers: { ...admin, "content-type": "application/json" },
    data: Buffer.from("{oops"),
  });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).code).toBe("malformed_json");
  const openapi = await request.get("/api/openapi.json");
  expect((await openapi.json()).openapi).toBe("3.1.0");
});
