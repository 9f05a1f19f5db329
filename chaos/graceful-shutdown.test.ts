import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterEach, describe, expect, it } from "vitest";
import { TrailbookClient } from "@/lib/client/trailbook-client";
import type { DatabaseKind } from "@/lib/db/database";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { createPostgresDatabase, TEST_DATABASE_KINDS } from "@/lib/testing/test-database";
import { freePort } from "../lib/testing/free-port";

const WRITERS = 8;
const BATCH = 10;
const ADMIN_TOKEN = `graceful-${randomUUID()}`;
const METRICS_TOKEN = `metrics-${randomUUID()}`;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

/** What became of one request: its status, or how the connection failed (refused: nothing was sent). */
type Outcome = { status: number } | { error: "refused" | "cut" } | { pending: true };
interface Batch {
  ids: string[];
  outcome: Outcome;
}

const servers: ServerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.kill("SIGKILL");
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServer({ port, env });
  servers.push(server);
  return server;
}

/** A fresh embedded data dir, or a fresh PostgreSQL database (with a data dir of its own for the key). */
async function freshStorage(kind: DatabaseKind): Promise<{ DATABASE_URL: string; TRAILBOOK_DATA_DIR: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-graceful-"));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (kind === "pglite") return { DATABASE_URL: "", TRAILBOOK_DATA_DIR: dataDir };
  const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
  cleanups.push(database.drop);
  return { DATABASE_URL: database.url, TRAILBOOK_DATA_DIR: dataDir };
}

/** One writer: batches with ids it chose, one after another, until the server stops taking connections. */
async function write(url: string, writer: number, batches: Batch[]): Promise<void> {
  for (let n = 0; ; n++) {
    const batch: Batch = { ids: Array.from({ length: BATCH }, () => randomUUID()), outcome: { pending: true } };
    batches.push(batch);
    const events = batch.ids.map((id, i) => ({ id, type: "Graceful", data: { writer, n, i } }));
    try {
      const response = await fetch(`${url}/api/events`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ stream: `Writer-${writer}`, expectedVersion: "any", events }),
      });
      await response.arrayBuffer();
      batch.outcome = { status: response.status };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      batch.outcome = { error: code === "ECONNREFUSED" ? "refused" : "cut" };
      return;
    }
  }
}

