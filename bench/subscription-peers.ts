import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** What one receiver path has taken: events counted, and append → receipt latencies (ms). */
interface PathStats {
  events: number;
  latencies: number[];
  done: (() => void) | null;
  expect: number;
}

/** Milliseconds on a clock shared by the appender and the receiver (both run in this process). */
export const clock = () => performance.timeOrigin + performance.now();

/**
 * A Standard Webhooks receiver in the bench process, as the README's copy-paste one: every request
 * is verified with its path's secret (`/<name>`), then answered 204. An event whose data carries
 * `sentAt` (the clock when its append was sent) adds a latency sample.
 */
export async function startBenchReceiver(port: number) {
  const secrets = new Map<string, Webhook>();
  const stats = new Map<string, PathStats>();
  let rejected = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const name = (request.url ?? "").slice(1);
      const webhook = secrets.get(name);
      const path = stats.get(name);
      try {
        if (!webhook || !path) throw new Error("unknown path");
        const { type, data } = webhook.verify(Buffer.concat(chunks).toString(), request.headers as never) as {
          type: string;
          data: { data?: { sentAt?: number }; events?: { data?: { sentAt?: number } }[] };
        };
        const events = type === "trailbook.batch" ? data.events! : [data];
        const now = clock();
        for (const event of events) if (event.data?.sentAt) path.latencies.push(now - event.data.sentAt);
        path.events += events.length;
        if (path.done && path.events >= path.expect) path.done();
        response.writeHead(204).end();
      } catch {
        rejected += 1;
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rejected: () => rejected,
    /** Events `/<name>` has taken so far. */
    count: (name: string) => stats.get(name)?.events ?? 0,
    /** Registers `/<name>` with its secret. */
    add(name: string, secret: string): PathStats {
      const path: PathStats = { events: 0, latencies: [], done: null, expect: 0 };
      secrets.set(name, new Webhook(secret));
      stats.set(name, path);
      return path;
    },
    /** Resolves once `/<name>` has taken `count` events (or rejects after `ms`). */
    received(name: string, count: number, ms = 600_000): Promise<void> {
      const path = stats.get(name)!;
      if (path.events >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: ${path.events} of ${count} after ${ms} ms`)), ms);
        path.expect = count;
        path.done = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The reference for one subscription's delivery rate: the same receiver path, POSTed by one sender
 * in a loop with a body of the same size, signed per request, each on a new connection (as the
 * worker sends, `agent: false`), for `count` requests. Returns requests per second.
 */
export async function barePostLoop(url: string, secret: string, body: string, count: number): Promise<number> {
  const webhook = new Webhook(secret);
  // Connections kept open, as the delivery worker keeps them (send-webhook.ts).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const id = `msg_${i}`;
    const now = new Date();
    await new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
            "webhook-signature": webhook.sign(id, now, body),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => (response.statusCode === 204 ? resolve() : reject(new Error("refused"))));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }
  const rate = count / ((performance.now() - started) / 1000);
  agent.destroy();
  return rate;
}
