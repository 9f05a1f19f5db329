import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { freePort } from "../lib/testing/free-port";

const ADMIN_TOKEN = `chaos-${randomUUID()}`;
const EVENTS = 40_000;
const PAD = "x".repeat(700);
/** Short server timeouts (seconds) so the test sees them fire; production defaults are 20 / 60 / 120. */
const TIMEOUTS = { TRAILBOOK_HEADERS_TIMEOUT: "3", TRAILBOOK_REQUEST_TIMEOUT: "6", TRAILBOOK_IDLE_TIMEOUT: "10" };

/** Opens a GET and stops reading after the headers: the socket stays open, nothing is consumed. */
function stall(url: string, key = ADMIN_TOKEN): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { authorization: `Bearer ${key}` }, agent: false }, (response) => {
      expect(response.statusCode).toBe(200);
      response.pause();
      response.on("error", () => {}); // "aborted" when the server drops it, which is the point
      resolve(response);
    });
    request.on("error", reject);
  });
}

/** How many of `clients` (local ports) the server at `port` still holds open, as the kernel sees it (iproute2's ss). */
function serverConnections(port: number, clients: http.IncomingMessage[]): number {
  const peers = new Set(clients.map((response) => String(response.socket.localPort)));
  const out = execFileSync("ss", ["-Htn", "state", "established", `( sport = :${port} )`], { encoding: "utf8" });
  return out.split("\n").filter((line) => peers.has(line.trim().split(/\s+/).at(-1)?.split(":").at(-1) ?? "")).length;
}

describe("slow and stalled clients", () => {
  let server: ServerProcess;
  let dataDir = "";
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-pressure-"));
    server = await startServer({
      port: await freePort(),
      env: {
        DATABASE_URL: "",
        TRAILBOOK_DATA_DIR: dataDir,
        TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
        TRAILBOOK_RATE_LIMIT: "0",
        ...TIMEOUTS,
      },
    });
    for (let n = 0; n < EVENTS / 500; n++) {
      const events = Array.from({ length: 500 }, (_, i) => ({ type: "Padded", data: { n, i, pad: PAD } }));
      const response = await fetch(`${server.url}/api/events`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("does not buffer an export or a live stream for clients that stop reading", async () => {
    const full = await fetch(`${server.url}/api/export?format=jsonl`, { headers: auth });
    const exportBytes = (await full.arrayBuffer()).byteLength;
    expect(exportBytes).toBeGreaterThan(EVENTS * PAD.length);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const before = server.rssMb();

    // A key runs one export at a time (lib/http/concurrency-limit.ts): the second export is another key's.
    const created = await fetch(`${server.url}/api/keys`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ name: "second-exporter", scopes: ["export"] }),
    });
    const { secret } = (await created.json()) as { secret: string };
    const stalled = await Promise.all([
      stall(`${server.url}/api/export?format=jsonl`),
      stall(`${server.url}/api/export?format=csv`, secret),
      stall(`${server.url}/api/events/live?after=0`),
      stall(`${server.url}/api/events/live?after=0`),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const grown = server.rssMb() - before;
    console.info(
      `export ${(exportBytes / 2 ** 20).toFixed(1)} MiB; RSS grew ${grown.toFixed(1)} MiB with 4 stalled clients`,
    );
    // Buffering what the four clients asked for would take at least 4× the export's size (more as
    // JS strings). Pulled streams hold about one batch each (2000 rows, ~10 MiB with the row
    // objects); measured 21-50 MiB here. Half of the buffered minimum is the line.
    expect(grown).toBeLessThan((2 * exportBytes) / 2 ** 20);

    // Meanwhile everybody else is served.
    const search = await fetch(`${server.url}/api/events?limit=5`, { headers: auth });
    expect(search.status).toBe(200);
    // And the server drops the stalled connections once nothing moved for the idle timeout (10 s here).
    const port = Number(new URL(server.url).port);
    const started = Date.now();
    expect(serverConnections(port, stalled)).toBe(stalled.length);
    while (serverConnections(port, stalled) > 0 && Date.now() - started < 60_000)
      await new Promise((resolve) => setTimeout(resolve, 500));
    console.info(`stalled connections dropped by the server within ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expect(serverConnections(port, stalled)).toBe(0);
    for (const response of stalled) response.destroy();
    const after = await fetch(`${server.url}/api/health`);
    expect(after.status).toBe(200);
  });

  it("drops a connection that never finishes sending its headers", async () => {
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const started = Date.now();
      const socket = net.connect(Number(new URL(server.url).port), "127.0.0.1", () => {
        socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      });
      socket.on("error", () => {});
      socket.resume(); // read, so the server's 408 and close are seen
      socket.on("close", () => resolve(Date.now() - started));
      setTimeout(() => reject(new Error("still open after 30 s")), 30_000);
    });
    console.info(`half-sent request dropped after ${(closedAfter / 1000).toFixed(0)} s`);
    expect(closedAfter).toBeLessThan(3_000 + 2_000 + 1_000); // headers timeout + check interval + slack
  });
});
