import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { appendEvents } from "../store/append-events";
import { describeEachDatabase } from "../testing/test-database";
import { suggestFieldValues } from "./suggest-field-values";
import { SUGGESTED_FIELDS } from "./suggest-terms";

describeEachDatabase("suggestFieldValues", (db) => {
  const tag = `F${randomUUID().replaceAll("-", "").slice(0, 10)}`;

  beforeAll(async () => {
    const event = (tenant: string, name: string) => ({
      type: `${tag}.${name}`,
      tenant: `${tag}${tenant}`,
      actor: { id: `${tag}-${name}` },
      links: [`${tag}-${name}-1`, `${tag}${name}`],
    });
    await appendEvents(db(), { events: [event("acme", "acme"), event("globex", "globex")] });
  });

  it("answers each field as its search term takes it: a stream prefix ends in *", async () => {
    const all = async (field: (typeof SUGGESTED_FIELDS)[number]) =>
      (await suggestFieldValues(db(), "all-tenants", field, tag)).values;
    expect(await all("type")).toEqual([`${tag}.acme`, `${tag}.globex`]);
    expect(await all("actor")).toEqual([`${tag}-acme`, `${tag}-globex`]);
    expect(await all("tenant")).toEqual([`${tag}acme`, `${tag}globex`]);
    expect(await all("stream")).toEqual([`${tag}-*`, `${tag}acme`, `${tag}globex`]);
    expect(await suggestFieldValues(db(), "all-tenants", "stream", `${tag}-`, 1)).toEqual({
      values: [`${tag}-acme-*`],
      complete: false,
    });
  });

  it("shows a tenant-bound reader nothing of another tenant, in any field", async () => {
    const globex = { tenant: `${tag}globex` };
    const seen: string[] = [];
    for (const field of SUGGESTED_FIELDS) {
      for (const prefix of [tag, `${tag}-`, `${tag}.`, `${tag}a`, ""]) {
        seen.push(...(await suggestFieldValues(db(), globex, field, prefix, 100)).values);
      }
    }
    expect(seen.filter((value) => value.includes("acme"))).toEqual([]);
    expect(seen).toEqual(expect.arrayContaining([`${tag}.globex`, `${tag}-globex`, `${tag}globex`, `${tag}-globex-*`]));
  });
});
