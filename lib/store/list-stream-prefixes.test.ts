import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { linkEvents } from "./link-events";
import { listStreamPrefixes, STREAM_PREFIX_LIMITS } from "./list-stream-prefixes";
import type { TenantScope } from "./tenant-scope";

describeEachDatabase("listStreamPrefixes", (db) => {
  const tag = `S${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const prefixes = async (prefix: string, scope: TenantScope = "all-tenants", limit = 20) =>
    listStreamPrefixes(db(), scope, { prefix, limit });
  /** As the search box offers them: `Order-*` for a prefix, the name for a whole stream. */
  const terms = async (prefix: string, scope: TenantScope = "all-tenants", limit = 20) =>
    (await prefixes(prefix, scope, limit)).values.map((v) => (v.prefix ? `${v.value}*` : v.value));
  const acme = { tenant: "acme" };
  const globex = { tenant: "globex" };

  beforeAll(async () => {
    const event = (tenant: string, ...links: string[]) => ({ type: "T", tenant, links });
    await appendEvents(db(), {
      events: [
        event("acme", `${tag}-acme-1`, `${tag}-acme-2`, `${tag}only-acme-1`, tag),
        event("acme", `${tag}-acme-1`, `${tag}x`, `${tag}-acme-3-a`),
        event("globex", `${tag}-globex-1`, `${tag}_-1`, `${tag}%-1`, `${tag}"q"-1`, `${tag}Ö-1`, `${tag}Ö-2-b`),
      ],
    });
  });

  it("lists the next segment of every stream name starting with the prefix, exactly", async () => {
    expect(await prefixes(tag)).toEqual({
      values: [
        { value: tag, prefix: false },
        { value: `${tag}"q"-`, prefix: true },
        { value: `${tag}%-`, prefix: true },
        { value: `${tag}-`, prefix: true },
        { value: `${tag}_-`, prefix: true },
        { value: `${tag}only-`, prefix: true },
        { value: `${tag}x`, prefix: false },
        { value: `${tag}Ö-`, prefix: true },
      ],
      complete: true,
    });
    expect(await terms(`${tag}-`)).toEqual([`${tag}-acme-*`, `${tag}-globex-*`]);
    expect(await terms(`${tag}-acme-`)).toEqual([`${tag}-acme-1`, `${tag}-acme-2`, `${tag}-acme-3-*`]);
    expect(await terms(`${tag}-acme-1`)).toEqual([`${tag}-acme-1`]);
    expect(await terms(`${tag}-nobody`)).toEqual([]);
  });

  it("stops at the limit and then says the list is not complete", async () => {
    expect(await prefixes(tag, "all-tenants", 2)).toEqual({
      values: [
        { value: tag, prefix: false },
        { value: `${tag}"q"-`, prefix: true },
      ],
      complete: false,
    });
    expect((await prefixes("", "all-tenants", 1)).values).toHaveLength(1);
  });

  it("takes the prefix as plain text: %, _, quotes and non-ASCII as written", async () => {
    expect(await terms(`${tag}_`)).toEqual([`${tag}_-*`]); // LIKE's _ would match every one
    expect(await terms(`${tag}%`)).toEqual([`${tag}%-*`]);
    expect(await terms(`${tag}"`)).toEqual([`${tag}"q"-*`]);
    expect(await terms(`${tag}Ö-`)).toEqual([`${tag}Ö-1`, `${tag}Ö-2-*`]);
    expect(await terms(`${tag}ö`)).toEqual([]);
    await expect(prefixes("a\u0000")).rejects.toBeInstanceOf(ValidationError);
  });

  it("within a tenant, lists parts of its own streams only", async () => {
    expect(await terms(tag, globex)).toEqual([`${tag}"q"-*`, `${tag}%-*`, `${tag}-*`, `${tag}_-*`, `${tag}Ö-*`]);
    expect(await terms(`${tag}-`, globex)).toEqual([`${tag}-globex-*`]);
    expect(await terms(`${tag}-acme`, globex)).toEqual([]);
    expect(await terms(`${tag}only`, globex)).toEqual([]);
    expect(await terms(tag, acme)).toEqual([tag, `${tag}-*`, `${tag}only-*`, `${tag}x`]);
    expect(await terms(`${tag}-`, acme)).toEqual([`${tag}-acme-*`]);
    expect(await terms(tag, { tenant: "initech" })).toEqual([]);
    expect((await prefixes(tag, globex)).complete).toBe(false);
  });

  it("within a tenant, stays bounded where other tenants' streams come first, and finds its newest", async () => {
    const many = STREAM_PREFIX_LIMITS.walkSteps + 10;
    await appendEvents(db(), {
      events: Array.from({ length: many }, (_, i) => ({ type: "T", tenant: "acme", links: [`${tag}w-${1000 + i}`] })),
    });
    // Started by acme, joined later by globex: visible to globex, which the walk (version 0) misses.
    await appendEvents(db(), { events: [{ type: "T", tenant: "acme", links: [`${tag}shared`] }] });
    const [joined] = (await appendEvents(db(), { events: [{ type: "T", tenant: "globex" }] })).events;
    await linkEvents(db(), { eventIds: [joined!.id], stream: `${tag}shared` }, globex);
    await appendEvents(db(), { events: [{ type: "T", tenant: "globex", links: [`${tag}w-9999`] }] });
    expect(await terms(`${tag}w-`, globex)).toEqual([`${tag}w-9999`]);
    expect(await terms(`${tag}sh`, globex)).toEqual([`${tag}shared`]);
    expect(await terms(`${tag}w-`, acme, 3)).toEqual([`${tag}w-1000`, `${tag}w-1001`, `${tag}w-1002`]);
  });
});
