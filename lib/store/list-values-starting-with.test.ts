import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { describeEachDatabase } from "../testing/test-database";
import { appendEvents } from "./append-events";
import { listValuesStartingWith } from "./list-values-starting-with";

describeEachDatabase("listValuesStartingWith", (db) => {
  const tag = `V${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  const values = (field: "type" | "actor" | "tenant", prefix: string, limit = 20, scope = "all-tenants" as const) =>
    listValuesStartingWith(db(), scope, { field, prefix, limit });

  beforeAll(async () => {
    // A common type recorded last, so the rare ones are neither newest nor frequent.
    await appendEvents(db(), { events: [{ type: `${tag}.rare`, tenant: "acme", actor: { id: `${tag}-bob` } }] });
    await appendEvents(db(), {
      events: [
        { type: `${tag}_under`, tenant: "globex", actor: { id: `${tag} O'Brien "Öz"` } },
        { type: `${tag}Xunder`, tenant: "globex", actor: { id: `${tag}😀x` } },
        { type: `${tag}.Zeta`, tenant: "globex", actor: { id: `${tag}😁x` } },
        { type: `${tag}.alpha` },
      ],
    });
    await appendEvents(db(), {
      events: Array.from({ length: 30 }, () => ({ type: `${tag}.common`, tenant: "acme", actor: { id: `${tag}-al` } })),
    });
  });

  it("lists the distinct values starting with the prefix, in byte order, however rare or old", async () => {
    expect(await values("type", `${tag}.`)).toEqual({
      values: [`${tag}.Zeta`, `${tag}.alpha`, `${tag}.common`, `${tag}.rare`],
      complete: true,
    });
    expect(await values("type", `${tag}.c`)).toEqual({ values: [`${tag}.common`], complete: true });
    expect(await values("type", `${tag}.none`)).toEqual({ values: [], complete: true });
  });

  it("stops at the limit and then says the list is not complete", async () => {
    expect(await values("type", `${tag}.`, 2)).toEqual({ values: [`${tag}.Zeta`, `${tag}.alpha`], complete: false });
    expect(await values("type", `${tag}.`, 4)).toMatchObject({ complete: true });
    expect((await values("type", "", 3)).values).toHaveLength(3);
  });

  it("takes the prefix as plain text: no wildcards, exact case, quotes and non-ASCII as written", async () => {
    expect((await values("type", `${tag}_`)).values).toEqual([`${tag}_under`]); // LIKE's _ would match X too
    expect((await values("type", `${tag}%`)).values).toEqual([]);
    expect((await values("type", `${tag}.zeta`)).values).toEqual([]);
    expect((await values("actor", `${tag} O'Brien "Ö`)).values).toEqual([`${tag} O'Brien "Öz"`]);
    expect((await values("actor", `${tag}😀`)).values).toEqual([`${tag}😀x`]);
    expect((await values("actor", `${tag}\\`)).values).toEqual([]);
  });

  it("refuses a prefix the database cannot take", async () => {
    await expect(values("type", "a\u0000")).rejects.toBeInstanceOf(ValidationError);
    await expect(values("type", "a\uD800")).rejects.toBeInstanceOf(ValidationError);
    await expect(values("type", "a", 0)).rejects.toBeInstanceOf(ValidationError);
  });

  it("within a tenant, lists only that tenant's values: its own tenant, never another's", async () => {
    const globex = { tenant: "globex" };
    const of = async (field: "type" | "actor" | "tenant", prefix: string, scope: { tenant: string }) =>
      (await listValuesStartingWith(db(), scope, { field, prefix, limit: 20 })).values;
    expect(await of("type", tag, globex)).toEqual([`${tag}.Zeta`, `${tag}Xunder`, `${tag}_under`]);
    expect(await of("actor", tag, globex)).toEqual([`${tag} O'Brien "Öz"`, `${tag}😀x`, `${tag}😁x`]);
    expect(await of("type", `${tag}.`, { tenant: "acme" })).toEqual([`${tag}.common`, `${tag}.rare`]);
    expect(await of("actor", tag, { tenant: "acme" })).toEqual([`${tag}-al`, `${tag}-bob`]);
    expect(await of("type", tag, { tenant: "initech" })).toEqual([]);
    expect(await of("tenant", "", globex)).toEqual(["globex"]);
    expect(await of("tenant", "a", globex)).toEqual([]);
    expect((await values("tenant", "")).values).toEqual(expect.arrayContaining(["acme", "globex"]));
  });
});
