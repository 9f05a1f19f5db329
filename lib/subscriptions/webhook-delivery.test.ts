import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { describeApi } from "../testing/api-fixture";
import { startDeliveryWorker } from "./start-delivery-worker";

interface Received {
  id: string;
  body: string;
  headers: Record<string, string>;
}

/** A real HTTP receiver on a port in 4000-4399, answering as `behave` says for each request. */
async function startReceiver(behave: (n: number, request: http.IncomingMessage, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  let n = 0;
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ id: String(request.headers["webhook-id"]), body, headers: request.headers as never });
      behave(n++, request, response);
    });
  });
  for (let port = 4000 + Math.floor(Math.random() * 300); ; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (ok) break;
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describeApi("webhook delivery to a real receiver", (api) => {
  const tag = randomUUID().slice(0, 8);
  let key = "";
  let stop: (() => Promise<void>) | undefined;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE = "1";
    key = await api.key(["subscribe", "write"], `t-${tag}`);
    stop = startDeliveryWorker(api.db(), { idleMs: 50 });
  });
  afterAll(async () => {
    await stop?.();
    delete process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE;
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const subscribe = async (name: string, url: string, delivery: Record<string, number> = {}) => {
    const response = await api.call("POST", "/api/subscriptions", {
      key,
      body: {
        name,
        filter: `type:${name}`,
        mode: "webhook",
        webhook: { url },
        delivery: { initialDelayMs: 50, ...delivery },
      },
    });
    expect(response.status).toBe(201);
    return (await response.json()).secret as string;
  };
  const record = (type: string, n: number) =>
    api.call("POST", "/api/events", {
      key,
      body: { events: Array.from({ length: n }, (_, i) => ({ type, data: { i } })) },
    });
  const state = async (name: string) => (await api.call("GET", `/api/subscriptions/${name}`, { key })).json();

  it("retries 500s, timeouts and slow readers, keeps order, loses nothing, and signs every request", async () => {
    // Every third request answers 500, every third after that never answers in time.
    const receiver = await startReceiver((n, _request, response) => {
      if (n % 3 === 1) response.writeHead(500).end("nope");
      else if (n % 3 === 2) setTimeout(() => response.writeHead(200).end(), 800);
      else response.writeHead(204).end();
    });
    closers.push(receiver.close);
    const name = `Flaky${tag}`;
    const secret = await subscribe(name, receiver.url, { timeoutMs: 300 });
    const ids = (await (await record(name, 6)).json()).events.map((e: { id: string }) => `t-${tag}/${e.id}`);
    await until(async () => (await state(name)).subscription.lag.events === 0);
    // Deduplicated on webhook-id, the receiver saw every event, in position order.
    const firstSeen = [...new Set(receiver.received.map((r) => r.id))];
    expect(firstSeen).toEqual(ids);
    const verifier = new Webhook(secret);
    for (const request of receiver.received) {
      const payload = verifier.verify(request.body, request.headers) as { data: { id: string; tenant: string } };
      expect(`${payload.data.tenant}/${payload.data.id}`).toBe(request.id);
    }
    const wrong = new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
    expect(() => wrong.verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toThrow(
      WebhookVerificationError,
    );
    const log = (await (await api.call("GET", `/api/subscriptions/${name}/deliveries`, { key })).json()).deliveries;
    expect(log.some((d: { statusCode: number }) => d.statusCode === 500)).toBe(true);
    expect(log.some((d: { error: string | null }) => d.error?.startsWith("timed out"))).toBe(true);
    expect((await state(name)).subscription.counters).toMatchObject({ delivered: 6, deadLetters: 0 });
  });

  it("a receiver that does not answer holds only its own subscription: others are delivered meanwhile", async () => {
    const held: http.ServerResponse[] = [];
    const silent = await startReceiver((_n, _request, response) => held.push(response));
    const quick = await startReceiver((_n, _request, response) => response.writeHead(204).end());
    closers.push(quick.close, () => {
      for (const response of held) response.writeHead(204).end();
      return silent.close();
    });
    const [slow, fast] = [`Silent${tag}`, `Quick${tag}`];
    await subscribe(slow, silent.url, { timeoutMs: 30_000 });
    await subscribe(fast, quick.url);
    await record(slow, 1);
    await until(() => held.length === 1);
    // While the silent receiver holds its request (30 s), the other subscription keeps flowing.
    for (const n of [1, 2]) {
      await record(fast, 1);
      await until(() => quick.received.length === n, 5_000);
    }
    expect(held).toHaveLength(1);
  });

  it("dead-letters a batch after the attempt limit, stops there, and replays it on resume", async () => {
    let healthy = false;
    const receiver = await startReceiver((_n, _request, response) => response.writeHead(healthy ? 200 : 503).end());
    closers.push(receiver.close);
    const name = `Dead${tag}`;
    await subscribe(name, receiver.url, { maxAttempts: 3, batchSize: 2 });
    await record(name, 3);
    await until(async () => (await state(name)).subscription.status === "dead");
    const dead = await state(name);
    expect(dead.subscription).toMatchObject({ position: expect.any(String), lastError: "HTTP 503" });
    expect(dead.deadLetters).toHaveLength(1);
    expect(dead.deadLetters[0].eventIds).toHaveLength(2);
    expect(receiver.received).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(3); // a dead subscription sends nothing more
    healthy = true;
    await api.call("POST", `/api/subscriptions/${name}/resume`, { key });
    await until(async () => (await state(name)).subscription.lag.events === 0);
    const replayed = await state(name);
    expect(replayed.subscription.status).toBe("active");
    expect(replayed.deadLetters[0].replayedAt).not.toBeNull();
    const batches = receiver.received.slice(3).map((r) => JSON.parse(r.body));
    expect(batches[0].type).toBe("trailbook.batch");
    expect(batches.flatMap((b) => b.data.events ?? [b.data]).map((e: { data: { i: number } }) => e.data.i)).toEqual([
      0, 1, 2,
    ]);
  });

  it("never delivers one subscription from two workers at once (they coordinate through its lease)", async () => {
    const second = startDeliveryWorker(api.db(), { idleMs: 10 });
    const third = startDeliveryWorker(api.db(), { idleMs: 10 });
    let inFlight = 0;
    let most = 0;
    const receiver = await startReceiver((_n, _request, response) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(200).end();
      }, 60);
    });
    closers.push(receiver.close, second, third);
    const name = `Busy${tag}`;
    await subscribe(name, receiver.url);
    const ids = (await (await record(name, 8)).json()).events.map((e: { id: string }) => `t-${tag}/${e.id}`);
    await until(async () => (await state(name)).subscription.lag.events === 0);
    expect(most).toBe(1);
    expect(receiver.received.map((r) => r.id)).toEqual(ids);
  });

  it("sends batch after batch under one lease, logs each, counts a failure after them as a first attempt", async () => {
    const receiver = await startReceiver((n, _request, response) => response.writeHead(n === 4 ? 500 : 200).end());
    closers.push(receiver.close);
    const name = `Run${tag}`;
    await subscribe(name, receiver.url, { batchSize: 1 });
    const ids = (await (await record(name, 7)).json()).events.map((e: { id: string }) => `t-${tag}/${e.id}`);
    await until(async () => (await state(name)).subscription.lag.events === 0);
    expect([...new Set(receiver.received.map((r) => r.id))]).toEqual(ids);
    const log = (await (await api.call("GET", `/api/subscriptions/${name}/deliveries`, { key })).json()).deliveries;
    type Row = { outcome: string; attempt: number; eventCount: number; statusCode: number };
    const oldestFirst = (log as Row[]).reverse();
    expect(oldestFirst.map((d) => [d.outcome, d.statusCode])).toEqual([
      ...Array.from({ length: 4 }, () => ["delivered", 200]),
      ["failed", 500],
      ...Array.from({ length: 3 }, () => ["delivered", 200]),
    ]);
    expect(oldestFirst[4]!.attempt).toBe(1);
    expect((await state(name)).subscription.counters).toMatchObject({ delivered: 7, deadLetters: 0 });
  });

  it("stops sending within one batch of a pause, though its lease had time for more", async () => {
    let paused = false;
    const receiver = await startReceiver((n, _request, response) => {
      if (n === 0 && !paused) {
        paused = true;
        void api.call("POST", `/api/subscriptions/Paused${tag}/pause`, { key }).then(() => {
          setTimeout(() => response.writeHead(200).end(), 20);
        });
      } else response.writeHead(200).end();
    });
    closers.push(receiver.close);
    const name = `Paused${tag}`;
    await subscribe(name, receiver.url, { batchSize: 1 });
    await record(name, 20);
    await until(() => paused);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receiver.received).toHaveLength(1);
    expect((await state(name)).subscription.status).toBe("paused");
  });
});

describeApi("an idle delivery worker", (api) => {
  it("wakes when this process appends, long before its next poll", async () => {
    process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE = "1";
    const key = await api.key(["subscribe", "write"], `w-${randomUUID().slice(0, 8)}`);
    const receiver = await startReceiver((_n, _request, response) => response.writeHead(200).end());
    const name = `Wake${randomUUID().slice(0, 8)}`;
    const created = await api.call("POST", "/api/subscriptions", {
      key,
      body: { name, filter: `type:${name}`, mode: "webhook", webhook: { url: receiver.url }, start: "now" },
    });
    expect(created.status).toBe(201);
    // It looks once at start, then would sleep ten minutes.
    const stop = startDeliveryWorker(api.db(), { idleMs: 600_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await api.call("POST", "/api/events", { key, body: { events: [{ type: name, data: {} }] } });
      await until(() => receiver.received.length === 1, 15_000);
    } finally {
      await stop();
      await receiver.close();
      delete process.env.TRAILBOOK_WEBHOOK_ALLOW_PRIVATE;
    }
  });
});
