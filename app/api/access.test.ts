import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Scope } from "@/lib/auth/principal";
import { Prisma } from "@/lib/db/generated/client";
import { describeApi } from "@/lib/testing/api-fixture";
import { listApiRoutes } from "@/lib/testing/route-fetch";

const PUBLIC = new Set(["GET /api/health", "GET /api/openapi.json", "GET /api/ready"]);
/** The scope each route needs. A route missing here fails the test, so every new route gets a row. */
const REQUIRED_SCOPE: Record<string, Scope> = {
  "GET /api/checkpoints": "read",
  "POST /api/checkpoints": "admin",
  "GET /api/checkpoints/public-key": "read",
  "GET /api/checkpoints/public-keys": "read",
  "GET /api/events/[id]/receipt": "read",
  "GET /api/proofs/consistency": "read",
  "GET /api/correlations/[id]": "read",
  "GET /api/events": "read",
  "POST /api/events": "write",
  "GET /api/events/[id]": "read",
  "GET /api/events/live": "read",
  "GET /api/export": "export",
  "GET /api/keys": "admin",
  "POST /api/keys": "admin",
  "DELETE /api/keys/[id]": "admin",
  "GET /api/metrics": "admin",
  "GET /api/streams": "read",
  "GET /api/streams/[name]": "read",
  "POST /api/streams/[name]/links": "write",
  "GET /api/verify": "read",
  "GET /api/subscriptions": "subscribe",
  "POST /api/subscriptions": "subscribe",
  "GET /api/subscriptions/[name]": "subscribe",
  "DELETE /api/subscriptions/[name]": "subscribe",
  "GET /api/subscriptions/[name]/events": "subscribe",
  "POST /api/subscriptions/[name]/ack": "subscribe",
  "POST /api/subscriptions/[name]/pause": "subscribe",
  "POST /api/subscriptions/[name]/resume": "subscribe",
  "POST /api/subscriptions/[name]/reset": "subscribe",
  "GET /api/subscriptions/[name]/deliveries": "subscribe",
  "GET /api/verifier": "read",
};
/** The catch-all answers 404 problem+json to everyone: it serves nothing. */
const UNKNOWN_PATHS = "/api/[[...path]]";

