import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { InvalidQuery } from "../errors";
import { appendEvents } from "../store/append-events";
import { positionAtTime } from "../store/position-at-time";
import { describeEachDatabase } from "../testing/test-database";
import { searchEvents } from "./search-events";

describeEachDatabase("searchEvents", (db) => {
  const tag = randomUUID().slice(0, 8);
  const ids: Record<string, string> = {};
  const find = async (q: string, tenant?: string) =>
    (await searchEvents(db(), { q: `${q} tag-${tag}`, limit: 100 }, tenant ? { tenant } : "all-tenants")).events
      .map((e) => e.type)
      .sort();

  beforeAll(async () => {
    const { events } = await appendEvents(db(), {
      events: [
        {
          type: "OrderPlaced",
          tenant: "acme",
          actor: { id: "u-42" },
          data: { amount: 250, note: `tag-${tag}`, items: [{ sku: "A-1" }] },
          links: [`Order-${tag}`],
        },
        {
          type: "OrderPaid",
          tenant: "acme",
          actor: { id: "u-42" },
          data: { amount: 50, note: `tag-${tag} card declined then ok` },
          links: [`Order-${tag}`],
        },
        {
          type: "user.login",
          tenant: "globex",
          actor: { id: "u-7" },
          data: { note: `tag-${tag}`, ok: true },
          occurredAt: "2026-01-15T10:00:00Z",
        },
        { type: "Heartbeat", data: { note: `tag-${tag}`, amount: "300" } },
      ],
    });
    for (const event of events) ids[event.type] = event.id;
  });

  it("filters by every field kind", async () => {
    expect(await find("type:Order*")).toEqual(["OrderPaid", "OrderPlaced"]);
    expect(await find("type:OrderPaid")).toEqual(["OrderPaid"]);
    expect(await find("-type:Heartbeat -type:Order*")).toEqual(["user.login"]);
    expect(await find("actor:u-42")).toEqual(["OrderPaid", "OrderPlaced"]);
    expect(await find("tenant:globex")).toEqual(["user.login"]);
    expect(await find("-tenant:acme")).toEqual(["Heartbeat", "user.login"]);
    expect(await find(`stream:Order-${tag}`)).toEqual(["OrderPaid", "OrderPlaced"]);
    expect(await find(`stream:Order-${tag.slice(0, 4)}*`)).toEqual(["OrderPaid", "OrderPlaced"]);
    expect(await find(`id:${ids.OrderPaid}`)).toEqual(["OrderPaid"]);
    expect(await find(`correlation:${ids.Heartbeat}`)).toEqual(["Heartbeat"]);
    expect(await find("data.amount:>100")).toEqual(["OrderPlaced"]); // "300" is a string: not compared as a number
    expect(await find("data.amount:300")).toEqual(["Heartbeat"]);
    expect(await find("data.amount:<=50")).toEqual(["OrderPaid"]);
    expect(await find("data.amount:250")).toEqual(["OrderPlaced"]);
    expect(await find("data.items.sku:A-1")).toEqual(["OrderPlaced"]);
    expect(await find("data.ok:true")).toEqual(["user.login"]);
    expect(await find("occurred:2026-01-15")).toEqual(["user.login"]);
    expect(await find("occurred:<2026-01-15")).toEqual([]);
    expect(await find("occurred:2026-01-01..2026-01-31")).toEqual(["user.login"]);
    expect(await find(`recorded:>=${new Date(Date.now() - 3_600_000).toISOString()}`)).toHaveLength(4);
  });

  it("combines terms with OR, AND, NOT and parentheses", async () => {
    expect(await find("(type:OrderPaid OR type:Heartbeat)")).toEqual(["Heartbeat", "OrderPaid"]);
    expect(await find("(type:Order* OR tenant:globex) -actor:u-7")).toEqual(["OrderPaid", "OrderPlaced"]);
    expect(await find("type:Heartbeat OR tenant:acme data.amount:>100")).toEqual(["Heartbeat", "OrderPlaced"]);
    expect(await find("NOT (tenant:acme OR tenant:globex)")).toEqual(["Heartbeat"]);
    expect(await find(`-(type:Order* AND "card declined")`)).toEqual(["Heartbeat", "OrderPlaced", "user.login"]);
    expect(await find(`("card declined" OR login) (actor:u-42 OR actor:u-7)`)).toEqual(["OrderPaid", "user.login"]);
  });

  it("keeps relative times relative: now-1h is an hour before each search", async () => {
    expect(await find("recorded:>=now-1h")).toHaveLength(4);
    expect(await find("recorded:now-1h..now")).toHaveLength(4);
    expect(await find("recorded:<now-1h")).toEqual([]);
    expect(await find("recorded:>now+1m")).toEqual([]);
  });

  it("searches free text and phrases through the full-text index", async () => {
    expect(await find(`"card declined"`)).toEqual(["OrderPaid"]);
    expect(await find(`"declined card"`)).toEqual([]);
    expect(await find("login")).toEqual(["user.login"]);
    expect(await find(`-"card declined" type:Order*`)).toEqual(["OrderPlaced"]);
  });

  it("confines a tenant to its own events whatever the query says", async () => {
    expect(await find("", "acme")).toEqual(["OrderPaid", "OrderPlaced"]);
    expect(await find("tenant:globex", "acme")).toEqual([]);
  });

  it("pages with next and prev cursors without losing its place", async () => {
    const q = `tag-${tag}`;
    const first = await searchEvents(db(), { q, limit: 3 }, "all-tenants");
    expect(first.prev).toBeNull();
    expect(first.events.map((e) => e.type)).toEqual(["Heartbeat", "user.login", "OrderPaid"]);
    const second = await searchEvents(db(), { q, limit: 3, cursor: first.next! }, "all-tenants");
    expect(second.events.map((e) => e.type)).toEqual(["OrderPlaced"]);
    expect(second.next).toBeNull();
    const back = await searchEvents(db(), { q, limit: 3, cursor: second.prev! }, "all-tenants");
    expect(back.events.map((e) => e.type)).toEqual(["OrderPaid", "user.login", "Heartbeat"]);
    const follow = await searchEvents(db(), { q, after: first.events.at(-1)!.position }, "all-tenants");
    expect(follow.events.map((e) => e.type)).toEqual(["user.login", "Heartbeat"]);
  });

  it("treats hostile queries as data", async () => {
    for (const q of [`'; DROP TABLE events; --`, `data.a'b:1`, `type:%`, `"\\u0000"`, `data.x:"') OR 1=1 --"`]) {
      await searchEvents(db(), { q }, "all-tenants").catch((error) => expect(error).toBeInstanceOf(InvalidQuery));
    }
    expect(await find("type:%")).toEqual([]);
    await expect(searchEvents(db(), { cursor: "x1" }, "all-tenants")).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("searches and jumps to the ends of the calendar without a database error", async () => {
    expect(await find("recorded:0000-01-01")).toEqual([]);
    expect(await find("recorded:9999-12-31")).toEqual([]);
    expect(await find("recorded:>9999-12-31")).toEqual([]);
    expect(await find("recorded:<=9999-12-31")).toHaveLength(4);
    expect(await find("recorded:>=0000-01-01")).toHaveLength(4);
    expect(await find("recorded:0000-01-01..9999-12-31")).toHaveLength(4);
    expect(await find("occurred:0001-01-01T00:30+01:00")).toEqual([]); // year 0 in UTC
    expect(await find("occurred:<=9999-12-31")).toHaveLength(4);
    expect(await positionAtTime(db(), new Date("0000-01-01T00:00:00Z"))).toBe("0");
    expect(Number(await positionAtTime(db(), new Date(8.64e15)))).toBeGreaterThanOrEqual(4); // +275760-09-13
  });

  it("refuses a NUL in the query as a query problem, not a database error", async () => {
    for (const q of ["\u0000", "stream:\u0000", "a \u0000b"]) {
      await expect(searchEvents(db(), { q }, "all-tenants")).rejects.toBeInstanceOf(InvalidQuery);
    }
  });
});
