import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { TrailbookClient } from "@/lib/client/trailbook-client";
import { freshStorage } from "@/lib/testing/fresh-storage";
import { type ServerProcess, startServer } from "@/lib/testing/server-process";
import { TEST_DATABASE_KINDS } from "@/lib/testing/test-database";
import { freePort } from "../lib/testing/free-port";
import { type Delivery, startSignedReceiver, until } from "./subscription-harness";

const ADMIN_TOKEN = `chaos-${randomUUID()}`;
const TYPES = ["Order.Placed", "Order.Paid", "Noise"];
/** Two subscriptions of one server, one event per POST and five per POST, each with its own filter. */
const SUBSCRIPTIONS = [
  { name: "single", filter: "type:Order.*", batchSize: 1, matches: (type: string) => type.startsWith("Order.") },
  { name: "batched", filter: "type:Order.Placed", batchSize: 5, matches: (type: string) => type === "Order.Placed" },
];

const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" };

/** Appends batches of 10 events of rotating types until `stop()` says so or the server is gone. */
async function appendUntil(url: string, stop: () => boolean): Promise<void> {
  for (let n = 0; !stop(); n++) {
    const events = Array.from({ length: 10 }, (_, i) => ({ type: TYPES[(n + i) % TYPES.length]!, data: { n, i } }));
    try {
      const response = await fetch(`${url}/api/events`, { method: "POST", headers, body: JSON.stringify({ events }) });
      await response.arrayBuffer();
    } catch {
      return; // connection refused or reset: the server was killed
    }
  }
}

/** Every event in the log, in position order. */
async function readWholeLog(client: TrailbookClient): Promise<{ id: string; type: string; position: string }[]> {
  const events: { id: string; type: string; position: string }[] = [];
  for (let after = "0"; ; ) {
    const page = await client.search({ after, limit: 1000 });
    events.push(...page.events);
    if (page.events.length === 0) return events;
    after = page.events.at(-1)!.position;
  }
}

/**
 * Per subscription, first deliveries only (a repeat is the crash's redelivery): their events must
 * come in strictly increasing position order, each body in order too.
 */
function firstDeliveryPositions(deliveries: Delivery[]): bigint[] {
  const seen = new Set<string>();
  const positions: bigint[] = [];
  for (const delivery of deliveries) {
    if (seen.has(delivery.webhookId)) continue;
    seen.add(delivery.webhookId);
    positions.push(...delivery.events.map((e) => BigInt(e.position)));
  }
  return positions;
}

describe.each(TEST_DATABASE_KINDS)("kill -9 mid-delivery of webhooks [%s]", (kind) => {
  let server: ServerProcess | undefined;
  let storage: Awaited<ReturnType<typeof freshStorage>> | undefined;
  let receiver: Awaited<ReturnType<typeof startSignedReceiver>> | undefined;
  afterAll(async () => {
    await server?.kill("SIGKILL");
    await receiver?.close();
    await storage?.dispose();
  });

  it("delivers every matching event at least once after a restart; repeats keep their webhook-id; order", async () => {
    // The server on 4300-4399, the receiver below 4300 (ports 4000-4399 are this work's).
    const port = await freePort();
    storage = await freshStorage(kind);
    // The receiver holds each answer 20 ms, so the kill finds a delivery sent but not yet answered.
    receiver = await startSignedReceiver(20);
    const env = {
      ...storage.env,
      TRAILBOOK_ADMIN_TOKEN: ADMIN_TOKEN,
      TRAILBOOK_RATE_LIMIT: "0",
      TRAILBOOK_WEBHOOK_ALLOW_PRIVATE: "1",
    };
    server = await startServer({ port, env });
    for (const s of SUBSCRIPTIONS) {
      const response = await fetch(`${server.url}/api/subscriptions`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          name: s.name,
          filter: s.filter,
          start: "beginning",
          mode: "webhook",
          webhook: { url: `${receiver.url}/${s.name}` },
          // A short receiver timeout keeps the dead worker's lease short: timeout + 30 s.
          delivery: { batchSize: s.batchSize, timeoutMs: 2000, initialDelayMs: 50 },
        }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      receiver.secrets.set(s.name, (await response.json()).secret);
    }

    let killed = false;
    const appending = appendUntil(server.url, () => killed);
    // Kill in the middle of the flow, at a moment when the receiver holds a delivery it has taken.
    await until("deliveries under way", () => receiver!.deliveries.length >= 40 && receiver!.pending() > 0);
    const unanswered = receiver.pending();
    await server.kill("SIGKILL");
    killed = true;
    await appending;
    const beforeKill = receiver.deliveries.length;
    console.info(`[${kind}] killed after ${beforeKill} deliveries, ${unanswered} taken and unanswered`);

    server = await startServer({ port, env });
    await appendUntil(
      server.url,
      (() => {
        let batches = 0;
        return () => batches++ >= 5;
      })(),
    );
    const log = await readWholeLog(new TrailbookClient({ baseUrl: server.url, key: ADMIN_TOKEN }));
    for (const s of SUBSCRIPTIONS) {
      const expected = log.filter((e) => s.matches(e.type)).map((e) => e.id);
      await until(`${s.name} to receive all ${expected.length} events`, () => {
        const got = new Set(receiver!.deliveries.filter((d) => d.subscription === s.name).flatMap((d) => d.events));
        const ids = new Set([...got].map((e) => e.id));
        return expected.every((id) => ids.has(id));
      });
      const deliveries = receiver.deliveries.filter((d) => d.subscription === s.name);
      // Only matching events were delivered, and in position order (first deliveries).
      const matching = new Set(expected);
      expect(deliveries.flatMap((d) => d.events).every((e) => matching.has(e.id))).toBe(true);
      const positions = firstDeliveryPositions(deliveries);
      for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
      // A repeat carries the same webhook-id and exactly the same events.
      const byId = new Map<string, string>();
      for (const d of deliveries) {
        const body = d.events.map((e) => e.id).join(",");
        expect(byId.get(d.webhookId) ?? body).toBe(body);
        byId.set(d.webhookId, body);
      }
      // The receiver records a delivery before it answers: the last outcome lands a moment later.
      await until(`${s.name} to show no lag`, async () => {
        const state = await fetch(`${server!.url}/api/subscriptions/${s.name}`, { headers }).then((r) => r.json());
        return state.subscription.status === "active" && state.subscription.lag.events === 0;
      });
    }
    expect(receiver.rejected).toEqual([]);
    // The delivery held at the kill was never answered: it came again after the restart.
    const ids = receiver.deliveries.map((d) => `${d.subscription}/${d.webhookId}`);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    console.info(`[${kind}] ${receiver.deliveries.length} deliveries, ${repeated.length} repeated after the restart`);
    expect(repeated.length).toBeGreaterThan(0);
  });
});