describeApi("access control", (api) => {
  const tag = randomUUID().slice(0, 8);
  let admin = "";
  let acme = "";
  let globex = "";
  let readOnly = "";
  let acmeEvent = { id: "", correlationId: "", position: "" };
  let globexEvent = { id: "", correlationId: "", position: "" };

  beforeAll(async () => {
    admin = await api.key(["admin"]);
    acme = await api.key(["write", "read"], "acme");
    globex = await api.key(["write", "read"], "globex");
    readOnly = await api.key(["read"]);
    const write = (key: string, body: unknown) =>
      api.call("POST", "/api/events", { key, body }).then(async (r) => (await r.json()).events[0]);
    acmeEvent = await write(acme, { type: "Acme", stream: `Shared-${tag}`, data: { tag } });
    globexEvent = await write(globex, {
      type: "Globex",
      stream: `Shared-${tag}`,
      causationId: acmeEvent.id,
      data: { tag },
    });
  });

  it("refuses every non-public route without a key, with a bad key and with a revoked key", async () => {
    const created = await (
      await api.call("POST", "/api/keys", { key: admin, body: { name: "soon revoked", scopes: ["admin"] } })
    ).json();
    const revoked: string = created.secret;
    expect((await api.call("GET", "/api/keys", { key: revoked })).status).toBe(200);
    expect((await api.call("DELETE", `/api/keys/${created.id}`, { key: admin })).status).toBe(200);
    const routes = listApiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const module = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      const url = route.pattern.replace(/\[[^\]]+\]/g, randomUUID());
      for (const method of ["GET", "POST", "DELETE"].filter((m) => typeof module[m] === "function")) {
        const label = `${method} ${route.pattern}`;
        if (route.pattern === UNKNOWN_PATHS) {
          expect((await api.call(method, url)).status, label).toBe(404);
          continue;
        }
        if (PUBLIC.has(label)) {
          expect((await api.call(method, url)).status, label).toBe(200);
          continue;
        }
        for (const key of [undefined, "tb_not-a-real-key-000000000000000000", revoked]) {
          const response = await api.call(method, url, { key, body: method === "POST" ? {} : undefined });
          expect(response.status, `${label} key=${key?.slice(0, 6)}`).toBe(401);
          expect((await response.json()).code).toBe("unauthorized");
          expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        }
      }
    }
  });

  it("refuses a write key revoked after recording, though the key cache still knows it", async () => {
    // POST /api/events takes its key from the process's key cache; revocation is checked when the
    // append commits. Revoked straight in the database, as another process would.
    const created = await (
      await api.call("POST", "/api/keys", { key: admin, body: { name: "cached then revoked", scopes: ["write"] } })
    ).json();
    const type = `Revoked${randomUUID().slice(0, 8)}`;
    const post = () => api.call("POST", "/api/events", { key: created.secret, body: { type, data: {} } });
    expect((await post()).status).toBe(201);
    await api.db().query(Prisma.sql`UPDATE api_keys SET revoked_at = now() WHERE id = ${created.id}::uuid`);
    const refused = await post();
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe("unauthorized");
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const stored = await api.call("GET", `/api/events?q=type:${type}`, { key: admin });
    expect((await stored.json()).events).toHaveLength(1);
    // Refused once under the lock, the key leaves the cache: the lookup now refuses it first,
    // even a request whose body would fail validation, before any append lock is taken.
    const malformed = await api.call("POST", "/api/events", { key: created.secret, body: {} });
    expect(malformed.status).toBe(401);
  });

  it("refuses, on every route, each key that lacks the route's scope", async () => {
    const only = { write: await api.key(["write"]), read: await api.key(["read"]), export: await api.key(["export"]) };
    const seen: string[] = [];
    for (const route of listApiRoutes()) {
      const module = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      const url = route.pattern.replace(/\[[^\]]+\]/g, randomUUID());
      for (const method of ["GET", "POST", "DELETE"].filter((m) => typeof module[m] === "function")) {
        const label = `${method} ${route.pattern}`;
        if (PUBLIC.has(label) || route.pattern === UNKNOWN_PATHS) continue;
        seen.push(label);
        const required = REQUIRED_SCOPE[label];
        expect(required, `${label} has no row in REQUIRED_SCOPE`).toBeDefined();
        for (const [scope, key] of Object.entries(only)) {
          const response = await api.call(method, url, { key, body: method === "POST" ? {} : undefined });
          if (scope === required) {
            expect(response.status, `${label} with ${scope}`).not.toBe(403);
            await response.body?.cancel(); // the live stream never ends by itself
          } else {
            expect([response.status, (await response.json()).code], `${label} with ${scope}`).toEqual([
              403,
              "forbidden",
            ]);
          }
        }
      }
    }
    expect(seen.sort()).toEqual(Object.keys(REQUIRED_SCOPE).sort());
  });

  it("refuses a key without the scope a route needs", async () => {
    expect((await api.call("POST", "/api/events", { key: readOnly, body: { type: "X" } })).status).toBe(403);
    expect((await api.call("GET", "/api/keys", { key: acme })).status).toBe(403);
    expect((await api.call("POST", "/api/keys", { key: acme, body: { name: "x", scopes: ["admin"] } })).status).toBe(
      403,
    );
    expect((await api.call("GET", "/api/events", { key: readOnly })).status).toBe(200);
  });

  it("stamps the key's tenant on writes and refuses another tenant", async () => {
    expect((await api.call("GET", `/api/events/${acmeEvent.id}`, { key: admin }).then((r) => r.json())).tenant).toBe(
      "acme",
    );
    const other = await api.call("POST", "/api/events", { key: acme, body: { type: "X", tenant: "globex" } });
    expect(other.status).toBe(403);
    const untenanted = await api.key(["write"]);
    expect(
      (await api.call("POST", "/api/events", { key: untenanted, body: { type: "X", tenant: "acme" } })).status,
    ).toBe(403);
    expect((await api.call("POST", "/api/events", { key: admin, body: { type: "X", tenant: "initech" } })).status).toBe(
      201,
    );
  });

  it("never shows a tenant another tenant's events on any read path", async () => {
    const get = async (key: string, path: string) => (await api.call("GET", path, { key })).json();
    expect((await get(acme, `/api/events?q=data.tag:${tag}`)).events.map((e: { type: string }) => e.type)).toEqual([
      "Acme",
    ]);
    expect((await api.call("GET", `/api/events/${globexEvent.id}`, { key: acme })).status).toBe(404);
    const own = await get(acme, `/api/events/${acmeEvent.id}`);
    expect(own.caused).toEqual([]);
    expect((await get(globex, `/api/events/${globexEvent.id}`)).causedBy).toBeNull();
    // A cause in another tenant counts as missing: no inherited correlation joins the two flows.
    expect(globexEvent.correlationId).toBe(globexEvent.id);
    // Ids are unique per tenant: another tenant's id is free to use, so no answer (not even a 409)
    // tells globex that acme holds it, and each tenant reads its own event under that id.
    const twin = { id: acmeEvent.id, type: "GlobexTwin", stream: `Twin-${tag}`, causationId: acmeEvent.id };
    const reused = await api.call("POST", "/api/events", { key: globex, body: twin });
    expect(reused.status).toBe(201);
    const stored = (await reused.json()).events[0];
    expect(stored.id).toBe(acmeEvent.id);
    expect(stored.correlationId).toBe(stored.id); // the cause is looked up in globex only: none
    expect((await api.call("POST", "/api/events", { key: globex, body: twin })).status).toBe(200);
    expect((await get(acme, `/api/events/${acmeEvent.id}`)).type).toBe("Acme");
    const globexTwin = await get(globex, `/api/events/${acmeEvent.id}`);
    expect(globexTwin).toMatchObject({ type: "GlobexTwin", causedBy: null, caused: [] });
    expect((await get(acme, `/api/events/${acmeEvent.id}`)).caused).toEqual([]);
    // A reader of every tenant is told the id is ambiguous, and names the tenant to choose.
    const ambiguous = await api.call("GET", `/api/events/${acmeEvent.id}`, { key: admin });
    expect(ambiguous.status).toBe(409);
    expect(await ambiguous.json()).toMatchObject({ code: "ambiguous_event_id", tenants: ["acme", "globex"] });
    expect((await get(admin, `/api/events/${acmeEvent.id}?tenant=globex`)).type).toBe("GlobexTwin");
    expect((await api.call("GET", `/api/events/${acmeEvent.id}?tenant=globex`, { key: acme })).status).toBe(404);
    const receipt = await get(globex, `/api/events/${acmeEvent.id}/receipt`);
    expect(receipt.event).toMatchObject({ tenant: "globex", type: "GlobexTwin" });
    const adminLink = await api.call("POST", `/api/streams/Both-${tag}/links`, {
      key: admin,
      body: { eventIds: [acmeEvent.id] },
    });
    expect(adminLink.status).toBe(409);
    expect((await adminLink.json()).code).toBe("ambiguous_event_id");
    const chosen = await api.call("POST", `/api/streams/Both-${tag}/links?tenant=globex`, {
      key: admin,
      body: { eventIds: [acmeEvent.id] },
    });
    expect(chosen.status).toBe(201);
    expect((await get(admin, `/api/streams/Both-${tag}`)).events.map((e: { type: string }) => e.type)).toEqual([
      "GlobexTwin",
    ]);
    expect((await get(acme, `/api/streams/Shared-${tag}`)).events.map((e: { type: string }) => e.type)).toEqual([
      "Acme",
    ]);
    expect((await get(acme, `/api/streams?prefix=Shared-${tag}`)).streams).toMatchObject([{ eventCount: 1 }]);
    expect((await get(admin, `/api/streams?prefix=Shared-${tag}`)).streams).toMatchObject([{ eventCount: 2 }]);
    expect(
      (await get(acme, `/api/correlations/${acmeEvent.correlationId}`)).events.map((e: { type: string }) => e.type),
    ).toEqual(["Acme"]);
    expect(
      (await get(globex, `/api/events?after=0&q=data.tag:${tag}`)).events.map((e: { type: string }) => e.type),
    ).toEqual(["Globex"]);
    const link = await api.call("POST", `/api/streams/Mine-${tag}/links`, {
      key: acme,
      body: { eventIds: [globexEvent.id] },
    });
    expect(link.status).toBe(404);
    // A cursor pointing just past another tenant's event only moves the reader: the tenant still applies.
    const past = `b${BigInt(globexEvent.position) + 1n}`;
    expect(
      (await get(acme, `/api/events?cursor=${past}&q=data.tag:${tag}`)).events.map((e: { type: string }) => e.type),
    ).toEqual(["Acme"]);
    expect(
      (await get(acme, `/api/events?after=${BigInt(globexEvent.position) - 1n}&q=data.tag:${tag}`)).events,
    ).toEqual([]);
    const globexOnly = `GlobexOnly-${tag}`;
    await api.call("POST", "/api/events", { key: globex, body: { type: "Globex", stream: globexOnly } });
    expect((await get(acme, `/api/streams/${globexOnly}`)).events).toEqual([]);
    expect((await get(acme, `/api/streams?prefix=${globexOnly}`)).streams).toEqual([]);
  });

  it("keeps exports and the live stream to the key's tenant", async () => {
    const acmeExporter = await api.key(["read", "export"], "acme");
    const exported = await (
      await api.call("GET", `/api/export?format=jsonl&q=data.tag:${tag}`, { key: acmeExporter })
    ).text();
    const rows = exported
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.slice(0, -1).map((row) => row.type)).toEqual(["Acme"]);
    expect(rows.at(-1).manifest).toMatchObject({ tenant: "acme", count: 1 });
    const all = await (await api.call("GET", "/api/export?format=jsonl", { key: acmeExporter })).text();
    expect(all).not.toContain('"tenant":"globex"');
    const live = await api.call("GET", `/api/events/live?after=0&q=data.tag:${tag}`, { key: acme });
    const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const deadline = Date.now() + 3000;
    // Events arrive a page per message, so a leak would come in the same message as the Acme event.
    while (!text.includes("event: event") && Date.now() < deadline) text += (await reader.read()).value ?? "";
    await reader.cancel();
    expect(text).toContain('"type":"Acme"');
    expect(text).not.toContain("Globex");
  });

  it("accepts TRAILBOOK_ADMIN_TOKEN as an admin key", async () => {
    const token = `bootstrap-${tag}-${randomUUID()}`;
    process.env.TRAILBOOK_ADMIN_TOKEN = token;
    try {
      expect((await api.call("GET", "/api/keys", { key: token })).status).toBe(200);
      expect((await api.call("GET", "/api/keys", { key: `${token}x` })).status).toBe(401);
    } finally {
      delete process.env.TRAILBOOK_ADMIN_TOKEN;
    }
    expect((await api.call("GET", "/api/keys", { key: token })).status).toBe(401);
  });
});