/** Sends a POST whose body arrives in two halves, the second only when `rest` resolves; its status. */
function splitRequest(url: string, body: string, rest: Promise<void>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}/api/events`, {
      method: "POST",
      agent: false,
      headers: { ...auth, "content-length": Buffer.byteLength(body) },
    });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.write(body.slice(0, 20));
    void rest.then(() => request.end(body.slice(20)));
  });
}

async function readWholeLog(url: string): Promise<Set<string>> {
  const client = new TrailbookClient({ baseUrl: url, key: ADMIN_TOKEN });
  const ids = new Set<string>();
  for (let after = "0"; ; ) {
    const page = await client.search({ after, limit: 1000 });
    if (page.events.length === 0) return ids;
    for (const event of page.events) ids.add(event.id);
    after = page.events.at(-1)!.position;
  }
}

async function scrapeMetric(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  const family = parsePrometheusTextFormat(await response.text()).find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? 0);
}

describe.each(TEST_DATABASE_KINDS)("SIGTERM under load [%s]", (kind) => {
  it("answers every request that reached it, stores nothing unanswered, ends live streams, exits 0", async () => {
    const port = await freePort();
    const env = {
      ...(await freshStorage(kind)),
      TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
      TRAILBOOK_METRICS_TOKEN: METRICS_TOKEN,
      TRAILBOOK_RATE_LIMIT: "0",
      TRAILBOOK_SHUTDOWN_TIMEOUT: "30",
    };
    let server = await start(port, env);

    // Appends take the lean path; /api/metrics is served by Next: one registry counts both.
    const first = await fetch(`${server.url}/api/events`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ events: [{ type: "First" }, { type: "First" }, { type: "First" }] }),
    });
    expect(first.status).toBe(201);
    expect(await scrapeMetric(server.url, "trailbook_events_appended_total")).toBe(3);
    const post201 = { route: "/api/events", method: "POST", status: "201" };
    expect(await scrapeMetric(server.url, "trailbook_http_requests_total", post201)).toBe(1);

    const live = await fetch(`${server.url}/api/events/live`, { headers: auth });
    const liveText = (async () => {
      let text = "";
      const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read(); // a cut connection rejects here
        if (done) return text;
        text += value;
      }
    })();

    const batches: Batch[][] = Array.from({ length: WRITERS }, () => []);
    const load = Promise.all(batches.map((mine, writer) => write(server.url, writer, mine)));
    const answered = () => batches.flat().filter((b) => "status" in b.outcome).length;
    while (answered() < 40) await new Promise((resolve) => setTimeout(resolve, 50));

    // One request is half sent when the signal arrives: it must still be read, stored and answered.
    let sendRest: () => void = () => {};
    const splitIds = [randomUUID(), randomUUID()];
    const split = splitRequest(
      server.url,
      JSON.stringify({ events: splitIds.map((id) => ({ id, type: "Split" })) }),
      new Promise<void>((resolve) => {
        sendRest = resolve;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    const stopped = server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    sendRest();
    expect(await split).toBe(201);
    await stopped;
    const stopSeconds = (Date.now() - signalledAt) / 1000;
    await load;
    expect(await liveText).toMatch(/^retry: 2000\n: connected\n\n/); // ended, not cut
    expect(server.exitCode()).toBe(0);
    expect(server.output()).toMatch(/Trailbook: SIGTERM: shutting down/);
    expect(server.output()).toContain("Trailbook: stopped, every request answered.");
    expect(stopSeconds).toBeLessThan(15); // nothing waited for the 30 s bound (the live stream ended)
    if (kind === "pglite") expect(fs.existsSync(path.join(env.TRAILBOOK_DATA_DIR, "trailbook.lock"))).toBe(false);

    const all = batches.flat();
    const statuses = all.flatMap((b) => ("status" in b.outcome ? [b.outcome.status] : []));
    expect(new Set(statuses)).toEqual(new Set([201]));
    expect(all.filter((b) => "pending" in b.outcome)).toEqual([]);
    console.info(
      `[${kind}] stopped in ${stopSeconds.toFixed(1)} s: ${statuses.length} batches answered, ` +
        `${all.filter((b) => "error" in b.outcome && b.outcome.error === "refused").length} refused, ` +
        `${all.filter((b) => "error" in b.outcome && b.outcome.error === "cut").length} cut before an answer`,
    );

    servers.splice(servers.indexOf(server), 1);
    server = await start(port, env);
    const stored = await readWholeLog(server.url);
    for (const id of splitIds) expect(stored.has(id), "the half-sent request's event").toBe(true);
    for (const batch of all) {
      const present = batch.ids.filter((id) => stored.has(id)).length;
      // Never a write without an answer: a batch is stored exactly when its request got 201.
      expect([present, batch.outcome]).toEqual("status" in batch.outcome ? [BATCH, batch.outcome] : [0, batch.outcome]);
    }
    expect(stored.size).toBe(3 + splitIds.length + statuses.length * BATCH);
  });
});

describe.runIf(TEST_DATABASE_KINDS.includes("pglite"))("the embedded data dir [pglite]", () => {
  it("refuses a second server, naming the first's PID; a stuck request delays exit only to the bound", async () => {
    const base = 3600 + Math.floor(Math.random() * 398);
    const env = {
      ...(await freshStorage("pglite")),
      TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
      TRAILBOOK_SHUTDOWN_TIMEOUT: "2",
    };
    const server = await start(base, env);
    const refusal = await start(base + 1, env).then(
      () => "started",
      (error: Error) => error.message,
    );
    expect(refusal).toMatch(/did not start \(exit code 1\)/);
    expect(refusal).toContain(`Trailbook: The embedded database in ${env.TRAILBOOK_DATA_DIR} is in use by process`);
    expect(refusal).toContain(`in use by process ${server.pid} `);

    // A request that never finishes sending its body keeps the server only until TRAILBOOK_SHUTDOWN_TIMEOUT.
    const stuck = splitRequest(
      server.url,
      JSON.stringify({ type: "Stuck", data: { pad: "x".repeat(100) } }),
      new Promise(() => {}),
    ).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    await server.kill("SIGTERM");
    const seconds = (Date.now() - signalledAt) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(8);
    expect(await stuck).toBeInstanceOf(Error); // cut, never answered: nothing of it was stored
    expect(server.exitCode()).toBe(0);
    expect(server.output()).toContain("Trailbook: cutting off 1 request(s) still running.");
    expect(fs.existsSync(path.join(env.TRAILBOOK_DATA_DIR, "trailbook.lock"))).toBe(false);
  });
});
