import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { getEvent } from "./get-event";
import { readPreviousInStreams } from "./read-previous-in-streams";

describeEachDatabase("readPreviousInStreams", (db) => {
  const tag = randomUUID().slice(0, 8);
  const cart = `Cart-${tag}`;
  const user = `User-${tag}`;
  const shared = `Shared-${tag}`;
  let ids: string[] = [];

  beforeAll(async () => {
    const first = await appendEvents(db(), { stream: cart, events: [{ type: "Opened", data: { n: 1 } }] });
    const other = await appendEvents(db(), { stream: user, events: [{ type: "Seen", data: { n: 2 } }] });
    // In both streams: version 1 of the cart, version 1 of the user (through a link).
    const both = await appendEvents(db(), {
      stream: cart,
      events: [{ type: "Added", data: { n: 3 }, links: [user] }],
    });
    const theirs = await appendEvents(db(), { stream: shared, events: [{ type: "X", tenant: "globex" }] });
    const mine = await appendEvents(db(), { stream: shared, events: [{ type: "Y", tenant: "acme" }] });
    ids = [first, other, both, theirs, mine].map((result) => result.events[0]!.id);
  });

  const previousOf = async (id: string, scope: "all-tenants" | { tenant: string } = "all-tenants") =>
    readPreviousInStreams(db(), (await getEvent(db(), id, "all-tenants")).position, scope);

  it("finds version - 1 in every stream the event is in, in membership order", async () => {
    const found = await previousOf(ids[2]!);
    expect(found.map(({ stream, version, previous }) => [stream, version, previous.id])).toEqual([
      [cart, 1, ids[0]],
      [user, 1, ids[1]],
    ]);
    expect(found[0]!.previous.data).toEqual({ n: 1 });
  });

  it("has nothing for a stream's first event", async () => {
    expect(await previousOf(ids[0]!)).toEqual([]);
  });

  it("leaves out a previous event outside the reader's tenant", async () => {
    expect(await previousOf(ids[4]!, { tenant: "acme" })).toEqual([]);
    expect((await previousOf(ids[4]!, { tenant: "globex" })).map((entry) => entry.previous.id)).toEqual([ids[3]]);
    expect((await previousOf(ids[4]!)).map((entry) => entry.previous.id)).toEqual([ids[3]]);
  });
});
