import { randomUUID } from "node:crypto";
import canonicalize from "canonicalize";
import { expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { EventIdConflict, ValidationError, WrongExpectedVersion } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { toStoredEvent } from "./event-record";
import { getEvent } from "./get-event";
import { GENESIS_HASH } from "./hash-event";

const countEvents = async (db: ReturnType<Parameters<Parameters<typeof describeEachDatabase>[1]>[0]>) =>
  Number((await db.query<{ n: bigint }>(Prisma.sql`SELECT count(*) AS n FROM events`))[0]!.n);

describeEachDatabase("appendEvents", (db) => {
  it("stores a batch with gapless positions, stream versions and a hash chain", async () => {
    const stream = `Order-${randomUUID()}`;
    const { events, replayed } = await appendEvents(db(), {
      stream,
      expectedVersion: "none",
      events: [
        { type: "OrderPlaced", data: { amount: 10 } },
        { type: "OrderPaid", data: { amount: 10 }, links: ["Payments", stream] },
      ],
    });
    expect(replayed).toBe(false);
    expect(events.map((e) => e.streams)).toEqual([
      [{ name: stream, version: 0 }],
      [
        { name: stream, version: 1 },
        { name: "Payments", version: 0 },
      ],
    ]);
    expect(BigInt(events[1]!.position)).toBe(BigInt(events[0]!.position) + 1n);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(await getEvent(db(), events[1]!.id, "all-tenants")).toEqual(toStoredEvent(events[1]!));
  });

  it("starts the chain at the genesis hash", async () => {
    const rows = await db().query<{ prev_hash: string }>(Prisma.sql`SELECT prev_hash FROM events WHERE position = 1`);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
  });

  it("checks every kind of expected version and writes nothing on a mismatch", async () => {
    const stream = `Cart-${randomUUID()}`;
    const one = { type: "ItemAdded" };
    await expect(appendEvents(db(), { stream, expectedVersion: "exists", events: [one] })).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    await expect(appendEvents(db(), { stream, expectedVersion: 0, events: [one] })).rejects.toMatchObject({
      current: null,
    });
    await appendEvents(db(), { stream, expectedVersion: "none", events: [one, one] });
    await expect(appendEvents(db(), { stream, expectedVersion: "none", events: [one] })).rejects.toMatchObject({
      code: "wrong_expected_version",
      current: 1,
    });
    await expect(appendEvents(db(), { stream, expectedVersion: 0, events: [one] })).rejects.toMatchObject({
      current: 1,
    });
    const before = await countEvents(db());
    await expect(appendEvents(db(), { stream, expectedVersion: 5, events: [one, one] })).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    expect(await countEvents(db())).toBe(before);
    const ok = await appendEvents(db(), { stream, expectedVersion: 1, events: [one] });
    expect(ok.events[0]!.streams[0]!.version).toBe(2);
    await appendEvents(db(), { stream, expectedVersion: "exists", events: [one] });
    await appendEvents(db(), { stream, events: [one] });
  });

  it("replays an identical batch without writing and refuses changed content", async () => {
    const stream = `Invoice-${randomUUID()}`;
    const batch = { stream, events: [{ id: randomUUID(), type: "InvoiceIssued", data: { total: 5 } }] };
    const first = await appendEvents(db(), batch);
    const before = await countEvents(db());
    const again = await appendEvents(db(), { ...batch, expectedVersion: "none" });
    expect(again).toEqual({ events: first.events, replayed: true });
    expect(await countEvents(db())).toBe(before);
    const changed = { stream, events: [{ ...batch.events[0]!, data: { total: 6 } }] };
    await expect(appendEvents(db(), changed)).rejects.toBeInstanceOf(EventIdConflict);
    const otherStream = { stream: `${stream}-x`, events: batch.events };
    await expect(appendEvents(db(), otherStream)).rejects.toMatchObject({ code: "event_id_conflict" });
    const mixed = { stream, events: [...batch.events, { id: randomUUID(), type: "InvoicePaid" }] };
    await expect(appendEvents(db(), mixed)).rejects.toBeInstanceOf(EventIdConflict);
    expect(await countEvents(db())).toBe(before);
  });

  it("takes one id once per tenant in one batch (twice for one tenant is refused: see below)", async () => {
    const id = randomUUID();
    const twins = await appendEvents(db(), {
      events: [
        { id, type: "A", tenant: "one" },
        { id, type: "A", tenant: "two" },
      ],
    });
    expect(twins.events.map((e) => [e.id, e.tenant])).toEqual([
      [id, "one"],
      [id, "two"],
    ]);
  });

  it("inherits the cause's correlation, else uses the event's own id", async () => {
    const root = (await appendEvents(db(), { events: [{ type: "Root" }] })).events[0]!;
    expect(root.correlationId).toBe(root.id);
    const { events } = await appendEvents(db(), {
      events: [
        { id: randomUUID(), type: "Child", causationId: root.id },
        { type: "Explicit", causationId: root.id, correlationId: "trace-42" },
      ],
    });
    expect(events[0]!.correlationId).toBe(root.id);
    expect(events[1]!.correlationId).toBe("trace-42");
    const inBatch = await appendEvents(db(), {
      events: [
        { id: randomUUID(), type: "A", correlationId: "flow-1" },
        { type: "B", causationId: undefined },
      ].map((event, i, all) => (i === 1 ? { ...event, causationId: all[0]!.id } : event)),
    });
    expect(inBatch.events[1]!.correlationId).toBe("flow-1");
    const unknownCause = await appendEvents(db(), { events: [{ type: "Orphan", causationId: randomUUID() }] });
    expect(unknownCause.events[0]!.correlationId).toBe(unknownCause.events[0]!.id);
  });

  it("refuses hostile or malformed input with every failing path and writes nothing", async () => {
    const before = await countEvents(db());
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const cases = [
      { events: [{ type: "bad type!" }] },
      { events: [{ type: "Ok", data: { "k\u0000": 1 } }] },
      { events: [{ type: "Ok", data: { s: "a\u0000b" } }] },
      { events: [{ type: "Ok", data: deep }] },
      { events: [{ type: "Ok", data: { big: "x".repeat(70_000) } }] },
      { events: [{ type: "Ok", data: { lone: "\ud800" } }] },
      { events: [{ type: "Ok", data: [1, 2] }] },
      { events: [{ type: "Ok", occurredAt: new Date(Date.now() + 3_600_000).toISOString() }] },
      { events: [] },
      { stream: "bad\nstream", events: [{ type: "Ok" }] },
      { events: [{ type: "Ok", id: "not-a-uuid" }] },
    ];
    for (const batch of cases) {
      await expect(appendEvents(db(), batch as never), JSON.stringify(batch).slice(0, 80)).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
    const twoBad = appendEvents(db(), {
      events: [{ type: "Ok" }, { type: "" }, { type: "Ok", data: { s: "\u0000" } }],
    });
    await expect(twoBad).rejects.toMatchObject({ issues: [{ path: "events.1.type" }, { path: "events.2.data.s" }] });
    const id = randomUUID();
    await expect(
      appendEvents(db(), {
        events: [
          { id, type: "A" },
          { id, type: "B" },
        ],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await countEvents(db())).toBe(before);
  });

  it("keeps data exactly, including awkward keys and numbers", async () => {
    const data = JSON.parse(
      '{"__proto__": {"x": 1}, "n": 1.5e300, "neg": -0.001, "u": "é😀", "script": "<script>alert(1)</script>"}',
    );
    const { events } = await appendEvents(db(), { events: [{ type: "Weird", data }] });
    const stored = await getEvent(db(), events[0]!.id, "all-tenants");
    // jsonb reorders keys; canonical JSON (what the hash covers) must be identical.
    expect(canonicalize(stored.data)).toBe(canonicalize(data));
    expect(Object.keys(stored.data)).toContain("__proto__");
  });
});
