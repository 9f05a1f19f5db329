import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { describeApi } from "@/lib/testing/api-fixture";
import { listApiRoutes } from "@/lib/testing/route-fetch";
import { type HostileRequest, hostileBody, hostileHeaders, hostileQuery, hostileSegment } from "./hostile-requests";

/** At least this many generated requests per database, spread over every method of every route. */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

describeApi("hostile input", (api) => {
  let admin = "";
  let tenantKey = "";
  let seeded = { id: "", stream: "" };

  /** Everything a request could write, read in one statement; equal snapshots mean nothing was written. */
  const snapshot = async () =>
    JSON.stringify(
      await api.db().query(Prisma.sql`
        SELECT (SELECT count(*) FROM events)::text AS events,
               (SELECT coalesce(max(position), 0) FROM events)::text AS head,
               (SELECT count(*) FROM stream_events)::text AS links, (SELECT count(*) FROM api_keys)::text AS keys,
               (SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL)::text AS revoked,
               (SELECT count(*) FROM checkpoints)::text AS checkpoints,
               (SELECT count(*) FROM sessions)::text AS sessions`),
    );

  beforeAll(async () => {
    admin = await api.key(["admin"]);
    tenantKey = await api.key(["write", "read", "export"], "fuzz-tenant");
    const response = await api.call("POST", "/api/events", {
      key: admin,
      body: { type: "Seed", stream: `Fuzz-${randomUUID()}`, data: { ok: true } },
    });
    const event = (await response.json()).events[0];
    seeded = { id: event.id, stream: event.streams[0].name };
  });

  /** Sends one request; returns its status after consuming (or, for endless streams, cancelling) the body. */
  async function send(request: HostileRequest): Promise<{ status: number; type: string | null }> {
    const key = request.keyChoice === "tenant" ? tenantKey : admin;
    const response = await api.call(request.method, request.path, {
      key,
      headers: request.headers,
      body: request.body,
    });
    const type = response.headers.get("content-type");
    if (type?.startsWith("text/event-stream")) await response.body?.cancel();
    else await response.arrayBuffer();
    return { status: response.status, type };
  }

  it(`answers ${TOTAL_RUNS} generated hostile requests without a 5xx and writes nothing when it refuses`, {
    timeout: 900_000,
  }, async () => {
    const endpoints: { method: string; pattern: string }[] = [];
    for (const route of listApiRoutes()) {
      const module = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      for (const method of ["GET", "POST", "DELETE"])
        if (typeof module[method] === "function") endpoints.push({ method, pattern: route.pattern });
    }
    expect(endpoints.length).toBeGreaterThanOrEqual(15);
    const runsEach = Math.ceil(TOTAL_RUNS / endpoints.length);
    let sent = 0;
    let current = await snapshot();
    for (const { method, pattern } of endpoints) {
      const known = { id: seeded.id, stream: seeded.stream };
      const path = fc
        .tuple(...pattern.split("/").map((part) => (part.startsWith("[") ? hostileSegment(known) : fc.constant(part))))
        .map((parts) => parts.join("/"));
      const request = fc.record({
        method: fc.constant(method),
        path: fc.tuple(path, hostileQuery()).map(([p, q]) => p + q),
        headers: hostileHeaders(),
        body: method === "POST" ? hostileBody() : fc.constant(undefined),
        keyChoice: fc.constantFrom("admin", "tenant"),
      });
      await fc.assert(
        fc.asyncProperty(request, async (generated) => {
          const before = current;
          const { status, type } = await send(generated);
          current = await snapshot(); // also the next request's "before": one snapshot per request
          sent++;
          expect(status, `${generated.method} ${generated.path}`).toBeLessThan(500);
          if (status >= 400) {
            expect(type, `${generated.method} ${generated.path}`).toBe("application/problem+json");
            expect(current, `refused ${generated.method} ${generated.path} wrote`).toBe(before);
          }
        }),
        { numRuns: runsEach, endOnFailure: false },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(TOTAL_RUNS);

    // The server still serves: a well-formed write and its read-back succeed.
    const control = { id: randomUUID(), type: "Control", stream: `Control-${randomUUID()}`, data: { after: sent } };
    expect((await api.call("POST", "/api/events", { key: admin, body: control })).status).toBe(201);
    const read = await api.call("GET", `/api/events/${control.id}`, { key: admin });
    expect(read.status).toBe(200);
    expect((await read.json()).data).toEqual({ after: sent });
    const verify = await (await api.call("GET", "/api/verify", { key: admin })).json();
    expect(verify.ok).toBe(true);
  });
});
