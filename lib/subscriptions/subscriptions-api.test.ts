import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeApi } from "../testing/api-fixture";

describeApi("subscriptions API", (api) => {
  const tag = randomUUID().slice(0, 8);
  let acme = "";
  let globex = "";
  let writer = "";

  const record = (key: string, type: string, n = 1) =>
    api.call("POST", "/api/events", {
      key,
      body: { events: Array.from({ length: n }, (_, i) => ({ type, data: { tag, i } })) },
    });
  const json = async (response: Response) => ({ status: response.status, body: await response.json() });

  beforeAll(async () => {
    acme = await api.key(["subscribe", "write"], "acme");
    globex = await api.key(["subscribe", "write"], "globex");
    writer = await api.key(["write"], "acme");
  });

  it("creates, lists, gets, pauses, resumes, resets and deletes, with the tenant from the key", async () => {
    const created = await json(
      await api.call("POST", "/api/subscriptions", {
        key: acme,
        body: { name: `orders-${tag}`, filter: `type:Order* data.tag:${tag}`, start: "beginning", mode: "pull" },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenant: "acme", status: "active", mode: "pull", position: "0" });
    expect(created.body.secret).toBeUndefined();
    await record(writer, "OrderPlaced", 3);
    const got = await json(await api.call("GET", `/api/subscriptions/orders-${tag}`, { key: acme }));
    expect(got.body.subscription.lag.events).toBe(3);
    expect(got.body.subscription.lag.seconds).toBeGreaterThanOrEqual(0);
    const listed = await json(await api.call("GET", "/api/subscriptions", { key: acme }));
    expect(listed.body.subscriptions.map((s: { name: string }) => s.name)).toContain(`orders-${tag}`);
    const paused = await json(await api.call("POST", `/api/subscriptions/orders-${tag}/pause`, { key: acme }));
    expect(paused.body.subscription.status).toBe("paused");
    const pulledWhilePaused = await json(
      await api.call("GET", `/api/subscriptions/orders-${tag}/events`, { key: acme }),
    );
    expect(pulledWhilePaused.body.events).toEqual([]);
    const resumed = await json(await api.call("POST", `/api/subscriptions/orders-${tag}/resume`, { key: acme }));
    expect(resumed.body.subscription.status).toBe("active");
    const reset = await json(
      await api.call("POST", `/api/subscriptions/orders-${tag}/reset`, { key: acme, body: { position: "now" } }),
    );
    expect(reset.body.subscription.lag.events).toBe(0);
    const taken = await api.call("POST", "/api/subscriptions", {
      key: acme,
      body: { name: `orders-${tag}`, mode: "pull" },
    });
    expect([taken.status, (await taken.json()).code]).toEqual([409, "subscription_exists"]);
    expect((await api.call("DELETE", `/api/subscriptions/orders-${tag}`, { key: acme })).status).toBe(204);
    expect((await api.call("GET", `/api/subscriptions/orders-${tag}`, { key: acme })).status).toBe(404);
  });

  it("refuses a bad filter with its position, a tenant in the body, and a private webhook target", async () => {
    const bad = await json(
      await api.call("POST", "/api/subscriptions", {
        key: acme,
        body: { name: "bad", filter: "nope:x", mode: "pull" },
      }),
    );
    expect([bad.status, bad.body.code]).toEqual([422, "invalid_query"]);
    const tenant = await api.call("POST", "/api/subscriptions", {
      key: acme,
      body: { name: "t", mode: "pull", tenant: "globex" },
    });
    expect([tenant.status, (await tenant.json()).code]).toEqual([422, "validation_failed"]);
    for (const url of ["http://127.0.0.1:4001/hook", "http://localhost:4001/", "http://169.254.169.254/", "ftp://x/"]) {
      const refused = await json(
        await api.call("POST", "/api/subscriptions", {
          key: acme,
          body: { name: "w", mode: "webhook", webhook: { url } },
        }),
      );
      expect([refused.status, refused.body.errors[0].path], url).toEqual([422, "webhook.url"]);
    }
  });

  it("never shows a tenant another tenant's subscriptions or events", async () => {
    const name = `all-${tag}`;
    for (const key of [acme, globex]) {
      const response = await api.call("POST", "/api/subscriptions", {
        key,
        body: { name, filter: `data.tag:${tag}`, mode: "pull" },
      });
      expect(response.status).toBe(201); // the same name in two tenants: two subscriptions
    }
    await record(globex, "GlobexOnly", 2);
    await record(writer, "AcmeOnly", 2);
    const pulled = await json(await api.call("GET", `/api/subscriptions/${name}/events?limit=100`, { key: acme }));
    expect(pulled.body.events.map((e: { type: string }) => e.type)).toEqual(["AcmeOnly", "AcmeOnly"]);
    const theirs = await json(await api.call("GET", `/api/subscriptions/${name}/events?limit=100`, { key: globex }));
    expect(theirs.body.events.map((e: { tenant: string }) => e.tenant)).toEqual(["globex", "globex"]);
    const listed = await json(await api.call("GET", "/api/subscriptions", { key: globex }));
    expect(listed.body.subscriptions.every((s: { tenant: string }) => s.tenant === "globex")).toBe(true);
    // Acking another tenant's lease is a lease this key never held.
    const ack = await api.call("POST", `/api/subscriptions/${name}/ack`, {
      key: acme,
      body: { lease: theirs.body.lease },
    });
    expect([ack.status, (await ack.json()).code]).toEqual([409, "lease_not_held"]);
  });

  it("pulls in order under a lease: another consumer waits, an unacked batch comes again, acks move on", async () => {
    const name = `pull-${tag}`;
    await api.call("POST", "/api/subscriptions", {
      key: acme,
      body: { name, filter: `type:Pull data.tag:${tag}`, mode: "pull", delivery: { timeoutMs: 1000 } },
    });
    await record(writer, "Pull", 5);
    const pull = async (query = "limit=3") =>
      (await json(await api.call("GET", `/api/subscriptions/${name}/events?${query}`, { key: acme }))).body;
    const first = await pull();
    expect(first.events.map((e: { data: { i: number } }) => e.data.i)).toEqual([0, 1, 2]);
    expect((await pull("limit=3&wait=0.3")).events).toEqual([]); // held by the first consumer
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the lease expires unacknowledged
    const again = await pull();
    expect(again.events.map((e: { id: string }) => e.id)).toEqual(first.events.map((e: { id: string }) => e.id));
    // An expired lease is no failure: a pull subscription never becomes failing or dead (README).
    const during = await json(await api.call("GET", `/api/subscriptions/${name}`, { key: acme }));
    expect(during.body.subscription).toMatchObject({ status: "active", attempts: 0, counters: { failures: 0 } });
    const stale = await api.call("POST", `/api/subscriptions/${name}/ack`, { key: acme, body: { lease: first.lease } });
    expect([stale.status, (await stale.json()).code]).toEqual([409, "lease_not_held"]);
    const acked = await json(
      await api.call("POST", `/api/subscriptions/${name}/ack`, { key: acme, body: { lease: again.lease } }),
    );
    expect(acked.body.position).toBe(again.events[2].position);
    const rest = await pull("limit=10&wait=1");
    expect(rest.events.map((e: { data: { i: number } }) => e.data.i)).toEqual([3, 4]);
    const waited = api.call("GET", `/api/subscriptions/${name}/events?limit=10&wait=5`, { key: acme });
    await api.call("POST", `/api/subscriptions/${name}/ack`, { key: acme, body: { lease: rest.lease } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await record(writer, "Pull", 1);
    const longPolled = (await json(await waited)).body;
    expect(longPolled.events.map((e: { data: { i: number } }) => e.data.i)).toEqual([0]);
    const state = await json(await api.call("GET", `/api/subscriptions/${name}`, { key: acme }));
    expect(state.body.subscription.counters.delivered).toBe(5);
  });
});
