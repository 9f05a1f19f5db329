import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EventIdConflict, Unauthorized, ValidationError, WrongExpectedVersion } from "../errors";
import type { AppendContext } from "./build-event-rows";
import { type AppendRequest, decideAppends } from "./decide-appends";
import { eventKey } from "./event-key";
import type { EventRecord } from "./event-record";
import { hashedFieldsOf } from "./event-record";
import { GENESIS_HASH, hashEvent } from "./hash-event";

const empty = (): AppendContext => ({
  head: { position: 0n, hash: GENESIS_HASH, recordedAt: new Date(0) },
  streamVersions: new Map(),
  causes: new Map(),
  now: new Date("2026-11-27T12:00:00.000Z"),
});

const request = (batch: Partial<AppendRequest["batch"]> & Pick<AppendRequest["batch"], "events">): AppendRequest => ({
  batch: { expectedVersion: "any", ...batch },
  writer: "key-1",
});

describe("decideAppends: each request of a group decided as if it ran alone, in order", () => {
  it("continues positions, the hash chain and stream versions across the group's requests", () => {
    const outcomes = decideAppends(
      [
        request({ stream: "S", expectedVersion: "none", events: [{ type: "A" }, { type: "B" }] }),
        request({ stream: "S", expectedVersion: 1, events: [{ type: "C" }] }),
        request({ stream: "T", events: [{ type: "D", links: ["S"] }] }),
      ],
      empty(),
      [],
    );
    const rows = outcomes.flatMap((o) => (o.kind === "append" ? o.events : []));
    expect(outcomes.map((o) => o.kind)).toEqual(["append", "append", "append"]);
    expect(rows.map((r) => r.position)).toEqual(["1", "2", "3", "4"]);
    expect(rows.map((r) => r.streams)).toEqual([
      [{ name: "S", version: 0 }],
      [{ name: "S", version: 1 }],
      [{ name: "S", version: 2 }],
      [
        { name: "T", version: 0 },
        { name: "S", version: 3 },
      ],
    ]);
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prevHash).toBe(prev);
      expect(row.hash).toBe(hashEvent(prev, hashedFieldsOf(row)));
      expect(row.writer).toBe("key-1");
      prev = row.hash;
    }
  });

  it("refuses a request whose key is no longer live, and only that one", () => {
    const live = randomUUID();
    const revoked = randomUUID();
    const context = { ...empty(), liveKeys: new Set([live]) };
    const outcomes = decideAppends(
      [
        { ...request({ events: [{ type: "Revoked" }] }), liveKey: revoked },
        { ...request({ events: [{ type: "Live" }] }), liveKey: live },
        request({ events: [{ type: "NoKeyToCheck" }] }),
      ],
      context,
      [],
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["refused", "append", "append"]);
    expect((outcomes[0] as { error: unknown }).error).toBeInstanceOf(Unauthorized);
    expect((outcomes[0] as { error: Error }).error.message).toMatch(/revoked/);
    expect(outcomes.flatMap((o) => (o.kind === "append" ? o.events.map((e) => e.position) : []))).toEqual(["1", "2"]);
    // Without the live keys read, a request that names a key is refused: never written unchecked.
    expect(decideAppends([{ ...request({ events: [{ type: "X" }] }), liveKey: live }], empty(), [])[0]!.kind).toBe(
      "refused",
    );
  });

  it("refuses a request without changing what the next one sees", () => {
    const outcomes = decideAppends(
      [
        request({ stream: "S", expectedVersion: 4, events: [{ type: "Wrong" }] }),
        request({ events: [{ type: "Future", occurredAt: "2026-11-27T12:06:00.000Z" }] }),
        request({ stream: "S", expectedVersion: "none", events: [{ type: "Right" }] }),
      ],
      empty(),
      [],
    );
    expect(outcomes[0]).toMatchObject({ kind: "refused", error: expect.any(WrongExpectedVersion) });
    expect((outcomes[0] as { error: WrongExpectedVersion }).error.current).toBeNull();
    expect(outcomes[1]).toMatchObject({ kind: "refused", error: expect.any(ValidationError) });
    expect(outcomes[2]).toMatchObject({ kind: "append", events: [{ position: "1", prevHash: GENESIS_HASH }] });
  });

  it("answers a replay of an earlier request of the group with its rows, and a changed one with a conflict", () => {
    const id = randomUUID();
    const outcomes = decideAppends(
      [
        request({ stream: "S", events: [{ id, type: "Paid", data: { cents: 5 } }] }),
        request({ stream: "S", events: [{ id, type: "Paid", data: { cents: 5 } }] }),
        request({ stream: "S", events: [{ id, type: "Paid", data: { cents: 6 } }] }),
        request({ stream: "S", events: [{ type: "New" }, { id, type: "Paid", data: { cents: 5 } }] }),
      ],
      empty(),
      [],
    );
    expect(outcomes[0]!.kind).toBe("append");
    expect(outcomes[1]).toEqual({ kind: "replay", events: (outcomes[0] as { events: unknown }).events });
    expect(outcomes[2]).toMatchObject({ kind: "refused", error: expect.any(EventIdConflict) });
    expect(outcomes[3]).toMatchObject({ kind: "refused", error: expect.any(EventIdConflict) });
  });

  it("inherits a cause's correlation only within the cause's tenant, including causes earlier in the group", () => {
    const stored = randomUUID();
    const context = empty();
    context.causes.set(eventKey("b", stored), { correlationId: "flow-b" });
    const first = randomUUID();
    const outcomes = decideAppends(
      [
        request({ events: [{ id: first, type: "Start", tenant: "a", correlationId: "flow-a" }] }),
        request({ events: [{ type: "Mine", tenant: "a", causationId: first }] }),
        request({ events: [{ type: "Foreign", tenant: "a", causationId: stored }] }),
        request({ events: [{ type: "Same", tenant: "b", causationId: stored }] }),
        request({ events: [{ type: "Untenanted", causationId: first }] }),
      ],
      context,
      [],
    );
    const rows = outcomes.flatMap((o) => (o.kind === "append" ? o.events : []));
    expect(rows.map((r) => r.correlationId)).toEqual(["flow-a", "flow-a", rows[2]!.id, "flow-b", rows[4]!.id]);
    expect(rows[2]!.causationId).toBe(stored); // the claim is kept as given; only the inheritance is refused
  });

  it("treats an id another tenant holds as free: ids are unique per tenant", () => {
    const id = randomUUID();
    const theirs = decideAppends([request({ events: [{ id, type: "Theirs", tenant: "b" }] })], empty(), []);
    const stored = (theirs[0] as { events: EventRecord[] }).events;
    const outcomes = decideAppends(
      [
        request({ events: [{ id, type: "Mine", tenant: "a" }] }),
        request({ events: [{ id, type: "Mine", tenant: "a" }] }),
        request({ events: [{ id, type: "Other", tenant: "a" }] }),
        request({ events: [{ id, type: "Theirs", tenant: "b" }] }),
        request({ events: [{ id, type: "Unbound" }] }),
      ],
      empty(),
      stored,
    );
    expect(outcomes.map((o) => o.kind)).toEqual(["append", "replay", "refused", "replay", "append"]);
    expect(outcomes[2]).toMatchObject({ error: expect.any(EventIdConflict) });
    expect((outcomes[3] as { events: EventRecord[] }).events).toEqual(stored);
  });
});
