import { randomUUID } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeApi } from "../testing/api-fixture";
import { deliverOnce } from "./deliver-once";
import { deliveryIdOf } from "./delivery-id";
import { closeNats, subjectOf } from "./publish-to-nats";

describeApi("relay to NATS JetStream (the real server at 127.0.0.1:4222)", (api) => {
  const tag = randomUUID().replaceAll("-", "").slice(0, 12);
  const prefix = `tbtest_${tag}`;
  const stream = `TBTEST_${tag}`;
  let nc: NatsConnection;
  let key = "";

  beforeAll(async () => {
    nc = await connect({ servers: "127.0.0.1:4222" });
    const jsm = await jetstreamManager(nc);
    // A stream of this test's own, on its own subject prefix, deleted afterwards.
    await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], duplicate_window: 120_000_000_000 });
    key = await api.key(["subscribe", "write"], `n-${tag}`);
  });
  afterAll(async () => {
    await (await jetstreamManager(nc)).streams.delete(stream);
    await nc.drain();
    await closeNats();
  });

  const drain = async (id: string) => {
    for (let i = 0; i < 100 && (await deliverOnce(api.db(), id)); i++);
  };

  it("publishes matching events in order to trailbook-style subjects, de-duplicated by Nats-Msg-Id", async () => {
    const name = `relay-${tag}`;
    const created = await api.call("POST", "/api/subscriptions", {
      key,
      body: { name, filter: "type:Relay.*", mode: "nats", nats: { subjectPrefix: prefix }, start: "beginning" },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const types = ["Relay.Placed", "Other", "Relay.Paid", "Relay.Shipped"];
    const recorded = await api.call("POST", "/api/events", { key, body: { events: types.map((type) => ({ type })) } });
    const events = (await recorded.json()).events
      .map((e: { id: string }, i: number) => ({ id: e.id, type: types[i]! }))
      .filter((e: { type: string }) => e.type !== "Other");
    await drain(id);
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(stream)).state.messages).toBe(3);
    for (const [i, event] of events.entries()) {
      const message = await jsm.streams.getMessage(stream, { seq: i + 1 });
      expect(message?.subject).toBe(subjectOf(prefix, { tenant: `n-${tag}`, type: event.type }));
      expect(message?.header?.get("Nats-Msg-Id")).toBe(`n-${tag}/${event.id}`);
      expect(message?.json<{ id: string }>().id).toBe(event.id);
    }
    // Delivered again from the beginning (as after a crash before the position was saved): no duplicates.
    await api.call("POST", `/api/subscriptions/${name}/reset`, { key, body: { position: "beginning" } });
    await drain(id);
    expect((await jsm.streams.info(stream)).state.messages).toBe(3);
    const state = await (await api.call("GET", `/api/subscriptions/${name}`, { key })).json();
    expect(state.subscription).toMatchObject({ status: "active", lag: { events: 0 } });
  });

  it("relays another tenant's event with the same id: ids are unique per tenant, not per stream", async () => {
    const other = await api.key(["subscribe", "write"], `m-${tag}`);
    const id = randomUUID();
    const subscribe = async (k: string, name: string) => {
      const body = { name, filter: "type:Twin", mode: "nats", nats: { subjectPrefix: prefix }, start: "beginning" };
      return (await (await api.call("POST", "/api/subscriptions", { key: k, body })).json()).id as string;
    };
    const subscriptions = [await subscribe(key, `twin-a-${tag}`), await subscribe(other, `twin-b-${tag}`)];
    for (const k of [key, other]) {
      expect((await api.call("POST", "/api/events", { key: k, body: { id, type: "Twin" } })).status).toBe(201);
    }
    const jsm = await jetstreamManager(nc);
    const before = (await jsm.streams.info(stream)).state.messages;
    for (const subscription of subscriptions) await drain(subscription);
    expect((await jsm.streams.info(stream)).state.messages).toBe(before + 2);
    expect(deliveryIdOf({ tenant: null, id })).toBe(id);
  });
});
