import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "../auth/create-api-key";
import { configFrom } from "../config";
import { describeApi } from "../testing/api-fixture";
import { createLogger, setLogger } from "./logger";
import { routeOf } from "./observe-request";
import { requestIdOf } from "./request-id";

/** Every line the process logger writes while the suite runs, as written. */
const written: string[] = [];
beforeAll(() => setLogger(createLogger("info", { write: (line: string) => void written.push(line) })));
afterAll(() => setLogger(undefined));

const linesFor = (requestId: string) =>
  written.map((line) => JSON.parse(line)).filter((entry) => entry.requestId === requestId);

it("keeps a sane X-Request-Id and replaces anything else with a UUID", () => {
  const uuid = /^[0-9a-f-]{36}$/;
  expect(requestIdOf(new Headers({ "x-request-id": "lb-7f3a.01_x" }))).toBe("lb-7f3a.01_x");
  expect(requestIdOf(new Headers({ "x-request-id": "a".repeat(128) }))).toBe("a".repeat(128));
  expect(requestIdOf(new Headers({ "x-request-id": "a".repeat(129) }))).toMatch(uuid);
  for (const bad of ["", "has space", 'quote"', "a,b", "ü", "../x;y"]) {
    expect(requestIdOf(new Headers({ "x-request-id": bad }))).toMatch(uuid);
  }
  expect(requestIdOf(new Headers())).toMatch(uuid);
});

it("labels requests by route pattern, never by the path with its ids", () => {
  expect(routeOf("/api/events")).toBe("/api/events");
  expect(routeOf("/api/events/live")).toBe("/api/events/live");
  expect(routeOf(`/api/events/${randomUUID()}`)).toBe("/api/events/[id]");
  expect(routeOf("/api/streams/Order-42/links")).toBe("/api/streams/[name]/links");
  expect(routeOf("/api/no-such-thing/123")).toBe("unknown");
});

it("reads its level from TRAILBOOK_LOG_LEVEL (default info) and logs nothing below it", () => {
  expect(configFrom({}).logLevel).toBe("info");
  expect(configFrom({ TRAILBOOK_LOG_LEVEL: "debug" }).logLevel).toBe("debug");
  expect(() => configFrom({ TRAILBOOK_LOG_LEVEL: "loud" }).logLevel).toThrow(/TRAILBOOK_LOG_LEVEL must be one of/);
  const lines: string[] = [];
  const quiet = createLogger("warn", { write: (line: string) => void lines.push(line) });
  quiet.info("request");
  quiet.warn("careful");
  expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: "warn", msg: "careful" })]);
});

describeApi("request logs", (api) => {
  it("logs one line per request with id, key id, tenant, route, status and duration, and echoes the id", async () => {
    const key = await createApiKey(api.db(), { name: "logger", scopes: ["write", "read"], tenant: "acme" });
    const requestId = `test-${randomUUID()}`;
    const response = await api.call("POST", "/api/events", {
      key: key.secret,
      headers: { "x-request-id": requestId },
      body: { type: "Logged", data: { n: 1 } },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(linesFor(requestId)).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "request",
        requestId,
        method: "POST",
        route: "/api/events",
        status: 201,
        keyId: key.id,
        tenant: "acme",
        durationMs: expect.any(Number),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);

    const refused = await api.call("GET", "/api/keys", { headers: { "x-request-id": "no key!" } });
    const generated = refused.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesFor(generated)).toEqual([expect.objectContaining({ status: 401, keyId: null, route: "/api/keys" })]);
  });

  it("never writes the key, the event data or the query into the log", async () => {
    const key = await createApiKey(api.db(), { name: "secretive", scopes: ["write", "read"] });
    const marker = `marker${randomUUID().replaceAll("-", "")}`;
    const before = written.length;
    const sent = await api.call("POST", "/api/events", {
      key: key.secret,
      headers: { "x-correlation-id": `corr-${marker}` },
      body: { type: `Secret.${marker}`, stream: `S-${marker}`, data: { card: marker }, metadata: { ip: marker } },
    });
    expect(sent.status).toBe(201);
    expect((await api.call("GET", `/api/events?q=${marker}`, { key: key.secret })).status).toBe(200);
    expect((await api.call("GET", `/api/streams/S-${marker}`, { key: key.secret })).status).toBe(200);
    expect((await api.call("POST", "/api/events", { key: `${key.secret}x`, body: { data: marker } })).status).toBe(401);
    const output = written.slice(before).join("");
    expect(output.split("\n").filter(Boolean)).toHaveLength(4);
    expect(output).not.toContain(marker);
    expect(output).not.toContain(key.secret);
    expect(output).not.toContain(key.secret.slice(-16));
    expect(output).not.toMatch(/authorization|bearer/i);
  });
});
