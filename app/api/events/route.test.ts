import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeApi } from "@/lib/testing/api-fixture";

describeApi("POST /api/events", (api) => {
  let writer = "";
  beforeAll(async () => {
    writer = await api.key(["write", "read"]);
  });
  const count = async () =>
    Number((await api.db().transaction((tx) => tx.exec("SELECT count(*)::int AS n FROM events")))[0]!.n);

  it("records one event with 201 and a replay with 200", async () => {
    const event = {
      id: randomUUID(),
      type: "user.login",
      stream: `User-${randomUUID()}`,
      data: { ip: "10.0.0.1" },
      actor: { id: "u-1" },
    };
    const first = await api.call("POST", "/api/events", { key: writer, body: event });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body.events[0]).toMatchObject({
      id: event.id,
      streams: [{ name: event.stream, version: 0 }],
      correlationId: event.id,
      causationId: null,
    });
    expect(body.events[0].position).toMatch(/^\d+$/);
    expect(body.events[0].recordedAt).toMatch(/Z$/);
    const again = await api.call("POST", "/api/events", { key: writer, body: event });
    expect(again.status).toBe(200);
    expect((await again.json()).events).toEqual(body.events);
  });

  it("records an atomic batch and answers conflicts with 409 and nothing written", async () => {
    const stream = `Order-${randomUUID()}`;
    const batch = { stream, expectedVersion: "none", events: [{ type: "OrderPlaced" }, { type: "OrderPaid" }] };
    expect((await api.call("POST", "/api/events", { key: writer, body: batch })).status).toBe(201);
    const before = await count();
    const stale = await api.call("POST", "/api/events", { key: writer, body: { ...batch, expectedVersion: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    expect(await stale.json()).toMatchObject({ code: "wrong_expected_version", current: 1, stream, status: 409 });
    const id = randomUUID();
    await api.call("POST", "/api/events", { key: writer, body: { id, type: "A" } });
    const conflict = await api.call("POST", "/api/events", { key: writer, body: { id, type: "B" } });
    expect(await conflict.json()).toMatchObject({ code: "event_id_conflict", ids: [id] });
    expect(await count()).toBe(before + 1);
  });

  it("fills correlation, causation and trace ids from headers the body leaves empty", async () => {
    const cause = (
      await (
        await api.call("POST", "/api/events", { key: writer, body: { type: "Cause", correlationId: "flow-9" } })
      ).json()
    ).events[0];
    const response = await api.call("POST", "/api/events", {
      key: writer,
      body: { events: [{ type: "Effect" }, { type: "Own", correlationId: "mine" }] },
      headers: { "x-causation-id": cause.id, traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
    });
    const [effect, own] = (await response.json()).events;
    expect(effect).toMatchObject({ causationId: cause.id, correlationId: "flow-9" });
    expect(own).toMatchObject({ causationId: cause.id, correlationId: "mine" });
    const stored = await (await api.call("GET", `/api/events/${effect.id}`, { key: writer })).json();
    expect(stored.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(stored.causedBy).toMatchObject({ id: cause.id, type: "Cause" });
    const header = await api.call("POST", "/api/events", {
      key: writer,
      body: { type: "X" },
      headers: { "x-correlation-id": "req-77" },
    });
    expect((await header.json()).events[0].correlationId).toBe("req-77");
  });

  it("refuses bad input with the right problem and writes nothing", async () => {
    const before = await count();
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const cases: [unknown, number, string][] = [
      ["{not json", 400, "malformed_json"],
      ["", 400, "malformed_json"],
      [{ type: "Big", data: { s: "x".repeat(1024 * 1024) } }, 413, "payload_too_large"],
      [{ type: "Deep", data: deep }, 422, "validation_failed"],
      [{ type: "Huge", data: { s: "y".repeat(70 * 1024) } }, 422, "validation_failed"],
      [{ type: "Nul", data: { "a\u0000": 1 } }, 422, "validation_failed"],
      [{ type: "bad type <script>" }, 422, "validation_failed"],
      [{ type: "Ok", surprise: 1 }, 422, "validation_failed"],
      [{ events: [] }, 422, "validation_failed"],
      [{ events: Array.from({ length: 1001 }, () => ({ type: "T" })) }, 422, "validation_failed"],
      [[1, 2], 422, "validation_failed"],
      [{ type: "Ok", occurredAt: "yesterday" }, 422, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.call("POST", "/api/events", { key: writer, body });
      expect([response.status, (await response.json()).code], JSON.stringify(body).slice(0, 60)).toEqual([
        status,
        code,
      ]);
    }
    const paths = await api.call("POST", "/api/events", {
      key: writer,
      body: { events: [{ type: "" }, { type: "Ok", data: 5 }] },
    });
    expect((await paths.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      "events.0.type",
      "events.1.data",
    ]);
    const wrongType = await api.call("POST", "/api/events", {
      key: writer,
      body: "type=x",
      headers: { "content-type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    const badCause = await api.call("POST", "/api/events", {
      key: writer,
      body: { type: "X" },
      headers: { "x-causation-id": "nope" },
    });
    expect(badCause.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("lets exactly one of 20 concurrent writers win each expected version", async () => {
    const stream = `Race-${randomUUID()}`;
    await api.client(writer).record([{ type: "Opened" }], { stream, expectedVersion: "none" });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        api
          .call("POST", "/api/events", { key: writer, body: { stream, expectedVersion: 0, type: "Bid", data: { w } } })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const read = await (await api.call("GET", `/api/streams/${stream}`, { key: writer })).json();
    expect(read.events.map((e: { version: number }) => e.version)).toEqual([0, 1]);
  });
});
