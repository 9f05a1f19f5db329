import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/test-database";
import { createApiKey } from "./create-api-key";
import { readKeyName } from "./read-key-name";

describeEachDatabase("readKeyName", (db) => {
  let operator = "";
  let acme = "";

  beforeAll(async () => {
    operator = (await createApiKey(db(), { name: "ops pipeline", scopes: ["write"] })).id;
    acme = (await createApiKey(db(), { name: "acme billing", scopes: ["write"], tenant: "acme" })).id;
  });

  it("names a key to a reader of every tenant", async () => {
    expect(await readKeyName(db(), operator, "all-tenants")).toBe("ops pipeline");
    expect(await readKeyName(db(), acme, "all-tenants")).toBe("acme billing");
  });

  it("names only its own tenant's keys to a tenant-bound reader", async () => {
    expect(await readKeyName(db(), acme, { tenant: "acme" })).toBe("acme billing");
    expect(await readKeyName(db(), acme, { tenant: "globex" })).toBeNull();
    expect(await readKeyName(db(), operator, { tenant: "acme" })).toBeNull();
  });

  it("has no name for the bootstrap token, an unknown key or a malformed id", async () => {
    expect(await readKeyName(db(), "bootstrap-token", "all-tenants")).toBeNull();
    expect(await readKeyName(db(), randomUUID(), "all-tenants")).toBeNull();
    expect(await readKeyName(db(), "not-a-uuid", "all-tenants")).toBeNull();
  });
});
