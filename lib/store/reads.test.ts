import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { EventAlreadyInStream, NotFound } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { getEvent } from "./get-event";
import { linkEvents } from "./link-events";
import { listStreams } from "./list-streams";
import { readCause, readCaused } from "./read-causation";
import { readCorrelation } from "./read-correlation";
import { readEvents } from "./read-events";
import { readStream } from "./read-stream";

const ALL = "all-tenants" as const;

describeEachDatabase("reading the store", (db) => {
  const tag = randomUUID().slice(0, 8);
  const order = `Order-${tag}`;
  let ids: string[] = [];
  beforeAll(async () => {
    const placed = await appendEvents(db(), { stream: order, events: [{ type: "OrderPlaced" }] });
    const root = placed.events[0]!;
    const next = await appendEvents(db(), {
      stream: order,
      events: [
        { id: randomUUID(), type: "PaymentRequested", causationId: root.id },
        { id: randomUUID(), type: "StockReserved", causationId: root.id },
      ],
    });
    const shipped = await appendEvents(db(), {
      stream: `Shipment-${tag}`,
      events: [{ type: "Shipped", causationId: next.events[0]!.id }],
    });
    await appendEvents(db(), { stream: `Order-${tag}-b`, events: [{ type: "Other" }] });
    ids = [root.id, ...next.events.map((e) => e.id), shipped.events[0]!.id];
  });

  it("pages the global log both ways without losing or repeating an event", async () => {
    const all: string[] = [];
    let from: string | undefined;
    do {
      const page = await readEvents(db(), { where: [], scope: ALL, after: from, limit: 2 });
      all.push(...page.items.map((e) => e.position));
      from = page.next ?? undefined;
    } while (from);
    const backward: string[] = [];
    from = undefined;
    do {
      const page = await readEvents(db(), { where: [], scope: ALL, after: from, direction: "backward", limit: 3 });
      backward.push(...page.items.map((e) => e.position));
      from = page.next ?? undefined;
    } while (from);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(backward).toEqual([...all].reverse());
    expect(all.map(BigInt)).toEqual(all.map((_, i) => BigInt(i + 1)));
  });

  it("reads a stream by version in both directions", async () => {
    const forward = await readStream(db(), order, ALL, { limit: 2 });
    expect(forward.items.map((e) => [e.version, e.type])).toEqual([
      [0, "OrderPlaced"],
      [1, "PaymentRequested"],
    ]);
    expect(forward.next).toBe(2);
    const rest = await readStream(db(), order, ALL, { fromVersion: forward.next!, limit: 2 });
    expect(rest.items.map((e) => e.version)).toEqual([2]);
    expect(rest.next).toBeNull();
    const backward = await readStream(db(), order, ALL, { direction: "backward", limit: 2 });
    expect(backward.items.map((e) => e.version)).toEqual([2, 1]);
    expect(
      (await readStream(db(), order, ALL, { direction: "backward", fromVersion: backward.next!, limit: 5 })).items.map(
        (e) => e.version,
      ),
    ).toEqual([0]);
    expect((await readStream(db(), "No-such-stream", ALL)).items).toEqual([]);
  });

  it("reads one correlation and the causation links", async () => {
    const flow = await readCorrelation(db(), ids[0]!, ALL);
    expect(flow.items.map((e) => e.id)).toEqual(ids);
    const [first, fourth] = [await getEvent(db(), ids[0]!, ALL), await getEvent(db(), ids[3]!, ALL)];
    expect((await readCause(db(), fourth, ALL))?.id).toBe(ids[1]);
    expect(await readCause(db(), first, ALL)).toBeNull();
    // Causes resolve within the event's own tenant: the same ids under another tenant find nothing.
    expect(await readCause(db(), { ...fourth, tenant: "elsewhere" }, ALL)).toBeNull();
    expect((await readCaused(db(), { ...first, tenant: "elsewhere" }, ALL)).items).toEqual([]);
    const children = await readCaused(db(), first, ALL, { limit: 1 });
    expect(children.items.map((e) => e.id)).toEqual([ids[1]]);
    expect((await readCaused(db(), first, ALL, { after: children.next! })).items.map((e) => e.id)).toEqual([ids[2]]);
    await expect(getEvent(db(), randomUUID(), ALL)).rejects.toBeInstanceOf(NotFound);
  });

  it("links stored events into another stream, idempotently", async () => {
    const audit = `Audit-${tag}`;
    const linked = await linkEvents(
      db(),
      { stream: audit, eventIds: [ids[0]!, ids[3]!], expectedVersion: "none" },
      ALL,
    );
    expect(linked.links.map((l) => l.version)).toEqual([0, 1]);
    expect((await linkEvents(db(), { stream: audit, eventIds: [ids[0]!, ids[3]!] }, ALL)).replayed).toBe(true);
    await expect(linkEvents(db(), { stream: audit, eventIds: [ids[0]!, ids[1]!] }, ALL)).rejects.toBeInstanceOf(
      EventAlreadyInStream,
    );
    await expect(linkEvents(db(), { stream: audit, eventIds: [randomUUID()] }, ALL)).rejects.toBeInstanceOf(NotFound);
    await expect(
      linkEvents(db(), { stream: audit, eventIds: [ids[1]!], expectedVersion: 0 }, ALL),
    ).rejects.toMatchObject({ current: 1 });
    const event = await getEvent(db(), ids[3]!, ALL);
    expect(event.streams).toEqual([
      { name: `Shipment-${tag}`, version: 0 },
      { name: audit, version: 1 },
    ]);
    expect((await readStream(db(), audit, ALL)).items.map((e) => e.id)).toEqual([ids[0], ids[3]]);
  });

  it("lists streams by prefix with counts, keyset-paginated", async () => {
    const first = await listStreams(db(), ALL, { prefix: `Order-${tag}`, limit: 1 });
    expect(first.items).toMatchObject([{ name: order, version: 2, eventCount: 3 }]);
    const second = await listStreams(db(), ALL, { prefix: `Order-${tag}`, after: first.next!, limit: 1 });
    expect(second.items.map((s) => s.name)).toEqual([`Order-${tag}-b`]);
    expect(second.next).toBeNull();
    expect((await listStreams(db(), ALL, { prefix: "%" })).items).toEqual([]);
    expect(Date.parse(first.items[0]!.lastAt)).toBeGreaterThanOrEqual(Date.parse(first.items[0]!.firstAt));
  });
});
