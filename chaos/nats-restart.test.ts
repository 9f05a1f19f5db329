import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeNats } from "@/lib/subscriptions/publish-to-nats";
import { startDeliveryWorker } from "@/lib/subscriptions/start-delivery-worker";
import { describeApi } from "@/lib/testing/api-fixture";
import { startNatsServer, stopProcess, until } from "./subscription-harness";

const STREAM = "TB_CHAOS";
const PREFIX = "tbchaos";

describeApi("a NATS server killed and restarted mid-relay", (api, kind) => {
  // A NATS server of this test's own (never the machine's shared one), on 4800-4899, per engine.
  const port = 4800 + Math.floor(Math.random() * 100);
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "trailbook-nats-chaos-"));
  let nats: Awaited<ReturnType<typeof startNatsServer>> | undefined;
  let stopWorker: (() => Promise<void>) | undefined;
  let key = "";

  beforeAll(async () => {
    nats = await startNatsServer(port, storeDir);
    process.env.TRAILBOOK_NATS_URL = `127.0.0.1:${port}`;
    const nc = await connect({ servers: `127.0.0.1:${port}` });
    await (await jetstreamManager(nc)).streams.add({
      name: STREAM,
      subjects: [`${PREFIX}.>`],
      duplicate_window: 120_000_000_000,
    });
    await nc.close();
    key = await api.key(["subscribe", "write"], `nats-${kind}`);
  });
  afterAll(async () => {
    await stopWorker?.();
    await closeNats();
    delete process.env.TRAILBOOK_NATS_URL;
    if (nats) await stopProcess(nats, "SIGKILL");
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it("leaves the stream with every matching event once, in position order", async () => {
    const created = await api.call("POST", "/api/subscriptions", {
      key,
      body: {
        name: "relay",
        filter: "type:Relay.*",
        mode: "nats",
        nats: { subjectPrefix: PREFIX },
        start: "beginning",
        delivery: { batchSize: 20, timeoutMs: 1000, initialDelayMs: 50, maxAttempts: 1000 },
      },
    });
    expect(created.status).toBe(201);
    const ids: string[] = [];
    let appending = true;
    const append = (async () => {
      for (let n = 0; appending; n++) {
        const types = Array.from({ length: 10 }, (_, i) => (i % 3 === 2 ? "Other" : `Relay.T${i}`));
        const response = await api.call("POST", "/api/events", {
          key,
          body: { events: types.map((type) => ({ type, data: { n } })) },
        });
        const events = (await response.json()).events as { id: string }[];
        ids.push(...events.filter((_, i) => types[i] !== "Other").map((e) => e.id));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    stopWorker = startDeliveryWorker(api.db(), { idleMs: 20 });
    let observer: NatsConnection = await connect({ servers: `127.0.0.1:${port}` });
    const count = async () => (await (await jetstreamManager(observer)).streams.info(STREAM)).state.messages;
    await until("the relay to be under way", async () => (await count()) >= 200);
    await observer.close();
    // Killed, not stopped: publishes in flight get no acknowledgement, and the relay sends them again.
    await stopProcess(nats!, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    nats = await startNatsServer(port, storeDir);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    appending = false;
    await append;

    await until("the subscription to catch up", async () => {
      const state = await (await api.call("GET", "/api/subscriptions/relay", { key })).json();
      return state.subscription.lag.events === 0 && state.subscription.status === "active";
    });
    observer = await connect({ servers: `127.0.0.1:${port}` });
    const jsm = await jetstreamManager(observer);
    const info = await jsm.streams.info(STREAM);
    const state = await (await api.call("GET", "/api/subscriptions/relay", { key })).json();
    const failures = state.subscription.counters.failures;
    console.info(`[${kind}] ${ids.length} events relayed, ${failures} failed attempts across the restart`);
    expect(state.subscription.counters.failures).toBeGreaterThan(0); // the outage was seen
    // No gaps and no duplicates: sequence n holds the n-th matching event, and nothing else.
    expect([info.state.messages, info.state.first_seq, info.state.last_seq]).toEqual([ids.length, 1, ids.length]);
    for (const [i, id] of ids.entries()) {
      const message = await jsm.streams.getMessage(STREAM, { seq: i + 1 });
      // Ids are unique per tenant: the message id carries the tenant (lib/subscriptions/delivery-id.ts).
      expect(message?.header?.get("Nats-Msg-Id"), `seq ${i + 1}`).toBe(`nats-${kind}/${id}`);
    }
    await observer.close();
  });
});
